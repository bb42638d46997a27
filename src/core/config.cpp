#include "core/config.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>

#include "core/text.hpp"

extern char** environ;

namespace nectr::core {
namespace {

// Looks a key up in flags, then environment, then .env: the first that has it wins.
class Lookup {
public:
    explicit Lookup(const ConfigSources& sources) : sources_(sources) {}

    const std::string* Find(std::string_view key) const {
        for (const auto* layer : {&sources_.flags, &sources_.environment, &sources_.dotenv}) {
            auto it = layer->find(std::string(key));
            if (it != layer->end()) {
                return &it->second;
            }
        }
        return nullptr;
    }

    // Assigns the value when the key is present and not empty.
    void Assign(std::string_view key, std::string& target) const {
        if (const std::string* value = Find(key); value != nullptr && !value->empty()) {
            target = *value;
        }
    }

private:
    const ConfigSources& sources_;
};

template <typename T>
bool ParseInteger(std::string_view text, T& out) {
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc() && ptr == end;
}

bool LooksLikeHttpUrl(std::string_view url) {
    return (url.starts_with("http://") || url.starts_with("https://")) &&
           url.find_first_of(" \t\r\n") == std::string_view::npos;
}

std::string TrimTrailingSlash(std::string url) {
    while (url.size() > 1 && url.back() == '/') {
        url.pop_back();
    }
    return url;
}

void ReadServerSettings(const Lookup& lookup, Config& config, std::vector<std::string>& problems) {
    if (const std::string* env = lookup.Find("APP_ENV"); env != nullptr && !env->empty()) {
        std::string lower = AsciiLower(*env);
        if (lower == "development" || lower == "dev") {
            config.env = AppEnv::kDevelopment;
        } else if (lower == "production" || lower == "prod") {
            config.env = AppEnv::kProduction;
        } else {
            problems.push_back("APP_ENV must be development or production (got \"" + *env + "\")");
        }
    }
    config.host = config.env == AppEnv::kProduction ? "0.0.0.0" : "127.0.0.1";
    lookup.Assign("HOST", config.host);
    if (const std::string* port = lookup.Find("PORT"); port != nullptr && !port->empty()) {
        if (!ParseInteger(*port, config.port)) {
            problems.push_back("PORT must be a number from 0 to 65535 (got \"" + *port + "\")");
        }
    }
    if (const std::string* workers = lookup.Find("WORKERS");
        workers != nullptr && !workers->empty()) {
        if (!ParseInteger(*workers, config.workers) || config.workers < 0 ||
            config.workers > 2048) {
            problems.push_back("WORKERS must be a number from 0 to 2048 (got \"" + *workers +
                               "\")");
        }
    }
    if (const std::string* poll = lookup.Find("WORKER_POLL_INTERVAL");
        poll != nullptr && !poll->empty()) {
        if (!ParseInteger(*poll, config.worker_poll_seconds) || config.worker_poll_seconds < 1 ||
            config.worker_poll_seconds > 3600) {
            problems.push_back(
                "WORKER_POLL_INTERVAL must be a number of seconds from 1 to 3600 "
                "(got \"" +
                *poll + "\")");
        }
    }
    if (const std::string* lease = lookup.Find("QUEUE_LEASE_SECONDS");
        lease != nullptr && !lease->empty()) {
        if (!ParseInteger(*lease, config.queue_lease_seconds) || config.queue_lease_seconds < 2 ||
            config.queue_lease_seconds > 3600) {
            problems.push_back("QUEUE_LEASE_SECONDS must be a number from 2 to 3600 (got \"" +
                               *lease + "\")");
        }
    }
    if (const std::string* pool = lookup.Find("DATABASE_POOL_SIZE");
        pool != nullptr && !pool->empty()) {
        if (!ParseInteger(*pool, config.max_db_connections) || config.max_db_connections == 0 ||
            config.max_db_connections > 1024) {
            problems.push_back("DATABASE_POOL_SIZE must be a number from 1 to 1024 (got \"" +
                               *pool + "\")");
        }
    }
    if (const std::string* level = lookup.Find("LOG_LEVEL"); level != nullptr && !level->empty()) {
        if (auto parsed = ParseLogLevel(*level)) {
            config.log_level = *parsed;
        } else {
            problems.push_back("LOG_LEVEL must be debug, info, warn, error or off (got \"" +
                               *level + "\")");
        }
    }
    lookup.Assign("DATA_DIR", config.data_dir);
}

void ReadStorageAndUrls(const Lookup& lookup, Config& config, std::vector<std::string>& problems) {
    lookup.Assign("DATABASE_URL", config.database_url);
    if (config.database_url.empty()) {
        config.database_url = "sqlite:///" + TrimTrailingSlash(config.data_dir) + "/nectr.db";
    }
    lookup.Assign("SECRET_KEY", config.secret_key);
    lookup.Assign("ADMIN_API_TOKEN", config.admin_api_token);
    lookup.Assign("WEB_DIR", config.web_dir);

    std::string shown_host =
        config.host == "0.0.0.0" || config.host == "::" ? "localhost" : config.host;
    config.backend_url = "http://" + shown_host + ":" + std::to_string(config.port);
    lookup.Assign("BACKEND_URL", config.backend_url);
    config.frontend_url = config.backend_url;
    lookup.Assign("FRONTEND_URL", config.frontend_url);
    config.backend_url = TrimTrailingSlash(config.backend_url);
    config.frontend_url = TrimTrailingSlash(config.frontend_url);
    for (const auto& [name, value] :
         {std::pair<std::string_view, std::string*>{"BACKEND_URL", &config.backend_url},
          {"FRONTEND_URL", &config.frontend_url}}) {
        if (!LooksLikeHttpUrl(*value)) {
            problems.push_back(std::string(name) + " must be an http(s) URL (got \"" + *value +
                               "\")");
        }
    }
}

void ReadProviders(const Lookup& lookup, Config& config, std::vector<std::string>& problems) {
    GitHubConfig& gh = config.github;
    lookup.Assign("GITHUB_API_URL", gh.api_url);
    lookup.Assign("GITHUB_WEB_URL", gh.web_url);
    lookup.Assign("GITHUB_GIT_URL", gh.git_url);
    lookup.Assign("GITHUB_CLIENT_ID", gh.client_id);
    lookup.Assign("GITHUB_CLIENT_SECRET", gh.client_secret);
    lookup.Assign("GITHUB_WEBHOOK_SECRET", gh.webhook_secret);
    lookup.Assign("GITHUB_TOKEN", gh.token);
    lookup.Assign("GITHUB_PAT", gh.token);
    lookup.Assign("GITHUB_APP_ID", gh.app_id);
    lookup.Assign("GITHUB_APP_PRIVATE_KEY", gh.app_private_key);

    if (gh.git_url.empty()) {
        gh.git_url = gh.web_url;
    }
    lookup.Assign("ANTHROPIC_API_KEY", config.anthropic.api_key);
    lookup.Assign("ANTHROPIC_BASE_URL", config.anthropic.base_url);
    lookup.Assign("ANTHROPIC_MODEL", config.anthropic.model);
    lookup.Assign("OPENAI_API_KEY", config.openai.api_key);
    lookup.Assign("OPENAI_BASE_URL", config.openai.base_url);
    lookup.Assign("OPENAI_MODEL", config.openai.model);
    lookup.Assign("MCP_SERVERS", config.mcp_servers);

    for (const auto& [name, value] :
         {std::pair<std::string_view, std::string*>{"GITHUB_API_URL", &gh.api_url},
          {"GITHUB_WEB_URL", &gh.web_url},
          {"GITHUB_GIT_URL", &gh.git_url},
          {"ANTHROPIC_BASE_URL", &config.anthropic.base_url},
          {"OPENAI_BASE_URL", &config.openai.base_url}}) {
        *value = TrimTrailingSlash(*value);
        if (!LooksLikeHttpUrl(*value)) {
            problems.push_back(std::string(name) + " must be an http(s) URL (got \"" + *value +
                               "\")");
        }
    }
}

// Reads a true/false setting into `target` when present.
void ReadBool(const Lookup& lookup, std::string_view key, bool& target,
              std::vector<std::string>& problems) {
    const std::string* text = lookup.Find(key);
    if (text == nullptr || text->empty()) {
        return;
    }
    const std::string lower = AsciiLower(*text);
    if (lower == "true" || lower == "1" || lower == "yes") {
        target = true;
    } else if (lower == "false" || lower == "0" || lower == "no") {
        target = false;
    } else {
        problems.push_back(std::string(key) + " must be true or false (got \"" + *text + "\")");
    }
}

// Reads an integer setting in [low, high] into `target` when present.
template <typename T>
void ReadRange(const Lookup& lookup, std::string_view key, T& target, long long low, long long high,
               std::vector<std::string>& problems) {
    const std::string* text = lookup.Find(key);
    if (text == nullptr || text->empty()) {
        return;
    }
    long long value = 0;
    if (!ParseInteger(*text, value) || value < low || value > high) {
        problems.push_back(std::string(key) + " must be a number from " + std::to_string(low) +
                           " to " + std::to_string(high) + " (got \"" + *text + "\")");
        return;
    }
    target = static_cast<T>(value);
}

void ReadPrice(const Lookup& lookup, std::string_view key, double& target,
               std::vector<std::string>& problems) {
    const std::string* text = lookup.Find(key);
    if (text == nullptr || text->empty()) {
        return;
    }
    try {
        std::size_t used = 0;
        target = std::stod(*text, &used);
        if (used != text->size() || target < 0) {
            throw std::invalid_argument("not a price");
        }
    } catch (const std::exception&) {
        target = -1;
        problems.push_back(std::string(key) + " must be a price in USD per million tokens (got \"" +
                           *text + "\")");
    }
}

void ReadModelSettings(const Lookup& lookup, Config& config, std::vector<std::string>& problems) {
    LlmConfig& llm = config.llm;
    lookup.Assign("LLM_PROVIDER", llm.provider);
    if (!llm.provider.empty() && llm.provider != "anthropic" && llm.provider != "openai" &&
        llm.provider != "none") {
        problems.push_back("LLM_PROVIDER must be anthropic, openai or none (got \"" + llm.provider +
                           "\")");
    }
    lookup.Assign("LLM_MODEL", llm.model);
    ReadRange(lookup, "QUEUE_RETRY_SECONDS", config.queue_retry_seconds, 1, 3600, problems);
    ReadRange(lookup, "LLM_TIMEOUT", llm.timeout_seconds, 1, 3600, problems);
    ReadRange(lookup, "LLM_MAX_TOKENS", llm.max_tokens, 1, 1000000, problems);
    ReadRange(lookup, "LLM_MAX_RETRIES", llm.max_retries, 0, 10, problems);
    ReadPrice(lookup, "LLM_PRICE_INPUT_PER_MTOK", llm.price_input_per_mtok, problems);
    ReadPrice(lookup, "LLM_PRICE_OUTPUT_PER_MTOK", llm.price_output_per_mtok, problems);
    ReviewConfig& review = config.review;
    ReadRange(lookup, "REVIEW_MAX_TOOL_STEPS", review.max_tool_steps, 1, 50, problems);
    ReadRange(lookup, "REVIEW_PART_TOKENS", review.part_token_budget, 2000, 2000000, problems);
    ReadBool(lookup, "REVIEW_SPECIALIST_PASSES", review.specialist_passes, problems);
    ReadRange(lookup, "FEEDBACK_POLL_HOURS", review.feedback_poll_hours, 0, 720, problems);
}

void ReadEmbeddingsSettings(const Lookup& lookup, Config& config,
                            std::vector<std::string>& problems) {
    EmbeddingsConfig& embeddings = config.embeddings;
    lookup.Assign("EMBEDDINGS_BASE_URL", embeddings.base_url);
    lookup.Assign("EMBEDDINGS_MODEL", embeddings.model);
    lookup.Assign("EMBEDDINGS_API_KEY", embeddings.api_key);
    ReadRange(lookup, "EMBEDDINGS_BATCH", embeddings.batch, 1, 2048, problems);
    if (embeddings.base_url.empty()) {
        return;
    }
    embeddings.base_url = TrimTrailingSlash(embeddings.base_url);
    if (!LooksLikeHttpUrl(embeddings.base_url)) {
        problems.push_back("EMBEDDINGS_BASE_URL must be an http(s) URL (got \"" +
                           embeddings.base_url + "\")");
    }
    // Vectors are stored under the model's name: guessing one would mix them up later.
    if (embeddings.model.empty()) {
        problems.push_back(
            "EMBEDDINGS_MODEL is required when EMBEDDINGS_BASE_URL is set (for example "
            "text-embedding-3-small, or nomic-embed-text on Ollama)");
    }
}

// Comma-separated keys, blanks around them and empty entries dropped.
std::vector<std::string> SplitKeys(std::string_view text) {
    std::vector<std::string> keys;
    while (!text.empty()) {
        const std::size_t comma = text.find(',');
        std::string_view key = text.substr(0, comma);
        text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
        while (!key.empty() && std::isspace(static_cast<unsigned char>(key.front()))) {
            key.remove_prefix(1);
        }
        while (!key.empty() && std::isspace(static_cast<unsigned char>(key.back()))) {
            key.remove_suffix(1);
        }
        if (!key.empty()) {
            keys.emplace_back(key);
        }
    }
    return keys;
}

void ReadSessionSettings(const Lookup& lookup, Config& config, std::vector<std::string>& problems) {
    if (const std::string* previous = lookup.Find("SECRET_KEY_PREVIOUS"); previous != nullptr) {
        config.secret_key_previous = SplitKeys(*previous);
    }
    config.session_cookie_secure = config.env == AppEnv::kProduction;
    ReadBool(lookup, "SESSION_COOKIE_SECURE", config.session_cookie_secure, problems);
    ReadRange(lookup, "SESSION_HOURS", config.session_hours, 1, 8760, problems);
}

void CheckProductionRules(const Config& config, std::vector<std::string>& problems) {
    if (config.env != AppEnv::kProduction) {
        return;
    }
    if (config.secret_key.empty()) {
        problems.push_back(
            "SECRET_KEY is required in production: set it to a random value of at least 32 "
            "characters (for example: openssl rand -base64 48)");
    } else if (std::string why = SecretKeyWeakness(config.secret_key); !why.empty()) {
        problems.push_back("SECRET_KEY is too weak for production: " + why);
    }
    // The token opens every event of every repository: as hard to guess as the key, then.
    if (!config.admin_api_token.empty()) {
        if (std::string why = SecretKeyWeakness(config.admin_api_token); !why.empty()) {
            problems.push_back("ADMIN_API_TOKEN is too weak for production: " + why);
        }
    }
}

}  // namespace

std::string_view AppEnvName(AppEnv env) {
    return env == AppEnv::kProduction ? "production" : "development";
}

Result<Config> LoadConfig(const ConfigSources& sources) {
    Lookup lookup(sources);
    Config config;
    std::vector<std::string> problems;
    ReadServerSettings(lookup, config, problems);
    ReadStorageAndUrls(lookup, config, problems);
    ReadProviders(lookup, config, problems);
    ReadModelSettings(lookup, config, problems);
    ReadEmbeddingsSettings(lookup, config, problems);
    ReadSessionSettings(lookup, config, problems);
    CheckProductionRules(config, problems);
    if (!problems.empty()) {
        std::string detail;
        for (const std::string& problem : problems) {
            detail += detail.empty() ? problem : "; " + problem;
        }
        return MakeError(Errc::kInvalidInput, detail);
    }
    return config;
}

std::string SecretKeyWeakness(std::string_view key) {
    static const std::set<std::string, std::less<>> kPlaceholders = {
        "changeme",    "change-me",  "secret",      "your-secret-key", "your-secret-key-here",
        "development", "dev-secret", "supersecret", "password",        "secret_key"};
    std::string lower = AsciiLower(key);
    for (const auto& placeholder : kPlaceholders) {
        if (lower.find(placeholder) != std::string::npos) {
            return "it contains the placeholder \"" + placeholder + "\"";
        }
    }
    if (key.size() < 32) {
        return "it has " + std::to_string(key.size()) + " characters; use at least 32";
    }
    std::set<char> distinct(key.begin(), key.end());
    if (distinct.size() < 10) {
        return "it uses only " + std::to_string(distinct.size()) + " distinct characters";
    }
    return "";
}

std::map<std::string, std::string> ReadEnvironment() {
    std::map<std::string, std::string> env;
    for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
        std::string_view text(*entry);
        auto eq = text.find('=');
        if (eq != std::string_view::npos) {
            env.emplace(std::string(text.substr(0, eq)), std::string(text.substr(eq + 1)));
        }
    }
    return env;
}

