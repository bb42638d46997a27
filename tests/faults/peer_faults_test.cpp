// The peers of a review misbehave: the model server answers 429, 500 or 529, never answers,
// cuts its answer off or answers with something that is not JSON; GitHub answers a secondary
// rate limit or 502, once even after it stored the review. Each review still ends with exactly
// one posted review, or, when the failure never stops, with a dead job, a failed event and a
// reason, and nothing posted.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/review_scenario.hpp"

namespace nectr::testing {
namespace {

namespace json = boost::json;
using std::chrono::seconds;

const char* const kChat = "^POST /v1/chat/completions$";
const char* const kPostReview = "^POST /repos/[^/]+/[^/]+/pulls/[0-9]+/reviews$";
const char* const kGetPull = "^GET /repos/[^/]+/[^/]+/pulls/[0-9]+$";

json::object StatusFault(const char* match, int status, int times,
                         const json::object& headers = {}) {
    return {{"match", match},     {"kind", "status"},
            {"status", status},   {"times", times},
            {"headers", headers}, {"body", json::object{{"message", "injected failure"}}}};
}

class PeerFaultTest : public ReviewScenarioTest {
protected:
    // Registers the first example routed to a review and returns it.
    SignedExample RegisterExample() {
        for (const SignedExample& example : SignGitHubExamples(kSecret, {"pull_request"})) {
            if (RoutedToReview(example)) {
                pull = *PullOf(example);
                github_fake->RegisterPull(pull.repo, pull.number, pull.pull_request, kGreetingDiff);
                return example;
            }
        }
        ADD_FAILURE() << "no pull_request example is routed to a review";
        return {};
    }

    // One worker; a model call gives up after 3 s and is retried twice; failed jobs retry
    // after 1 s, 2 s, 4 s...
    void StartServer() {
        StartServe(1, {{"LLM_TIMEOUT", "3"},
                       {"LLM_MAX_RETRIES", "2"},
                       {"QUEUE_RETRY_SECONDS", "1"},
                       {"QUEUE_LEASE_SECONDS", "10"}});
        ASSERT_FALSE(base_url.empty());
    }

    std::int64_t DeliverExample(const SignedExample& example) {
        HttpResult accepted =
            Deliver(base_url, example.event, example.body, example.signature, "fault-1");
        EXPECT_EQ(accepted.status, 202) << accepted.body;
        const json::value answer = json::parse(accepted.body);
        return answer.as_object().contains("job_id") ? answer.at("job_id").as_int64() : 0;
    }

    std::size_t FaultsApplied(const json::object& state) {
        return state.at("faults").at("applied").as_array().size();
    }

    std::size_t ReviewsOnGitHub() { return github_fake->State().at("reviews").as_array().size(); }

    // Injects `fault` at the model server or at GitHub, reviews one pull request, and expects
    // the review on GitHub exactly once, after the fault was hit.
    void ExpectOneReviewDespite(bool at_model, const json::object& fault) {
        UseModel(0, false);
        const SignedExample example = RegisterExample();
        if (at_model) {
            model_fake->AddFaults(json::array{fault});
        } else {
            github_fake->AddFaults(json::array{fault});
        }
        StartServer();
        const std::int64_t job_id = DeliverExample(example);
        ASSERT_GT(job_id, 0);
        ASSERT_TRUE(
            WaitUntil([&] { return JobState(job_id) == "succeeded"; }, seconds(90), Processes()))
            << "job state " << JobState(job_id) << "\n"
            << Logs();
        const json::object peer_state = at_model ? model_fake->State() : github_fake->State();
        EXPECT_GE(FaultsApplied(peer_state), 1u) << "the fault was never hit";
        EXPECT_EQ(ReviewsOnGitHub(), 1u) << Logs();
    }

    std::string JobState(std::int64_t job_id) {
        auto opened = db->Open();
        if (!opened) {
            return opened.error().detail;
        }
        const std::string sql = "SELECT state FROM jobs WHERE id = " + std::to_string(job_id);
        auto rows = store::Execute(**opened, store::Query{"test.job_state", sql, sql});
        if (!rows || rows->rows.empty()) {
            return "missing";
        }
        return store::AsText(rows->rows.front().front()).value_or("");
    }

