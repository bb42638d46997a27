#include "auth/user_tokens.hpp"

#include "store/sql.hpp"

namespace nectr::auth {

UserTokens::UserTokens(store::Database& db, const Sealer& sealer) : db_(db), sealer_(sealer) {}

core::Result<std::string> UserTokens::ForUser(std::int64_t user_id) const {
    const store::Value params[] = {user_id};
    core::Result<store::Rows> rows = store::Execute(db_, store::sql::kAuthUserAccessToken, params);
    if (!rows) {
        return rows.error();
    }
    std::optional<std::string> stored;
    if (!rows->empty()) {
        stored = store::AsText(rows->rows.front().front());
    }
    if (!stored || stored->empty()) {
        return core::MakeError(core::Errc::kUnauthorized,
                               "Nectr holds no GitHub token for this user: sign in again");
    }
    return Open(*stored);
}

core::Result<std::optional<std::string>> UserTokens::ForRepository(
    const std::string& repo_full_name) const {
    const store::Value params[] = {repo_full_name};
    core::Result<store::Rows> rows =
        store::Execute(db_, store::sql::kAuthRepositoryAccessToken, params);
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return std::optional<std::string>();
    }
    const std::optional<std::string> stored = store::AsText(rows->rows.front().front());
    if (!stored || stored->empty()) {
        return std::optional<std::string>();
    }
    core::Result<std::string> token = Open(*stored);
    if (!token) {
        return token.error();
    }
    return std::optional<std::string>(std::move(*token));
}

core::Result<std::string> UserTokens::Open(const std::string& stored) const {
    core::Result<std::string> token = sealer_.Open(stored);
    if (!token) {
        return core::MakeError(core::Errc::kInternal,
                               "a stored GitHub token cannot be decrypted (was SECRET_KEY changed "
                               "without keeping the old one in SECRET_KEY_PREVIOUS?)");
    }
    return token;
}

}  // namespace nectr::auth
