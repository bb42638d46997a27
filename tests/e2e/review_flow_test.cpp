// Reviews end to end: GitHub's webhook examples delivered to the real `nectr serve`, which
// reviews the pull request they name against a GitHub fake (every request also checked by
// Prism against GitHub's OpenAPI description) and a scripted model server, and posts the
// review. SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <optional>
#include <set>
#include <tuple>

#include "support/review_scenario.hpp"
#include "webhooks/signature.hpp"

namespace nectr::testing {
namespace {

namespace json = boost::json;
using std::chrono::seconds;

using ReviewFlowTest = ReviewScenarioTest;

std::string Text(const json::value& value) {
    return value.is_string() ? std::string(value.as_string()) : std::string();
}

// The posted comments of a review as "path:line:side" strings.
std::set<std::string> CommentPlaces(const json::value& review) {
    std::set<std::string> places;
    for (const json::value& comment : review.at("comments").as_array()) {
        places.insert(Text(comment.at("path")) + ":" +
                      std::to_string(comment.at("line").to_number<std::int64_t>()) + ":" +
                      Text(comment.at("side")));
    }
    return places;
}

// The fake saw nothing that GitHub would refuse or that Prism found invalid.
void ExpectCleanGitHubTraffic(const json::object& state) {
    EXPECT_TRUE(state.at("violations").as_array().empty())
        << "Prism found requests that break GitHub's description: "
        << json::serialize(state.at("violations"));
    EXPECT_TRUE(state.at("rejected").as_array().empty())
        << "GitHub would have refused: " << json::serialize(state.at("rejected"));
    EXPECT_TRUE(state.at("errors").as_array().empty()) << json::serialize(state.at("errors"));
}

// Where the scripted model put its remarks: "path:line:RIGHT" of each review it answered.
std::set<std::string> ModelTargets(const json::object& model_state) {
    std::set<std::string> targets;
    for (const json::value& request : model_state.at("requests").as_array()) {
        const json::value& target = request.at("target");
        if (request.at("answer") == "review" && target.is_object()) {
            targets.insert(Text(target.at("path")) + ":" +
                           std::to_string(target.at("line").to_number<std::int64_t>()) + ":RIGHT");
        }
    }
    return targets;
}

// The first example that Nectr routes to a review.
SignedExample FirstReviewedExample(const std::vector<SignedExample>& examples) {
    for (const SignedExample& example : examples) {
        if (RoutedToReview(example)) {
            return example;
        }
    }
    ADD_FAILURE() << "no pull_request example is routed to a review";
    return {};
}

TEST_P(ReviewFlowTest, EveryPullRequestExamplePostsOneReviewPerHeadAndNothingElse) {
    const auto examples = SignGitHubExamples(kSecret, {"pull_request"});
    ASSERT_EQ(examples.size(), 29u) << "@octokit/webhooks-examples has 29 pull_request examples";
    // GitHub serves one state per pull request: the one after the last event that asked for a
    // review. Reviews are expected for exactly those heads; a job for an older head would be
    // superseded.
    std::map<std::pair<std::string, std::int64_t>, ExamplePull> current;
    for (const SignedExample& example : examples) {
        if (RoutedToReview(example)) {
            auto pull = PullOf(example);
            current[{pull->repo, pull->number}] = *pull;
        }
    }
    ASSERT_FALSE(current.empty());
    std::set<std::tuple<std::string, std::int64_t, std::string>> expected;
    for (const auto& [key, pull] : current) {
        github_fake->RegisterPull(pull.repo, pull.number, pull.pull_request, kGreetingDiff);
        github_fake->RegisterContent(pull.repo, "lib/greeting.js",
                                     "'use strict';\n\nfunction greet(name, punctuation) {\n",
                                     pull.head_sha);
        expected.insert({pull.repo, pull.number, pull.head_sha});
    }
    UseModel(0, true);
    StartServe(2);
    ASSERT_FALSE(base_url.empty());

    int delivery = 0;
    for (const SignedExample& example : examples) {
        HttpResult result = Deliver(base_url, example.event, example.body, example.signature,
                                    "review-flow-" + std::to_string(++delivery));
        ASSERT_TRUE(result.status == 202 || result.status == 200) << result.body;
        const json::object answer = json::parse(result.body).as_object();
        if (result.status == 202) {
            // The expected set above relies on Nectr routing exactly these examples.
            EXPECT_EQ(answer.contains("job") && answer.at("job") == "review",
                      RoutedToReview(example))
                << example.action << ": " << result.body;
        }
    }
    ASSERT_TRUE(WaitUntilQueueIsEmpty(seconds(50))) << Logs();

    const json::object state = github_fake->State();
    ExpectCleanGitHubTraffic(state);
    std::set<std::tuple<std::string, std::int64_t, std::string>> posted;
    const std::set<std::string> targets = ModelTargets(model_fake->State());
    ASSERT_FALSE(targets.empty()) << "the model was never asked for a review";
    for (const json::value& review : state.at("reviews").as_array()) {
        const std::string head = Text(review.at("commit_id"));
        const std::string body = Text(review.at("body"));
        EXPECT_TRUE(
            posted.insert({Text(review.at("repo")), review.at("number").as_int64(), head}).second)
            << "a second review of " << head << ":\n"
            << body;
        EXPECT_NE(body.find("Verdict: **NEEDS_DISCUSSION**"), std::string::npos) << body;
        EXPECT_NE(body.find("<!-- nectr:review head=" + head + " -->"), std::string::npos) << body;
        EXPECT_EQ(review.at("event"), "COMMENT") << "no .nectr.toml allows more than a comment";
        const auto places = CommentPlaces(review);
        for (const std::string& target : targets) {
            EXPECT_TRUE(places.contains(target))
                << "the model's remark on " << target << " is not an inline comment";
        }
    }
    EXPECT_EQ(posted, expected) << Logs();
    EXPECT_TRUE(state.at("comments").as_array().empty()) << "no example asks for an issue comment";

    const json::object model = model_fake->State();
    bool read_a_file = false;
    for (const json::value& request : model.at("requests").as_array()) {
        for (const json::value& result : request.at("tool_results").as_array()) {
            read_a_file |=
                Text(result).find("function greet(name, punctuation)") != std::string::npos;
        }
    }
    EXPECT_TRUE(read_a_file) << "the model's read_file call must get the file from GitHub: "
                             << json::serialize(model.at("requests"));
    // Beside the toolbox's own tools, the repository's: code index, graph and memory.
    for (const json::value& request : model.at("requests").as_array()) {
        std::set<std::string> offered;
        for (const json::value& tool : request.at("tools").as_array()) {
            offered.insert(Text(tool));
        }
        if (offered.empty()) {
            continue;  // a repair turn offers no tools
        }
        for (const char* name : {"read_file", "search_code", "list_changed_files",
                                 "search_repository", "file_history", "search_memory"}) {
            EXPECT_TRUE(offered.contains(name))
                << name << " was not offered: " << json::serialize(request.at("tools"));
        }
    }
    const auto count = static_cast<std::int64_t>(expected.size());
    EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM reviews WHERE status = 'posted'"), count);
    EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM review_intents WHERE state = 'posted'"), count);
    EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM jobs WHERE state = 'dead'"), 0) << Logs();
    EXPECT_TRUE(
        WaitUntil([&] { return QueryInt("SELECT COUNT(*) FROM llm_calls") >= 2; }, seconds(10)))
        << "each model call (the tool call and the answer) is recorded";
}

TEST_P(ReviewFlowTest, WithoutAModelTheReviewSaysOfflineChecksOnlyAndFlagsEval) {
    const auto examples = SignGitHubExamples(kSecret, {"pull_request"});
    const SignedExample example = FirstReviewedExample(examples);
    const auto pull = PullOf(example);
    ASSERT_TRUE(pull);
    github_fake->RegisterPull(pull->repo, pull->number, pull->pull_request, kEvalDiff);
    StartServe(1);
    ASSERT_FALSE(base_url.empty());
    HttpResult accepted =
        Deliver(base_url, example.event, example.body, example.signature, "offline-1");
    ASSERT_EQ(accepted.status, 202) << accepted.body;
    ASSERT_TRUE(WaitForReviews(1, seconds(40))) << Logs();
    ASSERT_TRUE(WaitUntilQueueIsEmpty(seconds(20))) << Logs();

    const json::object state = github_fake->State();
    ExpectCleanGitHubTraffic(state);
    ASSERT_EQ(state.at("reviews").as_array().size(), 1u);
    const json::value& review = state.at("reviews").as_array().front();
    const std::string body = Text(review.at("body"));
    EXPECT_NE(body.find("**Offline checks only** (no model configured)"), std::string::npos)
        << body;
    EXPECT_NE(body.find("<!-- nectr:review head=" + pull->head_sha + " -->"), std::string::npos);
    EXPECT_EQ(Text(review.at("commit_id")), pull->head_sha);
    bool flagged = false;
    for (const json::value& comment : review.at("comments").as_array()) {
        if (Text(comment.at("path")) == "src/render.js" &&
            comment.at("line").to_number<int>() == kEvalLine) {
            flagged = true;
            EXPECT_EQ(comment.at("side"), "RIGHT");
            EXPECT_NE(Text(comment.at("body")).find("code injection"), std::string::npos)
                << json::serialize(comment);
        }
    }
    EXPECT_TRUE(flagged) << "the eval() line must get an analyzer comment: "
                         << json::serialize(review.at("comments"));
    EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM llm_calls"), 0);
}

TEST_P(ReviewFlowTest, ADiffGitHubRefusesIsReviewedFromTheFilesList) {
    const auto examples = SignGitHubExamples(kSecret, {"pull_request"});
    const SignedExample example = FirstReviewedExample(examples);
    const auto pull = PullOf(example);
    ASSERT_TRUE(pull);
    // GitHub answers 406 to the diff media type when a diff is too large to render.
    github_fake->RegisterPull(pull->repo, pull->number, pull->pull_request, kGreetingDiff, 406);
    UseModel(0, false);
    StartServe(1);
    ASSERT_FALSE(base_url.empty());
    HttpResult accepted =
        Deliver(base_url, example.event, example.body, example.signature, "406-1");
    ASSERT_EQ(accepted.status, 202) << accepted.body;
    ASSERT_TRUE(WaitForReviews(1, seconds(40))) << Logs();
    ASSERT_TRUE(WaitUntilQueueIsEmpty(seconds(20))) << Logs();

    const json::object state = github_fake->State();
    EXPECT_TRUE(state.at("violations").as_array().empty())
        << json::serialize(state.at("violations"));
    ASSERT_EQ(state.at("rejected").as_array().size(), 1u)
        << "only the diff is refused: " << json::serialize(state.at("rejected"));
    bool listed_files = false;
    for (const json::value& request : state.at("requests").as_array()) {
        listed_files |=
            Text(request.at("url")).find("/pulls/" + std::to_string(pull->number) + "/files") !=
            std::string::npos;
    }
    EXPECT_TRUE(listed_files);
    ASSERT_EQ(state.at("reviews").as_array().size(), 1u);
    const json::value& review = state.at("reviews").as_array().front();
    const auto targets = ModelTargets(model_fake->State());
    ASSERT_EQ(targets.size(), 1u);
    EXPECT_TRUE(CommentPlaces(review).contains(*targets.begin()))
        << "the line the model named, found in the files' patches, is commented inline: "
        << json::serialize(review.at("comments"));
}

TEST_P(ReviewFlowTest, AModelCommentOutsideTheDiffGoesIntoTheBodyNotInline) {
    const auto examples = SignGitHubExamples(kSecret, {"pull_request"});
    const SignedExample example = FirstReviewedExample(examples);
    const auto pull = PullOf(example);
    ASSERT_TRUE(pull);
    github_fake->RegisterPull(pull->repo, pull->number, pull->pull_request, kGreetingDiff);
    UseModel(0, false);
    model_fake->Configure(json::object{{"outside_comment", true}});
    StartServe(1);
    ASSERT_FALSE(base_url.empty());
    HttpResult accepted =
        Deliver(base_url, example.event, example.body, example.signature, "out-1");
    ASSERT_EQ(accepted.status, 202) << accepted.body;
    ASSERT_TRUE(WaitForReviews(1, seconds(40))) << Logs();
    ASSERT_TRUE(WaitUntilQueueIsEmpty(seconds(20))) << Logs();

    const json::object state = github_fake->State();
    ExpectCleanGitHubTraffic(state);  // GitHub never saw the outside line as an inline comment
    ASSERT_EQ(state.at("reviews").as_array().size(), 1u);
    const json::value& review = state.at("reviews").as_array().front();
    const auto targets = ModelTargets(model_fake->State());
    ASSERT_EQ(targets.size(), 1u);
    EXPECT_EQ(CommentPlaces(review), std::set<std::string>{*targets.begin()});
    const std::string body = Text(review.at("body"));
    const auto outside_at = body.find("### Comments on lines outside the diff");
    ASSERT_NE(outside_at, std::string::npos) << body;
    EXPECT_NE(body.find("Scripted remark on a line outside the diff.", outside_at),
              std::string::npos)
        << body;
}

TEST_P(ReviewFlowTest, ASynchronizeIsReviewedIncrementallySinceTheLastReviewedHead) {
    const auto examples = SignGitHubExamples(kSecret, {"pull_request"});
    const SignedExample opened = FirstReviewedExample(examples);
    const auto pull = PullOf(opened);
    ASSERT_TRUE(pull);
    github_fake->RegisterPull(pull->repo, pull->number, pull->pull_request, kGreetingDiff);
    UseModel(0, false);
    StartServe(1);
    ASSERT_FALSE(base_url.empty());
    ASSERT_EQ(Deliver(base_url, opened.event, opened.body, opened.signature, "sync-1").status, 202);
    ASSERT_TRUE(WaitForReviews(1, seconds(40))) << Logs();
    ASSERT_TRUE(WaitUntilQueueIsEmpty(seconds(20))) << Logs();

    // A push moves the head; since the reviewed head it touched only the README.
    const std::string new_head = "5f3d7c1e9a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d";
    json::value payload;
    for (const SignedExample& example : examples) {
        if (example.action == "synchronize") {
            payload = json::parse(example.body);
        }
    }
    ASSERT_TRUE(payload.is_object()) << "no synchronize example";
    payload.as_object()["before"] = pull->head_sha;
    payload.as_object()["after"] = new_head;
    json::object& pushed = payload.at("pull_request").as_object();
    pushed["head"].as_object()["sha"] = new_head;
    github_fake->RegisterPull(pull->repo, pull->number, pushed, kGreetingDiff);
    github_fake->RegisterComparison(
        pull->repo, pull->head_sha, new_head,
        json::object{{"status", "ahead"},
                     {"ahead_by", 1},
                     {"behind_by", 0},
                     {"total_commits", 1},
                     {"files", json::array{json::object{{"filename", "README.md"},
                                                        {"status", "modified"},
                                                        {"additions", 2},
                                                        {"deletions", 0},
                                                        {"changes", 2}}}}});
    const std::string body = json::serialize(payload);
    ASSERT_EQ(
        Deliver(base_url, "pull_request", body, webhooks::SignBody(kSecret, body), "sync-2").status,
        202);
    ASSERT_TRUE(WaitForReviews(2, seconds(40))) << Logs();
    ASSERT_TRUE(WaitUntilQueueIsEmpty(seconds(20))) << Logs();

    const json::object state = github_fake->State();
    ExpectCleanGitHubTraffic(state);
    ASSERT_EQ(state.at("reviews").as_array().size(), 2u);
    const json::value& second = state.at("reviews").as_array().back();
    EXPECT_EQ(Text(second.at("commit_id")), new_head);
    const std::string text = Text(second.at("body"));
    EXPECT_NE(
        text.find("Incremental review of the commits since `" + pull->head_sha.substr(0, 12) + "`"),
        std::string::npos)
        << text;
    for (const json::value& comment : second.at("comments").as_array()) {
        EXPECT_EQ(comment.at("path"), "README.md")
            << "only what changed since the last review is reviewed";
    }
    const json::object model = model_fake->State();
    const json::array& asked = model.at("requests").as_array();
    ASSERT_EQ(asked.size(), 2u);
    EXPECT_EQ(asked.back().at("target").at("path"), "README.md");
}

TEST_P(ReviewFlowTest, TheHelpCommandPostsTheHelpReply) {
    const SignedExample help = CommandComment("/nectr help", kSecret);
    const json::value payload = json::parse(help.body);
    StartServe(1);
    ASSERT_FALSE(base_url.empty());
    HttpResult accepted = Deliver(base_url, help.event, help.body, help.signature, "help-1");
    ASSERT_EQ(accepted.status, 202) << accepted.body;
    EXPECT_NE(accepted.body.find("help_reply"), std::string::npos) << accepted.body;
    ASSERT_TRUE(WaitUntil([&] { return !github_fake->State().at("comments").as_array().empty(); },
                          seconds(40), Processes()))
        << Logs();
    ASSERT_TRUE(WaitUntilQueueIsEmpty(seconds(20))) << Logs();

    const json::object state = github_fake->State();
    ExpectCleanGitHubTraffic(state);
    ASSERT_EQ(state.at("comments").as_array().size(), 1u);
    const json::value& comment = state.at("comments").as_array().front();
    EXPECT_EQ(comment.at("repo"), payload.at("repository").at("full_name"));
    EXPECT_EQ(comment.at("number"), payload.at("issue").at("number"));
    const std::string body = Text(comment.at("body"));
    EXPECT_NE(body.find("`/nectr review`"), std::string::npos) << body;
    EXPECT_NE(body.find("`/nectr help`"), std::string::npos) << body;
    EXPECT_TRUE(state.at("reviews").as_array().empty());
}

TEST_P(ReviewFlowTest, TheReviewCommandReviewsTheCurrentHeadAndALaterEventAddsNothing) {
    const auto examples = SignGitHubExamples(kSecret, {"pull_request"});
    const SignedExample opened = FirstReviewedExample(examples);
    const auto pull = PullOf(opened);
    ASSERT_TRUE(pull);
    github_fake->RegisterPull(pull->repo, pull->number, pull->pull_request, kGreetingDiff);
    // The comment names only the number: the head comes from GitHub.
    const SignedExample command = CommandComment("/nectr review", kSecret, pull->number);
    const json::value payload = json::parse(command.body);
    UseModel(0, false);
    StartServe(1);
    ASSERT_FALSE(base_url.empty());
    HttpResult accepted =
        Deliver(base_url, command.event, command.body, command.signature, "command-1");
    ASSERT_EQ(accepted.status, 202) << accepted.body;
    ASSERT_TRUE(WaitForReviews(1, seconds(40))) << Logs();
    ASSERT_TRUE(WaitUntilQueueIsEmpty(seconds(20))) << Logs();
    // An event for the commit that was just reviewed on request (a late "opened").
    ASSERT_EQ(Deliver(base_url, opened.event, opened.body, opened.signature, "command-2").status,
              202);
    ASSERT_TRUE(WaitUntilQueueIsEmpty(seconds(40))) << Logs();

    const json::object state = github_fake->State();
    ExpectCleanGitHubTraffic(state);
    ASSERT_EQ(state.at("reviews").as_array().size(), 1u) << json::serialize(state.at("reviews"));
    const json::value& review = state.at("reviews").as_array().front();
    EXPECT_EQ(review.at("number").as_int64(), pull->number);
    EXPECT_EQ(Text(review.at("commit_id")), pull->head_sha);
    // The marker names the comment that asked, so that the review is told apart from the
    // automatic one of the same commit.
    const std::string marker =
        "<!-- nectr:review head=" + pull->head_sha +
        " request=" + std::to_string(payload.at("comment").at("id").to_number<std::int64_t>()) +
        " -->";
    EXPECT_NE(Text(review.at("body")).find(marker), std::string::npos) << Text(review.at("body"));
    EXPECT_EQ(model_fake->State().at("received").as_int64(), 1) << "no second model call";
}

TEST_P(ReviewFlowTest, AReviewCommandReviewsAnAlreadyReviewedHeadAgainOnce) {
    const auto examples = SignGitHubExamples(kSecret, {"pull_request"});
    const SignedExample opened = FirstReviewedExample(examples);
    const auto pull = PullOf(opened);
    ASSERT_TRUE(pull);
    github_fake->RegisterPull(pull->repo, pull->number, pull->pull_request, kGreetingDiff);
    UseModel(0, false);
    StartServe(1);
    ASSERT_FALSE(base_url.empty());
    ASSERT_EQ(Deliver(base_url, opened.event, opened.body, opened.signature, "again-1").status,
              202);
    ASSERT_TRUE(WaitForReviews(1, seconds(40))) << Logs();
    ASSERT_TRUE(WaitUntilQueueIsEmpty(seconds(20))) << Logs();

    // Someone asks for a review of the head Nectr has just reviewed: the help says it runs again.
    const SignedExample command = CommandComment("/nectr review", kSecret, pull->number);
    ASSERT_EQ(Deliver(base_url, command.event, command.body, command.signature, "again-2").status,
              202);
    EXPECT_TRUE(WaitForReviews(2, seconds(40))) << "the requested review was not posted\n"
                                                << Logs();
    ASSERT_TRUE(WaitUntilQueueIsEmpty(seconds(20))) << Logs();
    // A later event for the same head (a reopen) adds nothing: that head has its review.
    SignedExample reopened;
    for (const SignedExample& example : examples) {
        if (example.action == "reopened" && RoutedToReview(example)) {
            reopened = example;
        }
    }
    ASSERT_FALSE(reopened.body.empty());
    ASSERT_EQ(
        Deliver(base_url, reopened.event, reopened.body, reopened.signature, "again-3").status,
        202);
    ASSERT_TRUE(WaitUntilQueueIsEmpty(seconds(40))) << Logs();

    const json::object state = github_fake->State();
    ExpectCleanGitHubTraffic(state);
    ASSERT_EQ(state.at("reviews").as_array().size(), 2u) << json::serialize(state.at("reviews"));
    for (const json::value& review : state.at("reviews").as_array()) {
        EXPECT_EQ(Text(review.at("commit_id")), pull->head_sha);
    }
    EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM jobs WHERE state = 'dead'"), 0) << Logs();
}

INSTANTIATE_TEST_SUITE_P(Engines, ReviewFlowTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgres),
                         EngineParamName);

}  // namespace
}  // namespace nectr::testing
