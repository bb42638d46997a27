// ReviewStore::Begin on both engines: a review run keeps the pull request's author and title,
// which the review list filters on and analytics rank by.
#include "review/review_store.hpp"

#include <gtest/gtest.h>

#include "store/sql.hpp"
#include "support/test_database.hpp"

namespace nectr::review {
namespace {

using store::Engine;

class ReviewStoreTest : public ::testing::TestWithParam<Engine> {
protected:
    void SetUp() override {
        auto created = testing::TestDatabase::Create(GetParam());
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

    // pr_author and pr_title of review `id`, "NULL" for a missing value.
    std::pair<std::string, std::string> AuthorAndTitle(std::int64_t id) {
        static constexpr const char* kSql = "SELECT pr_author, pr_title FROM reviews WHERE id = $1";
        const store::Value params[] = {id};
        auto rows = store::Execute(*db_, store::Query{"test.author_title", kSql, kSql}, params);
        EXPECT_TRUE(rows && rows->size() == 1);
        if (!rows || rows->size() != 1) {
            return {};
        }
        return {store::AsText(rows->rows[0][0]).value_or("NULL"),
                store::AsText(rows->rows[0][1]).value_or("NULL")};
    }

    std::unique_ptr<testing::TestDatabase> test_database_;
    std::unique_ptr<store::Database> db_;
    core::SystemClock clock_;
};

TEST_P(ReviewStoreTest, KeepsThePullRequestsAuthorAndTitle) {
    ReviewStore reviews(*db_, clock_);
    ChangeInfo change;
    change.repo_full_name = "octo/repo";
    change.number = 12;
    change.head_sha = "abc123";
    change.title = "Fix the parser";
    change.author = "octocat";
    auto id = reviews.Begin(change, std::nullopt, "");
    ASSERT_TRUE(id) << id.error().detail;
    EXPECT_EQ(AuthorAndTitle(*id),
              std::make_pair(std::string("octocat"), std::string("Fix the parser")));
}

TEST_P(ReviewStoreTest, StoresNullWhenTheChangeHasNoAuthorOrTitle) {
    ReviewStore reviews(*db_, clock_);
    ChangeInfo change;
    change.repo_full_name = "octo/repo";
    change.number = 3;
    change.head_sha = "def456";
    auto id = reviews.Begin(change, std::nullopt, "");
    ASSERT_TRUE(id) << id.error().detail;
    EXPECT_EQ(AuthorAndTitle(*id), std::make_pair(std::string("NULL"), std::string("NULL")));
}

INSTANTIATE_TEST_SUITE_P(Engines, ReviewStoreTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         testing::EngineParamName);

}  // namespace
}  // namespace nectr::review
