// Every relevant example payload GitHub documents (@octokit/webhooks-examples 7.6.1) must
// parse and route by the rules. Expected values are read from the example JSON here, not
// through the code under test.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <optional>
#include <set>
#include <string>

#include "unit/webhooks/webhook_examples.hpp"
#include "webhooks/delivery.hpp"
#include "webhooks/routing.hpp"

namespace nectr::webhooks {
namespace {

namespace json = boost::json;
using testing::ExampleIndex;
using testing::ExamplesOf;
using testing::MustParse;

std::string Str(const json::object& object, std::string_view key) {
    const json::value* value = object.if_contains(key);
    return value != nullptr && value->is_string() ? std::string(value->as_string()) : "";
}

bool Flag(const json::object& object, std::string_view key) {
    const json::value* value = object.if_contains(key);
    return value != nullptr && value->is_bool() && value->as_bool();
}

const json::object& Obj(const json::object& object, std::string_view key) {
    return object.at(key).as_object();
}

std::vector<std::string> Names(const json::object& object, std::string_view key) {
    std::vector<std::string> names;
    if (const json::value* list = object.if_contains(key)) {
        for (const json::value& repository : list->as_array()) {
            names.push_back(Str(repository.as_object(), "full_name"));
        }
    }
    return names;
}

std::string KindName(const std::optional<JobKind>& job) { return job ? JobKindName(*job) : "none"; }

TEST(WebhookExamplesTest, EveryPullRequestExampleParsesAndRoutesByTheRules) {
    const auto examples = ExamplesOf("pull_request");
    ASSERT_EQ(examples.size(), 29u) << "@octokit/webhooks-examples 7.6.1 has 29";
    const std::set<std::string> review_actions = {"opened", "reopened", "synchronize",
                                                  "ready_for_review"};
    int reviews = 0;
    for (std::size_t i = 0; i < examples.size(); ++i) {
        const json::object& example = examples[i];
        const json::object& pull = Obj(example, "pull_request");
        const std::string action = Str(example, "action");
        SCOPED_TRACE("pull_request example " + std::to_string(i) + " (" + action + ")");
        const Delivery delivery = MustParse("pull_request", example);
        ASSERT_TRUE(delivery.pull_request.has_value());
        EXPECT_EQ(delivery.action, action);
        EXPECT_EQ(delivery.pull_request->number, example.at("number").as_int64());
        EXPECT_EQ(delivery.pull_request->head_sha, Str(Obj(pull, "head"), "sha"));
        EXPECT_EQ(delivery.pull_request->base_ref, Str(Obj(pull, "base"), "ref"));
        EXPECT_EQ(delivery.pull_request->draft, Flag(pull, "draft"));
        EXPECT_EQ(delivery.pull_request->merged, Flag(pull, "merged"));
        EXPECT_EQ(delivery.pull_request->state, Str(pull, "state"));
        EXPECT_EQ(delivery.repository_full_name, Str(Obj(example, "repository"), "full_name"));
        EXPECT_EQ(delivery.default_branch, Str(Obj(example, "repository"), "default_branch"));
        EXPECT_EQ(delivery.sender_login, Str(Obj(example, "sender"), "login"));
        EXPECT_EQ(delivery.installation_id.has_value(), example.contains("installation"));

        std::optional<JobKind> expected;
        if (review_actions.contains(action) && Str(pull, "state") != "closed" &&
            !Flag(pull, "draft")) {
            expected = JobKind::kReview;
            ++reviews;
        } else if (action == "closed" && Flag(pull, "merged")) {
            expected = JobKind::kIndexPullRequest;
        }
        const RoutingDecision decision = RouteDelivery(delivery, RoutingOptions{});
        EXPECT_EQ(KindName(decision.job), KindName(expected)) << decision.note;
        if (!expected) {
            EXPECT_FALSE(decision.note.empty()) << "an event without a job must say why";
        }
        if (expected == JobKind::kReview) {
            EXPECT_EQ(decision.coalesce_key, "review:" + delivery.repository_full_name + "#" +
                                                 std::to_string(delivery.pull_request->number));
        }
    }
    EXPECT_GT(reviews, 0) << "the examples should exercise the review route at least once";
}

TEST(WebhookExamplesTest, EveryIssueCommentExampleParsesAndStartsNothingWithoutACommand) {
    const auto examples = ExamplesOf("issue_comment");
    ASSERT_EQ(examples.size(), 9u) << "@octokit/webhooks-examples 7.6.1 has 9";
    for (std::size_t i = 0; i < examples.size(); ++i) {
        const json::object& example = examples[i];
        const json::object& issue = Obj(example, "issue");
        const json::object& comment = Obj(example, "comment");
        SCOPED_TRACE("issue_comment example " + std::to_string(i));
        const Delivery delivery = MustParse("issue_comment", example);
        ASSERT_TRUE(delivery.issue_comment.has_value());
        EXPECT_EQ(delivery.issue_comment->issue_number, issue.at("number").as_int64());
        EXPECT_EQ(delivery.issue_comment->on_pull_request, issue.contains("pull_request"));
        EXPECT_EQ(delivery.issue_comment->body, Str(comment, "body"));
        EXPECT_EQ(delivery.issue_comment->author_login, Str(Obj(comment, "user"), "login"));
        const std::string body = Str(comment, "body");
        const bool has_command = body.find("/nectr") != std::string::npos;
        const bool expect_job =
            Str(example, "action") == "created" && issue.contains("pull_request") && has_command;
        const RoutingDecision decision = RouteDelivery(delivery);
        EXPECT_EQ(decision.job.has_value(), expect_job) << decision.note;
        EXPECT_FALSE(decision.note.empty());
    }
}

TEST(WebhookExamplesTest, EveryPushExampleParsesAndOnlyDefaultBranchPushesReindex) {
    const auto examples = ExamplesOf("push");
    ASSERT_EQ(examples.size(), 7u) << "@octokit/webhooks-examples 7.6.1 has 7";
    int reindexes = 0;
    for (std::size_t i = 0; i < examples.size(); ++i) {
        const json::object& example = examples[i];
        const std::string ref = Str(example, "ref");
        SCOPED_TRACE("push example " + std::to_string(i) + " (" + ref + ")");
        const Delivery delivery = MustParse("push", example);
        ASSERT_TRUE(delivery.push.has_value());
        EXPECT_EQ(delivery.push->ref, ref);
        EXPECT_EQ(delivery.push->before, Str(example, "before"));
        EXPECT_EQ(delivery.push->after, Str(example, "after"));
        EXPECT_EQ(delivery.push->deleted, Flag(example, "deleted"));
        const std::string default_ref =
            "refs/heads/" + Str(Obj(example, "repository"), "default_branch");
        EXPECT_EQ(delivery.push->to_default_branch, ref == default_ref);
        const bool expect_reindex = ref == default_ref && !Flag(example, "deleted");
        reindexes += expect_reindex ? 1 : 0;
        const RoutingDecision decision = RouteDelivery(delivery);
        EXPECT_EQ(KindName(decision.job),
                  KindName(expect_reindex ? std::optional(JobKind::kReindexPush) : std::nullopt))
            << decision.note;
    }
    EXPECT_GT(reindexes, 0) << "the examples should exercise the re-index route at least once";
}

TEST(WebhookExamplesTest, EveryInstallationExampleParsesAndSyncsTheInstallation) {
    const auto examples = ExamplesOf("installation");
    ASSERT_EQ(examples.size(), 7u) << "@octokit/webhooks-examples 7.6.1 has 7";
    for (std::size_t i = 0; i < examples.size(); ++i) {
        const json::object& example = examples[i];
        const json::object& installation = Obj(example, "installation");
        const std::string action = Str(example, "action");
        SCOPED_TRACE("installation example " + std::to_string(i) + " (" + action + ")");
        const Delivery delivery = MustParse("installation", example);
        ASSERT_TRUE(delivery.installation.has_value());
        EXPECT_EQ(delivery.installation->installation_id, installation.at("id").as_int64());
        EXPECT_EQ(delivery.installation->account_login, Str(Obj(installation, "account"), "login"));
        EXPECT_EQ(delivery.installation->repositories, Names(example, "repositories"));
        if (action == "created") {
            EXPECT_EQ(delivery.installation->repositories_added, Names(example, "repositories"));
        }
        if (action == "deleted") {
            EXPECT_EQ(delivery.installation->repositories_removed, Names(example, "repositories"));
        }
        EXPECT_EQ(KindName(RouteDelivery(delivery).job), "sync_installation");
    }
}

TEST(WebhookExamplesTest, EveryInstallationRepositoriesExampleParsesWithAddedAndRemoved) {
    const auto examples = ExamplesOf("installation_repositories");
    ASSERT_EQ(examples.size(), 3u) << "@octokit/webhooks-examples 7.6.1 has 3";
    for (std::size_t i = 0; i < examples.size(); ++i) {
        const json::object& example = examples[i];
        SCOPED_TRACE("installation_repositories example " + std::to_string(i));
        const Delivery delivery = MustParse("installation_repositories", example);
        ASSERT_TRUE(delivery.installation.has_value());
        EXPECT_EQ(delivery.installation->installation_id,
                  Obj(example, "installation").at("id").as_int64());
        EXPECT_EQ(delivery.installation->repositories_added, Names(example, "repositories_added"));
        EXPECT_EQ(delivery.installation->repositories_removed,
                  Names(example, "repositories_removed"));
        EXPECT_EQ(KindName(RouteDelivery(delivery).job), "sync_installation");
    }
}

TEST(WebhookExamplesTest, EveryPingExampleParsesWithItsZenAndStartsNoJob) {
    const auto examples = ExamplesOf("ping");
    ASSERT_EQ(examples.size(), 4u) << "@octokit/webhooks-examples 7.6.1 has 4";
    for (std::size_t i = 0; i < examples.size(); ++i) {
        const json::object& example = examples[i];
        SCOPED_TRACE("ping example " + std::to_string(i));
        const Delivery delivery = MustParse("ping", example);
        ASSERT_TRUE(delivery.ping.has_value());
        EXPECT_EQ(delivery.ping->zen, Str(example, "zen"));
        EXPECT_EQ(delivery.ping->hook_id, example.at("hook_id").as_int64());
        const RoutingDecision decision = RouteDelivery(delivery);
        EXPECT_FALSE(decision.job.has_value());
        EXPECT_FALSE(decision.note.empty());
    }
}

TEST(WebhookExamplesTest, EveryReviewCommentExampleParsesAndOnlyNewRepliesAreLearntFrom) {
    const auto examples = ExamplesOf("pull_request_review_comment");
    ASSERT_FALSE(examples.empty());
    for (std::size_t i = 0; i < examples.size(); ++i) {
        const json::object& example = examples[i];
        SCOPED_TRACE("pull_request_review_comment example " + std::to_string(i));
        const Delivery delivery = MustParse("pull_request_review_comment", example);
        ASSERT_TRUE(delivery.review_comment.has_value());
        const json::object& comment = example.at("comment").as_object();
        EXPECT_EQ(delivery.review_comment->comment_id, comment.at("id").as_int64());
        EXPECT_EQ(delivery.review_comment->pr_number,
                  example.at("pull_request").at("number").as_int64());
        const json::value* reply_to = comment.if_contains("in_reply_to_id");
        const bool reply = reply_to != nullptr && reply_to->is_int64();
        EXPECT_EQ(delivery.review_comment->in_reply_to_id.has_value(), reply);
        const bool learns = reply && Str(example, "action") == "created";
        EXPECT_EQ(KindName(RouteDelivery(delivery).job), learns ? "learn_feedback" : "none");
    }
}

TEST(WebhookExamplesTest, EveryOtherEventExampleParsesAndIsNotedAsNotHandled) {
    const std::set<std::string> routed = {
        "pull_request", "issue_comment", "pull_request_review_comment",
        "push",         "installation",  "installation_repositories",
        "ping"};
    int checked = 0;
    for (const json::value& entry : ExampleIndex()) {
        const std::string event(entry.as_object().at("name").as_string());
        if (routed.contains(event)) {
            continue;
        }
        for (const json::value& example : entry.as_object().at("examples").as_array()) {
            SCOPED_TRACE(event + " example " + std::to_string(checked));
            const Delivery delivery = MustParse(event, example.as_object());
            const std::string action = Str(example.as_object(), "action");
            std::string expected_key = event;
            if (!action.empty()) {
                expected_key += "." + action;
            }
            const RoutingDecision decision = RouteDelivery(delivery);
            EXPECT_FALSE(decision.job.has_value());
            EXPECT_EQ(decision.note, expected_key + " is not handled");
            ++checked;
        }
    }
    EXPECT_GT(checked, 100) << "the example index looks incomplete";
}

}  // namespace
}  // namespace nectr::webhooks
