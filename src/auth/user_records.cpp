#include "auth/user_records.hpp"

#include "auth/store_rows.hpp"
#include "store/sql.hpp"

namespace nectr::auth {
namespace {

core::Result<void> ReplaceInstallations(store::Connection& connection, std::int64_t user_id,
                                        const std::vector<std::int64_t>& ids, std::int64_t now_ms) {
    const store::Value user[] = {user_id};
    if (auto deleted = connection.Execute(store::sql::kAuthDeleteUserInstallations, user);
        !deleted) {
        return deleted.error();
    }
    for (const std::int64_t id : ids) {
        const store::Value grant[] = {user_id, id, now_ms};
        if (auto inserted = connection.Execute(store::sql::kAuthInsertUserInstallation, grant);
            !inserted) {
            return inserted.error();
        }
    }
    return {};
}

}  // namespace

core::Result<std::int64_t> SaveSignIn(store::Database& db, const SignIn& sign_in,
                                      std::int64_t now_ms) {
    std::int64_t user_id = 0;
    auto saved = store::InTransaction(db, [&](store::Connection& connection) -> core::Result<void> {
        const github::AuthenticatedUser& user = sign_in.user;
        const store::Value params[] = {user.id,
                                       user.login,
                                       sign_in.sealed_token,
                                       TextOrNull(user.email),
                                       TextOrNull(user.avatar_url),
                                       TextOrNull(user.name),
                                       now_ms};
        auto rows = connection.Execute(store::sql::kAuthUpsertUser, params);
        if (!rows) {
            return rows.error();
        }
        user_id = IntAt(*rows, 0, "id").value_or(0);
        if (user_id <= 0) {
            return core::MakeError(core::Errc::kInternal, "the user upsert returned no id");
        }
        if (sign_in.installation_ids) {
            return ReplaceInstallations(connection, user_id, *sign_in.installation_ids, now_ms);
        }
        return {};
    });
    if (!saved) {
        return StoreFailure(saved.error());
    }
    return user_id;
}

core::Result<std::optional<UserProfile>> FindUserProfile(store::Database& db, std::int64_t id) {
    const store::Value params[] = {id};
    auto rows = store::Execute(db, store::sql::kAuthGetUser, params);
    if (!rows) {
        return StoreFailure(rows.error());
    }
    if (rows->empty()) {
        return std::optional<UserProfile>();
    }
    UserProfile profile;
    profile.id = IntAt(*rows, 0, "id").value_or(id);
    profile.login = TextAt(*rows, 0, "github_username").value_or("");
    profile.name = TextAt(*rows, 0, "name");
    profile.email = TextAt(*rows, 0, "email");
    profile.avatar_url = TextAt(*rows, 0, "avatar_url");
    return std::optional<UserProfile>(std::move(profile));
}

}  // namespace nectr::auth
