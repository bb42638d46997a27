#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/log.hpp"

namespace nectr::core {

enum class AppEnv { kDevelopment, kProduction };
std::string_view AppEnvName(AppEnv env);

struct GitHubConfig {
    std::string api_url = "https://api.github.com";
    std::string web_url = "https://github.com";
    // GITHUB_GIT_URL: where repositories are cloned from (<git_url>/<owner>/<name>.git);
    // default: web_url.
    std::string git_url;
    std::string client_id;
    std::string client_secret;   // secret
    std::string webhook_secret;  // secret: app-wide fallback for per-repository secrets
    std::string token;           // secret: personal access token (GITHUB_PAT / GITHUB_TOKEN)
    std::string app_id;
    std::string app_private_key;  // secret: PEM, or read from GITHUB_APP_PRIVATE_KEY_PATH
};

struct AnthropicConfig {
    std::string api_key;  // secret
    std::string base_url = "https://api.anthropic.com";
    std::string model = "claude-sonnet-4-5";
};

struct OpenAiConfig {
    std::string api_key;  // secret
    std::string base_url = "https://api.openai.com/v1";
    std::string model = "gpt-4o-mini";
};

// Which model reviews, and how it is called. The provider's own section (anthropic, openai)
// holds its key, base URL and default model.
struct LlmConfig {
    std::string provider;  // LLM_PROVIDER: anthropic, openai or none; empty: chosen from keys
    std::string model;     // LLM_MODEL: overrides the provider's model
    int timeout_seconds = 300;
    int max_tokens = 4096;
    int max_retries = 2;
    double price_input_per_mtok = -1;  // < 0: the built-in price table
    double price_output_per_mtok = -1;
};

// How reviews are run.
struct ReviewConfig {
    int max_tool_steps = 6;                 // REVIEW_MAX_TOOL_STEPS
    bool specialist_passes = false;         // REVIEW_SPECIALIST_PASSES
    std::size_t part_token_budget = 48000;  // REVIEW_PART_TOKENS
    // FEEDBACK_POLL_HOURS: how long after a review its comments' reactions are read (a thumbs
    // down teaches an accepted false positive); 0 turns the reading off.
    int feedback_poll_hours = 24;
};

// Dense vectors for the code index, from an OpenAI-compatible embeddings endpoint. Optional:
// without it, code search is full text and proximity.
struct EmbeddingsConfig {
    std::string base_url;  // EMBEDDINGS_BASE_URL, ending in /v1 like OPENAI_BASE_URL; empty: off
    std::string model;     // EMBEDDINGS_MODEL: required when base_url is set
    std::string api_key;   // secret: EMBEDDINGS_API_KEY, sent as a bearer token when set
    int batch = 64;        // EMBEDDINGS_BATCH: texts per request, 1 to 2048

    bool Enabled() const { return !base_url.empty(); }
};

// The whole configuration, read once in app/ and handed to each part as its own section.
struct Config {
    AppEnv env = AppEnv::kDevelopment;
    std::string host;  // default: 127.0.0.1 in development, 0.0.0.0 in production
    std::uint16_t port = 8000;
    std::string data_dir = "./nectr-data";
    std::string database_url;  // default: sqlite:///<data_dir>/nectr.db
    std::string secret_key;    // secret; in development generated into the data dir if unset
    // secret: older SECRET_KEYs, newest first (SECRET_KEY_PREVIOUS, comma-separated), still
    // accepted for reading sessions and sealed data while they are re-sealed under the new one.
    std::vector<std::string> secret_key_previous;
    // SESSION_COOKIE_SECURE: the session cookie's Secure attribute (sent over HTTPS only);
    // default true in production, false in development (plain http://localhost).
    bool session_cookie_secure = false;
    int session_hours = 168;  // SESSION_HOURS: how long a sign-in lasts, 1 to 8760
    LogLevel log_level = LogLevel::kInfo;
    std::string backend_url;   // default: http://<host>:<port>
    std::string frontend_url;  // default: the backend URL (the dashboard is served by nectr)
    int workers = 2;           // in-process workers of `nectr serve`
    // How often an idle worker looks for work without a wake-up, in seconds; 0 picks the
    // default for the command and engine (see app/worker.cpp).
    int worker_poll_seconds = 0;
    // How long a claimed job stays leased without a heartbeat (workers renew every third of
    // it): how soon a job whose worker died runs again. QUEUE_LEASE_SECONDS.
    int queue_lease_seconds = 60;
    // The wait before a failed job's second attempt; each later one waits twice as long (up to
    // 15 minutes). QUEUE_RETRY_SECONDS.
    int queue_retry_seconds = 5;
    std::size_t max_db_connections = 8;
    // secret: the operator's bearer token for the operations API (GET /api/v1/events) until
    // accounts arrive; empty: those endpoints answer 403.
    std::string admin_api_token;
    // WEB_DIR: the built dashboard (web/dist) served at "/"; empty: the web/dist of the
    // checkout the binary was built from. Without an index.html there, "/" shows a short page.
    std::string web_dir;
    GitHubConfig github;
    AnthropicConfig anthropic;
    OpenAiConfig openai;
    LlmConfig llm;
    ReviewConfig review;
    EmbeddingsConfig embeddings;
    // secret (it may hold auth headers): MCP_SERVERS, the MCP servers asked for review context,
    // as a JSON array or the path of a file holding one. Parsed and checked in app/
    // (app/integrations_setup.hpp); empty: none.
    std::string mcp_servers;
};

// Where each setting can come from, lowest precedence first: defaults, the .env file, the
// process environment, then command-line flags (flags use the same KEY names, e.g. PORT).
struct ConfigSources {
    std::map<std::string, std::string> dotenv;
    std::map<std::string, std::string> environment;
    std::map<std::string, std::string> flags;
};

// Builds and validates the configuration. On failure the error's detail lists every problem,
// separated by "; ", each naming the setting and the value that was wrong (secrets masked).
Result<Config> LoadConfig(const ConfigSources& sources);

// Reads the process environment (the only place in src/ that does).
std::map<std::string, std::string> ReadEnvironment();

// Checks a SECRET_KEY for production use: at least 32 characters, not a placeholder, and not
// made of few distinct characters. Returns a reason when it is weak, empty otherwise.
std::string SecretKeyWeakness(std::string_view key);

// One `KEY = value` line per setting, secrets shown as "set (masked)" or "not set".
std::vector<std::pair<std::string, std::string>> DescribeConfig(const Config& config);

}  // namespace nectr::core
