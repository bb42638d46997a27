#include "http/client.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cctype>
#include <future>
#include <optional>
#include <vector>

#include "server_fixture.hpp"

namespace nectr::http {
namespace {

using Outcome = core::Result<OutboundResponse>;

class ClientTest : public ServerFixture {
protected:
    // Runs one awaited Send on a private event loop and returns its outcome.
    Outcome RunSend(OutboundRequest request) {
        net::io_context context;
        std::optional<Outcome> outcome;
        net::co_spawn(context, Send(*client, std::move(request)),
                      [&](std::exception_ptr error, Outcome result) {
                          ASSERT_FALSE(error);
                          outcome.emplace(std::move(result));
                      });
        context.run();
        return std::move(*outcome);
    }

    OutboundRequest Get(std::string_view path) {
        OutboundRequest request;
        request.url = Url(path);
        return request;
    }

    std::unique_ptr<Client> client =
        MakeCurlClient(ClientOptions{.user_agent = "nectr-test/1", .ca_file = {}});
};

TEST_F(ClientTest, ReturnsStatusLowerCasedHeadersAndBody) {
    Response reply = Response::Text(200, "hello");
    reply.SetHeader("X-Custom-Thing", "yes");
    router.Add({"GET", "/hello", Reply(reply)});
    StartServer();

    auto outcome = RunSend(Get("/hello"));
    ASSERT_TRUE(outcome) << outcome.error().detail;
    EXPECT_EQ(outcome->status, 200);
    EXPECT_EQ(outcome->body, "hello");
    EXPECT_EQ(outcome->Header("x-custom-thing"), "yes");
    EXPECT_EQ(outcome->Header("X-CUSTOM-THING"), "yes");
    for (const auto& header : outcome->headers) {
        EXPECT_TRUE(std::none_of(header.name.begin(), header.name.end(), [](unsigned char c) {
            return std::isupper(c);
        })) << header.name;
    }
}

TEST_F(ClientTest, SendsMethodBodyHeadersAndTheDefaultUserAgent) {
    router.Add({"PATCH", "/echo", [](Request request) -> net::awaitable<Response> {
                    std::string seen = request.method + "|" + request.body + "|" +
                                       std::string(request.Header("x-token").value_or("-")) + "|" +
                                       std::string(request.Header("user-agent").value_or("-"));
                    co_return Response::Text(201, seen);
                }});
    StartServer();
    OutboundRequest request = Get("/echo");
    request.method = "PATCH";
    request.body = R"({"a":1})";
    request.headers = {{"Content-Type", "application/json"}, {"X-Token", "t1"}};

    auto outcome = RunSend(request);
    ASSERT_TRUE(outcome) << outcome.error().detail;
    EXPECT_EQ(outcome->status, 201);
    EXPECT_EQ(outcome->body, R"(PATCH|{"a":1}|t1|nectr-test/1)");
}

TEST_F(ClientTest, ACallersOwnUserAgentWins) {
    router.Add({"GET", "/ua", [](Request request) -> net::awaitable<Response> {
                    co_return Response::Text(
                        200, std::string(request.Header("user-agent").value_or("")));
                }});
    StartServer();
    OutboundRequest request = Get("/ua");
    request.headers = {{"User-Agent", "custom/2"}};
    auto outcome = RunSend(request);
    ASSERT_TRUE(outcome) << outcome.error().detail;
    EXPECT_EQ(outcome->body, "custom/2");
}

TEST_F(ClientTest, AnErrorStatusIsAResponseNotAnError) {
    StartServer();
    auto outcome = RunSend(Get("/missing"));
    ASSERT_TRUE(outcome) << outcome.error().detail;
    EXPECT_EQ(outcome->status, 404);
}

TEST_F(ClientTest, ARefusedConnectionIsUnavailable) {
    StartServer();
    const std::string url = Url("/x");
    StopServer();  // nothing listens on that port any more
    OutboundRequest request;
    request.url = url;
    auto outcome = RunSend(request);
    ASSERT_FALSE(outcome);
    EXPECT_EQ(outcome.error().code, core::Errc::kUnavailable);
    EXPECT_NE(outcome.error().detail.find("GET http://127.0.0.1"), std::string::npos)
        << outcome.error().detail;
}

TEST_F(ClientTest, AMalformedUrlIsInvalidInput) {
    OutboundRequest request;
    request.url = "ftp://example.invalid/file";
    auto outcome = RunSend(request);
    ASSERT_FALSE(outcome);
    EXPECT_EQ(outcome.error().code, core::Errc::kInvalidInput) << outcome.error().detail;
}

TEST_F(ClientTest, ASlowServerTimesOut) {
    router.Add({"GET", "/slow", SlowHandler()});
    StartServer();
    OutboundRequest request = Get("/slow");
    request.timeout = std::chrono::milliseconds(300);
    auto outcome = RunSend(request);
    ASSERT_FALSE(outcome);
    EXPECT_EQ(outcome.error().code, core::Errc::kTimeout) << outcome.error().detail;
}

TEST_F(ClientTest, AResponseOverTheLimitIsTooLarge) {
    router.Add({"GET", "/big", Reply(Response::Text(200, std::string(100000, 'x')))});
    StartServer();
    OutboundRequest request = Get("/big");
    request.max_response_bytes = 1000;
    auto outcome = RunSend(request);
    ASSERT_FALSE(outcome);
    EXPECT_EQ(outcome.error().code, core::Errc::kTooLarge) << outcome.error().detail;
}

TEST_F(ClientTest, CancellingTheAwaitAbortsTheRequest) {
    router.Add({"GET", "/slow", SlowHandler()});
    StartServer();
    net::io_context context;
    net::cancellation_signal cancel;
    std::optional<Outcome> outcome;
    net::co_spawn(
        context, Send(*client, Get("/slow")),
        net::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr error, Outcome result) {
            ASSERT_FALSE(error);
            outcome.emplace(std::move(result));
        }));
    // Cancel once the server holds the request, so the abort hits a transfer in flight.
    std::thread canceller([&] {
        ASSERT_TRUE(gate.WaitForArrivals(1, 20s));
        net::post(context, [&] { cancel.emit(net::cancellation_type::terminal); });
    });
    context.run();
    canceller.join();
    ASSERT_TRUE(outcome.has_value());
    ASSERT_FALSE(*outcome);
    EXPECT_NE(outcome->error().detail.find("cancelled"), std::string::npos)
        << outcome->error().detail;
}

