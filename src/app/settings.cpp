#include "app/settings.hpp"

#include <openssl/rand.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "app/integrations_setup.hpp"
#include "core/dotenv.hpp"
#include "core/log.hpp"

namespace nectr::app {
namespace {

namespace fs = std::filesystem;
using core::Errc;
using core::MakeError;

core::Result<std::string> ReadFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return MakeError(Errc::kInvalidInput, "cannot read " + path.string());
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string RandomKey() {
    unsigned char bytes[48];
    NECTR_ASSERT(RAND_bytes(bytes, sizeof bytes) == 1, "the OpenSSL random generator must work");
    static constexpr char kAlphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string key;
    for (unsigned char b : bytes) {
        key += kAlphabet[b % 64];
    }
    return key;
}

core::Result<std::string> LoadOrCreateDevelopmentKey(const fs::path& path) {
    std::error_code ec;
    if (fs::exists(path, ec)) {
        auto text = ReadFile(path);
        if (!text) {
            return text.error();
        }
        std::string key = *text;
        while (!key.empty() && (key.back() == '\n' || key.back() == '\r')) {
            key.pop_back();
        }
        if (!key.empty()) {
            return key;
        }
    }
    std::string key = RandomKey();
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        if (!out) {
            return MakeError(Errc::kUnavailable, "cannot write " + path.string());
        }
        out << key << '\n';
    }
    ::chmod(path.c_str(), 0600);
    NECTR_LOG_WARN("config.secret_key_generated",
                   "path={} note=\"development only: set SECRET_KEY in production\"",
                   path.string());
    return key;
}

}  // namespace

core::Result<core::Config> LoadSettings(const Invocation& invocation) {
    core::ConfigSources sources;
    sources.environment = core::ReadEnvironment();
    sources.flags = invocation.flags;
    fs::path env_file = invocation.env_file.value_or(".env");
    // `nectr review` runs inside the repository it reviews, often a CI checkout of a pull
    // request: a .env there belongs to that project or to the change, and could point
    // OPENAI_BASE_URL at another host that would then receive the API key. It reads a .env
    // only when --env-file names one.
    const bool implicit_allowed = invocation.command != Command::kReview;
    std::error_code ec;
    if (invocation.env_file || (implicit_allowed && fs::exists(env_file, ec))) {
        auto text = ReadFile(env_file);
        if (!text) {
            return text.error();
        }
        auto parsed = core::ParseDotenv(*text);
        if (!parsed) {
            return MakeError(Errc::kInvalidInput, env_file.string() + ": " + parsed.error().detail);
        }
        sources.dotenv = std::move(*parsed);
    }
    // A command-line review or index prints its own progress: routine log lines (one per
    // model call, one per migration) would only clutter standard error. LOG_LEVEL set
    // anywhere still wins.
    const bool prints_progress =
        invocation.command == Command::kReview || invocation.command == Command::kIndex;
    if (prints_progress && !sources.dotenv.contains("LOG_LEVEL")) {
        sources.dotenv["LOG_LEVEL"] = "warn";
    }
    core::Result<core::Config> config = core::LoadConfig(sources);
    if (!config) {
        return config;
    }
    // MCP_SERVERS is checked at start, like every other setting, not at the first review.
    auto integrations = ParseMcpServers(config->mcp_servers);
    if (!integrations) {
        return integrations.error();
    }
    return config;
}

core::Result<void> PrepareDataDir(core::Config& config) {
    fs::path dir(config.data_dir);
    std::error_code ec;
    bool created = fs::create_directories(dir, ec);
    if (ec) {
        return MakeError(Errc::kUnavailable,
                         "cannot create the data directory " + dir.string() + ": " + ec.message());
    }
    if (created) {
        ::chmod(dir.c_str(), 0700);  // it will hold the database and keys
    }
    if (config.secret_key.empty() && config.env == core::AppEnv::kDevelopment) {
        auto key = LoadOrCreateDevelopmentKey(dir / "secret_key");
        if (!key) {
            return key.error();
        }
        config.secret_key = std::move(*key);
    }
    return {};
}

}  // namespace nectr::app
