#include "api/query_params.hpp"

#include <charconv>

#include "api/page_cursor.hpp"

namespace nectr::api {
namespace {

bool IsNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
}

}  // namespace

std::optional<std::string> NonEmptyParam(const http::Request& request, std::string_view name) {
    std::optional<std::string> value = request.QueryParam(name);
    if (value && value->empty()) {
        return std::nullopt;
    }
    return value;
}

core::Error BadParameter(std::string message) {
    return core::MakeError(core::Errc::kInvalidInput, std::move(message));
}

bool IsRepositoryName(std::string_view text) {
    const std::size_t slash = text.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash > 39 ||
        text.size() - slash - 1 == 0 || text.size() - slash - 1 > 100) {
        return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (i != slash && !IsNameChar(text[i])) {
            return false;
        }
    }
    return true;
}

core::Result<std::string> ParseRepositoryParam(const http::Request& request) {
    std::optional<std::string> repo = NonEmptyParam(request, "repo");
    if (!repo) {
        return std::string();
    }
    if (!IsRepositoryName(*repo)) {
        return BadParameter("repo must be a repository's full name, owner/name");
    }
    return std::move(*repo);
}

core::Result<std::int64_t> ParseLimitParam(const http::Request& request, std::int64_t fallback,
                                           std::int64_t max) {
    std::optional<std::string> text = NonEmptyParam(request, "limit");
    if (!text) {
        return fallback;
    }
    std::int64_t limit = 0;
    const char* end = text->data() + text->size();
    auto [ptr, ec] = std::from_chars(text->data(), end, limit);
    if (ec != std::errc() || ptr != end || limit < 1 || limit > max) {
        return BadParameter("limit must be a number from 1 to " + std::to_string(max));
    }
    return limit;
}

core::Result<std::optional<std::int64_t>> ParseCursorParam(const http::Request& request) {
    std::optional<std::string> cursor = NonEmptyParam(request, "cursor");
    if (!cursor) {
        return std::optional<std::int64_t>();
    }
    core::Result<std::int64_t> before = DecodePageCursor(*cursor);
    if (!before) {
        return before.error();
    }
    return std::optional<std::int64_t>(*before);
}

std::optional<std::int64_t> ParsePositiveId(std::string_view text) {
    if (text.empty() || text.front() < '1' || text.front() > '9') {
        return std::nullopt;
    }
    std::int64_t id = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, id);
    if (ec != std::errc() || ptr != end) {
        return std::nullopt;
    }
    return id;
}

}  // namespace nectr::api
