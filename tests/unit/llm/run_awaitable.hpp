#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <exception>
#include <optional>
#include <utility>

namespace nectr::llm {

namespace net = boost::asio;

// Runs a coroutine to completion on a private event loop and returns its value.
template <typename T>
T RunAwaitable(net::awaitable<T> awaitable) {
    net::io_context context;
    std::optional<T> out;
    std::exception_ptr failure;
    net::co_spawn(context, std::move(awaitable), [&](std::exception_ptr error, T value) {
        failure = error;
        if (!error) {
            out.emplace(std::move(value));
        }
    });
    context.run();
    if (failure) {
        std::rethrow_exception(failure);
    }
    return std::move(*out);
}

}  // namespace nectr::llm
