#pragma once

// Browser sessions as JSON Web Tokens signed with HS256 under the ring's "session-jwt" key,
// carried in an httpOnly cookie. Stateless to verify; sign-out revokes by jti (the
// revoked_sessions table of migration 0006), which the caller checks after Verify.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "auth/key_ring.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"

namespace nectr::auth {

struct SessionClaims {
    std::int64_t user_id = 0;
    std::string login;
    std::string jti;
    std::int64_t issued_at = 0;   // Unix seconds
    std::int64_t expires_at = 0;  // Unix seconds
};

struct IssuedSession {
    std::string token;
    SessionClaims claims;
};

// How far past `exp` a session is still accepted, for clocks that disagree a little.
inline constexpr std::chrono::seconds kSessionLeeway{30};

class SessionSigner {
public:
    // Derives the "session-jwt" keys from `keys` once; `clock` must outlive the signer.
    // `issuer` is the iss claim issued and required (e.g. the backend URL); `ttl` how long
    // a session lasts (SESSION_HOURS).
    SessionSigner(const KeyRing& keys, std::string issuer, std::chrono::seconds ttl,
                  const core::Clock& clock);

    // A compact JWT, header {"alg":"HS256","typ":"JWT"}, claims: sub = the user id as a
    // string, login, jti (128 random bits, 32 lowercase hex digits), iat, exp = iat + ttl,
    // iss. Never fails; aborts only if OpenSSL cannot draw random bytes.
    std::string Issue(std::int64_t user_id, std::string login) const;
    // Issue, also returning the claims it signed (the caller may record jti and expiry, e.g.
    // for the cookie's Max-Age).
    IssuedSession IssueSession(std::int64_t user_id, std::string login) const;

    // Checks a JWT and returns its claims. kUnauthorized, with a detail that says which, for:
    // malformed, alg other than HS256 ("none" included), bad signature (a token signed by any
    // key of the ring is accepted), wrong issuer, expired (kSessionLeeway allowed), missing
    // or mistyped claims (sub must be a positive integer in a string). Pure apart from the
    // clock.
    core::Result<SessionClaims> Verify(std::string_view jwt) const;

    std::chrono::seconds Ttl() const { return ttl_; }

private:
    std::vector<Key32> keys_;  // current first
    std::string issuer_;
    std::chrono::seconds ttl_;
    const core::Clock& clock_;
};

}  // namespace nectr::auth
