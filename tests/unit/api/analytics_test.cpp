// GET /api/v1/analytics over loopback: the figures of a hand-computed seed (see
// read_api_scenario.hpp) on both engines, the caller's scope, and that SQLite and PostgreSQL
// answer with the same bytes for the same data.
#include <gtest/gtest.h>

#include "read_api_scenario.hpp"

namespace nectr::api::test {
namespace {

using store::Engine;

class AnalyticsApiTest : public ::testing::TestWithParam<Engine> {
protected:
    void SetUp() override {
        stack_ = ReadApiStack::Start(GetParam());
        ASSERT_NE(stack_, nullptr);
        s_ = SeedScenario(*stack_);
    }

    json::object Analytics(const std::string& query, std::int64_t user) {
        return stack_->GetJson("/api/v1/analytics" + query, user);
    }

    std::unique_ptr<ReadApiStack> stack_;
    Scenario s_;
};

std::int64_t At(const json::object& object, std::string_view key) {
    return object.at(key).as_int64();
}

TEST_P(AnalyticsApiTest, CountsTheLast30DaysOfTheCallersReviews) {
    json::object a = Analytics("", s_.alice);
    EXPECT_TRUE(a.at("repo").is_null());
    EXPECT_EQ(a.at("since"), "2024-02-09T12:00:00.000Z") << "30 days before now";
    EXPECT_EQ(a.at("until"), "2024-03-10T12:00:00.000Z");
    EXPECT_EQ(At(a, "reviews"), 5) << "r1..r5; r6 is older, the rest out of reach";
    EXPECT_EQ(At(a, "posted_reviews"), 4);
    EXPECT_EQ(At(a, "prs_reviewed"), 3) << "alpha/web#1 (twice), alpha/web#2, alpha/api#7";
    EXPECT_EQ(a.at("verdicts"), json::parse(R"({"APPROVE":2,"REQUEST_CHANGES":1,
                                                "NEEDS_DISCUSSION":1})"));
    EXPECT_EQ(a.at("top_authors"), json::parse(R"([{"author":"dave","prs":2,"reviews":2},
                                                   {"author":"carol","prs":1,"reviews":2}])"))
        << "erin's only review failed";
    EXPECT_EQ(a.at("time_to_review_ms"), json::parse(R"({"median":70000,"samples":3})"))
        << "delays 70 s, 30 s, 120 s; r5 came from no webhook";
    EXPECT_EQ(a.at("comments_by_severity"),
              json::parse(R"({"critical":{"total":1,"per_review":0.25},
                              "high":{"total":3,"per_review":0.75},
                              "medium":{"total":1,"per_review":0.25},
                              "low":{"total":1,"per_review":0.25},
                              "info":{"total":1,"per_review":0.25}})"));
    EXPECT_EQ(At(a, "input_tokens"), 3900);
    EXPECT_EQ(At(a, "output_tokens"), 650);
    EXPECT_EQ(a.at("cost_usd").as_double(), 0.9375) << "the failed run's cost counts too";

    const json::array& days = a.at("per_day").as_array();
    ASSERT_EQ(days.size(), 31u) << "every day from Feb 9 to Mar 10, empty ones included";
    EXPECT_EQ(days.front().at("date"), "2024-02-09");
    EXPECT_EQ(days[0].at("reviews").as_int64(), 0);
    EXPECT_EQ(days[28], json::parse(R"({"date":"2024-03-08","reviews":1,"posted":1,
        "input_tokens":1000,"output_tokens":200,"cost_usd":0.25})"));
    EXPECT_EQ(days[29], json::parse(R"({"date":"2024-03-09","reviews":2,"posted":2,
        "input_tokens":2500,"output_tokens":400,"cost_usd":0.625})"));
    EXPECT_EQ(days[30], json::parse(R"({"date":"2024-03-10","reviews":2,"posted":1,
        "input_tokens":400,"output_tokens":50,"cost_usd":0.0625})"));
}

TEST_P(AnalyticsApiTest, NarrowsToOneReachableRepository) {
    json::object a = Analytics("?repo=alpha/api", s_.alice);
    EXPECT_EQ(a.at("repo"), "alpha/api");
    EXPECT_EQ(At(a, "reviews"), 2);
    EXPECT_EQ(At(a, "posted_reviews"), 1);
    EXPECT_EQ(At(a, "prs_reviewed"), 1);
    EXPECT_EQ(a.at("top_authors"), json::parse(R"([{"author":"dave","prs":1,"reviews":1}])"));
    EXPECT_EQ(a.at("time_to_review_ms").at("median").as_int64(), 120000);
    EXPECT_EQ(a.at("comments_by_severity").at("info").at("per_review").as_double(), 1.0);
    EXPECT_EQ(a.at("cost_usd").as_double(), 0.5625);
}

TEST_P(AnalyticsApiTest, TakesSinceAsADateATimeOrUnixMilliseconds) {
    json::object from_date = Analytics("?since=2024-03-09", s_.alice);
    EXPECT_EQ(At(from_date, "reviews"), 4);
    EXPECT_EQ(from_date.at("time_to_review_ms"), json::parse(R"({"median":75000,"samples":2})"))
        << "30 s and 120 s: an even count takes the mean of the middle two";
    EXPECT_EQ(from_date.at("per_day").as_array().size(), 2u);

    json::object from_time = Analytics("?since=2024-03-09T09:00:00.001Z", s_.alice);
    EXPECT_EQ(At(from_time, "reviews"), 3) << "r2 began a millisecond before";

    json::object from_ms = Analytics("?since=1704067200000", s_.alice);  // 2024-01-01
    EXPECT_EQ(At(from_ms, "reviews"), 6);
    EXPECT_EQ(At(from_ms, "prs_reviewed"), 4);
    EXPECT_EQ(from_ms.at("per_day").as_array().size(), 70u) << "Jan 1 to Mar 10";
    EXPECT_EQ(from_ms.at("top_authors").as_array().back(),
              json::parse(R"({"author":"frank","prs":1,"reviews":1})"));
    EXPECT_EQ(from_ms.at("cost_usd").as_double(), 0.953125);

    json::object from_epoch = Analytics("?since=0", s_.alice);
    const json::array& days = from_epoch.at("per_day").as_array();
    ASSERT_EQ(days.size(), 66u) << "a window of decades starts at the first day with a review";
    EXPECT_EQ(days.front().at("date"), "2024-01-05");
}

TEST_P(AnalyticsApiTest, SeesOnlyTheCallersRepositories) {
    json::object bob = Analytics("", s_.bob);
    EXPECT_EQ(At(bob, "reviews"), 2);
    EXPECT_EQ(At(bob, "input_tokens"), 9999);
    EXPECT_EQ(bob.at("top_authors"), json::parse(R"([{"author":"zed","prs":2,"reviews":2}])"));
    EXPECT_EQ(bob.at("comments_by_severity").at("critical").at("total").as_int64(), 2);

    json::object nobody = Analytics("", 999);
    EXPECT_EQ(At(nobody, "reviews"), 0);
    EXPECT_TRUE(nobody.at("time_to_review_ms").at("median").is_null());
    EXPECT_EQ(nobody.at("comments_by_severity").at("high").at("per_review").as_double(), 0.0);
}

TEST_P(AnalyticsApiTest, AnUnreachableRepositoryIsNotFoundLikeAMissingOne) {
    testing::HttpResult missing = stack_->Get("/api/v1/analytics?repo=nobody/none", s_.alice);
    ASSERT_EQ(missing.status, 404) << missing.body;
    for (const std::string repo :
         {"beta/core", "beta/lib", "alpha/old", "gamma/x", "alpha/inactive"}) {
        testing::HttpResult result = stack_->Get("/api/v1/analytics?repo=" + repo, s_.alice);
        EXPECT_EQ(result.status, 404) << repo;
        EXPECT_EQ(result.body, missing.body) << repo;
    }
    EXPECT_EQ(stack_->Get("/api/v1/analytics?repo=beta/core", s_.bob).status, 200);
}

TEST_P(AnalyticsApiTest, RefusesBadParametersAndAnonymousCallers) {
    for (const std::string query :
         {"?repo=nope", "?since=yesterday", "?since=2024-13-01", "?since=2024-02-30",
          "?since=2024-03-01T25:00:00Z", "?since=2024-03-01T10:00:00", "?since=-5"}) {
        testing::HttpResult result = stack_->Get("/api/v1/analytics" + query, s_.alice);
        EXPECT_EQ(result.status, 400) << query << ": " << result.body;
    }
    testing::HttpResult anonymous = stack_->Get("/api/v1/analytics", 0);
    EXPECT_EQ(anonymous.status, 401);
    EXPECT_EQ(anonymous.headers["www-authenticate"], "Bearer realm=\"nectr\"");
}

INSTANTIATE_TEST_SUITE_P(Engines, AnalyticsApiTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         testing::EngineParamName);

TEST(ReadApiEnginesTest, SqliteAndPostgresAnswerWithTheSameBytes) {
    std::unique_ptr<ReadApiStack> sqlite = ReadApiStack::Start(Engine::kSqlite);
    std::unique_ptr<ReadApiStack> postgres = ReadApiStack::Start(Engine::kPostgres);
    ASSERT_TRUE(sqlite && postgres);
    const Scenario s = SeedScenario(*sqlite);
    const Scenario same = SeedScenario(*postgres);
    ASSERT_EQ(s.r1, same.r1) << "both seeds must give the same ids";
    for (const std::string& path :
         {std::string("/api/v1/analytics"), std::string("/api/v1/analytics?since=0"),
          std::string("/api/v1/analytics?repo=alpha/web&since=2024-03-09"),
          std::string("/api/v1/reviews"), std::string("/api/v1/reviews?limit=2&status=posted"),
          "/api/v1/reviews/" + std::to_string(s.r1), std::string("/api/v1/events")}) {
        testing::HttpResult a = sqlite->Get(path, s.alice);
        testing::HttpResult b = postgres->Get(path, same.alice);
        EXPECT_EQ(a.status, 200) << path << ": " << a.body;
        EXPECT_EQ(a.body, b.body) << path;
    }
}

}  // namespace
}  // namespace nectr::api::test
