#pragma once

// What the read API's handlers share: finding the caller and answering with JSON read on the
// blocking pool.
#include <boost/asio/awaitable.hpp>
#include <functional>
#include <string>

#include "auth/caller.hpp"
#include "core/blocking_pool.hpp"
#include "core/error.hpp"
#include "http/message.hpp"

namespace nectr::api {

namespace net = boost::asio;

// The caller of `request`, from `authenticate`. An unset authenticator is a wiring bug:
// it aborts.
net::awaitable<core::Result<auth::Caller>> FindCaller(const auth::Authenticator& authenticate,
                                                      const http::Request& request);

// The response to a request without a caller: ErrorResponse, plus the WWW-Authenticate
// challenge on a 401.
http::Response AuthFailure(const core::Error& error);

// Runs `read` on the pool (it blocks on the database) and answers 200 with the JSON text it
// returns, or the error response of its error. Responses are never cached: they hold one
// user's data.
net::awaitable<http::Response> ReplyWithJson(core::BlockingPool& pool,
                                             std::function<core::Result<std::string>()> read);

}  // namespace nectr::api