    ExamplePull pull;
};

TEST_P(PeerFaultTest, TheModelRateLimitsTwice) {
    ExpectOneReviewDespite(true, StatusFault(kChat, 429, 2, {{"retry-after", "1"}}));
}

TEST_P(PeerFaultTest, TheModelFailsWith500Twice) {
    ExpectOneReviewDespite(true, StatusFault(kChat, 500, 2));
}

TEST_P(PeerFaultTest, TheModelIsOverloaded529Twice) {
    json::object fault = StatusFault(kChat, 529, 2);
    fault["body"] = json::object{{"type", "error"},
                                 {"error", {{"type", "overloaded_error"}, {"message", "busy"}}}};
    ExpectOneReviewDespite(true, fault);
}

TEST_P(PeerFaultTest, TheModelNeverAnswersOnce) {
    ExpectOneReviewDespite(true, (json::object{{"match", kChat}, {"kind", "hang"}}));
}

TEST_P(PeerFaultTest, TheModelClosesTheConnectionMidBody) {
    ExpectOneReviewDespite(true, (json::object{{"match", kChat}, {"kind", "close_mid_body"}}));
}

TEST_P(PeerFaultTest, TheModelAnswersMalformedJson) {
    ExpectOneReviewDespite(true,
                           (json::object{{"match", kChat}, {"kind", "malformed"}, {"times", 2}}));
}

TEST_P(PeerFaultTest, GitHubAnswersASecondaryRateLimitToThePost) {
    json::object fault = StatusFault(kPostReview, 403, 1, {{"retry-after", "1"}});
    fault["body"] =
        json::object{{"message",
                      "You have exceeded a secondary rate limit. Please wait a few minutes "
                      "before you try again."},
                     {"documentation_url",
                      "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"}};
    ExpectOneReviewDespite(false, fault);
}

TEST_P(PeerFaultTest, GitHubAnswers502ToReadsTwice) {
    ExpectOneReviewDespite(false, StatusFault(kGetPull, 502, 2));
}

// GitHub is known to answer 502 to a review it then posts: the retry must find it, not post a
// second one.
TEST_P(PeerFaultTest, GitHubPostsTheReviewAndStillAnswers502) {
    json::object fault = StatusFault(kPostReview, 502, 1);
    fault["process"] = true;
    ExpectOneReviewDespite(false, fault);
}

// The same for the help reply: GitHub stores the comment and answers 502; the retry finds its
// marker among the pull request's comments and does not answer twice.
TEST_P(PeerFaultTest, GitHubPostsTheHelpReplyAndStillAnswers502) {
    json::object fault = StatusFault("^POST /repos/[^/]+/[^/]+/issues/[0-9]+/comments$", 502, 1);
    fault["process"] = true;
    github_fake->AddFaults(json::array{fault});
    StartServer();
    const SignedExample help = CommandComment("/nectr help", kSecret);
    HttpResult accepted = Deliver(base_url, help.event, help.body, help.signature, "help-502");
    ASSERT_EQ(accepted.status, 202) << accepted.body;
    const std::int64_t job_id = json::parse(accepted.body).at("job_id").as_int64();
    ASSERT_TRUE(
        WaitUntil([&] { return JobState(job_id) == "succeeded"; }, seconds(90), Processes()))
        << "job state " << JobState(job_id) << "\n"
        << Logs();
    const json::object state = github_fake->State();
    EXPECT_EQ(FaultsApplied(state), 1u);
    ASSERT_EQ(state.at("comments").as_array().size(), 1u) << Logs();
    const std::string body(state.at("comments").as_array().front().at("body").as_string());
    EXPECT_NE(body.find("<!-- nectr:help comment="), std::string::npos) << body;
    EXPECT_GE(QueryInt("SELECT attempts FROM jobs WHERE id = " + std::to_string(job_id)), 2);
}

// A model that never recovers: the job dies after its last attempt, its event and workflow run
// are failed with the reason, and nothing is posted.
TEST_P(PeerFaultTest, AModelThatAlwaysFailsEndsInADeadJobWithItsReason) {
    UseModel(0, false);
    const SignedExample example = RegisterExample();
    model_fake->AddFaults(json::array{StatusFault(kChat, 500, -1)});
    StartServer();
    const std::int64_t job_id = DeliverExample(example);
    ASSERT_GT(job_id, 0);
    ASSERT_TRUE(WaitUntil([&] { return JobState(job_id) == "dead"; }, seconds(180), Processes()))
        << "job state " << JobState(job_id) << "\n"
        << Logs();
    EXPECT_EQ(QueryInt("SELECT attempts FROM jobs WHERE id = " + std::to_string(job_id)),
              QueryInt("SELECT max_attempts FROM jobs WHERE id = " + std::to_string(job_id)));
    EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM events e JOIN jobs j ON j.event_id = e.id "
                       "WHERE e.status = 'failed' AND j.id = " +
                       std::to_string(job_id)),
              1);
    // One workflow run per attempt, each failed with the model's answer as its reason.
    EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM workflow_runs w JOIN jobs j ON j.event_id = "
                       "w.event_id WHERE w.status = 'failed' AND w.error LIKE '%HTTP 500%' AND "
                       "j.id = " +
                       std::to_string(job_id)),
              QueryInt("SELECT attempts FROM jobs WHERE id = " + std::to_string(job_id)))
        << Logs();
    EXPECT_EQ(ReviewsOnGitHub(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, PeerFaultTest, ::testing::Values(store::Engine::kSqlite),
                         [](const auto&) { return std::string("Sqlite"); });

}  // namespace
}  // namespace nectr::testing
