#pragma once

// Blocking use of the client for command-line paths that have no event loop (`nectr review
// --pr`, `nectr doctor`):
//
//     auto pull = github::RunBlocking<github::PullRequest>(
//         [&] { return client.GetPullRequest(repo, 12); });
#include <boost/asio/awaitable.hpp>
#include <functional>
#include <optional>
#include <utility>

#include "core/error.hpp"

namespace nectr::github {

namespace net = boost::asio;

// Runs the coroutine that `start` returns on a private event loop on the calling thread, and
// returns when it has finished. An exception escaping the coroutine is rethrown here.
void RunToCompletion(const std::function<net::awaitable<void>()>& start);

template <typename T>
core::Result<T> RunBlocking(const std::function<net::awaitable<core::Result<T>>()>& start) {
    std::optional<core::Result<T>> outcome;
    std::function<net::awaitable<void>()> task = [&]() -> net::awaitable<void> {
        auto call = start();
        outcome.emplace(co_await std::move(call));
    };
    RunToCompletion(task);
    return std::move(*outcome);
}

}  // namespace nectr::github