TEST_F(ClientTest, ManyConcurrentRequestsAllComplete) {
    router.Add({"GET", "/n/{i}", [](Request request) -> net::awaitable<Response> {
                    co_return Response::Text(200, *request.PathParam("i"));
                }});
    StartServer({.io_threads = 2});
    net::io_context context;
    constexpr int kCount = 300;
    std::vector<std::optional<Outcome>> outcomes(kCount);
    for (int i = 0; i < kCount; ++i) {
        net::co_spawn(context, Send(*client, Get("/n/" + std::to_string(i))),
                      [&outcomes, i](std::exception_ptr, Outcome result) {
                          outcomes[i].emplace(std::move(result));
                      });
    }
    context.run();
    for (int i = 0; i < kCount; ++i) {
        ASSERT_TRUE(outcomes[i].has_value()) << i;
        ASSERT_TRUE(*outcomes[i]) << outcomes[i]->error().detail;
        EXPECT_EQ((*outcomes[i])->body, std::to_string(i));
    }
}

TEST_F(ClientTest, SendBlockingWaitsForTheResponse) {
    router.Add({"GET", "/hello", Reply(Response::Text(200, "blocking"))});
    StartServer();
    auto outcome = SendBlocking(*client, Get("/hello"));
    ASSERT_TRUE(outcome) << outcome.error().detail;
    EXPECT_EQ(outcome->body, "blocking");
}

