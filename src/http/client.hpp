#pragma once

// The outbound HTTP client that github/, llm/ and mcp/ share: one seam, so that every caller
// gets keep-alive, TLS, proxies and timeouts the same way, and states its own retry policy on
// top (GitHub's rate limits are not Anthropic's overloads).
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "http/message.hpp"

namespace nectr::http {

namespace net = boost::asio;

struct OutboundRequest {
    std::string method = "GET";
    std::string url;  // absolute: scheme, host, path and query
    std::vector<http::Header> headers;
    std::string body;
    // The whole exchange, connect to last byte.
    std::chrono::milliseconds timeout{60 * 1000};
    // A response body larger than this fails the call (kTooLarge) instead of filling memory.
    std::size_t max_response_bytes = std::size_t{64} * 1024 * 1024;
    // When set, the body is handed over as it arrives instead of being collected (an event
    // stream that stays open): each piece goes to this function on the client's own thread,
    // with the response's status; it must not block. Returning false ends the exchange early,
    // which then completes successfully with the status and headers and an empty body.
    std::function<bool(int status, std::string_view piece)> on_body;
};

struct OutboundResponse {
    int status = 0;
    std::vector<http::Header> headers;  // names lower-cased, in the order received
    std::string body;

    // Case-insensitive lookup; the first one wins.
    std::optional<std::string_view> Header(std::string_view name) const;
};

// Sends requests. Any HTTP status is a response, not an error: the caller decides what a 404 or
// a 529 means. Errors are for exchanges that produced no response: kInvalidInput (a bad URL),
// kUnavailable (DNS, refused, reset, TLS), kTimeout, kTooLarge, kInternal.
class Client {
public:
    using Callback = std::function<void(core::Result<OutboundResponse>)>;
    using RequestId = std::uint64_t;

    virtual ~Client() = default;

    // Starts the exchange and returns at once. `done` runs exactly once, on a thread of the
    // client's own (never inside Start), unless Abort wins the race first, in which case it
    // runs with a kTimeout error saying the request was cancelled.
    virtual RequestId Start(OutboundRequest request, Callback done) = 0;

    // Abandons a started request (a cancelled review, a lost job lease). Harmless when the
    // request has already finished.
    virtual void Abort(RequestId id) = 0;
};

// Awaits one exchange; the coroutine resumes on its own executor. Asio cancellation of the
// awaiting operation aborts the request.
net::awaitable<core::Result<OutboundResponse>> Send(Client& client, OutboundRequest request);

// Blocks the calling thread until the exchange ends: for command-line paths with no event loop.
core::Result<OutboundResponse> SendBlocking(Client& client, OutboundRequest request);

struct ClientOptions {
    std::string user_agent;  // sent when the request has no User-Agent of its own
    // Open connections kept per host for reuse, and in all.
    std::size_t max_connections_per_host = 16;
    std::size_t max_total_connections = 256;
    // Extra CA bundle (PEM file) for GitHub Enterprise behind a private CA; empty: the system's.
    std::string ca_file;
};

// The libcurl implementation: one thread drives every exchange through a curl multi handle, so a
// thousand requests waiting on a slow model cost a thousand sockets, not a thousand threads.
// HTTPS_PROXY, HTTP_PROXY and NO_PROXY from the environment are honoured.
std::unique_ptr<Client> MakeCurlClient(ClientOptions options);

}  // namespace nectr::http
