#include "auth/session_records.hpp"

#include "auth/store_rows.hpp"
#include "store/sql.hpp"

namespace nectr::auth {

core::Result<SessionStanding> CheckSession(store::Database& db, std::int64_t user_id,
                                           std::string_view jti) {
    const store::Value params[] = {user_id, std::string(jti)};
    auto rows = store::Execute(db, store::sql::kAuthSessionUser, params);
    if (!rows) {
        return StoreFailure(rows.error());
    }
    SessionStanding standing;
    if (!rows->empty()) {
        standing.user_exists = true;
        standing.revoked = IntAt(*rows, 0, "revoked").value_or(1) != 0;
        standing.login = TextAt(*rows, 0, "github_username").value_or("");
    }
    return standing;
}

core::Result<void> RevokeSession(store::Database& db, std::string_view jti, std::int64_t user_id,
                                 std::int64_t expires_at_ms, std::int64_t now_ms) {
    const store::Value expired[] = {now_ms};
    if (auto dropped = store::Execute(db, store::sql::kAuthDeleteExpiredRevocations, expired);
        !dropped) {
        return StoreFailure(dropped.error());
    }
    const store::Value params[] = {std::string(jti), user_id, expires_at_ms};
    if (auto revoked = store::Execute(db, store::sql::kAuthRevokeSession, params); !revoked) {
        return StoreFailure(revoked.error());
    }
    return {};
}

}  // namespace nectr::auth
