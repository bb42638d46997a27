#include "api/index_page.hpp"

#include <fmt/format.h>

#include "core/version.hpp"

namespace nectr::api {

namespace net = boost::asio;

http::Handler MakeIndexHandler(std::string environment) {
    std::string page = fmt::format(
        R"(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Nectr</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>Nectr {}</h1>
<p>The pull-request reviewer is running ({} mode).</p>
<ul>
<li><a href="/health">/health</a>: service and database status</li>
<li><a href="/metrics">/metrics</a>: Prometheus metrics</li>
</ul>
</body></html>
)",
        core::kVersion, environment);
    return [page = std::move(page)](http::Request) -> net::awaitable<http::Response> {
        co_return http::Response::Text(200, page, "text/html; charset=utf-8");
    };
}

}  // namespace nectr::api
