#pragma once

// One GitHub request from the client's point of view: authorization, headers, the ETag cache,
// rate-limit waits, retries and error mapping all happen here, so that each API method only
// names its path and reads its answer.
//
// Retry policy. Transport errors (kUnavailable, kTimeout) and 5xx answers are retried with
// backoff up to ClientOptions::max_attempts, but only for requests that are safe to repeat:
// reads, PATCH/PUT/DELETE, and POSTs that create nothing new (a ping, a reaction, which GitHub
// answers 200 when it exists, a token exchange). A request that creates something (a review,
// an issue comment, a webhook) is sent once: a 502 or a reset connection does not say whether
// GitHub processed it (GitHub is known to answer 502 to a review it then posts), and a blind
// retry would post twice. The caller decides after such an error, e.g. by listing the reviews
// of the pull request. Rate-limit rejections are retried for every request, after the wait,
// because GitHub rejects them before doing anything.
#include <boost/asio/awaitable.hpp>
#include <memory>
#include <mutex>
#include <random>
#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "github/auth.hpp"
#include "github/options.hpp"
#include "http/client.hpp"

namespace nectr::github {

struct CachedResponse;

inline constexpr const char* kJsonMediaType = "application/vnd.github+json, application/json";
inline constexpr const char* kDiffMediaType = "application/vnd.github.diff";

struct ApiRequest {
    std::string method = "GET";
    std::string path;  // from the API root, with its query: "/repos/o/r/pulls/1/files?page=2"
    std::string accept = kJsonMediaType;
    std::string body;      // JSON; sent with Content-Type: application/json when not empty
    bool creates = false;  // not safe to repeat once sent (see the retry policy above)
};

struct ApiResponse {
    int status = 0;  // 2xx; 200 for an answer from the ETag cache
    std::string body;
    std::string link;  // the Link header, "" when absent
    bool from_cache = false;
};

// The rate-limit time one call may still wait; shared by the pages of a listing.
struct CallBudget {
    std::chrono::milliseconds rate_limit_waited{0};
};

class Transport {
public:
    Transport(http::Client& http, std::shared_ptr<Credentials> credentials, ClientOptions options,
              const core::Clock& clock);

    // Sends `request` and returns its 2xx answer. Errors: those of github/api_error.hpp for
    // other statuses; kRateLimited when the wait would exceed what is left of `budget` (the
    // detail says when the limit resets); kUnavailable or kTimeout from the transport;
    // whatever the credentials return. `budget` must outlive the call (it lives in the
    // caller's frame).
    net::awaitable<core::Result<ApiResponse>> Send(ApiRequest request, CallBudget* budget);

    const ClientOptions& Options() const { return options_; }

private:
    struct Verdict;
    struct CallState;

    // One attempt: authorization, the exchange, and what to do next. Pointers into the frame
    // of Send, which outlives the attempt.
    net::awaitable<Verdict> Attempt(const ApiRequest* request, const std::string* url,
                                    CallState* state, CallBudget* budget);
    Verdict AfterFailure(const ApiRequest& request, const core::Error& error, bool may_retry,
                         CallState& state);
    Verdict AfterResponse(const ApiRequest& request, const std::string& key,
                          const CachedResponse* cached, http::OutboundResponse response,
                          CallState& state, CallBudget& budget);
    http::OutboundRequest Build(const ApiRequest& request, const std::string& url,
                                const std::string& authorization, const std::string& etag) const;
    void Observe(const std::string& method, const std::string& url,
                 const http::OutboundResponse& response) const;
    std::chrono::milliseconds BackoffDelay(int attempt);
    net::awaitable<void> Pause(std::chrono::milliseconds duration);

    http::Client& http_;
    std::shared_ptr<Credentials> credentials_;
    ClientOptions options_;
    const core::Clock& clock_;
    std::mutex random_mutex_;
    std::mt19937_64 random_;
};

}  // namespace nectr::github
