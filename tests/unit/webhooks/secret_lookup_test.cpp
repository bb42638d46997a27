// Finding a connected repository's webhook secret: remembered for a while, opened from its
// stored (encrypted) form, and an unreadable one reported instead of treated as "no secret".
#include "webhooks/secret_lookup.hpp"

#include <gtest/gtest.h>

#include "support/test_database.hpp"

namespace nectr::webhooks {
namespace {

class FixedClock final : public core::Clock {
public:
    std::chrono::system_clock::time_point Now() const override { return {}; }
    std::chrono::steady_clock::time_point Steady() const override { return steady; }
    std::chrono::steady_clock::time_point steady{std::chrono::hours(1)};
};

class SecretLookupTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto created = testing::TestDatabase::Create(store::Engine::kSqlite);
        ASSERT_TRUE(created) << created.error().detail;
        test_database_ = std::move(*created);
        auto opened = test_database_->OpenMigrated();
        ASSERT_TRUE(opened) << opened.error().detail;
        db_ = std::move(*opened);
        Run("INSERT INTO users (id, github_id, github_username, created_at, updated_at) "
            "VALUES (1, 1, 'octocat', 0, 0)");
    }

    void Run(const std::string& sql) {
        auto done = store::Execute(*db_, store::Query{"test.sql", sql, sql});
        ASSERT_TRUE(done) << done.error().detail;
    }

    void Connect(const std::string& stored_secret) {
        Run("INSERT INTO installations (user_id, repo_full_name, webhook_secret, installed_at, "
            "updated_at) VALUES (1, 'octo/repo', '" +
            stored_secret + "', 0, 0)");
    }

    std::unique_ptr<testing::TestDatabase> test_database_;
    std::unique_ptr<store::Database> db_;
    FixedClock clock_;
};

TEST_F(SecretLookupTest, OpensTheStoredSecretAndRemembersIt) {
    Connect("sealed:s3cret");
    int opened = 0;
    SecretLookup lookup(*db_, clock_, std::chrono::seconds(10),
                        [&opened](std::string_view stored) -> core::Result<std::string> {
                            ++opened;
                            return std::string(stored.substr(7));
                        });
    EXPECT_FALSE(lookup.Cached("octo/repo")) << "nothing is remembered before the first Find";
    auto found = lookup.Find("octo/repo");
    ASSERT_TRUE(found) << found.error().detail;
    EXPECT_EQ(*found, "s3cret");
    EXPECT_EQ(lookup.Cached("octo/repo"), "s3cret");
    EXPECT_EQ(*lookup.Find("octo/repo"), "s3cret");
    EXPECT_EQ(opened, 1) << "a remembered secret is not opened again";

    clock_.steady += std::chrono::seconds(11);
    EXPECT_FALSE(lookup.Cached("octo/repo")) << "an answer older than the ttl is forgotten";
}

TEST_F(SecretLookupTest, AnUnconnectedRepositoryHasNoSecret) {
    SecretLookup lookup(*db_, clock_);
    auto found = lookup.Find("octo/elsewhere");
    ASSERT_TRUE(found) << found.error().detail;
    EXPECT_EQ(*found, "");
    EXPECT_EQ(lookup.Cached("octo/elsewhere"), "");
}

TEST_F(SecretLookupTest, ASecretThatCannotBeOpenedIsAnErrorNotAnEmptySecret) {
    Connect("sealed-with-a-lost-key");
    SecretLookup lookup(*db_, clock_, std::chrono::seconds(10),
                        [](std::string_view) -> core::Result<std::string> {
                            return core::MakeError(core::Errc::kInvalidInput, "invalid token");
                        });
    auto found = lookup.Find("octo/repo");
    ASSERT_FALSE(found);
    EXPECT_EQ(found.error().code, core::Errc::kInternal);
    EXPECT_NE(found.error().detail.find("octo/repo"), std::string::npos);
    EXPECT_FALSE(lookup.Cached("octo/repo"));
}

}  // namespace
}  // namespace nectr::webhooks
