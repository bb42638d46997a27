#include "http/message.hpp"

#include <algorithm>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/params_view.hpp>
#include <boost/url/parse_query.hpp>
#include <cctype>

namespace nectr::http {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) ==
               std::tolower(static_cast<unsigned char>(y));
    });
}

std::optional<std::string_view> FindHeader(const std::vector<http::Header>& headers,
                                           std::string_view name) {
    for (const auto& header : headers) {
        if (EqualsIgnoreCase(header.name, name)) {
            return std::string_view(header.value);
        }
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string_view> Request::Header(std::string_view name) const {
    return FindHeader(headers, name);
}

std::optional<std::string> Request::QueryParam(std::string_view name) const {
    if (!boost::urls::parse_query(query)) {
        // The server rejects bad percent-encoding before a handler runs; a request built
        // by hand with a broken query simply has no parameters.
        return std::nullopt;
    }
    // Browsers encode form fields with '+' for a space, so a query reads the same way.
    boost::urls::encoding_opts options;
    options.space_as_plus = true;
    // The string overload, checked above so it cannot throw: Boost 1.81's library does not
    // export the params_view(params_view, encoding_opts) constructor.
    boost::urls::params_view params(query, options);
    for (const auto& param : params) {
        if (param.key == name) {
            return param.has_value ? param.value : std::string();
        }
    }
    return std::nullopt;
}

std::optional<std::string> Request::PathParam(std::string_view name) const {
    auto found = path_params.find(std::string(name));
    if (found == path_params.end()) {
        return std::nullopt;
    }
    return found->second;
}

Response& Response::SetHeader(std::string name, std::string value) {
    for (auto& header : headers) {
        if (EqualsIgnoreCase(header.name, name)) {
            header.value = std::move(value);
            return *this;
        }
    }
    headers.push_back({std::move(name), std::move(value)});
    return *this;
}

std::optional<std::string_view> Response::Header(std::string_view name) const {
    return FindHeader(headers, name);
}

Response Response::Json(int status, std::string body) {
    Response response;
    response.status = status;
    response.body = std::move(body);
    response.SetHeader("Content-Type", "application/json");
    return response;
}

Response Response::Text(int status, std::string body, std::string content_type) {
    Response response;
    response.status = status;
    response.body = std::move(body);
    response.SetHeader("Content-Type", std::move(content_type));
    return response;
}

int StatusFor(core::Errc code) {
    switch (code) {
        case core::Errc::kInvalidInput:
            return 400;
        case core::Errc::kUnauthorized:
            return 401;
        case core::Errc::kForbidden:
            return 403;
        case core::Errc::kNotFound:
            return 404;
        case core::Errc::kConflict:
            return 409;
        case core::Errc::kTooLarge:
            return 413;
        case core::Errc::kUnsupportedMediaType:
            return 415;
        case core::Errc::kRateLimited:
            return 429;
        case core::Errc::kTimeout:
            return 504;
        case core::Errc::kUnavailable:
            return 503;
        case core::Errc::kUpstream:
            return 502;
        case core::Errc::kInternal:
            return 500;
    }
    return 500;
}

Response ErrorResponse(const core::Error& error) {
    const int status = StatusFor(error.code);
    // An empty detail would leave the caller with nothing to read; the reason phrase is
    // at least a sentence.
    std::string_view message = error.detail.empty() ? ReasonPhrase(status) : error.detail;
    return ErrorResponse(status, core::ErrcName(error.code), message);
}

Response ErrorResponse(int status, std::string_view code, std::string_view message) {
    boost::json::object inner;
    inner["code"] = code;
    inner["message"] = message;
    boost::json::object outer;
    outer["error"] = std::move(inner);
    return Response::Json(status, boost::json::serialize(outer));
}

std::string_view ReasonPhrase(int status) {
    switch (status) {
        case 100:
            return "Continue";
        case 101:
            return "Switching Protocols";
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 202:
            return "Accepted";
        case 204:
            return "No Content";
        case 206:
            return "Partial Content";
        case 301:
            return "Moved Permanently";
        case 302:
            return "Found";
        case 303:
            return "See Other";
        case 304:
            return "Not Modified";
        case 307:
            return "Temporary Redirect";
        case 308:
            return "Permanent Redirect";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 406:
            return "Not Acceptable";
        case 408:
            return "Request Timeout";
        case 409:
            return "Conflict";
        case 410:
            return "Gone";
        case 411:
            return "Length Required";
        case 412:
            return "Precondition Failed";
        case 413:
            return "Payload Too Large";
        case 414:
            return "URI Too Long";
        case 415:
            return "Unsupported Media Type";
        case 417:
            return "Expectation Failed";
        case 422:
            return "Unprocessable Entity";
        case 429:
            return "Too Many Requests";
        case 431:
            return "Request Header Fields Too Large";
        case 500:
            return "Internal Server Error";
        case 501:
            return "Not Implemented";
        case 502:
            return "Bad Gateway";
        case 503:
            return "Service Unavailable";
        case 504:
            return "Gateway Timeout";
        case 505:
            return "HTTP Version Not Supported";
        default:
            return "Unknown";
    }
}

}  // namespace nectr::http
