#pragma once

// Protection against cross-site request forgery for cookie-authenticated requests. SameSite=Lax
// already keeps the session cookie off other sites' POSTs in current browsers; this check is
// the second lock, for older browsers and for sibling subdomains (which count as "same site").
// Pure.
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "http/message.hpp"

namespace nectr::auth {

// "scheme://host[:port]" of an absolute http or https URL, lower-cased, with the scheme's
// default port left out: the form browsers send in Origin. "" for anything else.
std::string OriginOf(std::string_view url);

// Every method but GET, HEAD and OPTIONS.
bool IsStateChanging(std::string_view method);

// Admits a request whose Origin header (or, when a browser sent none, its Referer) names one
// of `trusted_urls` (the backend and frontend URLs; any path in them is ignored).
// kForbidden otherwise, also for a missing header and for Origin "null".
core::Result<void> CheckSameOrigin(const http::Request& request,
                                   const std::vector<std::string>& trusted_urls);

}  // namespace nectr::auth
