#include "http/server.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <future>
#include <stdexcept>
#include <vector>

#include "server_fixture.hpp"

namespace nectr::http {
namespace {

using nectr::testing::HttpRequest;
using nectr::testing::RawConnection;

class ServerTest : public ServerFixture {
protected:
    void AddEchoRoutes() {
        router.Add({"GET", "/things/{id}", [](Request request) -> net::awaitable<Response> {
                        co_return Response::Text(200, "thing " + *request.PathParam("id") + " q=" +
                                                          request.QueryParam("q").value_or("-"));
                    }});
        router.Add({"POST", "/things", [](Request request) -> net::awaitable<Response> {
                        co_return Response::Json(201, request.body);
                    }});
        router.Add({"GET", "/id", [](Request request) -> net::awaitable<Response> {
                        co_return Response::Text(200, request.request_id);
                    }});
        router.Add({"GET", "/plain", [](Request) -> net::awaitable<Response> {
                        Response response;
                        response.body = "no type set";
                        co_return response;
                    }});
        router.Add({"GET", "/metrics", [this](Request) -> net::awaitable<Response> {
                        co_return Response::Text(200, metrics.RenderPrometheus());
                    }});
    }
};

TEST_F(ServerTest, RoutesToTheHandlerWithDecodedPathAndQueryParameters) {
    AddEchoRoutes();
    StartServer();
    auto result = Get("/things/a%20b?q=x%26y");
    EXPECT_EQ(result.status, 200) << result.error;
    EXPECT_EQ(result.body, "thing a b q=x&y");
    EXPECT_EQ(result.headers["server"], "nectr");
    EXPECT_EQ(result.headers["content-type"], "text/plain; charset=utf-8");
}

TEST_F(ServerTest, PassesTheRequestBodyToTheHandler) {
    AddEchoRoutes();
    StartServer();
    auto result = HttpRequest("POST", Url("/things"), R"({"name":"x"})",
                              {{"Content-Type", "application/json"}});
    EXPECT_EQ(result.status, 201) << result.error;
    EXPECT_EQ(result.body, R"({"name":"x"})");
    EXPECT_EQ(result.headers["content-type"], "application/json");
}

TEST_F(ServerTest, AnswersAnUnknownPathWith404Json) {
    AddEchoRoutes();
    StartServer();
    auto result = Get("/nowhere");
    EXPECT_EQ(result.status, 404);
    EXPECT_EQ(boost::json::parse(result.body).at("error").at("code").as_string(), "not_found");
    EXPECT_EQ(result.headers["content-type"], "application/json");
}

TEST_F(ServerTest, AnswersAWrongMethodWith405AndAnAllowHeader) {
    AddEchoRoutes();
    StartServer();
    auto result = HttpRequest("DELETE", Url("/things/1"));
    EXPECT_EQ(result.status, 405);
    EXPECT_EQ(result.headers["allow"], "GET, HEAD");
    EXPECT_EQ(boost::json::parse(result.body).at("error").at("code").as_string(),
              "method_not_allowed");
}

TEST_F(ServerTest, ServesHeadFromTheGetRouteWithTheLengthButNoBody) {
    AddEchoRoutes();
    StartServer();
    RawConnection connection(port);
    ASSERT_TRUE(connection.Connected());
    ASSERT_TRUE(connection.Send("HEAD /things/7 HTTP/1.1\r\nHost: t\r\n\r\n"));
    auto head = connection.ReadResponse(5s, /*head_request=*/true);
    ASSERT_TRUE(head);
    EXPECT_EQ(head->status, 200);
    EXPECT_EQ(head->headers["content-length"], "11") << "the length GET would send";
    // Had the server sent body bytes, they would garble this second response.
    ASSERT_TRUE(connection.Send("GET /things/7 HTTP/1.1\r\nHost: t\r\n\r\n"));
    auto get = connection.ReadResponse(5s);
    ASSERT_TRUE(get) << "HEAD must not send a body";
    EXPECT_EQ(get->body, "thing 7 q=-");
}

TEST_F(ServerTest, KeepsTheConnectionAliveAcrossRequests) {
    AddEchoRoutes();
    StartServer();
    RawConnection connection(port);
    ASSERT_TRUE(connection.Connected());
    for (const char* id : {"1", "2", "3"}) {
        ASSERT_TRUE(
            connection.Send(std::string("GET /things/") + id + " HTTP/1.1\r\nHost: t\r\n\r\n"));
        auto response = connection.ReadResponse(5s);
        ASSERT_TRUE(response) << "request " << id << " got no answer on the same connection";
        EXPECT_EQ(response->body, std::string("thing ") + id + " q=-");
        EXPECT_EQ(response->headers.count("connection"), 0u) << "HTTP/1.1 keeps alive by default";
    }
}

TEST_F(ServerTest, AnswersPipelinedRequestsInOrder) {
    AddEchoRoutes();
    StartServer();
    RawConnection connection(port);
    // Both requests in one write: the second sits in the read buffer behind the first.
    ASSERT_TRUE(
        connection.Send("GET /things/a HTTP/1.1\r\nHost: t\r\n\r\n"
                        "GET /things/b HTTP/1.1\r\nHost: t\r\n\r\n"));
    auto first = connection.ReadResponse(5s);
    auto second = connection.ReadResponse(5s);
    ASSERT_TRUE(first && second) << "a pipelined request went unanswered";
    EXPECT_EQ(first->body, "thing a q=-");
    EXPECT_EQ(second->body, "thing b q=-");
}

TEST_F(ServerTest, KeepsAnHttp10ConnectionOnlyWhenAskedTo) {
    AddEchoRoutes();
    StartServer();
    RawConnection keep(port);
    ASSERT_TRUE(keep.Send("GET /things/1 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
    auto kept = keep.ReadResponse(5s);
    ASSERT_TRUE(kept);
    EXPECT_EQ(kept->headers["connection"], "keep-alive");
    RawConnection once(port);
    ASSERT_TRUE(once.Send("GET /things/1 HTTP/1.0\r\n\r\n"));
    auto closed = once.ReadResponse(5s);
    ASSERT_TRUE(closed);
    EXPECT_EQ(closed->headers["connection"], "close");
    EXPECT_TRUE(once.ReadUntilClosed(5s)) << "HTTP/1.0 closes by default";
}

TEST_F(ServerTest, ClosesTheConnectionWhenTheClientAsksTo) {
    AddEchoRoutes();
    StartServer();
    RawConnection connection(port);
    ASSERT_TRUE(connection.Send("GET /things/1 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"));
    auto response = connection.ReadResponse(5s);
    ASSERT_TRUE(response);
    EXPECT_EQ(response->headers["connection"], "close");
    EXPECT_TRUE(connection.ReadUntilClosed(5s)) << "the server must close after Connection: close";
}

TEST_F(ServerTest, EchoesAnAcceptableRequestIdAndReplacesOthers) {
    AddEchoRoutes();
    StartServer();
    auto echoed = Get("/id", {{"X-Request-Id", "abc-123.x_y"}});
    EXPECT_EQ(echoed.headers["x-request-id"], "abc-123.x_y");
    EXPECT_EQ(echoed.body, "abc-123.x_y") << "the handler sees the same id";
    auto replaced = Get("/id", {{"X-Request-Id", "has spaces and \"quotes\""}});
    EXPECT_EQ(replaced.headers["x-request-id"].size(), 16u);
    EXPECT_EQ(replaced.headers["x-request-id"], replaced.body);
    auto generated = Get("/id");
    EXPECT_EQ(generated.headers["x-request-id"].size(), 16u);
    EXPECT_NE(generated.headers["x-request-id"], replaced.headers["x-request-id"]);
}

TEST_F(ServerTest, DefaultsTheContentTypeToPlainText) {
    AddEchoRoutes();
    StartServer();
    auto result = Get("/plain");
    EXPECT_EQ(result.headers["content-type"], "text/plain; charset=utf-8");
}

TEST_F(ServerTest, TurnsAThrowingHandlerIntoA500AndLogsTheRequestIdButNotTheBody) {
    router.Add({"POST", "/boom", [](Request) -> net::awaitable<Response> {
                    throw std::runtime_error("handler exploded");
                    co_return Response{};
                }});
    StartServer();
    ::testing::internal::CaptureStderr();
    auto result =
        HttpRequest("POST", Url("/boom"), "secret-payload", {{"X-Request-Id", "rid-500"}});
    std::string log = ::testing::internal::GetCapturedStderr();
    EXPECT_EQ(result.status, 500);
    EXPECT_EQ(boost::json::parse(result.body).at("error").at("code").as_string(), "internal");
    EXPECT_EQ(result.body.find("exploded"), std::string::npos) << "internals stay in the log";
    EXPECT_NE(log.find("http.handler_failed"), std::string::npos) << log;
    EXPECT_NE(log.find("request_id=rid-500"), std::string::npos) << log;
    EXPECT_NE(log.find("handler exploded"), std::string::npos) << log;
    EXPECT_EQ(log.find("secret-payload"), std::string::npos) << "bodies are never logged";
}

TEST_F(ServerTest, LogsOneLinePerRequestWithoutTheQuery) {
    AddEchoRoutes();
    StartServer();
    RawConnection connection(port);
    ::testing::internal::CaptureStderr();
    ASSERT_TRUE(
        connection.Send("GET /things/9?q=token123 HTTP/1.1\r\nHost: t\r\n"
                        "X-Request-Id: log-me\r\n\r\n"));
    ASSERT_TRUE(connection.ReadResponse(5s));
    // The line is written after the response; the next answer on this connection proves
    // the session has moved past it.
    ASSERT_TRUE(connection.Send("GET /things/10 HTTP/1.1\r\nHost: t\r\n\r\n"));
    ASSERT_TRUE(connection.ReadResponse(5s));
    std::string log = ::testing::internal::GetCapturedStderr();
    EXPECT_NE(log.find("http.request method=GET path=/things/9 route=/things/{id} status=200"),
              std::string::npos)
        << log;
    EXPECT_NE(log.find("request_id=log-me remote=127.0.0.1"), std::string::npos) << log;
    EXPECT_EQ(log.find("token123"), std::string::npos) << "queries may carry secrets";
}

TEST_F(ServerTest, CountsRequestsAndTheirDurationsInTheMetrics) {
    AddEchoRoutes();
    StartServer();
    ASSERT_EQ(Get("/things/1").status, 200);
    ASSERT_EQ(Get("/things/2").status, 200);
    ASSERT_EQ(Get("/nowhere").status, 404);
    std::string text;
    // Each line is recorded just after its response went out: wait until all three are in.
    const bool counted = WaitUntil(
        [&] {
            text = Get("/metrics").body;
            return text.find(
                       R"(nectr_http_requests_total{method="GET",route="unmatched",status="404"} 1)") !=
                   std::string::npos;
        },
        5s);
    EXPECT_TRUE(counted) << text;
    EXPECT_NE(
        text.find(R"(nectr_http_requests_total{method="GET",route="/things/{id}",status="200"} 2)"),
        std::string::npos)
        << text;
    EXPECT_NE(
        text.find(
            R"(nectr_http_request_duration_seconds_bucket{route="/things/{id}",le="+Inf"} 2)"),
        std::string::npos)
        << text;
    EXPECT_NE(text.find(R"(nectr_http_request_duration_seconds_count{route="/things/{id}"} 2)"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("# TYPE nectr_http_connections_active gauge"), std::string::npos) << text;
}

TEST_F(ServerTest, ServesConcurrentClientsOnSeveralThreads) {
    AddEchoRoutes();
    ServerOptions options;
    options.io_threads = 3;
    StartServer(options);
    std::vector<std::future<int>> clients;
    clients.reserve(6);
    for (int c = 0; c < 6; ++c) {
        clients.push_back(std::async(std::launch::async, [this, c] {
            int ok = 0;
            for (int i = 0; i < 10; ++i) {
                std::string id = std::to_string(c * 100 + i);
                auto result = Get("/things/" + id);
                ok += result.status == 200 && result.body == "thing " + id + " q=-" ? 1 : 0;
            }
            return ok;
        }));
    }
    int ok = 0;
    for (auto& client : clients) {
        ok += client.get();
    }
    EXPECT_EQ(ok, 60) << "every request must get its own answer";
}

TEST_F(ServerTest, ReportsAPortInUseAsUnavailable) {
    StartServer();
    ServerOptions options;
    options.port = port;
    Server second(options, router, metrics);
    auto started = second.Start();
    ASSERT_FALSE(started);
    EXPECT_EQ(started.error().code, core::Errc::kUnavailable);
    EXPECT_NE(started.error().detail.find("cannot listen on 127.0.0.1:" + std::to_string(port)),
              std::string::npos)
        << started.error().detail;
    EXPECT_NE(started.error().detail.find("in use"), std::string::npos) << started.error().detail;
}

TEST_F(ServerTest, ReportsAHostThatDoesNotResolve) {
    ServerOptions options;
    options.host = "no-such-host.invalid";
    options.port = 0;
    Server unresolvable(options, router, metrics);
    auto started = unresolvable.Start();
    ASSERT_FALSE(started);
    EXPECT_EQ(started.error().code, core::Errc::kInvalidInput);
    EXPECT_NE(started.error().detail.find("no-such-host.invalid"), std::string::npos);
}

}  // namespace
}  // namespace nectr::http
