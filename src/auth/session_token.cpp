#include "auth/session_token.hpp"

#include <array>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <charconv>
#include <optional>

#include "auth/base64url.hpp"
#include "auth/primitives.hpp"
#include "core/json_fields.hpp"

namespace nectr::auth {
namespace {

namespace json = boost::json;

// Far above any token Issue makes; a bound on the work an unauthenticated cookie can cause.
constexpr std::size_t kMaxJwtBytes = 8 * 1024;
constexpr std::string_view kHeader = R"({"alg":"HS256","typ":"JWT"})";

core::Error Unauthorized(std::string detail) {
    return core::MakeError(core::Errc::kUnauthorized, std::move(detail));
}

std::int64_t UnixSeconds(const core::Clock& clock) {
    return std::chrono::duration_cast<std::chrono::seconds>(clock.Now().time_since_epoch()).count();
}

std::string RandomJti() {
    std::array<unsigned char, 16> bytes{};
    FillRandom(bytes);
    return HexLower(bytes);
}

// A base64url JSON object; nullopt when either layer is broken.
std::optional<json::object> DecodeJsonPart(std::string_view part) {
    const auto text = DecodeBase64Url(part, Base64Padding::kWithout);
    if (!text) {
        return std::nullopt;
    }
    boost::system::error_code ec;
    json::value value = json::parse(*text, ec);
    if (ec || !value.is_object()) {
        return std::nullopt;
    }
    return std::move(value.as_object());
}

struct JwtParts {
    std::string_view header;
    std::string_view payload;
    std::string_view signature;
};

std::optional<JwtParts> SplitJwt(std::string_view jwt) {
    const std::size_t first = jwt.find('.');
    const std::size_t second = first == std::string_view::npos ? first : jwt.find('.', first + 1);
    if (jwt.size() > kMaxJwtBytes || second == std::string_view::npos ||
        jwt.find('.', second + 1) != std::string_view::npos) {
        return std::nullopt;
    }
    return JwtParts{jwt.substr(0, first), jwt.substr(first + 1, second - first - 1),
                    jwt.substr(second + 1)};
}

// The user id of a `sub` written as Issue writes it: a positive decimal, no sign or zeros
// in front.
std::optional<std::int64_t> ParseUserId(const std::string& sub) {
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(sub.data(), sub.data() + sub.size(), id);
    if (ec != std::errc() || end != sub.data() + sub.size() || id <= 0 ||
        std::to_string(id) != sub) {
        return std::nullopt;
    }
    return id;
}

core::Result<SessionClaims> ReadClaims(const json::object& payload) {
    const auto sub = core::OptionalStringAt(payload, "sub");
    const auto login = core::OptionalStringAt(payload, "login");
    const auto jti = core::OptionalStringAt(payload, "jti");
    const auto iat = core::OptionalIntAt(payload, "iat");
    const auto exp = core::OptionalIntAt(payload, "exp");
    if (!sub || !login || !jti || !iat || !exp || login->empty() || jti->empty() ||
        !payload.contains("iss")) {
        return Unauthorized("session token lacks a claim (sub, login, jti, iat, exp, iss)");
    }
    const auto user_id = ParseUserId(*sub);
    if (!user_id) {
        return Unauthorized("session token's sub is not a user id");
    }
    return SessionClaims{*user_id, *login, *jti, *iat, *exp};
}

}  // namespace

SessionSigner::SessionSigner(const KeyRing& keys, std::string issuer, std::chrono::seconds ttl,
                             const core::Clock& clock)
    : keys_(keys.KeysFor(kSessionJwtPurpose)),
      issuer_(std::move(issuer)),
      ttl_(ttl),
      clock_(clock) {}

std::string SessionSigner::Issue(std::int64_t user_id, std::string login) const {
    return IssueSession(user_id, std::move(login)).token;
}

IssuedSession SessionSigner::IssueSession(std::int64_t user_id, std::string login) const {
    const std::int64_t now = UnixSeconds(clock_);
    SessionClaims claims{user_id, std::move(login), RandomJti(), now, now + ttl_.count()};
    const json::object payload{
        {"sub", std::to_string(claims.user_id)},
        {"login", claims.login},
        {"jti", claims.jti},
        {"iat", claims.issued_at},
        {"exp", claims.expires_at},
        {"iss", issuer_},
    };
    std::string token = EncodeBase64Url(kHeader, Base64Padding::kWithout);
    token += '.';
    token += EncodeBase64Url(json::serialize(payload), Base64Padding::kWithout);
    const Digest32 mac = HmacSha256(keys_.front(), token);
    token += '.';
    token +=
        EncodeBase64Url(std::string_view(reinterpret_cast<const char*>(mac.data()), mac.size()),
                        Base64Padding::kWithout);
    return IssuedSession{std::move(token), std::move(claims)};
}

core::Result<SessionClaims> SessionSigner::Verify(std::string_view jwt) const {
    const auto parts = SplitJwt(jwt);
    const auto header = parts ? DecodeJsonPart(parts->header) : std::nullopt;
    if (!header) {
        return Unauthorized("malformed session token");
    }
    // Only the algorithm we sign with: "none" or another family must never choose how
    // (or whether) the signature is checked.
    if (core::StringAt(*header, "alg") != "HS256") {
        return Unauthorized("session token is not signed with HS256");
    }
    const auto signature = DecodeBase64Url(parts->signature, Base64Padding::kWithout);
    if (!signature) {
        return Unauthorized("malformed session token");
    }
    const std::string_view signed_part =
        jwt.substr(0, parts->header.size() + 1 + parts->payload.size());
    bool signed_by_ring = false;
    for (const Key32& key : keys_) {
        signed_by_ring =
            signed_by_ring || ConstantTimeEquals(HmacSha256(key, signed_part), BytesOf(*signature));
    }
    if (!signed_by_ring) {
        return Unauthorized("session token signature does not verify");
    }
    const auto payload = DecodeJsonPart(parts->payload);
    if (!payload) {
        return Unauthorized("malformed session token");
    }
    auto claims = ReadClaims(*payload);
    if (!claims) {
        return claims.error();
    }
    if (core::OptionalStringAt(*payload, "iss") != issuer_) {
        return Unauthorized("session token was issued by another server");
    }
    const std::int64_t now = UnixSeconds(clock_);
    if (now - kSessionLeeway.count() > claims->expires_at) {
        return Unauthorized("session expired");
    }
    const auto not_before = core::OptionalIntAt(*payload, "nbf");
    if (not_before && *not_before > now + kSessionLeeway.count()) {
        return Unauthorized("session token is not valid yet");
    }
    return claims;
}

}  // namespace nectr::auth