std::vector<std::pair<std::string, std::string>> DescribeConfig(const Config& config) {
    auto secret = [](const std::string& value) {
        return value.empty() ? std::string("not set") : std::string("set (masked)");
    };
    return {
        {"APP_ENV", std::string(AppEnvName(config.env))},
        {"HOST", config.host},
        {"PORT", std::to_string(config.port)},
        {"DATA_DIR", config.data_dir},
        {"SECRET_KEY", secret(config.secret_key)},
        {"SECRET_KEY_PREVIOUS",
         config.secret_key_previous.empty()
             ? std::string("not set")
             : std::to_string(config.secret_key_previous.size()) + " set (masked)"},
        {"SESSION_COOKIE_SECURE", config.session_cookie_secure ? "true" : "false"},
        {"SESSION_HOURS", std::to_string(config.session_hours) + " h"},
        {"ADMIN_API_TOKEN", secret(config.admin_api_token)},
        {"WEB_DIR", config.web_dir.empty() ? std::string("default (web/dist)") : config.web_dir},
        {"LOG_LEVEL", std::string(LogLevelName(config.log_level))},
        {"BACKEND_URL", config.backend_url},
        {"FRONTEND_URL", config.frontend_url},
        {"WORKERS", std::to_string(config.workers)},
        {"WORKER_POLL_INTERVAL", config.worker_poll_seconds == 0
                                     ? std::string("default")
                                     : std::to_string(config.worker_poll_seconds) + " s"},
        {"QUEUE_LEASE_SECONDS", std::to_string(config.queue_lease_seconds) + " s"},
        {"QUEUE_RETRY_SECONDS", std::to_string(config.queue_retry_seconds) + " s"},
        {"DATABASE_POOL_SIZE", std::to_string(config.max_db_connections)},
        {"GITHUB_API_URL", config.github.api_url},
        {"GITHUB_WEB_URL", config.github.web_url},
        {"GITHUB_GIT_URL", config.github.git_url},
        {"GITHUB_CLIENT_ID", config.github.client_id.empty() ? "not set" : config.github.client_id},
        {"GITHUB_CLIENT_SECRET", secret(config.github.client_secret)},
        {"GITHUB_WEBHOOK_SECRET", secret(config.github.webhook_secret)},
        {"GITHUB_TOKEN", secret(config.github.token)},
        {"GITHUB_APP_ID", config.github.app_id.empty() ? "not set" : config.github.app_id},
        {"GITHUB_APP_PRIVATE_KEY", secret(config.github.app_private_key)},
        {"ANTHROPIC_API_KEY", secret(config.anthropic.api_key)},
        {"ANTHROPIC_BASE_URL", config.anthropic.base_url},
        {"ANTHROPIC_MODEL", config.anthropic.model},
        {"OPENAI_API_KEY", secret(config.openai.api_key)},
        {"OPENAI_BASE_URL", config.openai.base_url},
        {"OPENAI_MODEL", config.openai.model},
        {"LLM_PROVIDER", config.llm.provider.empty() ? "auto" : config.llm.provider},
        {"LLM_MODEL", config.llm.model.empty() ? "provider default" : config.llm.model},
        {"LLM_TIMEOUT", std::to_string(config.llm.timeout_seconds) + " s"},
        {"LLM_MAX_TOKENS", std::to_string(config.llm.max_tokens)},
        {"LLM_MAX_RETRIES", std::to_string(config.llm.max_retries)},
        {"REVIEW_MAX_TOOL_STEPS", std::to_string(config.review.max_tool_steps)},
        {"REVIEW_SPECIALIST_PASSES", config.review.specialist_passes ? "true" : "false"},
        {"REVIEW_PART_TOKENS", std::to_string(config.review.part_token_budget)},
        {"FEEDBACK_POLL_HOURS", std::to_string(config.review.feedback_poll_hours) + " h"},
        {"EMBEDDINGS_BASE_URL",
         config.embeddings.Enabled() ? config.embeddings.base_url : std::string("not set (off)")},
        {"EMBEDDINGS_MODEL",
         config.embeddings.model.empty() ? std::string("not set") : config.embeddings.model},
        {"EMBEDDINGS_API_KEY", secret(config.embeddings.api_key)},
        {"EMBEDDINGS_BATCH", std::to_string(config.embeddings.batch)},
        {"MCP_SERVERS", config.mcp_servers.empty() ? "none" : "set"},
    };
}

}  // namespace nectr::core
