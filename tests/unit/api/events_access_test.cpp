// GET /api/v1/events as the read API serves it, on both engines: a signed-in user lists the
// events of their own repositories only, whatever filter they pass; the operator token still
// lists every event.
#include <gtest/gtest.h>

#include "read_api_scenario.hpp"

namespace nectr::api::test {
namespace {

using store::Engine;
using Ids = std::vector<std::int64_t>;

constexpr const char* kOperatorToken = "operator-token-for-tests";

class EventsAccessTest : public ::testing::TestWithParam<Engine> {
protected:
    void SetUp() override {
        stack_ = ReadApiStack::Start(GetParam(), kOperatorToken);
        ASSERT_NE(stack_, nullptr);
        s_ = SeedScenario(*stack_);
    }

    Ids List(const std::string& query, std::int64_t user) {
        return IdsOf(stack_->GetJson("/api/v1/events" + query, user), "events");
    }

    Ids ListAsOperator(const std::string& query) {
        testing::HttpResult result = stack_->GetWithHeader("/api/v1/events" + query,
                                                           std::string("Bearer ") + kOperatorToken);
        EXPECT_EQ(result.status, 200) << result.body;
        return IdsOf(json::parse(result.body).as_object(), "events");
    }

    std::unique_ptr<ReadApiStack> stack_;
    Scenario s_;
};

TEST_P(EventsAccessTest, AUserListsOnlyTheEventsOfTheirRepositories) {
    EXPECT_EQ(List("", s_.alice),
              (Ids{s_.alice_events[2], s_.alice_events[1], s_.alice_events[0]}));
    EXPECT_EQ(List("", s_.bob), (Ids{s_.bob_event}));
    EXPECT_EQ(List("", 999), Ids{});
}

TEST_P(EventsAccessTest, NoFilterReachesAnotherUsersEvents) {
    for (const std::string query :
         {"?repo=beta/core", "?repo=alpha/old", "?repo=gamma/x", "?repo=alpha/inactive",
          "?status=completed&repo=beta/core", "?type=pull_request&repo=beta/lib"}) {
        EXPECT_EQ(List(query, s_.alice), Ids{}) << query;
    }
    EXPECT_EQ(List("?repo=alpha/api", s_.alice), (Ids{s_.alice_events[2]}));
    EXPECT_EQ(List("?repo=beta/core&type=pull_request", s_.bob), (Ids{s_.bob_event}));
}

TEST_P(EventsAccessTest, TheCursorPagesWithinTheUsersEvents) {
    json::object first = stack_->GetJson("/api/v1/events?limit=2", s_.alice);
    EXPECT_EQ(IdsOf(first, "events"), (Ids{s_.alice_events[2], s_.alice_events[1]}));
    ASSERT_FALSE(first.at("next_cursor").is_null());
    json::object second = stack_->GetJson(
        "/api/v1/events?limit=2&cursor=" + std::string(first.at("next_cursor").as_string()),
        s_.alice);
    EXPECT_EQ(IdsOf(second, "events"), (Ids{s_.alice_events[0]}));
    EXPECT_TRUE(second.at("next_cursor").is_null());
}

TEST_P(EventsAccessTest, TheOperatorTokenStillListsEveryEvent) {
    Ids all = ListAsOperator("?limit=100");
    EXPECT_EQ(all.size(), 8u) << "Alice's 3, Bob's 1, and 4 nobody reaches";
    for (const std::int64_t id : s_.hidden_events) {
        EXPECT_NE(std::find(all.begin(), all.end(), id), all.end()) << id;
    }
    EXPECT_EQ(ListAsOperator("?repo=beta/core"), (Ids{s_.bob_event}));
}

TEST_P(EventsAccessTest, NeitherAUserNorTheOperatorAnswers401) {
    testing::HttpResult anonymous = stack_->Get("/api/v1/events", 0);
    EXPECT_EQ(anonymous.status, 401) << anonymous.body;
    EXPECT_EQ(anonymous.headers["www-authenticate"], "Bearer realm=\"nectr\"");
    testing::HttpResult wrong = stack_->GetWithHeader("/api/v1/events", "Bearer not-the-token");
    EXPECT_EQ(wrong.status, 401) << wrong.body;
    EXPECT_EQ(wrong.body.find("alpha"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Engines, EventsAccessTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         testing::EngineParamName);

}  // namespace
}  // namespace nectr::api::test
