#include "auth/same_origin.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include "core/text.hpp"

namespace nectr::auth {
namespace {

core::Error Refused(std::string detail) {
    return core::MakeError(core::Errc::kForbidden, std::move(detail));
}

}  // namespace

std::string OriginOf(std::string_view url) {
    auto parsed = boost::urls::parse_uri(url);
    if (!parsed || !parsed->has_authority() || parsed->encoded_host().empty()) {
        return {};
    }
    const std::string scheme = core::AsciiLower(parsed->scheme());
    if (scheme != "http" && scheme != "https") {
        return {};
    }
    std::string origin = scheme + "://" + core::AsciiLower(parsed->encoded_host());
    const std::string_view port = parsed->port();
    const bool default_port =
        port.empty() || (scheme == "http" && port == "80") || (scheme == "https" && port == "443");
    if (!default_port) {
        origin += ":" + std::string(port);
    }
    return origin;
}

bool IsStateChanging(std::string_view method) {
    return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

core::Result<void> CheckSameOrigin(const http::Request& request,
                                   const std::vector<std::string>& trusted_urls) {
    std::string origin;
    if (auto header = request.Header("Origin")) {
        origin = OriginOf(*header);
    } else if (auto referer = request.Header("Referer")) {
        origin = OriginOf(*referer);
    } else {
        return Refused("a signed-in browser request that changes something must carry Origin");
    }
    if (!origin.empty()) {
        for (const std::string& url : trusted_urls) {
            if (OriginOf(url) == origin) {
                return {};
            }
        }
    }
    return Refused("the request comes from a page of another site");
}

}  // namespace nectr::auth
