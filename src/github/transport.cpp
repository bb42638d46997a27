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

// What to do with one answer.
struct Verdict {
    enum class Kind { kReturn, kFail, kBackoff, kWait, kReauthorize } kind;
    core::Error error{};
    std::chrono::milliseconds wait{0};
};

}  // namespace

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

namespace {

Verdict Decide(const ApiRequest& request, const http::OutboundResponse& response,
               std::chrono::system_clock::time_point now, std::chrono::milliseconds budget_left,
               int rate_limit_waits) {
    using Kind = Verdict::Kind;
    if (response.status >= 200 && response.status < 300) {
        return {Kind::kReturn};
    }
    if (auto hit = DetectRateLimit(response, now)) {
        if (hit->wait <= budget_left && rate_limit_waits < kMaxRateLimitWaits) {
            return {Kind::kWait, {}, hit->wait};
        }
        return {Kind::kFail, core::MakeError(Errc::kRateLimited,
                                             fmt::format("{} {}: {}", request.method, request.path,
                                                         DescribeRateLimit(*hit, now)))};
    }
    if (response.status == 401) {
        return {Kind::kReauthorize,
                ApiError(request.method, request.path, response.status, response.body)};
    }
    core::Error error = ApiError(request.method, request.path, response.status, response.body);
    if (response.status >= 500 && !request.creates) {
        return {Kind::kBackoff, std::move(error)};
    }
    return {Kind::kFail, std::move(error)};
}

}  // namespace

net::awaitable<core::Result<ApiResponse>> Transport::Send(ApiRequest request, CallBudget* budget) {
    using Kind = Verdict::Kind;
    const std::string url = options_.api_url + request.path;
    const bool cacheable = request.method == "GET";
    int attempt = 0;
    int rate_limit_waits = 0;
    bool reauthorized = false;
    while (true) {
        ++attempt;
        auto authorization = co_await credentials_->Authorization();
        if (!authorization) {
            if (!IsTransient(authorization.error().code) || attempt >= options_.max_attempts) {
                co_return authorization.error();
            }
            co_await Pause(BackoffDelay(attempt));
            continue;
        }
        const std::string key =
            cacheable ? EtagCacheKey(credentials_->Identity(), request.accept, url) : "";
        auto cached = cacheable ? options_.etag_cache->Find(key) : nullptr;
        auto outbound = Build(request, url, *authorization, cached ? cached->etag : "");
        auto response = co_await http::Send(http_, std::move(outbound));
        if (!response) {
            const core::Error& error = response.error();
            if (request.creates || !IsTransient(error.code) || attempt >= options_.max_attempts) {
                co_return core::MakeError(error.code, fmt::format("{} {}: {}", request.method,
                                                                  request.path, error.detail));
            }
            NECTR_LOG_WARN("github.retry", "method={} path={} attempt={} error=\"{}\"",
                           request.method, request.path, attempt, error.detail);
            co_await Pause(BackoffDelay(attempt));
            continue;
        }
        Observe(request.method, url, *response);
        NECTR_LOG_DEBUG("github.response", "method={} path={} status={} attempt={}", request.method,
                        request.path, response->status, attempt);
        if (response->status == 304 && cached) {
            co_return ApiResponse{200, cached->body, cached->link, true};
        }
        Verdict verdict =
            Decide(request, *response, clock_.Now(),
                   options_.rate_limit_budget - budget->rate_limit_waited, rate_limit_waits);
        switch (verdict.kind) {
            case Kind::kReturn: {
                std::string link(response->Header("link").value_or(""));
                if (cacheable) {
                    if (auto etag = response->Header("etag")) {
                        options_.etag_cache->Store(
                            key, CachedResponse{std::string(*etag), response->body, link});
                    }
                }
                co_return ApiResponse{response->status, std::move(response->body), std::move(link),
                                      false};
            }
            case Kind::kWait:
                NECTR_LOG_WARN("github.rate_limited", "method={} path={} wait_ms={}",
                               request.method, request.path, verdict.wait.count());
                ++rate_limit_waits;
                budget->rate_limit_waited += verdict.wait;
                --attempt;  // a rejected request was not processed: not an attempt
                co_await Pause(verdict.wait);
                continue;
            case Kind::kReauthorize:
                if (reauthorized || !credentials_->Invalidate()) {
                    co_return verdict.error;
                }
                reauthorized = true;
                --attempt;
                continue;
            case Kind::kBackoff:
                if (attempt >= options_.max_attempts) {
                    co_return verdict.error;
                }
                NECTR_LOG_WARN("github.retry", "method={} path={} attempt={} status={}",
                               request.method, request.path, attempt, response->status);
                co_await Pause(BackoffDelay(attempt));
                continue;
            case Kind::kFail:
                co_return verdict.error;
        }
    }
}

}  // namespace nectr::github
