#include "api/read_handler.hpp"

#include "auth/authenticator.hpp"

namespace nectr::api {

net::awaitable<core::Result<auth::Caller>> FindCaller(const auth::Authenticator& authenticate,
                                                      const http::Request& request) {
    NECTR_ASSERT(authenticate, "the read API needs an authenticator");
    // Named before the await: see docs/decisions.md on g++ 12.
    net::awaitable<core::Result<auth::Caller>> pending = authenticate(request);
    core::Result<auth::Caller> caller = co_await std::move(pending);
    co_return caller;
}

http::Response AuthFailure(const core::Error& error) { return auth::AuthFailureResponse(error); }

net::awaitable<http::Response> ReplyWithJson(core::BlockingPool& pool,
                                             std::function<core::Result<std::string>()> read) {
    core::Result<std::string> body = co_await pool.Call<core::Result<std::string>>(std::move(read));
    if (!body) {
        co_return http::ErrorResponse(body.error());
    }
    http::Response response = http::Response::Json(200, std::move(*body));
    response.SetHeader("Cache-Control", "no-store");
    co_return response;
}

}  // namespace nectr::api
