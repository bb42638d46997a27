#pragma once

// What the jobs that talk to GitHub and the model share in one process: the database, the
// pool, the HTTP client, the provider, the MCP integrations, the embedder, and the GitHub
// credentials each job should use.
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/integrations_setup.hpp"
#include "auth/user_tokens.hpp"
#include "core/blocking_pool.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "github/auth.hpp"
#include "github/client.hpp"
#include "http/client.hpp"
#include "index/embedder.hpp"
#include "llm/provider.hpp"
#include "store/database.hpp"

namespace nectr::app {

namespace net = boost::asio;

// What review jobs share in one process. The provider may be null (no model configured).
class ReviewServices {
public:
    ReviewServices(store::Database& database, core::BlockingPool& pool, http::Client& http,
                   const core::Clock& clock, const core::Config& config, llm::Provider* provider);

    // A GitHub client for a job on `repository`: the App's installation token when the App is
    // configured and the event named an installation, else GITHUB_TOKEN (the operator's
    // choice of account), else the token of the user who connected the repository.
    // kUnauthorized without any.
    net::awaitable<core::Result<std::unique_ptr<github::GitHubClient>>> GitHubFor(
        std::optional<std::int64_t> installation_id, std::string repository);

    // The credentials GitHubFor would use, for other ways of reaching GitHub (git over HTTPS).
    net::awaitable<core::Result<std::shared_ptr<github::Credentials>>> CredentialsFor(
        std::optional<std::int64_t> installation_id, std::string repository);

    store::Database& database;
    core::BlockingPool& pool;
    http::Client& http;
    const core::Clock& clock;
    const core::Config& config;
    llm::Provider* provider;
    // Tokens of users who connected repositories; null where accounts are not set up.
    const auth::UserTokens* user_tokens = nullptr;
    // The MCP servers of MCP_SERVERS, asked for context by every review, and how each last
    // answered (IntegrationStatus shows both).
    std::vector<ConfiguredIntegration> integrations;
    IntegrationStatusBoard integration_board;
    // EMBEDDINGS_BASE_URL's embedder for code search; null when dense vectors are off.
    std::unique_ptr<index::Embedder> embedder;

private:
    // The App's or the configured token's credentials; null when neither applies.
    core::Result<std::shared_ptr<github::Credentials>> ConfiguredCredentials(
        std::optional<std::int64_t> installation_id);

    std::mutex mutex_;
    // Installation tokens are cached inside the credentials: keep one per installation.
    std::map<std::int64_t, std::shared_ptr<github::Credentials>> installations_;
    std::shared_ptr<github::Credentials> token_;
    std::shared_ptr<github::EtagCache> etags_;
};

}  // namespace nectr::app
