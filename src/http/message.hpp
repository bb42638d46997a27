#pragma once

// Plain request and response types: handlers see these, never a Beast type, so that
// handler translation units compile without the networking headers.
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace nectr::http {

class ResponseStream;  // http/stream.hpp

struct Header {
    std::string name;
    std::string value;
};

struct Request {
    std::string method;  // "GET", "POST", ...
    std::string target;  // as received: path and query
    std::string path;    // percent-decoded path, without the query
    std::string query;   // raw query string, without '?'
    // As received, names in their original case. Qualified: the member function Header
    // below would otherwise change what the name means inside the class.
    std::vector<http::Header> headers;
    std::string body;
    std::string remote_address;  // the peer's IP address
    std::string request_id;      // from X-Request-Id when sane, otherwise generated
    std::map<std::string, std::string> path_params;  // filled by the router: /repos/{id}

    // Case-insensitive header lookup; the first one wins.
    std::optional<std::string_view> Header(std::string_view name) const;
    // Percent-decoded query parameter ('+' reads as a space); the first one wins. A key
    // without '=' gives "". nullopt when absent or when the query is not valid encoding.
    std::optional<std::string> QueryParam(std::string_view name) const;
    // A `{name}` segment of the matched route pattern; nullopt when the pattern has none.
    std::optional<std::string> PathParam(std::string_view name) const;
};

struct Response {
    int status = 200;
    std::vector<http::Header> headers;  // Content-Type goes here too
    std::string body;
    // A body written piece by piece (Server-Sent Events): when set, `body` is ignored and the
    // server sends the head, then lets the stream write until it returns (http/stream.hpp).
    std::shared_ptr<ResponseStream> stream;

    // Replaces a header of the same name (any case) or adds one; returns *this to chain.
    // The server owns Content-Length, Connection, Server and X-Request-Id: it replaces them.
    Response& SetHeader(std::string name, std::string value);
    // Case-insensitive header lookup; the first one wins.
    std::optional<std::string_view> Header(std::string_view name) const;

    // `body` is sent as is, with Content-Type: application/json.
    static Response Json(int status, std::string body);
    // `body` with the given Content-Type.
    static Response Text(int status, std::string body,
                         std::string content_type = "text/plain; charset=utf-8");
};

// The one place where error codes become HTTP statuses.
int StatusFor(core::Errc code);
// {"error": {"code": "not_found", "message": "..."}} with the status StatusFor gives.
// The message is the error's detail, or the reason phrase when the detail is empty.
Response ErrorResponse(const core::Error& error);
// The same body for errors that no core::Errc names (405, 431).
Response ErrorResponse(int status, std::string_view code, std::string_view message);

// Standard reason phrase ("Not Found"); "Unknown" for codes it does not know.
std::string_view ReasonPhrase(int status);

}  // namespace nectr::http
