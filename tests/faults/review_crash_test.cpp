// A review job is posted once however its workers die: `nectr worker` killed -9 while the model
// is still thinking, and a posting that an earlier attempt began and never recorded as done.
// `nectr serve --workers 0` ingests the delivery; separate `nectr worker` processes run it.
#include <gtest/gtest.h>
#include <signal.h>

#include <boost/json.hpp>

#include "core/clock.hpp"
#include "queue/review_intents.hpp"
#include "support/review_scenario.hpp"

namespace nectr::testing {
namespace {

namespace json = boost::json;
using std::chrono::seconds;

// Short enough that a lost job runs again within the test, long enough for the heartbeats
// (every third of it) of a worker under the sanitizers.
constexpr const char* kLeaseSeconds = "3";
// Longer than any test: the first attempt's model call never ends by itself.
constexpr int kThinkingForeverMs = 10 * 60 * 1000;

// The hidden line by which Nectr recognises its own review of a head on GitHub.
std::string Marker(const std::string& head_sha) {
    return "<!-- nectr:review head=" + head_sha + " -->";
}

class ReviewCrashTest : public ReviewScenarioTest {
protected:
    // Registers the pull request of the first example routed to a review, starts a server that
    // only ingests, and delivers the example; returns the id of the review job.
    std::int64_t QueueOneReview() {
        const auto examples = SignGitHubExamples(kSecret, {"pull_request"});
        for (const SignedExample& example : examples) {
            if (!RoutedToReview(example)) {
                continue;
            }
            pull = *PullOf(example);
            github_fake->RegisterPull(pull.repo, pull.number, pull.pull_request, kGreetingDiff);
            StartServe(0);
            if (base_url.empty()) {
                return 0;
            }
            HttpResult accepted =
                Deliver(base_url, example.event, example.body, example.signature, "crash-1");
            EXPECT_EQ(accepted.status, 202) << accepted.body;
            const json::value answer = json::parse(accepted.body);
            return answer.as_object().contains("job_id") ? answer.at("job_id").as_int64() : 0;
        }
        ADD_FAILURE() << "no pull_request example is routed to a review";
        return 0;
    }

    std::map<std::string, std::string> ShortLease() {
        return {{"QUEUE_LEASE_SECONDS", kLeaseSeconds}};
    }

    std::int64_t JobInt(std::int64_t job_id, const std::string& column) {
        return QueryInt("SELECT " + column + " FROM jobs WHERE id = " + std::to_string(job_id));
    }
    bool JobSucceeded(std::int64_t job_id) {
        return QueryInt("SELECT COUNT(*) FROM jobs WHERE state = 'succeeded' AND id = " +
                        std::to_string(job_id)) == 1;
    }

    std::size_t PostedReviewRequests() {
        std::size_t posts = 0;
        const json::object state = github_fake->State();
        for (const json::value& request : state.at("requests").as_array()) {
            if (request.at("method") == "POST" &&
                std::string(request.at("url").as_string()).ends_with("/reviews")) {
                ++posts;
            }
        }
        return posts;
    }

