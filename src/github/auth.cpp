#include "github/auth.hpp"

#include <fmt/core.h>
#include <openssl/evp.h>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <functional>
#include <mutex>
#include <optional>
#include <vector>

#include "core/log.hpp"
#include "github/api_error.hpp"
#include "github/json_fields.hpp"
#include "github/options.hpp"
#include "github/parse.hpp"
#include "github/url.hpp"

namespace nectr::github {
namespace {

using core::Errc;

// The first bytes of the token's SHA-256: tells tokens apart in cache keys without being one.
std::string Fingerprint(std::string_view token) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(token.data(), token.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
        return "unknown";
    }
    std::string hex;
    for (unsigned int i = 0; i < 8 && i < length; ++i) {
        hex += fmt::format("{:02x}", digest[i]);
    }
    return hex;
}

class TokenCredentials final : public Credentials {
public:
    TokenCredentials(TokenKind kind, const std::string& token)
        : authorization_("Bearer " + token),
          identity_(fmt::format("{}:{}", kind == TokenKind::kOAuthUser ? "oauth" : "token",
                                Fingerprint(token))) {}

    net::awaitable<core::Result<std::string>> Authorization() override { co_return authorization_; }
    std::string Identity() const override { return identity_; }

private:
    std::string authorization_;
    std::string identity_;
};

class AppJwtCredentials final : public Credentials {
public:
    AppJwtCredentials(AppKey key, const core::Clock& clock) : key_(std::move(key)), clock_(clock) {}

    net::awaitable<core::Result<std::string>> Authorization() override {
        auto jwt = key_.MakeJwt(clock_.Now());
        if (!jwt) {
            co_return jwt.error();
        }
        co_return "Bearer " + *jwt;
    }
    std::string Identity() const override { return "app:" + key_.AppId(); }

private:
    AppKey key_;
    const core::Clock& clock_;
};

// The token cache and the one exchange in flight, shared with the HTTP callback so that it
// outlives a credentials object dropped while an exchange runs.
class InstallationState : public std::enable_shared_from_this<InstallationState> {
public:
    using Waiter = std::function<void(core::Result<std::string>)>;

    InstallationState(http::Client& http, AppKey key, std::int64_t installation_id,
                      AppAuthOptions options, const core::Clock& clock)
        : http_(http),
          key_(std::move(key)),
          installation_id_(installation_id),
          options_(std::move(options)),
          clock_(clock) {}

    std::optional<std::string> Cached() {
        std::lock_guard lock(mutex_);
        if (!token_.empty() && clock_.Now() < expires_at_ - options_.refresh_margin) {
            return "Bearer " + token_;
        }
        return std::nullopt;
    }

    // Hands `waiter` the token, now if a fresh one is cached, otherwise when the exchange
    // (this caller's or one already running) ends. `waiter` must not run the caller inline.
    void Await(Waiter waiter) {
        std::unique_lock lock(mutex_);
        if (!token_.empty() && clock_.Now() < expires_at_ - options_.refresh_margin) {
            std::string authorization = "Bearer " + token_;
            lock.unlock();
            waiter(std::move(authorization));
            return;
        }
        waiters_.push_back(std::move(waiter));
        if (exchanging_) {
            return;
        }
        exchanging_ = true;
        lock.unlock();
        StartExchange();
    }

    bool Invalidate() {
        std::lock_guard lock(mutex_);
        const bool had = !token_.empty();
        token_.clear();
        return had;
    }

    std::string Identity() const {
        return fmt::format("app:{}/installation:{}", key_.AppId(), installation_id_);
    }

private:
    std::string Path() const {
        return fmt::format("/app/installations/{}/access_tokens", installation_id_);
    }

    void StartExchange() {
        auto jwt = key_.MakeJwt(clock_.Now());
        if (!jwt) {
            Finish(jwt.error());
            return;
        }
        http::OutboundRequest request;
        request.method = "POST";
        request.url = NormalizeApiUrl(options_.api_url) + Path();
        request.timeout = options_.request_timeout;
        request.headers = {
            {"Authorization", "Bearer " + *jwt},
            {"Accept", "application/vnd.github+json, application/json"},
            {"User-Agent", options_.user_agent.empty() ? DefaultUserAgent() : options_.user_agent},
            {"X-GitHub-Api-Version", kApiVersion},
        };
        NECTR_LOG_DEBUG("github.token_exchange", "app_id={} installation_id={}", key_.AppId(),
                        installation_id_);
        auto self = shared_from_this();
        http_.Start(std::move(request), [self](core::Result<http::OutboundResponse> response) {
            self->OnResponse(std::move(response));
        });
    }

