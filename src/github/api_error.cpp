#include "github/api_error.hpp"

#include <fmt/core.h>

#include <boost/json/value.hpp>
#include <string>

#include "github/json_fields.hpp"
#include "http/message.hpp"

namespace nectr::github {
namespace {

namespace json = boost::json;

// GitHub's messages are short; a cap keeps a hostile or broken server out of the logs.
constexpr std::size_t kMaxMessage = 300;
constexpr std::size_t kMaxDetails = 5;

std::string Clip(std::string text) {
    if (text.size() > kMaxMessage) {
        text.resize(kMaxMessage);
        text += "...";
    }
    return text;
}

// One entry of `errors[]`: a string, or {resource, field, code, message}.
std::string DescribeDetail(const json::value& entry) {
    if (const json::string* text = entry.if_string()) {
        return std::string(text->data(), text->size());
    }
    const json::object* object = entry.if_object();
    if (object == nullptr) {
        return {};
    }
    std::string message = StringAt(*object, "message");
    std::string where = StringAt(*object, "resource");
    const std::string field = StringAt(*object, "field");
    if (!field.empty()) {
        where += where.empty() ? field : " " + field;
    }
    if (message.empty()) {
        message = StringAt(*object, "code");
    }
    return where.empty() ? message : where + ": " + message;
}

std::string GitHubMessage(std::string_view body) {
    auto value = ParseJson(body, "an error");
    if (!value || !value->is_object()) {
        return {};
    }
    const json::object& object = value->get_object();
    std::string text = StringAt(object, "message");
    std::string details;
    if (const json::array* errors = ArrayAt(object, "errors")) {
        std::size_t shown = 0;
        for (const json::value& entry : *errors) {
            std::string detail = DescribeDetail(entry);
            if (detail.empty()) {
                continue;
            }
            if (shown == kMaxDetails) {
                details += "; ...";
                break;
            }
            details += shown == 0 ? detail : "; " + detail;
            ++shown;
        }
    }
    if (!details.empty()) {
        text += text.empty() ? details : " (" + details + ")";
    }
    return Clip(std::move(text));
}

}  // namespace

core::Errc ErrcForStatus(int status) {
    using core::Errc;
    switch (status) {
        case 400:
        case 422:
            return Errc::kInvalidInput;
        case 401:
            return Errc::kUnauthorized;
        case 403:
            return Errc::kForbidden;
        case 404:
        case 410:
            return Errc::kNotFound;
        case 409:
            return Errc::kConflict;
        case 413:
            return Errc::kTooLarge;
        case 415:
            return Errc::kUnsupportedMediaType;
        case 429:
            return Errc::kRateLimited;
        default:
            return Errc::kUpstream;
    }
}

core::Error ApiError(std::string_view method, std::string_view path, int status,
                     std::string_view body) {
    std::string detail = fmt::format("GitHub answered {} {} to {} {}", status,
                                     http::ReasonPhrase(status), method, path);
    const std::string message = GitHubMessage(body);
    if (!message.empty()) {
        detail += ": " + message;
    }
    return core::MakeError(ErrcForStatus(status), std::move(detail));
}

}  // namespace nectr::github
