#include "auth/oauth_flow.hpp"

#include <openssl/crypto.h>

#include <memory>

#include "auth/cookies.hpp"
#include "auth/html_page.hpp"
#include "auth/oauth_states.hpp"
#include "auth/user_records.hpp"
#include "core/log.hpp"
#include "github/client.hpp"

namespace nectr::auth {
namespace {

using core::Errc;
namespace net = boost::asio;
using Deps = std::shared_ptr<const OAuthFlowDeps>;

std::string WithoutTrailingSlash(std::string url) {
    while (!url.empty() && url.back() == '/') {
        url.pop_back();
    }
    return url;
}

std::string CallbackUrl(const OAuthFlowDeps& deps) {
    return WithoutTrailingSlash(deps.backend_url) + "/auth/github/callback";
}

std::string FrontendHome(const OAuthFlowDeps& deps) {
    return WithoutTrailingSlash(deps.frontend_url.empty() ? deps.backend_url : deps.frontend_url) +
           "/";
}

bool Configured(const OAuthFlowDeps& deps) {
    return !deps.app.client_id.empty() && !deps.app.client_secret.empty();
}

http::Response NotConfiguredPage() {
    return SignInErrorPage(503, "Sign-in is not configured",
                           "This Nectr server has no GitHub OAuth App yet: its operator must set "
                           "GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET.");
}

http::Response DatabaseDownPage() {
    return SignInErrorPage(503, "Sign-in is unavailable",
                           "Nectr cannot reach its database right now. Try again in a moment.");
}

CookieOptions StateCookie(const OAuthFlowDeps& deps) {
    return CookieOptions{std::string(kStateCookiePath),
                         std::chrono::duration_cast<std::chrono::seconds>(kOAuthStateLifetime),
                         deps.cookie_secure};
}

bool SameSecret(std::string_view a, std::string_view b) {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

net::awaitable<http::Response> StartSignIn(Deps deps) {
    if (!Configured(*deps)) {
        co_return NotConfiguredPage();
    }
    const std::string state = NewOAuthState();
    const std::int64_t now_ms = core::ToUnixMillis(deps->clock->Now());
    std::function<core::Result<void>()> save = [&deps, &state, now_ms] {
        return SaveOAuthState(*deps->db, state, now_ms);
    };
    core::Result<void> saved = co_await deps->pool->Call<core::Result<void>>(std::move(save));
    if (!saved) {
        NECTR_LOG_WARN("auth.sign_in_unavailable", "reason=\"{}\"", saved.error().detail);
        co_return DatabaseDownPage();
    }
    http::Response response = http::Response::Text(302, "Redirecting to GitHub\n");
    response.SetHeader("Location", github::AuthorizeUrl(deps->app.web_url, deps->app.client_id,
                                                        CallbackUrl(*deps), kSignInScope, state));
    response.SetHeader("Cache-Control", "no-store");
    AddSetCookie(response, SetCookieValue(kStateCookie, state, StateCookie(*deps)));
    co_return response;
}

// The page for a callback that GitHub sent with an error instead of a code. Only a
// plausible error code is repeated: the rest of the query is anyone's text, and the page
// must not lend Nectr's voice to it.
http::Response GitHubDeclinedPage(const std::string& error) {
    if (error == "access_denied") {
        return SignInErrorPage(400, "Sign-in cancelled",
                               "The authorization was declined on GitHub, so you are not signed "
                               "in.");
    }
    const bool plausible =
        !error.empty() && error.size() <= 64 &&
        error.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") == std::string::npos;
    const std::string shown = plausible ? error : "an unknown error";
    NECTR_LOG_WARN("auth.github_refused_authorization", "error={}", shown);
    return SignInErrorPage(502, "GitHub refused the sign-in",
                           "GitHub answered with " + shown +
                               ". The operator may need to check the OAuth App's settings.");
}

// Checks the callback's state (query, cookie, store). An empty optional means it passed.
net::awaitable<std::optional<http::Response>> RefuseState(Deps deps,
                                                          std::optional<std::string> cookie,
                                                          std::string state) {
    if (!cookie || !SameSecret(*cookie, state)) {
        co_return SignInErrorPage(400, "Sign-in could not be finished",
                                  "This sign-in was not started in this browser, or another one "
                                  "started since. Start again from here.");
    }
    const std::int64_t now_ms = core::ToUnixMillis(deps->clock->Now());
    std::function<core::Result<bool>()> consume = [&deps, &state, now_ms] {
        return ConsumeOAuthState(*deps->db, state, now_ms);
    };
    core::Result<bool> consumed = co_await deps->pool->Call<core::Result<bool>>(std::move(consume));
    if (!consumed) {
        NECTR_LOG_WARN("auth.sign_in_unavailable", "reason=\"{}\"", consumed.error().detail);
        co_return DatabaseDownPage();
    }
    if (!*consumed) {
        co_return SignInErrorPage(400, "Sign-in link expired",
                                  "This sign-in link has expired or was already used. Sign-in "
                                  "links last five minutes and work once.");
    }
    co_return std::nullopt;
}

http::Response GitHubFailurePage(const core::Error& error, std::string_view step) {
    NECTR_LOG_WARN("auth.sign_in_github_failed", "step={} code={} detail=\"{}\"", step,
                   core::ErrcName(error.code), error.detail);
    if (error.code == Errc::kInvalidInput) {
        return SignInErrorPage(400, "Sign-in could not be finished",
                               "GitHub did not accept the sign-in code; it may have expired. "
                               "Start again.");
    }
    return SignInErrorPage(502, "GitHub did not answer as expected",
                           "Nectr could not complete sign-in with GitHub (" + error.detail +
                               "). Try again in a moment.");
}

// With the user's token: who they are, and the installations GitHub lets them see.
net::awaitable<core::Result<SignIn>> AskGitHub(Deps deps, std::string token) {
    github::GitHubClient client(*deps->http,
                                github::MakeTokenCredentials(github::TokenKind::kOAuthUser, token),
                                deps->api, *deps->clock);
    core::Result<github::AuthenticatedUser> user = co_await client.GetAuthenticatedUser();
    if (!user) {
        co_return user.error();
    }
    SignIn sign_in{std::move(*user), deps->token_sealer->Seal(token), std::nullopt};
    core::Result<github::Listing<std::int64_t>> installations =
        co_await client.ListMyInstallations();
    if (installations) {
        sign_in.installation_ids = std::move(installations->items);
    } else {
        NECTR_LOG_WARN("auth.installations_unknown", "github_id={} detail=\"{}\"", sign_in.user.id,
                       installations.error().detail);
    }
    co_return sign_in;
}

http::Response SignedIn(const OAuthFlowDeps& deps, const IssuedSession& session) {
    http::Response response = http::Response::Text(302, "Signed in\n");
    response.SetHeader("Location", FrontendHome(deps));
    response.SetHeader("Cache-Control", "no-store");
    AddSetCookie(response,
                 SetCookieValue(kSessionCookie, session.token,
                                CookieOptions{"/", deps.sessions->Ttl(), deps.cookie_secure}));
    AddSetCookie(response, ClearCookieValue(kStateCookie, StateCookie(deps)));
    return response;
}

net::awaitable<http::Response> FinishSignIn(Deps deps, http::Request request) {
    if (!Configured(*deps)) {
        co_return NotConfiguredPage();
    }
    const std::string state = request.QueryParam("state").value_or("");
    if (auto error = request.QueryParam("error")) {
        co_return GitHubDeclinedPage(*error);
    }
    const std::string code = request.QueryParam("code").value_or("");
    if (state.empty() || code.empty()) {
        co_return SignInErrorPage(400, "Sign-in could not be finished",
                                  "This address needs the code and state that GitHub adds to it. "
                                  "Start sign-in again.");
    }
    std::optional<http::Response> refused =
        co_await RefuseState(deps, FindCookie(request, kStateCookie), state);
    if (refused) {
        co_return std::move(*refused);
    }
    std::string callback = CallbackUrl(*deps);
    core::Result<github::OAuthToken> token =
        co_await github::ExchangeOAuthCode(*deps->http, deps->app, code, std::move(callback));
    if (!token) {
        co_return GitHubFailurePage(token.error(), "exchange");
    }
    core::Result<SignIn> sign_in = co_await AskGitHub(deps, std::move(token->access_token));
    if (!sign_in) {
        co_return GitHubFailurePage(sign_in.error(), "user");
    }
    const std::int64_t now_ms = core::ToUnixMillis(deps->clock->Now());
    std::function<core::Result<std::int64_t>()> save = [&deps, &sign_in, now_ms] {
        return SaveSignIn(*deps->db, *sign_in, now_ms);
    };
    core::Result<std::int64_t> user_id =
        co_await deps->pool->Call<core::Result<std::int64_t>>(std::move(save));
    if (!user_id) {
        NECTR_LOG_WARN("auth.sign_in_unavailable", "reason=\"{}\"", user_id.error().detail);
        co_return DatabaseDownPage();
    }
    const IssuedSession session = deps->sessions->IssueSession(*user_id, sign_in->user.login);
    NECTR_LOG_INFO("auth.signed_in", "user_id={} github_id={} login={} installations={}", *user_id,
                   sign_in->user.id, sign_in->user.login,
                   sign_in->installation_ids ? std::to_string(sign_in->installation_ids->size())
                                             : std::string("unknown"));
    co_return SignedIn(*deps, session);
}

}  // namespace

http::Handler MakeSignInHandler(OAuthFlowDeps deps) {
    Deps shared = std::make_shared<const OAuthFlowDeps>(std::move(deps));
    // The request says nothing the redirect needs.
    return [shared](const http::Request&) { return StartSignIn(shared); };
}

http::Handler MakeCallbackHandler(OAuthFlowDeps deps) {
    Deps shared = std::make_shared<const OAuthFlowDeps>(std::move(deps));
    return [shared](http::Request request) { return FinishSignIn(shared, std::move(request)); };
}

}  // namespace nectr::auth
