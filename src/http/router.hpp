#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace nectr::http {

namespace net = boost::asio;

// Handlers are coroutines taking the request by value (the frame owns it).
using Handler = std::function<net::awaitable<Response>(Request)>;

inline constexpr std::size_t kDefaultMaxBodyBytes = 1 << 20;  // 1 MiB

struct Route {
    std::string method;   // "GET", "POST", ...; HEAD is served by GET routes
    std::string pattern;  // "/api/v1/repos/{owner}/{name}"; "{rest...}" matches the remainder
    Handler handler;
    std::size_t max_body_bytes = kDefaultMaxBodyBytes;  // larger bodies get 413 before reading
};

struct RouteMatch {
    const Route* route = nullptr;  // points into the router, which outlives the match
    std::map<std::string, std::string> params;
};

// The table of routes. Filled once at start-up (in app/), then read concurrently.
//
// Matching works on the decoded path split at '/'. A literal segment beats a `{name}`
// segment, which beats a trailing `{rest...}` catch-all, comparing segment by segment from
// the left: with "/repos/new" and "/repos/{id}", GET /repos/new picks the first. `{name}`
// matches one non-empty segment; `{rest...}` matches everything after its slash, including
// nothing ("/static/" gives rest = ""), but "/static" alone does not match "/static/{rest...}".
class Router {
public:
    // Adds a route. A malformed pattern (no leading '/', a brace inside a segment, a
    // catch-all that is not last) or a duplicate method + pattern is a bug: it aborts.
    void Add(Route route);

    // The route for GET and HEAD requests whose path no pattern matches for any method (a
    // web application's client-side routes). Its pattern is only a label for logs and
    // metrics. Without one, such requests get 404.
    void SetFallback(Route route);

    // The route for a method and a decoded path. nullopt with `path_exists_for_other_method`
    // false means no pattern matched (404); true means the path exists for another method
    // (405). HEAD falls back to the GET route when no HEAD route is declared.
    std::optional<RouteMatch> Find(std::string_view method, std::string_view path,
                                   bool* path_exists_for_other_method = nullptr) const;

    // The methods a path answers to, sorted, with HEAD added where GET exists: the Allow
    // header of a 405. Empty when no pattern matches the path.
    std::vector<std::string> AllowedMethods(std::string_view path) const;

private:
    enum class SegmentKind { kCatchAll, kParam, kLiteral };  // ascending precedence
    struct Segment {
        SegmentKind kind = SegmentKind::kLiteral;
        std::string text;  // the literal, or the parameter's name
    };
    struct CompiledRoute {
        Route route;
        std::vector<Segment> segments;
    };

    static std::vector<Segment> Compile(std::string_view pattern);
    static bool Match(const std::vector<Segment>& segments,
                      const std::vector<std::string_view>& parts,
                      std::map<std::string, std::string>* params);
    // True when `a` should win over `b` for the same path.
    static bool MoreSpecific(const std::vector<Segment>& a, const std::vector<Segment>& b);

    std::vector<CompiledRoute> routes_;
    std::optional<Route> fallback_;
};

}  // namespace nectr::http
