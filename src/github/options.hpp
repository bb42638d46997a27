#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace nectr::github {

namespace net = boost::asio;

class EtagCache;

// Waits for a while without blocking the thread. Tests pass one that returns at once and
// records how long it was asked to wait.
using Sleeper = std::function<net::awaitable<void>(std::chrono::milliseconds)>;

// What the client saw of one HTTP exchange (one attempt; a 304 answered from the cache too).
struct ObservedResponse {
    std::string_view method;
    std::string_view url;
    int status = 0;
    const std::vector<http::Header>& headers;  // names lower-cased
};
using ResponseObserver = std::function<void(const ObservedResponse&)>;

// "nectr/<version>": GitHub asks every client to name itself.
std::string DefaultUserAgent();

// GitHub's REST API version that requests ask for.
inline constexpr const char* kApiVersion = "2022-11-28";

struct ClientOptions {
    // "https://api.github.com", or "https://HOST/api/v3" for GitHub Enterprise Server.
    std::string api_url = "https://api.github.com";
    std::string user_agent = DefaultUserAgent();
    // One HTTP exchange, connect to last byte.
    std::chrono::milliseconds request_timeout{30 * 1000};
    // Attempts per request for transport errors and 5xx answers (rate-limit waits are not
    // attempts). Requests that create something are tried once: see the retry policy in
    // github/transport.hpp.
    int max_attempts = 3;
    // Backoff before attempt n+1: a random time in [d/2, d], d = min(base * 2^(n-1), max).
    std::chrono::milliseconds backoff_base{500};
    std::chrono::milliseconds backoff_max{8 * 1000};
    // The total time one call (all pages of a listing) may spend waiting out rate limits; a
    // longer wait fails the call with kRateLimited at once.
    std::chrono::milliseconds rate_limit_budget{60 * 1000};
    // Pages a listing follows at most (100 entries each).
    int max_pages = 30;
    // Shared between clients; null: each client makes its own of the default size.
    std::shared_ptr<EtagCache> etag_cache;
    // Seeds the backoff jitter; 0: a random seed.
    std::uint64_t jitter_seed = 0;
    // Empty: a real timer on the calling coroutine's executor.
    Sleeper sleeper;
    // Called after every response, before the client interprets it (tests check with it that
    // every request passed the emulator's validation). Must not block.
    ResponseObserver observer;
};

}  // namespace nectr::github
