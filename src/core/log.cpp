#include "core/log.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <memory>
#include <mutex>
#include <string>

namespace nectr::core {
namespace {

std::atomic<int> g_level{static_cast<int>(LogLevel::kInfo)};
std::atomic<unsigned long long> g_warnings{0};

spdlog::logger& Logger() {
    static std::once_flag once;
    static std::shared_ptr<spdlog::logger> logger;
    std::call_once(once, [] {
        auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
        logger = std::make_shared<spdlog::logger>("nectr", sink);
        logger->set_formatter(std::make_unique<spdlog::pattern_formatter>(
            "%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc));
        logger->set_level(spdlog::level::trace);
        logger->flush_on(spdlog::level::trace);
    });
    return *logger;
}

spdlog::level::level_enum ToSpdlog(LogLevel level) {
    switch (level) {
        case LogLevel::kDebug:
            return spdlog::level::debug;
        case LogLevel::kInfo:
            return spdlog::level::info;
        case LogLevel::kWarn:
            return spdlog::level::warn;
        case LogLevel::kError:
            return spdlog::level::err;
        case LogLevel::kOff:
            return spdlog::level::off;
    }
    return spdlog::level::info;
}

}  // namespace

std::optional<LogLevel> ParseLogLevel(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "debug" || lower == "trace") {
        return LogLevel::kDebug;
    }
    if (lower == "info") {
        return LogLevel::kInfo;
    }
    if (lower == "warn" || lower == "warning") {
        return LogLevel::kWarn;
    }
    if (lower == "error" || lower == "critical") {
        return LogLevel::kError;
    }
    if (lower == "off") {
        return LogLevel::kOff;
    }
    return std::nullopt;
}

std::string_view LogLevelName(LogLevel level) {
    switch (level) {
        case LogLevel::kDebug:
            return "debug";
        case LogLevel::kInfo:
            return "info";
        case LogLevel::kWarn:
            return "warn";
        case LogLevel::kError:
            return "error";
        case LogLevel::kOff:
            return "off";
    }
    return "info";
}

void InitLogging(LogLevel level) {
    g_level.store(static_cast<int>(level));
    Logger();
}

bool LogEnabled(LogLevel level) {
    return static_cast<int>(level) >= g_level.load(std::memory_order_relaxed) &&
           level != LogLevel::kOff;
}

void LogWrite(LogLevel level, std::string_view event, std::string_view fields) {
    if (level == LogLevel::kWarn) {
        g_warnings.fetch_add(1, std::memory_order_relaxed);
    }
    if (fields.empty()) {
        Logger().log(ToSpdlog(level), "{}", event);
    } else {
        Logger().log(ToSpdlog(level), "{} {}", event, fields);
    }
}

unsigned long long WarningCount() { return g_warnings.load(std::memory_order_relaxed); }

}  // namespace nectr::core
