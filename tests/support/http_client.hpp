#pragma once

// Synchronous HTTP helpers for tests: a libcurl request for well-formed traffic, and a raw
// loopback socket for the bytes no real client would send.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nectr::testing {

struct HttpResult {
    long status = 0;  // 0 when no response arrived; `error` says why
    std::string body;
    std::map<std::string, std::string> headers;  // names in lower case; the last one wins
    std::vector<std::string> cookies;            // every Set-Cookie value, in order
    std::string error;                           // curl's message when the transfer failed
};

// Sends one request on a new connection and waits for the whole response. "HEAD" asks for
// no body. Extra headers replace curl's own of the same name; a value-less "Expect:" removes
// curl's Expect header. Blocks for at most `timeout_ms`.
HttpResult HttpRequest(const std::string& method, const std::string& url,
                       const std::string& body = "",
                       const std::vector<std::pair<std::string, std::string>>& headers = {},
                       long timeout_ms = 10000);

// One response as read from a raw connection.
struct RawResponse {
    int status = 0;
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;
};

// A blocking TCP connection to 127.0.0.1. Every read has a deadline, so a server that
// never answers fails the test instead of hanging it.
class RawConnection {
public:
    explicit RawConnection(std::uint16_t port);
    ~RawConnection();
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    bool Connected() const { return fd_ >= 0; }
    // Sends every byte; false if the connection broke.
    bool Send(std::string_view bytes);
    // Closes our sending side (the peer reads end-of-stream).
    void ShutdownSend();

    // Reads one response: the header, then Content-Length bytes of body (none when
    // `head_request`, or for 1xx, 204 and 304). nullopt on a deadline, close or garbage.
    std::optional<RawResponse> ReadResponse(std::chrono::milliseconds timeout,
                                            bool head_request = false);
    // Reads until the peer closes; returns what arrived, or nullopt if the deadline came
    // first (the connection stayed open).
    std::optional<std::string> ReadUntilClosed(std::chrono::milliseconds timeout);

private:
    // Appends what arrives to pending_; false on close, error or deadline.
    bool ReadMore(std::chrono::steady_clock::time_point deadline);

    int fd_ = -1;
    std::string pending_;
};

// True when a TCP connection to 127.0.0.1:port is accepted by the kernel.
bool CanConnect(std::uint16_t port);

}  // namespace nectr::testing
