#pragma once

// What the server does around one request/response exchange that needs no socket: the
// finishing touches on a response, and the access log line and metrics afterwards.
#include <cstddef>
#include <string>
#include <string_view>

#include "core/metrics.hpp"
#include "http/message.hpp"

namespace nectr::http {

inline constexpr std::string_view kRequestsTotal = "nectr_http_requests_total";
inline constexpr std::string_view kRequestDuration = "nectr_http_request_duration_seconds";
inline constexpr std::string_view kConnectionsActive = "nectr_http_connections_active";
// The route label of requests that matched no route, so that a scan of random paths
// cannot create one series per path.
inline constexpr std::string_view kUnmatchedRoute = "unmatched";

// Declares the server's metric families; safe to call more than once.
void DeclareServerMetrics(core::Metrics& metrics);

// Prepares a handler's response for the wire. The server owns framing, so Content-Length,
// Transfer-Encoding, Connection and Keep-Alive set by a handler are replaced, and a header
// whose name is not a token or whose value holds CR, LF or NUL is dropped (and logged):
// it would let a value smuggle in headers of its own. Adds
// `Server: nectr`, `X-Request-Id`, `Content-Length` (none for a streaming response, whose
// framing the session adds) and, when unset, a text/plain Content-Type. 204 and 304 lose
// their body. A status outside 200..599 is a handler bug
// and becomes a 500 JSON error (logged with the request id).
void FinalizeResponse(Response& response, std::string_view request_id);

// The status line and header block of a finalized response, through the blank line that
// ends it. HTTP/1.1 always; `Connection: close` unless `keep_alive`, and an explicit
// `Connection: keep-alive` for HTTP/1.0 clients (minor version 0) that stay connected.
std::string SerializeHead(const Response& response, unsigned minor_version, bool keep_alive);

// The method as a metric label: the standard methods as sent, anything else "OTHER".
std::string_view MethodLabel(std::string_view method);

struct ExchangeRecord {
    std::string_view method;
    std::string_view path;   // encoded, without the query (which may carry codes or tokens)
    std::string_view route;  // the route's pattern, or kUnmatchedRoute
    int status = 0;
    double duration_seconds = 0;
    std::size_t bytes_in = 0;
    std::size_t bytes_out = 0;
    std::string_view request_id;
    std::string_view remote;
};

// Writes the one `http.request` log line and updates the request counter and histogram.
void RecordExchange(core::Metrics& metrics, const ExchangeRecord& record);

}  // namespace nectr::http
