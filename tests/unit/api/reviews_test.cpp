// GET /api/v1/reviews and /api/v1/reviews/{id} over loopback on both engines: what a caller
// sees is bounded by user_repositories, filters and cursor pages work, and a review the
// caller may not see is answered exactly like one that does not exist.
#include <gtest/gtest.h>

#include "read_api_scenario.hpp"

namespace nectr::api::test {
namespace {

using store::Engine;
using Ids = std::vector<std::int64_t>;

class ReviewsApiTest : public ::testing::TestWithParam<Engine> {
protected:
    void SetUp() override {
        stack_ = ReadApiStack::Start(GetParam());
        ASSERT_NE(stack_, nullptr);
        s_ = SeedScenario(*stack_);
    }

    Ids List(const std::string& query, std::int64_t user) {
        return IdsOf(stack_->GetJson("/api/v1/reviews" + query, user), "reviews");
    }

    std::string Path(std::int64_t id) { return "/api/v1/reviews/" + std::to_string(id); }

    std::unique_ptr<ReadApiStack> stack_;
    Scenario s_;
};

TEST_P(ReviewsApiTest, ListsOnlyTheReviewsOfTheCallersRepositoriesNewestFirst) {
    EXPECT_EQ(List("", s_.alice), (Ids{s_.r5, s_.r4, s_.r3, s_.r2, s_.r1, s_.r6}))
        << "connected and App-granted repositories; not inactive, removed or uninstalled ones";
    EXPECT_EQ(List("", s_.bob), (Ids{s_.bob_lib, s_.bob_core}));
    EXPECT_EQ(List("", 999), Ids{}) << "a user with no repositories sees nothing";
}

TEST_P(ReviewsApiTest, ARepositoryFilterCannotReachAnotherUsersReviews) {
    for (const std::string repo :
         {"beta/core", "beta/lib", "alpha/old", "gamma/x", "alpha/inactive", "nobody/none"}) {
        testing::HttpResult result = stack_->Get("/api/v1/reviews?repo=" + repo, s_.alice);
        EXPECT_EQ(result.status, 200) << repo;
        EXPECT_EQ(List("?repo=" + repo, s_.alice), Ids{}) << repo << " leaked";
        EXPECT_EQ(result.body.find("zed"), std::string::npos) << repo;
    }
    EXPECT_EQ(List("?repo=alpha/api", s_.alice), (Ids{s_.r4, s_.r3}));
    EXPECT_EQ(List("?repo=beta/core", s_.bob), (Ids{s_.bob_core}));
}

TEST_P(ReviewsApiTest, FiltersByStatusVerdictAndAuthorTogether) {
    EXPECT_EQ(List("?status=failed", s_.alice), (Ids{s_.r4}));
    EXPECT_EQ(List("?status=posted", s_.alice), (Ids{s_.r5, s_.r3, s_.r2, s_.r1, s_.r6}));
    EXPECT_EQ(List("?verdict=approve", s_.alice), (Ids{s_.r3, s_.r1, s_.r6}))
        << "the verdict is read in any case";
    EXPECT_EQ(List("?verdict=REQUEST_CHANGES", s_.alice), (Ids{s_.r2}));
    EXPECT_EQ(List("?author=dave", s_.alice), (Ids{s_.r5, s_.r3}));
    EXPECT_EQ(List("?author=dave&repo=alpha/web", s_.alice), (Ids{s_.r5}));
    EXPECT_EQ(List("?author=carol&verdict=APPROVE&status=posted", s_.alice), (Ids{s_.r1}));
    EXPECT_EQ(List("?author=zed", s_.alice), Ids{}) << "zed's reviews are all out of reach";
    EXPECT_EQ(List("?status=&verdict=&author=&repo=", s_.alice).size(), 6u)
        << "an empty filter value filters nothing";
}

TEST_P(ReviewsApiTest, PagesWithTheCursorAndKeepsFiltersAcrossPages) {
    std::vector<Ids> pages;
    std::string query = "?status=posted&limit=2";
    for (int i = 0; i < 5; ++i) {
        json::object page = stack_->GetJson("/api/v1/reviews" + query, s_.alice);
        pages.push_back(IdsOf(page, "reviews"));
        if (page.at("next_cursor").is_null()) {
            break;
        }
        query = "?status=posted&limit=2&cursor=" + std::string(page.at("next_cursor").as_string());
    }
    EXPECT_EQ(pages, (std::vector<Ids>{{s_.r5, s_.r3}, {s_.r2, s_.r1}, {s_.r6}}));

    // Bob's cursor pointing between Alice's ids still shows only Bob's reviews.
    json::object bob_first = stack_->GetJson("/api/v1/reviews?limit=1", s_.bob);
    ASSERT_FALSE(bob_first.at("next_cursor").is_null());
    const std::string cursor(bob_first.at("next_cursor").as_string());
    EXPECT_EQ(List("?limit=100&cursor=" + cursor, s_.bob), (Ids{s_.bob_core}));
}

TEST_P(ReviewsApiTest, DefaultsToPagesOfTwentyAndAllowsAHundred) {
    for (int i = 0; i < 21; ++i) {
        stack_->AddReview(
            Seed("alpha/api", 100 + i, "posted", "APPROVE", "gus", kMar10At09 + i, 1000));
    }
    json::object page = stack_->GetJson("/api/v1/reviews", s_.alice);
    EXPECT_EQ(page.at("reviews").as_array().size(), 20u);
    EXPECT_FALSE(page.at("next_cursor").is_null());
    json::object all = stack_->GetJson("/api/v1/reviews?limit=100", s_.alice);
    EXPECT_EQ(all.at("reviews").as_array().size(), 27u);
    EXPECT_TRUE(all.at("next_cursor").is_null());
}

TEST_P(ReviewsApiTest, ListItemsCarryTheReviewAndItsCommentCounts) {
    json::object page = stack_->GetJson("/api/v1/reviews?author=carol&verdict=APPROVE", s_.alice);
    ASSERT_EQ(IdsOf(page, "reviews"), (Ids{s_.r1}));
    const json::object& item = page.at("reviews").as_array()[0].as_object();
    EXPECT_EQ(item.at("repo"), "alpha/web");
    EXPECT_EQ(item.at("pr_number").as_int64(), 1);
    EXPECT_EQ(item.at("pr_title"), "Fix the parser");
    EXPECT_EQ(item.at("author"), "carol");
    EXPECT_TRUE(item.at("head_sha").as_string().starts_with("sha-"));
    EXPECT_EQ(item.at("status"), "posted");
    EXPECT_EQ(item.at("verdict"), "APPROVE");
    const std::string summary(item.at("summary").as_string());
    EXPECT_EQ(summary.size(), 600u) << "300 two-byte characters, none cut in half";
    EXPECT_EQ(item.at("model"), "model-x");
    EXPECT_EQ(item.at("input_tokens").as_int64(), 1000);
    EXPECT_EQ(item.at("output_tokens").as_int64(), 200);
    EXPECT_EQ(item.at("cost_usd").as_double(), 0.25);
    EXPECT_EQ(item.at("duration_ms").as_int64(), 1500);
    EXPECT_EQ(item.at("created_at"), "2024-03-08T10:00:00.000Z");
    EXPECT_EQ(item.at("completed_at"), "2024-03-08T10:01:00.000Z");
    EXPECT_EQ(item.at("html_url"), "https://github.example.com/alpha/web/pull/1");
    const json::object& counts = item.at("comment_counts").as_object();
    EXPECT_EQ(counts.at("total").as_int64(), 3);
    EXPECT_EQ(counts.at("posted_inline").as_int64(), 2);
    EXPECT_EQ(counts.at("by_severity").at("high").as_int64(), 2);
    EXPECT_EQ(counts.at("by_severity").at("low").as_int64(), 1);
    EXPECT_EQ(counts.at("by_severity").at("critical").as_int64(), 0);
}

TEST_P(ReviewsApiTest, ShowsOneReviewWithBodyDetailsCommentsAndModelCalls) {
    json::object review = stack_->GetJson(Path(s_.r1), s_.alice);
    EXPECT_EQ(review.at("id").as_int64(), s_.r1);
    EXPECT_EQ(review.at("summary").as_string().size(), 700u) << "the whole summary";
    EXPECT_EQ(review.at("body"), "The review body.");
    EXPECT_EQ(review.at("details").at("notes").as_array()[0], "one note")
        << "details are the stored JSON, as JSON";
    EXPECT_EQ(review.at("provider"), "anthropic");
    EXPECT_EQ(review.at("comment_counts").at("total").as_int64(), 3);
    const json::array& comments = review.at("comments").as_array();
    ASSERT_EQ(comments.size(), 3u);
    const json::object& first = comments[0].as_object();
    EXPECT_EQ(first.at("path"), "src/a.cpp");
    EXPECT_EQ(first.at("line").as_int64(), 12);
    EXPECT_EQ(first.at("start_line").as_int64(), 10);
    EXPECT_EQ(first.at("side"), "RIGHT");
    EXPECT_EQ(first.at("severity"), "high");
    EXPECT_EQ(first.at("category"), "bug");
    EXPECT_EQ(first.at("body"), "Check the bound.");
    EXPECT_EQ(first.at("suggestion"), "if (i < n)");
    EXPECT_EQ(first.at("posted_inline"), true);
    EXPECT_EQ(first.at("source"), "model");
    EXPECT_EQ(comments[1].at("posted_inline"), false);
    EXPECT_EQ(comments[2].at("severity"), "low");
    const json::array& calls = review.at("llm_calls").as_array();
    ASSERT_EQ(calls.size(), 2u);
    EXPECT_EQ(calls[0].at("input_tokens").as_int64(), 700);
    EXPECT_EQ(calls[1].at("input_tokens").as_int64(), 300);
    EXPECT_EQ(calls[0].at("model"), "model-x");
    EXPECT_EQ(calls[0].at("latency_ms").as_int64(), 900);
    EXPECT_EQ(calls[0].at("stop_reason"), "end_turn");
}

TEST_P(ReviewsApiTest, ShowsDetailsThatAreNotJsonAsTextAndMissingOnesAsNull) {
    const store::Value params[] = {std::string("not {json"), s_.r2};
    stack_->Insert("UPDATE reviews SET details = $1 WHERE id = $2 RETURNING id", params);
    EXPECT_EQ(stack_->GetJson(Path(s_.r2), s_.alice).at("details"), "not {json");
    const store::Value none[] = {s_.r3};
    stack_->Insert("UPDATE reviews SET details = NULL WHERE id = $1 RETURNING id", none);
    EXPECT_TRUE(stack_->GetJson(Path(s_.r3), s_.alice).at("details").is_null());
}

TEST_P(ReviewsApiTest, AnUnreachableReviewIsAnsweredExactlyLikeAMissingOne) {
    testing::HttpResult missing = stack_->Get(Path(987654321), s_.alice);
    ASSERT_EQ(missing.status, 404) << missing.body;
    EXPECT_NE(missing.body.find("\"code\":\"not_found\""), std::string::npos) << missing.body;
    for (const std::int64_t id :
         {s_.bob_core, s_.bob_lib, s_.inactive, s_.removed, s_.uninstalled}) {
        testing::HttpResult result = stack_->Get(Path(id), s_.alice);
        EXPECT_EQ(result.status, 404) << id;
        EXPECT_EQ(result.body, missing.body) << "review " << id << " betrays that it exists";
    }
    EXPECT_EQ(stack_->Get(Path(s_.bob_core), s_.bob).status, 200) << "Bob sees his own";
    EXPECT_EQ(stack_->Get(Path(s_.r1), s_.bob).body, missing.body);
}

TEST_P(ReviewsApiTest, RefusesIdsThatAreNotPositiveIntegersWith400) {
    for (const std::string id : {"0", "-1", "abc", "1.5", "01", "%2B1", "99999999999999999999"}) {
        testing::HttpResult result = stack_->Get("/api/v1/reviews/" + id, s_.alice);
        EXPECT_EQ(result.status, 400) << id << ": " << result.body;
        EXPECT_NE(result.body.find("\"code\":\"invalid_input\""), std::string::npos) << id;
    }
}

TEST_P(ReviewsApiTest, RefusesBadListParametersWith400) {
    for (const std::string query : {"?repo=nope", "?status=done", "?verdict=LGTM", "?author=a%20b",
                                    "?author=x%27--", "?limit=0", "?limit=101", "?cursor=zz"}) {
        testing::HttpResult result = stack_->Get("/api/v1/reviews" + query, s_.alice);
        EXPECT_EQ(result.status, 400) << query << ": " << result.body;
    }
    EXPECT_EQ(List("?author=dependabot%5Bbot%5D", s_.alice), Ids{}) << "bot logins are valid";
}

TEST_P(ReviewsApiTest, AnswersWithoutACaller401AndLeaksNothing) {
    for (const std::string& path : {std::string("/api/v1/reviews"), Path(s_.r1)}) {
        testing::HttpResult anonymous = stack_->Get(path, 0);
        EXPECT_EQ(anonymous.status, 401) << path;
        EXPECT_EQ(anonymous.headers["www-authenticate"], "Bearer realm=\"nectr\"") << path;
        EXPECT_EQ(anonymous.body.find("alpha"), std::string::npos) << path;
        testing::HttpResult forged = stack_->GetWithHeader(path, "Bearer someone-else");
        EXPECT_EQ(forged.status, 401) << path;
    }
    EXPECT_EQ(stack_->Get("/api/v1/reviews?repo=nope", 0).status, 401)
        << "the caller is checked before the parameters";
}

INSTANTIATE_TEST_SUITE_P(Engines, ReviewsApiTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         testing::EngineParamName);

}  // namespace
}  // namespace nectr::api::test
