#include "github/rate_limit.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <boost/json/value.hpp>
#include <cctype>
#include <charconv>

#include "github/json_fields.hpp"

namespace nectr::github {
namespace {

constexpr std::chrono::seconds kSecondaryDefaultWait{60};
// `x-ratelimit-reset` has whole seconds: one more makes sure the window has turned.
constexpr std::chrono::seconds kResetSlack{1};

std::optional<std::int64_t> HeaderInt(const http::OutboundResponse& response,
                                      std::string_view name) {
    auto value = response.Header(name);
    if (!value) {
        return std::nullopt;
    }
    std::string_view text = *value;
    while (!text.empty() && text.front() == ' ') {
        text.remove_prefix(1);
    }
    std::int64_t number = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec != std::errc() || end == text.data()) {
        return std::nullopt;
    }
    return number;
}

bool MentionsRateLimit(std::string_view body) {
    auto value = ParseJson(body, "an error");
    if (!value || !value->is_object()) {
        return false;
    }
    std::string message = StringAt(value->get_object(), "message");
    std::transform(message.begin(), message.end(), message.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return message.find("rate limit") != std::string::npos;
}

}  // namespace

std::optional<RateLimitHit> DetectRateLimit(const http::OutboundResponse& response,
                                            std::chrono::system_clock::time_point now) {
    if (response.status != 403 && response.status != 429) {
        return std::nullopt;
    }
    RateLimitHit hit;
    if (auto retry_after = HeaderInt(response, "retry-after")) {
        hit.wait = std::chrono::seconds(std::max<std::int64_t>(*retry_after, 0));
        hit.reset_at = now + hit.wait;
        hit.secondary = true;
        return hit;
    }
    auto remaining = HeaderInt(response, "x-ratelimit-remaining");
    auto reset = HeaderInt(response, "x-ratelimit-reset");
    if (remaining && *remaining == 0 && reset) {
        const auto reset_at = std::chrono::system_clock::time_point(std::chrono::seconds(*reset));
        hit.reset_at = reset_at;
        hit.wait = std::max(
            std::chrono::duration_cast<std::chrono::milliseconds>(reset_at - now + kResetSlack),
            std::chrono::milliseconds(0));
        return hit;
    }
    if (response.status == 429 || MentionsRateLimit(response.body)) {
        hit.wait = kSecondaryDefaultWait;
        hit.reset_at = now + hit.wait;
        hit.secondary = true;
        return hit;
    }
    return std::nullopt;
}

std::string DescribeRateLimit(const RateLimitHit& hit, std::chrono::system_clock::time_point now) {
    const char* which = hit.secondary ? "secondary rate limit" : "rate limit";
    if (!hit.reset_at) {
        return fmt::format("GitHub's {} is exhausted; retry in {} s", which,
                           std::chrono::ceil<std::chrono::seconds>(hit.wait).count());
    }
    const auto left = std::chrono::ceil<std::chrono::seconds>(*hit.reset_at - now);
    return fmt::format("GitHub's {} is exhausted until {} (in {} s)", which,
                       FormatTimestamp(*hit.reset_at), std::max<std::int64_t>(left.count(), 0));
}

}  // namespace nectr::github
