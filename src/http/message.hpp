#pragma once

// Plain request and response types: handlers see these, never a Beast type, so that
// handler translation units compile without the networking headers.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace nectr::http {

struct Header {
    std::string name;
    std::string value;
};

struct Request {
    std::string method;       // "GET", "POST", ...
    std::string target;       // as received: path and query
    std::string path;         // percent-decoded path, without the query
    std::string query;        // raw query string, without '?'
    std::vector<Header> headers;
    std::string body;
    std::string remote_address;
    std::string request_id;   // from X-Request-Id when sane, otherwise generated
    std::map<std::string, std::string> path_params;  // filled by the router: /repos/{id}

    // Case-insensitive header lookup; the first one wins.
    std::optional<std::string_view> Header(std::string_view name) const;
    // Percent-decoded query parameter; the first one wins.
    std::optional<std::string> QueryParam(std::string_view name) const;
    std::optional<std::string> PathParam(std::string_view name) const;
};

struct Response {
    int status = 200;
    std::vector<Header> headers;  // Content-Type goes here too
    std::string body;

    Response& SetHeader(std::string name, std::string value);
    std::optional<std::string_view> Header(std::string_view name) const;

    static Response Json(int status, std::string body);
    static Response Text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
};

// The one place where error codes become HTTP statuses.
int StatusFor(core::Errc code);
// {"error": {"code": "not_found", "message": "..."}} with the status StatusFor gives.
Response ErrorResponse(const core::Error& error);
Response ErrorResponse(int status, std::string_view code, std::string_view message);

// Standard reason phrase ("Not Found"); "Unknown" for codes it does not know.
std::string_view ReasonPhrase(int status);

}  // namespace nectr::http
