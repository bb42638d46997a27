#pragma once

// A model API on loopback that answers from a script and remembers what it was sent, so a
// test can assert the exact request and feed back realistic, broken or slow answers. Talked
// to through the real libcurl client.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "http/client.hpp"
#include "llm/provider.hpp"
#include "run_awaitable.hpp"
#include "unit/http/server_fixture.hpp"

namespace nectr::llm {

using namespace std::chrono_literals;

inline http::Response JsonReply(int status, std::string body) {
    return http::Response::Json(status, std::move(body));
}

class ScriptedModelServer : public http::ServerFixture {
protected:
    // Answers POST `path` with `replies` in order; the last one repeats.
    void Script(const std::string& path, std::vector<http::Response> replies) {
        auto state = state_;
        {
            std::lock_guard lock(state->mutex);
            state->replies = std::move(replies);
        }
        router.Add({"POST", path, [state](http::Request request) -> net::awaitable<http::Response> {
                        std::lock_guard lock(state->mutex);
                        state->received.push_back(request);
                        std::size_t index =
                            std::min(state->received.size(), state->replies.size()) - 1;
                        co_return state->replies[index];
                    }});
        StartServer();
    }

    // Answers POST `path` never: the handler holds the request until the test ends.
    void ScriptSilence(const std::string& path) {
        router.Add({"POST", path, SlowHandler()});
        StartServer();
    }

    std::vector<http::Request> Received() const {
        std::lock_guard lock(state_->mutex);
        return state_->received;
    }

    // The body of the n-th request (0-based), parsed.
    boost::json::value ReceivedJson(std::size_t n) const {
        auto received = Received();
        if (n >= received.size()) {
            ADD_FAILURE() << "only " << received.size() << " requests arrived";
            return {};
        }
        boost::system::error_code ec;
        auto value = boost::json::parse(received[n].body, ec);
        EXPECT_FALSE(ec) << "the request body is not JSON: " << received[n].body;
        return value;
    }

    std::string BaseUrl() const { return Url(""); }

    // A provider on the real libcurl client; retry waits are recorded instead of slept, and
    // jitter is pinned to none so that backoff delays are exact.
    std::unique_ptr<Provider> MakeTestProvider(ProviderConfig config) {
        RetryHooks hooks;
        auto delays = delays_;
        hooks.sleep = [delays](std::chrono::milliseconds delay) -> net::awaitable<void> {
            std::lock_guard lock(delays->mutex);
            delays->values.push_back(delay);
            co_return;
        };
        hooks.jitter_unit = [] { return 0.0; };
        auto provider = MakeProvider(config, *client_, std::move(hooks));
        EXPECT_TRUE(provider) << provider.error().detail;
        return provider ? std::move(*provider) : nullptr;
    }

    std::vector<std::chrono::milliseconds> RetryDelays() const {
        std::lock_guard lock(delays_->mutex);
        return delays_->values;
    }

    core::Result<Completion> Complete(Provider& provider, CompletionRequest request) {
        return RunAwaitable(provider.Complete(std::move(request)));
    }

private:
    struct State {
        mutable std::mutex mutex;
        std::vector<http::Response> replies;
        std::vector<http::Request> received;
    };
    struct Delays {
        mutable std::mutex mutex;
        std::vector<std::chrono::milliseconds> values;
    };
    std::shared_ptr<State> state_ = std::make_shared<State>();
    std::shared_ptr<Delays> delays_ = std::make_shared<Delays>();
    std::unique_ptr<http::Client> client_ =
        http::MakeCurlClient({.user_agent = "nectr-test/1", .ca_file = {}});
};

}  // namespace nectr::llm
