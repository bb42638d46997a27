// Users' GitHub tokens read back from their encrypted form, per user and per connected
// repository, on both engines.
#include "auth/user_tokens.hpp"

#include <gtest/gtest.h>

#include "auth/key_ring.hpp"
#include "auth_test_support.hpp"
#include "support/test_database.hpp"

namespace nectr::auth {
namespace {

using store::Engine;

class UserTokensTest : public ::testing::TestWithParam<Engine> {
protected:
    void SetUp() override {
        auto created = nectr::testing::TestDatabase::Create(GetParam());
        ASSERT_TRUE(created) << created.error().detail;
        test_database_ = std::move(*created);
        auto opened = test_database_->OpenMigrated();
        ASSERT_TRUE(opened) << opened.error().detail;
        db_ = std::move(*opened);
    }
    void TearDown() override {
        db_.reset();
        test_database_.reset();
    }

    void Run(const std::string& sql, std::vector<store::Value> params = {}) {
        auto done = store::Execute(*db_, store::Query{"test.sql", sql, sql}, params);
        ASSERT_TRUE(done) << done.error().detail;
    }

    void AddUser(std::int64_t id, std::optional<std::string> stored_token) {
        const store::Value token = stored_token ? store::Value(*stored_token) : store::Null();
        Run("INSERT INTO users (id, github_id, github_username, access_token_encrypted, "
            "created_at, updated_at) VALUES ($1, $2, $3, $4, 0, 0)",
            {id, id + 1000, "user" + std::to_string(id), token});
    }

    void Connect(std::int64_t user, const std::string& repo, bool active, std::int64_t at) {
        Run("INSERT INTO installations (user_id, repo_full_name, is_active, installed_at, "
            "updated_at) VALUES ($1, $2, $3, $4, $4)",
            {user, repo, std::int64_t{active ? 1 : 0}, at});
    }

    testing::FakeClock clock_{1'800'000'000};
    KeyRing ring_ = *KeyRing::Create("a current secret key of enough length!", {});
    Sealer sealer_{ring_, std::string(kTokenEncryptionPurpose), clock_};
    std::unique_ptr<nectr::testing::TestDatabase> test_database_;
    std::unique_ptr<store::Database> db_;
};

TEST_P(UserTokensTest, OpensAUsersToken) {
    AddUser(1, sealer_.Seal("gho_one"));
    UserTokens tokens(*db_, sealer_);
    auto token = tokens.ForUser(1);
    ASSERT_TRUE(token) << token.error().detail;
    EXPECT_EQ(*token, "gho_one");
}

TEST_P(UserTokensTest, AUserWithoutATokenMustSignInAgain) {
    AddUser(1, std::nullopt);
    UserTokens tokens(*db_, sealer_);
    auto missing = tokens.ForUser(1);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, core::Errc::kUnauthorized);
    EXPECT_EQ(tokens.ForUser(99).error().code, core::Errc::kUnauthorized);
}

TEST_P(UserTokensTest, ATokenSealedUnderALostKeyIsAnInternalError) {
    KeyRing other = *KeyRing::Create("another secret key, since forgotten!!", {});
    AddUser(1, Sealer(other, std::string(kTokenEncryptionPurpose), clock_).Seal("gho_x"));
    UserTokens tokens(*db_, sealer_);
    auto lost = tokens.ForUser(1);
    ASSERT_FALSE(lost);
    EXPECT_EQ(lost.error().code, core::Errc::kInternal);
    EXPECT_EQ(lost.error().detail.find("gho_"), std::string::npos) << "never echo a token";
}

TEST_P(UserTokensTest, ARepositoryUsesItsNewestActiveConnectionsToken) {
    AddUser(1, sealer_.Seal("gho_older"));
    AddUser(2, sealer_.Seal("gho_newer"));
    AddUser(3, sealer_.Seal("gho_gone"));
    Connect(1, "octo/repo", true, 100);
    Connect(2, "octo/repo", true, 200);
    Connect(3, "octo/repo", false, 300);
    UserTokens tokens(*db_, sealer_);
    auto token = tokens.ForRepository("octo/repo");
    ASSERT_TRUE(token) << token.error().detail;
    EXPECT_EQ(*token, "gho_newer");
    auto none = tokens.ForRepository("octo/unconnected");
    ASSERT_TRUE(none) << none.error().detail;
    EXPECT_FALSE(none->has_value());
}

INSTANTIATE_TEST_SUITE_P(Engines, UserTokensTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         nectr::testing::EngineParamName);

}  // namespace
}  // namespace nectr::auth
