#include "http/request_parts.hpp"

#include <algorithm>
#include <boost/url/parse.hpp>
#include <random>

namespace nectr::http {

core::Result<Target> ParseTarget(std::string_view target) {
    // Origin form is what clients send; absolute form is what they send through a proxy,
    // and RFC 9112 section 3.2.2 asks servers to accept it too.
    auto url = !target.empty() && target.front() == '/' ? boost::urls::parse_origin_form(target)
                                                        : boost::urls::parse_absolute_uri(target);
    if (!url) {
        return core::MakeError(core::Errc::kInvalidInput,
                               "the request target is not a valid path: " + url.error().message());
    }
    Target parts;
    parts.path = url->path();
    if (parts.path.empty()) {
        parts.path = "/";
    }
    if (parts.path.front() != '/') {
        return core::MakeError(core::Errc::kInvalidInput, "the request path must start with '/'");
    }
    // A NUL byte in a path is never legitimate and truncates C strings further down.
    if (parts.path.find('\0') != std::string::npos) {
        return core::MakeError(core::Errc::kInvalidInput, "the request path contains %00");
    }
    parts.query = std::string(url->encoded_query());
    return parts;
}

bool IsAcceptableRequestId(std::string_view id) {
    return !id.empty() && id.size() <= kMaxRequestIdLength &&
           std::all_of(id.begin(), id.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '_' || c == '-';
           });
}

std::string GenerateRequestId() {
    // Ids only need to be unique enough to find one request in the logs, not unguessable,
    // so a per-thread generator seeded once is enough and takes no lock.
    thread_local std::mt19937_64 generator{std::random_device{}()};
    static constexpr char kHex[] = "0123456789abcdef";
    std::uint64_t bits = generator();
    std::string id(16, '0');
    for (char& c : id) {
        c = kHex[bits & 0xF];
        bits >>= 4;
    }
    return id;
}

std::string ChooseRequestId(std::optional<std::string_view> incoming) {
    if (incoming && IsAcceptableRequestId(*incoming)) {
        return std::string(*incoming);
    }
    return GenerateRequestId();
}

}  // namespace nectr::http
