#include "github/blocking.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <exception>

namespace nectr::github {

void RunToCompletion(const std::function<net::awaitable<void>()>& start) {
    net::io_context context;
    std::exception_ptr failure;
    net::co_spawn(context, start(),
                  [&failure](std::exception_ptr error) { failure = std::move(error); });
    context.run();
    if (failure) {
        std::rethrow_exception(failure);
    }
}

}  // namespace nectr::github
