#pragma once

// Who is asking: the user behind a request's session cookie or personal API token. Every
// endpoint that reads or changes a user's data takes its Caller from an Authenticator and
// scopes its queries to the repositories that user may reach (the user_repositories view of
// migration 0006), so that no id a caller guesses leads to another user's data.
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <functional>
#include <string>

#include "core/error.hpp"
#include "http/message.hpp"

namespace nectr::auth {

namespace net = boost::asio;

enum class CallerVia { kSession, kApiToken };

struct Caller {
    std::int64_t user_id = 0;
    std::string login;  // the GitHub login
    CallerVia via = CallerVia::kSession;
};

// Finds the caller of a request: kUnauthorized (401) when it carries no valid session or
// token, kUnavailable when the database cannot say.
using Authenticator = std::function<net::awaitable<core::Result<Caller>>(const http::Request&)>;

}  // namespace nectr::auth
