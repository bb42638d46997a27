#include "app/review_services.hpp"

#include <functional>

#include "app/embedder_setup.hpp"
#include "core/log.hpp"
#include "github/etag_cache.hpp"

namespace nectr::app {

ReviewServices::ReviewServices(store::Database& database_in, core::BlockingPool& pool_in,
                               http::Client& http_in, const core::Clock& clock_in,
                               const core::Config& config_in, llm::Provider* provider_in)
    : database(database_in),
      pool(pool_in),
      http(http_in),
      clock(clock_in),
      config(config_in),
      provider(provider_in),
      embedder(MakeConfiguredEmbedder(config_in, http_in)),
      etags_(std::make_shared<github::EtagCache>()) {
    // LoadSettings has checked the setting; a problem here means it was bypassed.
    auto parsed = ParseMcpServers(config.mcp_servers);
    if (parsed) {
        integrations = std::move(*parsed);
    } else {
        NECTR_LOG_ERROR("review.integrations_invalid", "error={}", parsed.error().detail);
    }
}

core::Result<std::shared_ptr<github::Credentials>> ReviewServices::ConfiguredCredentials(
    std::optional<std::int64_t> installation_id) {
    std::lock_guard lock(mutex_);
    const auto& gh = config.github;
    if (installation_id && !gh.app_id.empty() && !gh.app_private_key.empty()) {
        auto& cached = installations_[*installation_id];
        if (!cached) {
            auto key = github::AppKey::Load(gh.app_id, gh.app_private_key);
            if (!key) {
                return key.error();
            }
            github::AppAuthOptions options;
            options.api_url = gh.api_url;
            cached =
                github::MakeInstallationCredentials(http, *key, *installation_id, options, clock);
        }
        return cached;
    }
    if (!gh.token.empty()) {
        if (!token_) {
            token_ =
                github::MakeTokenCredentials(github::TokenKind::kPersonalAccessToken, gh.token);
        }
        return token_;
    }
    return std::shared_ptr<github::Credentials>();
}

net::awaitable<core::Result<std::shared_ptr<github::Credentials>>> ReviewServices::CredentialsFor(
    std::optional<std::int64_t> installation_id, std::string repository) {
    core::Result<std::shared_ptr<github::Credentials>> credentials =
        ConfiguredCredentials(installation_id);
    if (!credentials) {
        co_return credentials.error();
    }
    if (!*credentials && user_tokens != nullptr) {
        std::function<core::Result<std::optional<std::string>>()> find = [this, &repository] {
            return user_tokens->ForRepository(repository);
        };
        core::Result<std::optional<std::string>> token =
            co_await pool.Call<core::Result<std::optional<std::string>>>(std::move(find));
        if (!token) {
            co_return token.error();
        }
        if (*token) {
            *credentials = github::MakeTokenCredentials(github::TokenKind::kOAuthUser, **token);
        }
    }
    if (!*credentials) {
        co_return core::MakeError(core::Errc::kUnauthorized,
                                  "no GitHub credentials for " + repository +
                                      ": connect it from the dashboard, set GITHUB_TOKEN, or "
                                      "GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY for a GitHub App");
    }
    co_return std::move(*credentials);
}

net::awaitable<core::Result<std::unique_ptr<github::GitHubClient>>> ReviewServices::GitHubFor(
    std::optional<std::int64_t> installation_id, std::string repository) {
    auto found = CredentialsFor(installation_id, std::move(repository));
    core::Result<std::shared_ptr<github::Credentials>> credentials = co_await std::move(found);
    if (!credentials) {
        co_return credentials.error();
    }
    github::ClientOptions options;
    options.api_url = config.github.api_url;
    options.etag_cache = etags_;
    co_return std::make_unique<github::GitHubClient>(http, std::move(*credentials),
                                                     std::move(options), clock);
}

}  // namespace nectr::app