TEST_F(ClientTest, DestroyingTheClientFailsWhatIsStillInFlight) {
    router.Add({"GET", "/slow", SlowHandler()});
    StartServer();
    std::promise<Outcome> promise;
    client->Start(Get("/slow"), [&](Outcome outcome) { promise.set_value(std::move(outcome)); });
    ASSERT_TRUE(gate.WaitForArrivals(1, 20s));
    client.reset();
    auto outcome = promise.get_future().get();
    ASSERT_FALSE(outcome);
    EXPECT_EQ(outcome.error().code, core::Errc::kUnavailable);
}

}  // namespace
}  // namespace nectr::http

namespace nectr::http {
namespace {

// A one-shot "proxy": accepts one connection, reads the request head, answers 200 with the
// request line as the body.
class OneShotProxy {
public:
    OneShotProxy() {
        listener_ = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof(address));
        listen(listener_, 1);
        socklen_t length = sizeof(address);
        getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
        port_ = ntohs(address.sin_port);
        thread_ = std::thread([this] { Serve(); });
    }
    ~OneShotProxy() {
        shutdown(listener_, SHUT_RDWR);
        close(listener_);
        thread_.join();
    }
    std::uint16_t Port() const { return port_; }

private:
    void Serve() {
        const int client = accept(listener_, nullptr, nullptr);
        if (client < 0) {
            return;
        }
        std::string head;
        char buffer[1024];
        while (head.find("\r\n\r\n") == std::string::npos) {
            const ssize_t got = read(client, buffer, sizeof(buffer));
            if (got <= 0) {
                break;
            }
            head.append(buffer, static_cast<std::size_t>(got));
        }
        const std::string line = head.substr(0, head.find("\r\n"));
        const std::string reply =
            "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(line.size()) +
            "\r\nConnection: close\r\n\r\n" + line;
        (void)!write(client, reply.data(), reply.size());
        close(client);
    }

    int listener_ = -1;
    std::uint16_t port_ = 0;
    std::thread thread_;
};

TEST(ClientProxyTest, RequestsGoThroughTheProxyFromTheEnvironment) {
    OneShotProxy proxy;
    setenv("http_proxy", ("http://127.0.0.1:" + std::to_string(proxy.Port())).c_str(), 1);
    unsetenv("no_proxy");
    unsetenv("NO_PROXY");
    auto client = MakeCurlClient(ClientOptions{.user_agent = "t", .ca_file = {}});
    OutboundRequest request;
    request.url = "http://api.example.invalid/repos/o/r";
    auto outcome = SendBlocking(*client, request);
    unsetenv("http_proxy");
    ASSERT_TRUE(outcome) << outcome.error().detail;
    // A proxy is asked for the absolute URL.
    EXPECT_EQ(outcome->body, "GET http://api.example.invalid/repos/o/r HTTP/1.1");
}

TEST(ClientProxyTest, NoProxyHostsAreReachedDirectly) {
    Router router;
    router.Add({"GET", "/direct", Reply(Response::Text(200, "direct"))});
    core::Metrics metrics;
    Server server(ServerOptions{.host = "127.0.0.1", .port = 0}, router, metrics);
    auto port = server.Start();
    ASSERT_TRUE(port);
    setenv("http_proxy", "http://127.0.0.1:9", 1);  // nothing listens on the discard port
    setenv("no_proxy", "127.0.0.1", 1);
    auto client = MakeCurlClient(ClientOptions{.user_agent = "t", .ca_file = {}});
    OutboundRequest request;
    request.url = "http://127.0.0.1:" + std::to_string(*port) + "/direct";
    auto outcome = SendBlocking(*client, request);
    unsetenv("http_proxy");
    unsetenv("no_proxy");
    server.RequestStop();
    server.Wait();
    ASSERT_TRUE(outcome) << outcome.error().detail;
    EXPECT_EQ(outcome->body, "direct");
}

}  // namespace
}  // namespace nectr::http