    void OnResponse(core::Result<http::OutboundResponse> response) {
        if (!response) {
            Finish(core::MakeError(response.error().code,
                                   "exchanging the GitHub App token: " + response.error().detail));
            return;
        }
        if (response->status != 201 && response->status != 200) {
            Finish(ApiError("POST", Path(), response->status, response->body));
            return;
        }
        Finish(ParseInstallationToken(response->body));
    }

    void Finish(core::Result<InstallationToken> result) {
        std::vector<Waiter> waiters;
        {
            std::lock_guard lock(mutex_);
            exchanging_ = false;
            if (result) {
                token_ = result->token;
                expires_at_ = ParseTimestamp(result->expires_at).value_or(clock_.Now());
            }
            waiters.swap(waiters_);
        }
        if (!result) {
            NECTR_LOG_WARN("github.token_exchange_failed",
                           "app_id={} installation_id={} error=\"{}\"", key_.AppId(),
                           installation_id_, result.error().detail);
        }
        for (Waiter& waiter : waiters) {
            if (result) {
                waiter("Bearer " + result->token);
            } else {
                waiter(result.error());
            }
        }
    }

    http::Client& http_;
    const AppKey key_;
    const std::int64_t installation_id_;
    const AppAuthOptions options_;
    const core::Clock& clock_;
    std::mutex mutex_;
    std::string token_;  // empty: none cached
    std::chrono::system_clock::time_point expires_at_;
    bool exchanging_ = false;
    std::vector<Waiter> waiters_;
};

// Holds an awaiting coroutine's handler, and work on its executor so that a private event loop
// (github/blocking.hpp) does not run out of work, until the token arrives; the handler then
// runs on its own executor, never on the HTTP client's thread.
template <typename Handler>
class PendingToken {
public:
    explicit PendingToken(Handler handler)
        : handler_(std::move(handler)),
          work_(net::make_work_guard(net::get_associated_executor(handler_))) {}

    static void Complete(std::shared_ptr<PendingToken> self, core::Result<std::string> result) {
        auto executor = self->work_.get_executor();
        net::post(executor, [self = std::move(self), result = std::move(result)]() mutable {
            auto handler = std::move(self->handler_);
            self->work_.reset();
            std::move(handler)(std::move(result));
        });
    }

private:
    Handler handler_;
    net::executor_work_guard<net::associated_executor_t<Handler>> work_;
};

class InstallationCredentials final : public Credentials {
public:
    explicit InstallationCredentials(std::shared_ptr<InstallationState> state)
        : state_(std::move(state)) {}

    net::awaitable<core::Result<std::string>> Authorization() override {
        if (auto cached = state_->Cached()) {
            co_return std::move(*cached);
        }
        auto initiation = [state = state_](auto handler) {
            using Handler = decltype(handler);
            auto pending = std::make_shared<PendingToken<Handler>>(std::move(handler));
            state->Await([pending](core::Result<std::string> result) {
                PendingToken<Handler>::Complete(pending, std::move(result));
            });
        };
        auto exchange =
            net::async_initiate<const net::use_awaitable_t<>&, void(core::Result<std::string>)>(
                initiation, net::use_awaitable);
        co_return co_await std::move(exchange);
    }

    std::string Identity() const override { return state_->Identity(); }
    bool Invalidate() override { return state_->Invalidate(); }

private:
    std::shared_ptr<InstallationState> state_;
};

}  // namespace

std::shared_ptr<Credentials> MakeTokenCredentials(TokenKind kind, const std::string& token) {
    return std::make_shared<TokenCredentials>(kind, token);
}

std::shared_ptr<Credentials> MakeAppJwtCredentials(AppKey key, const core::Clock& clock) {
    return std::make_shared<AppJwtCredentials>(std::move(key), clock);
}

std::shared_ptr<Credentials> MakeInstallationCredentials(http::Client& http, AppKey key,
                                                         std::int64_t installation_id,
                                                         AppAuthOptions options,
                                                         const core::Clock& clock) {
    return std::make_shared<InstallationCredentials>(std::make_shared<InstallationState>(
        http, std::move(key), installation_id, std::move(options), clock));
}

}  // namespace nectr::github
