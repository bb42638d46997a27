// Graceful stop and background tasks.
#include <gtest/gtest.h>

#include <atomic>
#include <csignal>
#include <future>
#include <stdexcept>

#include "server_fixture.hpp"

namespace nectr::http {
namespace {

using nectr::testing::CanConnect;
using nectr::testing::HttpRequest;
using nectr::testing::HttpResult;
using nectr::testing::RawConnection;
using SteadyClock = std::chrono::steady_clock;

class ServerStopTest : public ServerFixture {};

TEST_F(ServerStopTest, FinishesAnInFlightRequestAndRefusesNewConnections) {
    router.Add({"GET", "/slow", SlowHandler()});
    StartServer();
    std::future<HttpResult> slow =
        std::async(std::launch::async, [this] { return HttpRequest("GET", Url("/slow")); });
    ASSERT_TRUE(gate.WaitForArrivals(1, 10s)) << "the slow request never reached its handler";

    const auto stop_began = SteadyClock::now();
    server->RequestStop();
    EXPECT_TRUE(WaitUntil([this] { return !CanConnect(port); }, 5s))
        << "the listening socket must close when the stop begins";

    gate.Open();
    HttpResult result = slow.get();
    EXPECT_EQ(result.status, 200) << result.error;
    EXPECT_EQ(result.body, "slow done");
    EXPECT_EQ(result.headers["connection"], "close") << "a stopping server ends keep-alive";
    server->Wait();
    EXPECT_LT(SteadyClock::now() - stop_began, 10s)
        << "the stop must end when the last request does, not at the grace period (30 s)";
}

TEST_F(ServerStopTest, ClosesIdleKeepAliveConnectionsAtOnce) {
    router.Add({"GET", "/ok", Reply(Response::Text(200, "ok"))});
    StartServer();
    RawConnection connection(port);
    ASSERT_TRUE(connection.Send("GET /ok HTTP/1.1\r\nHost: t\r\n\r\n"));
    ASSERT_TRUE(connection.ReadResponse(5s));

    const auto stop_began = SteadyClock::now();
    server->RequestStop();
    EXPECT_TRUE(connection.ReadUntilClosed(5s)) << "an idle connection must be closed by a stop";
    server->Wait();
    EXPECT_LT(SteadyClock::now() - stop_began, 10s)
        << "an idle connection must not hold the stop for the grace period (30 s)";
}

TEST_F(ServerStopTest, ForceClosesWhatOutlastsTheGracePeriod) {
    router.Add({"GET", "/slow", SlowHandler()});
    ServerOptions options;
    options.shutdown_grace = 1s;
    StartServer(options);
    std::future<HttpResult> slow = std::async(std::launch::async, [this] {
        return HttpRequest("GET", Url("/slow"), "", {}, /*timeout_ms=*/20000);
    });
    ASSERT_TRUE(gate.WaitForArrivals(1, 10s));

    const auto stop_began = SteadyClock::now();
    server->RequestStop();
    server->Wait();
    EXPECT_LT(SteadyClock::now() - stop_began, 10s) << "Wait() must end after the grace period";
    HttpResult result = slow.get();
    EXPECT_EQ(result.status, 0) << "the overstaying request's connection must be closed";
    // The fixture opens the gate and joins the pool before it destroys the server.
}

TEST_F(ServerStopTest, WaitWaitsForASpawnedTaskThatEndsOnStop) {
    StartServer();
    std::promise<void> stop_seen;
    std::shared_future<void> stopped = stop_seen.get_future().share();
    server->AddStopCallback([&stop_seen] { stop_seen.set_value(); });
    std::atomic<bool> finished{false};
    // Captures by reference only: GCC 12 destroys a lambda temporary with non-trivial
    // captures twice when it sits inside a co_await expression.
    server->Spawn("waiter", [this, &stopped, &finished]() -> net::awaitable<void> {
        co_await pool.Run([&stopped] { stopped.wait_for(20s); });
        finished = true;
    });
    server->RequestStop();
    server->Wait();
    EXPECT_TRUE(finished.load()) << "Wait() returned before the spawned task ended";
}

TEST_F(ServerStopTest, LogsATaskThatThrowsAndKeepsServing) {
    router.Add({"GET", "/ok", Reply(Response::Text(200, "ok"))});
    StartServer();
    std::promise<void> ran;
    ::testing::internal::CaptureStderr();
    server->Spawn("doomed", [&ran]() -> net::awaitable<void> {
        ran.set_value();
        throw std::runtime_error("task blew up");
        co_return;
    });
    ASSERT_EQ(ran.get_future().wait_for(5s), std::future_status::ready);
    // The failure is logged on the I/O thread; a request served after it proves it was.
    EXPECT_EQ(Get("/ok").status, 200) << "a failed task must not take the server down";
    std::string log = ::testing::internal::GetCapturedStderr();
    EXPECT_NE(log.find("http.task_failed task=doomed error=task blew up"), std::string::npos)
        << log;
}

TEST_F(ServerStopTest, RunsAStopCallbackRegisteredAfterTheStopBegan) {
    StartServer();
    server->RequestStop();
    std::promise<void> called;
    server->AddStopCallback([&called] { called.set_value(); });
    EXPECT_EQ(called.get_future().wait_for(5s), std::future_status::ready);
    server->Wait();
}

TEST_F(ServerStopTest, StopsOnSigterm) {
    router.Add({"GET", "/ok", Reply(Response::Text(200, "ok"))});
    StartServer();
    server->StopOnSignals();
    // The handler is installed on an I/O thread; a served request orders us after it only
    // if it was posted first, which StopOnSignals() did before we send this.
    ASSERT_EQ(Get("/ok").status, 200);
    ASSERT_EQ(::raise(SIGTERM), 0);
    EXPECT_TRUE(server->StopRequested() ||
                WaitUntil([this] { return server->StopRequested(); }, 5s));
    server->Wait();
    EXPECT_FALSE(CanConnect(port));
}

}  // namespace
}  // namespace nectr::http
