#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "entries.hpp"
#include "http/exchange.hpp"
#include "http/parsed_request.hpp"
#include "http/request_parts.hpp"
#include "http/router.hpp"
#include "http/server.hpp"

namespace nectr::fuzz {
namespace {

namespace net = boost::asio;
namespace wire = boost::beast::http;

// What handlers read from a request: query parameters, headers, path parameters.
net::awaitable<http::Response> ReadEverything(http::Request request) {
    for (const char* name : {"repo", "limit", "cursor", "since", "until", "q"}) {
        (void)request.QueryParam(name);
    }
    for (const char* name : {"Cookie", "Origin", "Authorization", "Content-Type"}) {
        (void)request.Header(name);
    }
    for (const auto& [name, value] : request.path_params) {
        NECTR_ASSERT(request.PathParam(name) == value, "path parameters read back");
    }
    http::Response response = http::Response::Json(200, "{}");
    // A handler may echo request data into a header; the server must drop unsafe values.
    if (auto echo = request.Header("X-Echo")) {
        response.SetHeader("X-Echo", std::string(*echo));
    }
    if (auto status = request.QueryParam("status")) {
        int code = 0;
        std::from_chars(status->data(), status->data() + status->size(), code);
        response.status = code;
    }
    co_return response;
}

// The shape of the real route table (app/routes.cpp): literals, parameters, a catch-all.
http::Router MakeRouter() {
    http::Router router;
    for (const char* pattern :
         {"/health", "/metrics", "/api/v1/reviews", "/api/v1/reviews/{id}", "/api/v1/repos",
          "/api/v1/repos/{owner}/{repo}/settings", "/api/v1/repos/{owner}/{repo}/graph/{rest...}",
          "/api/v1/memory/project-map", "/api/v1/memory/{id}", "/mcp", "/auth/me"}) {
        router.Add({"GET", pattern, ReadEverything});
    }
    router.Add({"POST", "/api/v1/webhooks/github", ReadEverything, 1 << 16});
    router.Add({"DELETE", "/api/v1/tokens/{id}", ReadEverything});
    return router;
}

http::Response Invoke(const http::Route& route, http::Request request) {
    net::io_context context;
    http::Response response;
    net::co_spawn(context, route.handler(std::move(request)),
                  [&](std::exception_ptr error, http::Response answer) {
                      NECTR_ASSERT(!error, "the handler does not throw");
                      response = std::move(answer);
                  });
    context.run();
    return response;
}

void Serve(const http::Router& router, wire::request_parser<wire::string_body>& parser) {
    const auto& header = parser.get();
    const std::string request_id =
        http::ChooseRequestId(header.find("X-Request-Id") == header.end()
                                  ? std::nullopt
                                  : std::optional<std::string_view>(header["X-Request-Id"]));
    NECTR_ASSERT(http::IsAcceptableRequestId(request_id), "the request id is safe to log");
    auto target = http::ParseTarget(header.target());
    if (!target) {
        return;
    }
    bool other_method = false;
    auto match = router.Find(header.method_string(), target->path, &other_method);
    if (!match) {
        (void)router.AllowedMethods(target->path);
        return;
    }
    if (parser.get().body().size() > match->route->max_body_bytes) {
        return;
    }
    http::Request request = http::MakeRequest(parser.release(), std::move(*target));
    request.request_id = request_id;
    request.path_params = std::move(match->params);
    http::Response response = Invoke(*match->route, std::move(request));
    http::FinalizeResponse(response, request_id);
    const std::string head = http::SerializeHead(response, 1, true);
    NECTR_ASSERT(head.find("\r\n\r\n") == head.size() - 4,
                 "the head has one blank line, at its end");
}

}  // namespace

void FuzzHttpRequest(std::string_view data) {
    static const http::Router router = MakeRouter();
    // Requests follow each other on a keep-alive connection: parse as many as the bytes hold.
    while (!data.empty()) {
        wire::request_parser<wire::string_body> parser;
        parser.eager(true);
        parser.header_limit(static_cast<std::uint32_t>(http::ServerOptions{}.max_header_bytes));
        parser.body_limit(1 << 20);
        // Beast parses a chunked body one piece per call.
        while (!parser.is_done()) {
            boost::beast::error_code ec;
            const std::size_t used = parser.put(net::buffer(data.data(), data.size()), ec);
            if (ec || used == 0) {
                return;
            }
            data.remove_prefix(used);
        }
        Serve(router, parser);
    }
}

}  // namespace nectr::fuzz
