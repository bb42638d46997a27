#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstddef>
#include <functional>
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
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
};

// The table of routes. Filled once at start-up (in app/), then read concurrently.
class Router {
public:
    void Add(Route route);

    // The route for a method and a decoded path. nullopt with `method_allowed` false means
    // no pattern matched (404); true means the path exists for another method (405).
    std::optional<RouteMatch> Find(std::string_view method, std::string_view path,
                                   bool* path_exists_for_other_method = nullptr) const;

    // The methods a path answers to, for the Allow header of a 405.
    std::vector<std::string> AllowedMethods(std::string_view path) const;

private:
    std::vector<Route> routes_;
};

}  // namespace nectr::http
