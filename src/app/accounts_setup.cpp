#include "app/accounts_setup.hpp"

#include "github/auth.hpp"

namespace nectr::app {

namespace net = boost::asio;

AccountKeys::AccountKeys(auth::KeyRing ring_in, const core::Config& config, store::Database& db,
                         const core::Clock& clock)
    : ring(std::move(ring_in)),
      tokens(ring, std::string(auth::kTokenEncryptionPurpose), clock),
      webhook_secrets(ring, std::string(auth::kWebhookSecretPurpose), clock),
      user_tokens(db, tokens),
      sessions(ring, config.backend_url, std::chrono::hours(config.session_hours), clock) {}

core::Result<std::unique_ptr<AccountKeys>> MakeAccountKeys(const core::Config& config,
                                                           store::Database& db,
                                                           const core::Clock& clock) {
    core::Result<auth::KeyRing> ring =
        auth::KeyRing::Create(config.secret_key, config.secret_key_previous);
    if (!ring) {
        return core::MakeError(core::Errc::kInvalidInput, "SECRET_KEY: " + ring.error().detail);
    }
    return std::make_unique<AccountKeys>(std::move(*ring), config, db, clock);
}

auth::AuthRoutesDeps AuthRoutesDepsFor(const core::Config& config, store::Database* db,
                                       core::BlockingPool& pool, http::Client& github_http,
                                       const core::Clock& clock, const AccountKeys& keys) {
    auth::AuthRoutesDeps deps;
    deps.db = db;
    deps.pool = &pool;
    deps.http = &github_http;
    deps.clock = &clock;
    deps.token_sealer = &keys.tokens;
    deps.sessions = &keys.sessions;
    deps.app.web_url = config.github.web_url;
    deps.app.client_id = config.github.client_id;
    deps.app.client_secret = config.github.client_secret;
    deps.api.api_url = config.github.api_url;
    deps.backend_url = config.backend_url;
    deps.frontend_url = config.frontend_url;
    deps.cookie_secure = config.session_cookie_secure;
    return deps;
}

api::GitHubForCaller MakeGitHubForCaller(const core::Config& config, core::BlockingPool& pool,
                                         http::Client& github_http, const core::Clock& clock,
                                         const AccountKeys& keys) {
    const std::string api_url = config.github.api_url;
    return [&pool, &github_http, &clock, &keys, api_url](const auth::Caller& caller)
               -> net::awaitable<core::Result<std::shared_ptr<github::GitHubClient>>> {
        const std::int64_t user_id = caller.user_id;
        std::function<core::Result<std::string>()> find = [&keys, user_id] {
            return keys.user_tokens.ForUser(user_id);
        };
        core::Result<std::string> token =
            co_await pool.Call<core::Result<std::string>>(std::move(find));
        if (!token) {
            co_return token.error();
        }
        github::ClientOptions options;
        options.api_url = api_url;
        co_return std::make_shared<github::GitHubClient>(
            github_http, github::MakeTokenCredentials(github::TokenKind::kOAuthUser, *token),
            std::move(options), clock);
    };
}

}  // namespace nectr::app
