// Feedback on Nectr's inline comments, end to end through the real `nectr serve`, the GitHub
// fake (every request checked by Prism against GitHub's description) and both engines: a
// reply that calls a finding intentional is learnt, and the next review of the same change
// does not raise it again; a thumbs-down read by the delayed poll_feedback job is learnt too.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <optional>

#include "support/review_scenario.hpp"
#include "webhooks/signature.hpp"

namespace nectr::testing {
namespace {

namespace json = boost::json;
using std::chrono::seconds;

using ReviewFeedbackTest = ReviewScenarioTest;

std::string Text(const json::value& value) {
    return value.is_string() ? std::string(value.as_string()) : std::string();
}

SignedExample FirstReviewedExample(const std::vector<SignedExample>& examples) {
    for (const SignedExample& example : examples) {
        if (RoutedToReview(example)) {
            return example;
        }
    }
    ADD_FAILURE() << "no pull_request example is routed to a review";
    return {};
}

// The inline comment Nectr posted on the eval() line; 0 when there is none.
std::int64_t EvalCommentId(const json::object& state, std::int64_t review_id) {
    for (const json::value& comment : state.at("review_comments").as_array()) {
        if (comment.at("review_id") == review_id && Text(comment.at("path")) == "src/render.js" &&
            comment.at("line").to_number<int>() == kEvalLine) {
            return comment.at("id").to_number<std::int64_t>();
        }
    }
    return 0;
}

bool RaisesEval(const json::value& review) {
    for (const json::value& comment : review.at("comments").as_array()) {
        if (Text(comment.at("path")) == "src/render.js" &&
            comment.at("line").to_number<int>() == kEvalLine) {
            return true;
        }
    }
    return false;
}

// GitHub's pull_request_review_comment example, made a reply of `login` to `in_reply_to_id` on
// pull request `number` and signed.
SignedExample ReplyDelivery(const std::string& secret, std::int64_t number, std::int64_t reply_id,
                            std::int64_t in_reply_to_id, const std::string& login) {
    for (const SignedExample& example :
         SignGitHubExamples(secret, {"pull_request_review_comment"})) {
        if (example.action != "created") {
            continue;
        }
        json::value payload = json::parse(example.body);
        json::object& comment = payload.at("comment").as_object();
        comment["id"] = reply_id;
        comment["in_reply_to_id"] = in_reply_to_id;
        comment["body"] = "This is intentional: the template is ours.";
        comment["user"].as_object()["login"] = login;
        payload.at("sender").as_object()["login"] = login;
        payload.at("pull_request").as_object()["number"] = number;
        SignedExample out;
        out.event = "pull_request_review_comment";
        out.action = "created";
        out.body = json::serialize(payload);
        out.signature = webhooks::SignBody(secret, out.body);
        return out;
    }
    ADD_FAILURE() << "no pull_request_review_comment created example";
    return {};
}

void ExpectCleanGitHubTraffic(const json::object& state) {
    EXPECT_TRUE(state.at("violations").as_array().empty())
        << "Prism found requests that break GitHub's description: "
        << json::serialize(state.at("violations"));
    EXPECT_TRUE(state.at("rejected").as_array().empty()) << json::serialize(state.at("rejected"));
    EXPECT_TRUE(state.at("errors").as_array().empty()) << json::serialize(state.at("errors"));
}

TEST_P(ReviewFeedbackTest, AReplySayingIntentionalStopsTheNextReviewRaisingTheFinding) {
    const SignedExample opened =
        FirstReviewedExample(SignGitHubExamples(kSecret, {"pull_request"}));
    const auto pull = PullOf(opened);
    ASSERT_TRUE(pull);
    github_fake->RegisterPull(pull->repo, pull->number, pull->pull_request, kEvalDiff);
    StartServe(1, {{"FEEDBACK_POLL_HOURS", "0"}});
    ASSERT_FALSE(base_url.empty());
    ASSERT_EQ(Deliver(base_url, opened.event, opened.body, opened.signature, "fb-1").status, 202);
    ASSERT_TRUE(WaitForReviews(1, seconds(40))) << Logs();
    ASSERT_TRUE(WaitUntilQueueIsEmpty(seconds(20))) << Logs();
    json::object state = github_fake->State();
    const json::value first = state.at("reviews").as_array().front();
    ASSERT_TRUE(RaisesEval(first)) << json::serialize(first);
    const std::int64_t eval_comment =
        EvalCommentId(state, first.at("id").to_number<std::int64_t>());
    ASSERT_NE(eval_comment, 0);

    const std::int64_t reply_id =
        github_fake->AddReviewReply(pull->repo, pull->number, eval_comment,
                                    "This is intentional: the template is ours.", "octocat");
    const SignedExample reply =
        ReplyDelivery(kSecret, pull->number, reply_id, eval_comment, "octocat");
    ASSERT_EQ(json::parse(reply.body).at("repository").at("full_name").as_string(), pull->repo);
    ASSERT_EQ(Deliver(base_url, reply.event, reply.body, reply.signature, "fb-2").status, 202);
    ASSERT_TRUE(WaitUntil(
        [&] {
            return QueryInt(
                       "SELECT COUNT(*) FROM memories WHERE type = "
                       "'accepted_false_positive' AND source = 'feedback'") == 1;
        },
        seconds(30), Processes()))
        << Logs();
    ASSERT_TRUE(WaitUntilQueueIsEmpty(seconds(20))) << Logs();

    const SignedExample command = CommandComment("/nectr review", kSecret, pull->number);
    ASSERT_EQ(Deliver(base_url, command.event, command.body, command.signature, "fb-3").status,
              202);
    ASSERT_TRUE(WaitForReviews(2, seconds(40))) << Logs();
    ASSERT_TRUE(WaitUntilQueueIsEmpty(seconds(20))) << Logs();
    state = github_fake->State();
    ExpectCleanGitHubTraffic(state);
    const json::value second = state.at("reviews").as_array().back();
    EXPECT_FALSE(RaisesEval(second))
        << "the finding was accepted as intended: " << json::serialize(second.at("comments"));
    EXPECT_GE(QueryInt("SELECT hits FROM memories WHERE type = 'accepted_false_positive'"), 1)
        << "the memory counts the comment it saved";
}

TEST_P(ReviewFeedbackTest, AThumbsDownReadHoursLaterIsLearnt) {
    const SignedExample opened =
        FirstReviewedExample(SignGitHubExamples(kSecret, {"pull_request"}));
    const auto pull = PullOf(opened);
    ASSERT_TRUE(pull);
    github_fake->RegisterPull(pull->repo, pull->number, pull->pull_request, kEvalDiff);
    StartServe(1, {{"FEEDBACK_POLL_HOURS", "2"}, {"WORKER_POLL_INTERVAL", "1"}});
    ASSERT_FALSE(base_url.empty());
    ASSERT_EQ(Deliver(base_url, opened.event, opened.body, opened.signature, "fb-1").status, 202);
    ASSERT_TRUE(WaitForReviews(1, seconds(40))) << Logs();
    ASSERT_TRUE(WaitUntil(
        [&] { return QueryInt("SELECT COUNT(*) FROM jobs WHERE kind = 'poll_feedback'") == 1; },
        seconds(20), Processes()))
        << Logs();
    const std::int64_t delay =
        QueryInt("SELECT run_at - created_at FROM jobs WHERE kind = 'poll_feedback'");
    EXPECT_GE(delay, 2 * 3600 * 1000 - 60 * 1000);
    EXPECT_LE(delay, 2 * 3600 * 1000 + 60 * 1000);
    json::object state = github_fake->State();
    const json::value review = state.at("reviews").as_array().front();
    const std::int64_t eval_comment =
        EvalCommentId(state, review.at("id").to_number<std::int64_t>());
    ASSERT_NE(eval_comment, 0);
    github_fake->AddReaction(eval_comment, "-1", "octocat");

    // Two hours pass.
    EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM memories WHERE type = 'accepted_false_positive'"), 0);
    ASSERT_GE(QueryInt("UPDATE jobs SET run_at = 0 WHERE kind = 'poll_feedback' RETURNING id"), 1);
    ASSERT_TRUE(WaitUntil(
        [&] {
            return QueryInt(
                       "SELECT COUNT(*) FROM jobs WHERE kind = 'poll_feedback' AND state = "
                       "'succeeded'") == 1;
        },
        seconds(30), Processes()))
        << Logs();
    EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM memories WHERE type = 'accepted_false_positive' "
                       "AND source = 'feedback' AND source_ref = 'comment:" +
                       std::to_string(eval_comment) + "'"),
              1);
    state = github_fake->State();
    ExpectCleanGitHubTraffic(state);
    bool asked = false;
    for (const json::value& request : state.at("requests").as_array()) {
        asked = asked || Text(request.at("url"))
                                 .find("/pulls/comments/" + std::to_string(eval_comment) +
                                       "/reactions") != std::string::npos;
    }
    EXPECT_TRUE(asked) << "the reactions were read from GitHub's endpoint";
}

INSTANTIATE_TEST_SUITE_P(Engines, ReviewFeedbackTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgres),
                         EngineParamName);

}  // namespace
}  // namespace nectr::testing
