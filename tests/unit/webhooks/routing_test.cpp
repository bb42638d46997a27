#include "webhooks/routing.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "unit/webhooks/webhook_examples.hpp"
#include "webhooks/job_request.hpp"

namespace nectr::webhooks {
namespace {

namespace json = boost::json;
using testing::ExampleOf;
using testing::MustParse;

std::string KindName(const RoutingDecision& decision) {
    return decision.job ? JobKindName(*decision.job) : "none";
}

json::object PullRequest(const std::string& action, bool draft = false, bool merged = false) {
    json::object example = ExampleOf("pull_request", "opened");
    example["action"] = action;
    json::object& pull = example["pull_request"].as_object();
    pull["draft"] = draft;
    pull["merged"] = merged;
    pull["state"] = action == "closed" ? "closed" : "open";
    return example;
}

// A comment on pull request #1 by `login` of `type`.
json::object PullRequestComment(const std::string& body, const std::string& login = "Codertocat",
                                const std::string& type = "User") {
    json::object example = ExampleOf("issue_comment", "created");
    example["issue"].as_object()["pull_request"] = json::object{{"url", "https://x/pulls/1"}};
    json::object& comment = example["comment"].as_object();
    comment["body"] = body;
    comment["user"].as_object()["login"] = login;
    comment["user"].as_object()["type"] = type;
    example["sender"].as_object()["login"] = login;
    example["sender"].as_object()["type"] = type;
    return example;
}

RoutingDecision RouteComment(const std::string& body, const std::string& login = "Codertocat",
                             const std::string& type = "User") {
    return RouteDelivery(MustParse("issue_comment", PullRequestComment(body, login, type)));
}

TEST(WebhookRoutingTest, ReviewsOpenedReopenedSynchronizedAndReadyPullRequests) {
    for (const char* action : {"opened", "reopened", "synchronize", "ready_for_review"}) {
        const RoutingDecision decision =
            RouteDelivery(MustParse("pull_request", PullRequest(action)));
        EXPECT_EQ(KindName(decision), "review") << action << ": " << decision.note;
        EXPECT_EQ(decision.priority, kPriorityReview) << action;
        EXPECT_EQ(decision.coalesce_key, "review:Codertocat/Hello-World#2") << action;
    }
}

TEST(WebhookRoutingTest, SkipsDraftsUnlessTheRepositoryAsksForThem) {
    const Delivery draft = MustParse("pull_request", PullRequest("opened", /*draft=*/true));
    const RoutingDecision skipped = RouteDelivery(draft);
    EXPECT_FALSE(skipped.job.has_value());
    EXPECT_EQ(skipped.note, "draft pull request skipped");
    EXPECT_EQ(KindName(RouteDelivery(draft, RoutingOptions{.review_drafts = true})), "review");
}

TEST(WebhookRoutingTest, IndexesAMergedPullRequestAndIgnoresOneClosedWithoutMerging) {
    const RoutingDecision merged =
        RouteDelivery(MustParse("pull_request", PullRequest("closed", false, /*merged=*/true)));
    EXPECT_EQ(KindName(merged), "index_pr") << merged.note;
    EXPECT_EQ(merged.priority, kPriorityIndex);
    const RoutingDecision abandoned =
        RouteDelivery(MustParse("pull_request", PullRequest("closed")));
    EXPECT_FALSE(abandoned.job.has_value());
    EXPECT_EQ(abandoned.note, "pull request closed without merging");
}

TEST(WebhookRoutingTest, DoesNotReviewAPullRequestThatIsAlreadyClosed) {
    json::object example = PullRequest("synchronize");
    example["pull_request"].as_object()["state"] = "closed";
    EXPECT_FALSE(RouteDelivery(MustParse("pull_request", example)).job.has_value());
}

TEST(WebhookRoutingTest, NotesPullRequestActionsItDoesNotHandle) {
    const RoutingDecision decision =
        RouteDelivery(MustParse("pull_request", PullRequest("labeled")));
    EXPECT_FALSE(decision.job.has_value());
    EXPECT_EQ(decision.note, "pull_request.labeled is not handled");
}

TEST(WebhookRoutingTest, GivesEachPullRequestItsOwnCoalesceKey) {
    json::object other = PullRequest("synchronize");
    other["number"] = 3;
    EXPECT_EQ(RouteDelivery(MustParse("pull_request", other)).coalesce_key,
              "review:Codertocat/Hello-World#3");
}

TEST(WebhookRoutingTest, StartsAReviewOnANectrReviewCommentAheadOfAutomaticReviews) {
    const RoutingDecision decision = RouteComment("/nectr review");
    EXPECT_EQ(KindName(decision), "review") << decision.note;
    EXPECT_EQ(decision.coalesce_key, "review:Codertocat/Hello-World#1")
        << "a requested review must replace an automatic one still queued for the PR";
    EXPECT_GT(decision.priority, kPriorityReview);
}

TEST(WebhookRoutingTest, AnswersNectrHelpWithAHelpReply) {
    const RoutingDecision decision = RouteComment("/nectr help");
    EXPECT_EQ(KindName(decision), "help_reply") << decision.note;
    EXPECT_EQ(decision.priority, kPriorityCommand);
    EXPECT_TRUE(decision.coalesce_key.empty()) << "each help request gets its own answer";
}

TEST(WebhookRoutingTest, FindsCommandsInAnyCaseAfterLeadingWhitespaceOnAnyLine) {
    EXPECT_EQ(KindName(RouteComment("  /NECTR Review")), "review");
    EXPECT_EQ(KindName(RouteComment("\t/nectr   help please")), "help_reply");
    EXPECT_EQ(KindName(RouteComment("Thanks!\r\n/nectr review\r\n")), "review");
    EXPECT_EQ(KindName(RouteComment("first\n/nectr help\n/nectr review")), "help_reply")
        << "the first command wins";
}

TEST(WebhookRoutingTest, IgnoresTextThatOnlyLooksLikeACommand) {
    for (const char* body :
         {"please /nectr review", "/nectr reviewer", "/nectrreview", "/nectr", "/nectr deploy",
          "> /nectr review", "```\n/nectr review\n```", "~~~\n/nectr help\n~~~", ""}) {
        const RoutingDecision decision = RouteComment(body);
        EXPECT_FALSE(decision.job.has_value()) << "body: " << body;
        EXPECT_EQ(decision.note, "comment has no /nectr command") << "body: " << body;
    }
    EXPECT_EQ(KindName(RouteComment("```\ncode\n```\n/nectr review")), "review")
        << "a command after a closed fence counts";
}

TEST(WebhookRoutingTest, IgnoresCommandsFromBotsSoNectrNeverAnswersItself) {
    EXPECT_EQ(RouteComment("/nectr review", "nectr-app[bot]", "User").note,
              "comment by a bot ignored");
    EXPECT_EQ(RouteComment("/nectr help", "someone", "Bot").note, "comment by a bot ignored");
}

TEST(WebhookRoutingTest, IgnoresCommandsOnIssuesThatAreNotPullRequests) {
    json::object example = ExampleOf("issue_comment", "created");
    example["comment"].as_object()["body"] = "/nectr review";
    const RoutingDecision decision = RouteDelivery(MustParse("issue_comment", example));
    EXPECT_FALSE(decision.job.has_value());
    EXPECT_EQ(decision.note, "comment on an issue, not a pull request");
}

TEST(WebhookRoutingTest, IgnoresEditedAndDeletedComments) {
    for (const char* action : {"edited", "deleted"}) {
        json::object example = PullRequestComment("/nectr review");
        example["action"] = action;
        const RoutingDecision decision = RouteDelivery(MustParse("issue_comment", example));
        EXPECT_FALSE(decision.job.has_value()) << action;
        EXPECT_EQ(decision.note, "issue_comment." + std::string(action) + " is not handled");
    }
}

TEST(WebhookRoutingTest, ReindexesOnlyPushesToTheDefaultBranch) {
    json::object example = ExampleOf("push");
    example["ref"] = "refs/heads/master";
    example["deleted"] = false;
    const RoutingDecision to_default = RouteDelivery(MustParse("push", example));
    EXPECT_EQ(KindName(to_default), "reindex_push") << to_default.note;
    EXPECT_EQ(to_default.coalesce_key, "reindex_push:Codertocat/Hello-World");
    example["ref"] = "refs/heads/feature";
    const RoutingDecision to_feature = RouteDelivery(MustParse("push", example));
    EXPECT_FALSE(to_feature.job.has_value());
    EXPECT_EQ(to_feature.note, "push to refs/heads/feature, not the default branch");
}

TEST(WebhookRoutingTest, APushJobSharesTheCloneWithScansAndNamesBothCommits) {
    json::object example = ExampleOf("push");
    example["ref"] = "refs/heads/master";
    example["deleted"] = false;
    const Delivery delivery = MustParse("push", example);
    const queue::NewJob job = MakeJobRequest(delivery, RouteDelivery(delivery));
    EXPECT_EQ(job.concurrency_key, "scan:Codertocat/Hello-World")
        << "a push update never runs beside a scan of the same clone";
    const json::object payload = json::parse(job.payload).as_object();
    EXPECT_EQ(payload.at("before"), example.at("before"));
    EXPECT_EQ(payload.at("after"), example.at("after"));
}

TEST(WebhookRoutingTest, AReplyJobNamesTheReplyAndTheCommentItAnswers) {
    json::object example = ExampleOf("pull_request_review_comment", "created");
    example["comment"].as_object()["in_reply_to_id"] = 7;
    const Delivery delivery = MustParse("pull_request_review_comment", example);
    const queue::NewJob job = MakeJobRequest(delivery, RouteDelivery(delivery));
    const json::object payload = json::parse(job.payload).as_object();
    EXPECT_EQ(payload.at("in_reply_to_id"), 7);
    EXPECT_EQ(payload.at("comment_id"), example.at("comment").at("id"));
    EXPECT_EQ(payload.at("pr_number"), example.at("pull_request").at("number"));
    EXPECT_EQ(job.pr_number, example.at("pull_request").at("number").to_number<std::int64_t>());
}

TEST(WebhookRoutingTest, DoesNotReindexWhenTheDefaultBranchIsDeleted) {
    json::object example = ExampleOf("push");
    example["ref"] = "refs/heads/master";
    example["deleted"] = true;
    const RoutingDecision decision = RouteDelivery(MustParse("push", example));
    EXPECT_FALSE(decision.job.has_value());
    EXPECT_EQ(decision.note, "push deletes refs/heads/master");
}

TEST(WebhookRoutingTest, DoesNotReindexWhenThePayloadHasNoDefaultBranch) {
    json::object example = ExampleOf("push");
    example["ref"] = "refs/heads/master";
    example["deleted"] = false;
    example["repository"].as_object().erase("default_branch");
    example["repository"].as_object().erase("master_branch");
    EXPECT_FALSE(RouteDelivery(MustParse("push", example)).job.has_value());
}

TEST(WebhookRoutingTest, SyncsInstallationsWithoutCoalescingTheirChanges) {
    const RoutingDecision decision = RouteDelivery(
        MustParse("installation_repositories", ExampleOf("installation_repositories")));
    EXPECT_EQ(KindName(decision), "sync_installation") << decision.note;
    EXPECT_TRUE(decision.coalesce_key.empty())
        << "added/removed are deltas: dropping an older one would lose repositories";
}

// GitHub's example of a new inline comment, made a reply to comment 7 when `reply` is set.
json::object ReviewComment(bool reply, const std::string& login = "Codertocat",
                           const std::string& type = "User") {
    json::object example = ExampleOf("pull_request_review_comment", "created");
    json::object& comment = example["comment"].as_object();
    if (reply) {
        comment["in_reply_to_id"] = 7;
    } else {
        comment.erase("in_reply_to_id");
    }
    comment["user"].as_object()["login"] = login;
    comment["user"].as_object()["type"] = type;
    example["sender"].as_object()["login"] = login;
    example["sender"].as_object()["type"] = type;
    return example;
}

TEST(WebhookRoutingTest, LearnsFromRepliesToReviewCommentsButNotFromNewThreadsOrBots) {
    const Delivery reply = MustParse("pull_request_review_comment", ReviewComment(true));
    ASSERT_TRUE(reply.review_comment.has_value());
    EXPECT_EQ(reply.review_comment->in_reply_to_id, 7);
    const RoutingDecision learn = RouteDelivery(reply);
    EXPECT_EQ(KindName(learn), "learn_feedback");
    EXPECT_EQ(learn.coalesce_key, "") << "each reply is its own feedback";
    EXPECT_EQ(
        KindName(RouteDelivery(MustParse("pull_request_review_comment", ReviewComment(false)))),
        "none")
        << "a comment that starts a thread answers nothing";
    EXPECT_EQ(KindName(RouteDelivery(MustParse("pull_request_review_comment",
                                               ReviewComment(true, "nectr[bot]", "Bot")))),
              "none");
    json::object edited = ReviewComment(true);
    edited["action"] = "edited";
    EXPECT_EQ(KindName(RouteDelivery(MustParse("pull_request_review_comment", edited))), "none");
}

TEST(WebhookRoutingTest, NotesEventsItDoesNotHandle) {
    const RoutingDecision star = RouteDelivery(MustParse("star", ExampleOf("star", "created")));
    EXPECT_FALSE(star.job.has_value());
    EXPECT_EQ(star.note, "star.created is not handled");
    const RoutingDecision unknown = RouteDelivery(MustParse("some_future_event", json::object{}));
    EXPECT_EQ(unknown.note, "some_future_event is not handled");
}

TEST(WebhookRoutingTest, NamesJobKindsStably) {
    EXPECT_EQ(JobKindName(JobKind::kReview), "review");
    EXPECT_EQ(JobKindName(JobKind::kIndexPullRequest), "index_pr");
    EXPECT_EQ(JobKindName(JobKind::kReindexPush), "reindex_push");
    EXPECT_EQ(JobKindName(JobKind::kHelpReply), "help_reply");
    EXPECT_EQ(JobKindName(JobKind::kSyncInstallation), "sync_installation");
    EXPECT_EQ(JobKindName(JobKind::kLearnFeedback), "learn_feedback");
}

}  // namespace
}  // namespace nectr::webhooks
