#pragma once

// Structured logging: one line per event, `module.what_happened` followed by key=value fields.
// Only <fmt/core.h> is included here so that every translation unit can log cheaply.
#include <fmt/core.h>

#include <optional>
#include <string_view>

namespace nectr::core {

enum class LogLevel { kDebug, kInfo, kWarn, kError, kOff };

// Parses "debug", "info", "warn"/"warning", "error", "off" (any case); nullopt otherwise.
std::optional<LogLevel> ParseLogLevel(std::string_view text);
std::string_view LogLevelName(LogLevel level);

// Sets the level and the sink (standard error, so that standard output stays free for
// `nectr mcp` and machine-readable command output). Safe to call again to change the level.
void InitLogging(LogLevel level);

bool LogEnabled(LogLevel level);
void LogWrite(LogLevel level, std::string_view event, std::string_view fields);

// Counts warnings so that /metrics can expose them (a warn means "degraded").
unsigned long long WarningCount();

}  // namespace nectr::core

#define NECTR_LOG_AT(level, event, ...)                                        \
    do {                                                                       \
        if (::nectr::core::LogEnabled(level)) {                                \
            ::nectr::core::LogWrite(level, event, ::fmt::format(__VA_ARGS__)); \
        }                                                                      \
    } while (false)

#define NECTR_LOG_DEBUG(event, ...) \
    NECTR_LOG_AT(::nectr::core::LogLevel::kDebug, event, __VA_ARGS__)
#define NECTR_LOG_INFO(event, ...) NECTR_LOG_AT(::nectr::core::LogLevel::kInfo, event, __VA_ARGS__)
#define NECTR_LOG_WARN(event, ...) NECTR_LOG_AT(::nectr::core::LogLevel::kWarn, event, __VA_ARGS__)
#define NECTR_LOG_ERROR(event, ...) \
    NECTR_LOG_AT(::nectr::core::LogLevel::kError, event, __VA_ARGS__)
