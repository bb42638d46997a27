#include "auth/api_token_records.hpp"

#include "auth/store_rows.hpp"
#include "store/sql.hpp"

namespace nectr::auth {

core::Result<std::int64_t> InsertApiToken(store::Database& db, const NewApiTokenRecord& token,
                                          std::int64_t now_ms) {
    const store::Value params[] = {token.user_id, token.name, token.hash,
                                   token.prefix,  now_ms,     IntOrNull(token.expires_at_ms)};
    auto rows = store::Execute(db, store::sql::kAuthInsertApiToken, params);
    if (!rows) {
        return StoreFailure(rows.error());
    }
    const std::optional<std::int64_t> id = IntAt(*rows, 0, "id");
    if (!id) {
        return core::MakeError(core::Errc::kInternal, "the token insert returned no id");
    }
    return *id;
}

core::Result<std::vector<ApiTokenInfo>> ListApiTokens(store::Database& db, std::int64_t user_id) {
    const store::Value params[] = {user_id};
    auto rows = store::Execute(db, store::sql::kAuthListApiTokens, params);
    if (!rows) {
        return StoreFailure(rows.error());
    }
    std::vector<ApiTokenInfo> tokens;
    tokens.reserve(rows->size());
    for (std::size_t i = 0; i < rows->size(); ++i) {
        ApiTokenInfo token;
        token.id = IntAt(*rows, i, "id").value_or(0);
        token.name = TextAt(*rows, i, "name").value_or("");
        token.prefix = TextAt(*rows, i, "prefix").value_or("");
        token.created_at_ms = IntAt(*rows, i, "created_at").value_or(0);
        token.last_used_at_ms = IntAt(*rows, i, "last_used_at");
        token.expires_at_ms = IntAt(*rows, i, "expires_at");
        token.revoked_at_ms = IntAt(*rows, i, "revoked_at");
        tokens.push_back(std::move(token));
    }
    return tokens;
}

core::Result<bool> RevokeApiToken(store::Database& db, std::int64_t user_id, std::int64_t token_id,
                                  std::int64_t now_ms) {
    const store::Value params[] = {token_id, user_id, now_ms};
    auto rows = store::Execute(db, store::sql::kAuthRevokeApiToken, params);
    if (!rows) {
        return StoreFailure(rows.error());
    }
    return rows->affected_rows > 0;
}

core::Result<std::optional<ApiTokenOwner>> FindApiToken(store::Database& db,
                                                        std::string_view hash) {
    const store::Value params[] = {std::string(hash)};
    auto rows = store::Execute(db, store::sql::kAuthFindApiToken, params);
    if (!rows) {
        return StoreFailure(rows.error());
    }
    if (rows->empty()) {
        return std::optional<ApiTokenOwner>();
    }
    ApiTokenOwner owner;
    owner.token_id = IntAt(*rows, 0, "id").value_or(0);
    owner.user_id = IntAt(*rows, 0, "user_id").value_or(0);
    owner.login = TextAt(*rows, 0, "github_username").value_or("");
    owner.expires_at_ms = IntAt(*rows, 0, "expires_at");
    owner.revoked_at_ms = IntAt(*rows, 0, "revoked_at");
    owner.last_used_at_ms = IntAt(*rows, 0, "last_used_at");
    return std::optional<ApiTokenOwner>(std::move(owner));
}

core::Result<void> TouchApiToken(store::Database& db, std::int64_t token_id, std::int64_t now_ms,
                                 std::chrono::milliseconds interval) {
    const store::Value params[] = {token_id, now_ms, now_ms - interval.count()};
    if (auto touched = store::Execute(db, store::sql::kAuthTouchApiToken, params); !touched) {
        return StoreFailure(touched.error());
    }
    return {};
}

}  // namespace nectr::auth