    ExamplePull pull;
};

TEST_P(ReviewCrashTest, AWorkerKilledWhileTheModelThinksLeavesTheJobToOneThatPostsOnce) {
    UseModel(kThinkingForeverMs, false);
    const std::int64_t job_id = QueueOneReview();
    ASSERT_GT(job_id, 0);
    ChildProcess& first = StartWorker(ShortLease());
    ASSERT_TRUE(WaitUntil([&] { return model_fake->State().at("received").as_int64() >= 1; },
                          seconds(30), Processes()))
        << "the job never reached the model\n"
        << Logs();
    EXPECT_EQ(JobInt(job_id, "attempts"), 1);

    first.Signal(SIGKILL);
    ASSERT_EQ(first.Wait(seconds(10)), 128 + SIGKILL);
    model_fake->Configure(json::object{{"delay_ms", 0}});
    EXPECT_EQ(github_fake->State().at("reviews").as_array().size(), 0u) << "killed before posting";

    StartWorker(ShortLease());
    ASSERT_TRUE(WaitUntil([&] { return JobSucceeded(job_id); }, seconds(40), Processes()))
        << "the job must run again once the dead worker's lease lapses\n"
        << Logs();
    EXPECT_EQ(JobInt(job_id, "attempts"), 2) << "one attempt per worker";
    const json::object state = github_fake->State();
    EXPECT_EQ(state.at("reviews").as_array().size(), 1u) << json::serialize(state.at("reviews"));
    EXPECT_EQ(PostedReviewRequests(), 1u);
    EXPECT_TRUE(state.at("violations").as_array().empty())
        << json::serialize(state.at("violations"));
    EXPECT_TRUE(state.at("rejected").as_array().empty()) << json::serialize(state.at("rejected"));
    EXPECT_EQ(model_fake->State().at("received").as_int64(), 2) << "the second attempt asks again";
    EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM review_intents WHERE state = 'posted'"), 1);
}

// Records the intent to post as the crashed attempt would have, just before calling GitHub.
void BeginPostingAsACrashedAttemptDid(TestDatabase& db, const ExamplePull& pull,
                                      std::int64_t job_id) {
    auto database = db.Open();
    ASSERT_TRUE(database) << database.error().detail;
    core::SystemClock clock;
    queue::ReviewIntents intents(**database, clock);
    auto begun = intents.BeginPosting(pull.repo, pull.number, pull.head_sha, job_id);
    ASSERT_TRUE(begun) << begun.error().detail;
    ASSERT_EQ(begun->action, queue::PostingAction::kProceed);
}

TEST_P(ReviewCrashTest, AResumedPostingFindsTheReviewAlreadyOnGitHubAndDoesNotPostAgain) {
    UseModel(0, false);
    const std::int64_t job_id = QueueOneReview();
    ASSERT_GT(job_id, 0);
    // The crashed attempt posted this review and died before it could record so.
    BeginPostingAsACrashedAttemptDid(*db, pull, job_id);
    github_fake->SeedReview(
        pull.repo, pull.number,
        "## Nectr review\n\nPosted by the attempt that crashed.\n" + Marker(pull.head_sha) + "\n",
        pull.head_sha);
    const std::int64_t seeded_id =
        github_fake->State().at("reviews").as_array().front().at("id").as_int64();

    StartWorker();
    ASSERT_TRUE(WaitUntil([&] { return JobSucceeded(job_id); }, seconds(40), Processes()))
        << Logs();
    EXPECT_EQ(PostedReviewRequests(), 0u) << "the review on GitHub must not be posted again";
    const json::object state = github_fake->State();
    EXPECT_EQ(state.at("reviews").as_array().size(), 1u);
    EXPECT_TRUE(state.at("violations").as_array().empty())
        << json::serialize(state.at("violations"));
    EXPECT_EQ(QueryInt("SELECT github_review_id FROM review_intents WHERE state = 'posted'"),
              seeded_id);
    EXPECT_EQ(QueryInt("SELECT github_review_id FROM reviews WHERE status = 'posted'"), seeded_id)
        << "the stored review points at the one on GitHub";
}

TEST_P(ReviewCrashTest, AResumedPostingWithNothingOnGitHubPostsOnce) {
    UseModel(0, false);
    const std::int64_t job_id = QueueOneReview();
    ASSERT_GT(job_id, 0);
    // The crashed attempt died after recording its intent and before GitHub had the review.
    BeginPostingAsACrashedAttemptDid(*db, pull, job_id);

    StartWorker();
    ASSERT_TRUE(WaitUntil([&] { return JobSucceeded(job_id); }, seconds(40), Processes()))
        << Logs();
    EXPECT_EQ(PostedReviewRequests(), 1u);
    const json::object state = github_fake->State();
    ASSERT_EQ(state.at("reviews").as_array().size(), 1u);
    const json::value& review = state.at("reviews").as_array().front();
    EXPECT_NE(std::string(review.at("body").as_string()).find(Marker(pull.head_sha)),
              std::string::npos);
    EXPECT_TRUE(state.at("violations").as_array().empty())
        << json::serialize(state.at("violations"));
    EXPECT_EQ(QueryInt("SELECT github_review_id FROM review_intents WHERE state = 'posted'"),
              review.at("id").as_int64());
}

INSTANTIATE_TEST_SUITE_P(Engines, ReviewCrashTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgres),
                         EngineParamName);

}  // namespace
}  // namespace nectr::testing
