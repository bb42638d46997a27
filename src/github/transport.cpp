#include "github/transport.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "core/log.hpp"
#include "github/api_error.hpp"
#include "github/etag_cache.hpp"
#include "github/rate_limit.hpp"
#include "github/sleeper.hpp"
#include "github/url.hpp"

namespace nectr::github {
namespace {

using core::Errc;

// Rate-limit waits per call, whatever the budget: a server that keeps asking for a zero-second
// wait must not keep the call alive forever.
constexpr int kMaxRateLimitWaits = 5;

bool IsTransient(Errc code) { return code == Errc::kUnavailable || code == Errc::kTimeout; }

std::uint64_t SeedFrom(std::uint64_t seed) {
    if (seed != 0) {
        return seed;
    }
    std::random_device device;
    return (static_cast<std::uint64_t>(device()) << 32) ^ device();
}

}  // namespace

// What to do after one attempt.
struct Transport::Verdict {
    enum class Kind { kReturn, kFail, kRetry } kind = Kind::kFail;
    ApiResponse response;               // kReturn
    core::Error error;                  // kFail
    std::chrono::milliseconds wait{0};  // kRetry: before the next attempt

    static Verdict Return(ApiResponse response) {
        Verdict verdict;
        verdict.kind = Kind::kReturn;
        verdict.response = std::move(response);
        return verdict;
    }
    static Verdict Fail(core::Error error) {
        Verdict verdict;
        verdict.error = std::move(error);
        return verdict;
    }
    static Verdict Retry(std::chrono::milliseconds wait) {
        Verdict verdict;
        verdict.kind = Kind::kRetry;
        verdict.wait = wait;
        return verdict;
    }
};

// Counts of one call's attempts.
struct Transport::CallState {
    int attempt = 0;  // attempts that count against max_attempts
    int rate_limit_waits = 0;
    bool reauthorized = false;
};

Transport::Transport(http::Client& http, std::shared_ptr<Credentials> credentials,
                     ClientOptions options, const core::Clock& clock)
    : http_(http),
      credentials_(std::move(credentials)),
      options_(std::move(options)),
      clock_(clock),
      random_(SeedFrom(options_.jitter_seed)) {
    options_.api_url = NormalizeApiUrl(options_.api_url);
    if (options_.user_agent.empty()) {
        options_.user_agent = DefaultUserAgent();
    }
    if (!options_.etag_cache) {
        options_.etag_cache = std::make_shared<EtagCache>();
    }
    if (!options_.sleeper) {
        options_.sleeper = MakeTimerSleeper();
    }
    options_.max_attempts = std::max(options_.max_attempts, 1);
}

http::OutboundRequest Transport::Build(const ApiRequest& request, const std::string& url,
                                       const std::string& authorization,
                                       const std::string& etag) const {
    http::OutboundRequest outbound;
    outbound.method = request.method;
    outbound.url = url;
    outbound.timeout = options_.request_timeout;
    outbound.body = request.body;
    outbound.headers = {
        {"Authorization", authorization},
        {"Accept", request.accept},
        {"User-Agent", options_.user_agent},
        {"X-GitHub-Api-Version", kApiVersion},
    };
    if (!request.body.empty()) {
        outbound.headers.push_back({"Content-Type", "application/json"});
    }
    if (!etag.empty()) {
        outbound.headers.push_back({"If-None-Match", etag});
    }
    return outbound;
}

void Transport::Observe(const std::string& method, const std::string& url,
                        const http::OutboundResponse& response) const {
    if (options_.observer) {
        options_.observer(ObservedResponse{method, url, response.status, response.headers});
    }
}

std::chrono::milliseconds Transport::BackoffDelay(int attempt) {
    const int doublings = std::min(attempt - 1, 20);
    const std::chrono::milliseconds ceiling = std::min<std::chrono::milliseconds>(
        options_.backoff_base * (std::int64_t{1} << doublings), options_.backoff_max);
    std::lock_guard lock(random_mutex_);
    std::uniform_int_distribution<std::int64_t> spread(ceiling.count() / 2, ceiling.count());
    return std::chrono::milliseconds(spread(random_));
}

net::awaitable<void> Transport::Pause(std::chrono::milliseconds duration) {
    auto sleep = options_.sleeper(duration);
    co_await std::move(sleep);
}

Transport::Verdict Transport::AfterFailure(const ApiRequest& request, const core::Error& error,
                                           bool may_retry, CallState& state) {
    if (!may_retry || !IsTransient(error.code) || state.attempt >= options_.max_attempts) {
        return Verdict::Fail(core::MakeError(
            error.code, fmt::format("{} {}: {}", request.method, request.path, error.detail)));
    }
    NECTR_LOG_WARN("github.retry", "method={} path={} attempt={} error=\"{}\"", request.method,
                   request.path, state.attempt, error.detail);
    return Verdict::Retry(BackoffDelay(state.attempt));
}

Transport::Verdict Transport::AfterResponse(const ApiRequest& request, const std::string& key,
                                            const CachedResponse* cached,
                                            http::OutboundResponse response, CallState& state,
                                            CallBudget& budget) {
    if (response.status == 304 && cached != nullptr) {
        return Verdict::Return(ApiResponse{200, cached->body, cached->link, true});
    }
    if (response.status >= 200 && response.status < 300) {
        std::string link(response.Header("link").value_or(""));
        auto etag = response.Header("etag");
        if (!key.empty() && etag) {
            options_.etag_cache->Store(key,
                                       CachedResponse{std::string(*etag), response.body, link});
        }
        return Verdict::Return(
            ApiResponse{response.status, std::move(response.body), std::move(link), false});
    }
    const auto now = clock_.Now();
    if (auto hit = DetectRateLimit(response, now)) {
        if (hit->wait > options_.rate_limit_budget - budget.rate_limit_waited ||
            state.rate_limit_waits >= kMaxRateLimitWaits) {
            return Verdict::Fail(core::MakeError(
                Errc::kRateLimited, fmt::format("{} {}: {}", request.method, request.path,
                                                DescribeRateLimit(*hit, now))));
        }
        NECTR_LOG_WARN("github.rate_limited", "method={} path={} wait_ms={}", request.method,
                       request.path, hit->wait.count());
        ++state.rate_limit_waits;
        budget.rate_limit_waited += hit->wait;
        --state.attempt;  // a rejected request was not processed: not an attempt
        return Verdict::Retry(hit->wait);
    }
    core::Error error = ApiError(request.method, request.path, response.status, response.body);
    if (response.status == 401 && !state.reauthorized && credentials_->Invalidate()) {
        state.reauthorized = true;  // the token was revoked or expired early: fetch a new one
        --state.attempt;
        return Verdict::Retry(std::chrono::milliseconds(0));
    }
    if (response.status >= 500 && !request.creates && state.attempt < options_.max_attempts) {
        NECTR_LOG_WARN("github.retry", "method={} path={} attempt={} status={}", request.method,
                       request.path, state.attempt, response.status);
        return Verdict::Retry(BackoffDelay(state.attempt));
    }
    return Verdict::Fail(std::move(error));
}

net::awaitable<Transport::Verdict> Transport::Attempt(const ApiRequest* request,
                                                      const std::string* url, CallState* state,
                                                      CallBudget* budget) {
    auto authorization = co_await credentials_->Authorization();
    if (!authorization) {
        co_return AfterFailure(*request, authorization.error(), true, *state);
    }
    std::string key;
    std::shared_ptr<const CachedResponse> cached;
    if (request->method == "GET") {
        key = EtagCacheKey(credentials_->Identity(), request->accept, *url);
        cached = options_.etag_cache->Find(key);
    }
    auto outbound = Build(*request, *url, *authorization, cached ? cached->etag : "");
    auto response = co_await http::Send(http_, std::move(outbound));
    if (!response) {
        co_return AfterFailure(*request, response.error(), !request->creates, *state);
    }
    Observe(request->method, *url, *response);
    NECTR_LOG_DEBUG("github.response", "method={} path={} status={} attempt={}", request->method,
                    request->path, response->status, state->attempt);
    co_return AfterResponse(*request, key, cached.get(), std::move(*response), *state, *budget);
}

net::awaitable<core::Result<ApiResponse>> Transport::Send(ApiRequest request, CallBudget* budget) {
    const std::string url = options_.api_url + request.path;
    CallState state;
    while (true) {
        ++state.attempt;
        Verdict verdict = co_await Attempt(&request, &url, &state, budget);
        if (verdict.kind == Verdict::Kind::kReturn) {
            co_return std::move(verdict.response);
        }
        if (verdict.kind == Verdict::Kind::kFail) {
            co_return std::move(verdict.error);
        }
        if (verdict.wait.count() > 0) {
            co_await Pause(verdict.wait);
        }
    }
}

}  // namespace nectr::github
