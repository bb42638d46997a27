#pragma once

// A real server on 127.0.0.1 with a free port, for tests that talk to it over loopback.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/blocking_pool.hpp"
#include "core/metrics.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "support/http_client.hpp"

namespace nectr::http {

using namespace std::chrono_literals;

// A handler that always answers with a copy of `response`.
inline Handler Reply(Response response) {
    return [response](Request) -> net::awaitable<Response> { co_return response; };
}

// Polls `condition` until it holds or the deadline passes; for states that have no event
// to wait on (a port that stops accepting).
inline bool WaitUntil(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        std::this_thread::sleep_for(10ms);
    }
    return true;
}

// Where a slow handler waits until the test lets it go; tells the test when it arrived.
class Gate {
public:
    void Arrive() {
        std::lock_guard lock(mutex_);
        ++arrived_;
        changed_.notify_all();
    }
    bool WaitForArrivals(int count, std::chrono::milliseconds timeout) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, timeout, [&] { return arrived_ >= count; });
    }
    void Open() {
        std::lock_guard lock(mutex_);
        open_ = true;
        changed_.notify_all();
    }
    // Waits for Open(); false if the timeout came first.
    bool WaitOpen(std::chrono::milliseconds timeout) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, timeout, [&] { return open_; });
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    int arrived_ = 0;
    bool open_ = false;
};

class ServerFixture : public ::testing::Test {
protected:
    ~ServerFixture() override {
        gate.Open();  // a handler still waiting must not outlive the test
        StopServer();
    }

    void StartServer(ServerOptions options = {}) {
        options.host = "127.0.0.1";
        options.port = 0;
        server = std::make_unique<Server>(options, router, metrics);
        auto started = server->Start();
        ASSERT_TRUE(started) << started.error().detail;
        port = *started;
    }

    void StopServer() {
        if (server) {
            server->RequestStop();
            server->Wait();
            pool.Join();  // a handler's blocking work must end before the server goes
            server.reset();
        }
    }

    // A handler that blocks a pool thread at the gate, then answers "slow done".
    Handler SlowHandler() {
        return [this](Request) -> net::awaitable<Response> {
            co_await pool.Run([this] {
                gate.Arrive();
                gate.WaitOpen(20s);
            });
            co_return Response::Text(200, "slow done");
        };
    }

    std::string Url(std::string_view path) const {
        return "http://127.0.0.1:" + std::to_string(port) + std::string(path);
    }

    nectr::testing::HttpResult Get(std::string_view path,
                                   std::vector<std::pair<std::string, std::string>> headers = {}) {
        return nectr::testing::HttpRequest("GET", Url(path), "", std::move(headers));
    }

    Router router;
    core::Metrics metrics;
    core::BlockingPool pool{2};
    Gate gate;
    std::unique_ptr<Server> server;
    std::uint16_t port = 0;
};

}  // namespace nectr::http
