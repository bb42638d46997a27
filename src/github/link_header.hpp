#pragma once

// Pagination: GitHub lists in pages and names the next one in the Link header, e.g.
//   Link: <https://api.github.com/repositories/1/pulls/2/files?page=2>; rel="next", <...>;
//   rel="last"
#include <optional>
#include <string>
#include <string_view>

namespace nectr::github {

// The URL of the rel="next" link; nullopt when there is none (the last page).
std::optional<std::string> FindNextLink(std::string_view link_header);

// The request for the next page: `current` (a path with query, relative to the API root) with
// the query parameters of `next_link` laid over its own. Only the query is taken from the link,
// never its host or path, so that the token goes nowhere but the configured API root (GitHub
// Enterprise may name an internal host, and GitHub may name the repository by id instead of
// by name: both serve the same pages). nullopt when the link adds nothing new (a server that
// keeps pointing at the same page).
std::optional<std::string> NextPagePath(std::string_view current, std::string_view next_link);

}  // namespace nectr::github
