#pragma once

// Who the client is to GitHub. A personal access token and an OAuth user token are sent as
// they are; a GitHub App signs a JWT with its private key and exchanges it for an installation
// token, which is cached and shared by every request of that installation. Tokens are never
// logged and never part of an error's detail.
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "github/app_jwt.hpp"
#include "http/client.hpp"

namespace nectr::github {

namespace net = boost::asio;

class Credentials {
public:
    virtual ~Credentials() = default;

    // The value of the Authorization header for the next request ("Bearer ..."). May perform
    // an exchange with GitHub (installation tokens): its errors are GitHub's (see
    // github/api_error.hpp) or the transport's (kUnavailable, kTimeout).
    virtual net::awaitable<core::Result<std::string>> Authorization() = 0;

    // Names the credentials without revealing them ("token:3f2a...", "app:12/installation:34"):
    // a part of cache keys and log lines.
    virtual std::string Identity() const = 0;

    // GitHub answered 401 to a token from Authorization(): forget it. True when there was
    // something to forget, so that asking again can succeed (an installation token revoked
    // early); false for a fixed token, where asking again is pointless.
    virtual bool Invalidate() { return false; }
};

enum class TokenKind { kPersonalAccessToken, kOAuthUser };

// A token sent as "Authorization: Bearer <token>" (classic and fine-grained personal access
// tokens, OAuth user tokens).
std::shared_ptr<Credentials> MakeTokenCredentials(TokenKind kind, const std::string& token);

// Where and how the App's own requests go (the token exchange).
struct AppAuthOptions {
    std::string api_url = "https://api.github.com";
    std::string user_agent;  // empty: nectr/<version>
    std::chrono::milliseconds request_timeout{30 * 1000};
    // An installation token is used until this long before its `expires_at` (GitHub's tokens
    // last an hour), so that no request goes out with a token about to expire.
    std::chrono::seconds refresh_margin{5 * 60};
};

// The App itself ("Authorization: Bearer <JWT>"), for the /app endpoints. A JWT is made for
// each request; making one costs a signature (well under a millisecond).
std::shared_ptr<Credentials> MakeAppJwtCredentials(AppKey key, const core::Clock& clock);

// One installation of the App. The first caller exchanges a JWT at
// POST /app/installations/{installation_id}/access_tokens; callers that arrive while that
// exchange runs wait for it instead of starting their own; the token is then reused until
// refresh_margin before it expires. Thread-safe. `http` and `clock` must outlive the object
// and every exchange it started.
std::shared_ptr<Credentials> MakeInstallationCredentials(http::Client& http, AppKey key,
                                                         std::int64_t installation_id,
                                                         AppAuthOptions options,
                                                         const core::Clock& clock);

}  // namespace nectr::github
