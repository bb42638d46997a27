// GitHub's JSON to plain values, and plain values to the JSON GitHub expects.
#include "github/parse.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "github/request_bodies.hpp"

namespace nectr::github {
namespace {

using core::Errc;

TEST(ParseTest, ReadsAPullRequestWithNullsAndMissingFields) {
    auto pull = ParsePullRequest(R"({
        "id": 1, "number": 1347, "state": "open", "title": "Amazing new feature",
        "body": null, "draft": false, "merged": false,
        "user": {"login": "octocat", "id": 1, "type": "User"},
        "head": {"label": "octocat:new-topic", "ref": "new-topic", "sha": "6dcb09b5",
                 "repo": {"full_name": "octocat/Hello-World"}},
        "base": {"label": "octocat:master", "ref": "master", "sha": "6dcb09b4", "repo": null},
        "commits": 3, "additions": 100, "deletions": 3, "changed_files": 5
    })");
    ASSERT_TRUE(pull) << pull.error().detail;
    EXPECT_EQ(pull->number, 1347);
    EXPECT_EQ(pull->body, "") << "a null body reads as empty";
    EXPECT_EQ(pull->user.login, "octocat");
    EXPECT_EQ(pull->head.sha, "6dcb09b5");
    EXPECT_EQ(pull->head.repo_full_name, "octocat/Hello-World");
    EXPECT_EQ(pull->base.repo_full_name, "") << "a deleted fork has a null repo";
    EXPECT_EQ(pull->changed_files, 5);
}

TEST(ParseTest, RejectsAnswersOfTheWrongShape) {
    EXPECT_EQ(ParsePullRequest("[]").error().code, Errc::kUpstream);
    EXPECT_EQ(ParsePullRequest("<html>").error().code, Errc::kUpstream);
    EXPECT_EQ(ParseChangedFiles("{}").error().code, Errc::kUpstream);
    EXPECT_EQ(ParseChangedFiles("[1]").error().code, Errc::kUpstream);
}

TEST(ParseTest, TellsFilesWithoutAPatchApart) {
    auto files = ParseChangedFiles(R"([
        {"filename": "a.c", "status": "modified", "additions": 1, "deletions": 1, "changes": 2,
         "patch": "@@ -1 +1 @@\n-a\n+b"},
        {"filename": "logo.png", "status": "added", "additions": 0, "deletions": 0},
        {"filename": "new.c", "previous_filename": "old.c", "status": "renamed", "patch": ""}
    ])");
    ASSERT_TRUE(files) << files.error().detail;
    ASSERT_EQ(files->size(), 3u);
    EXPECT_TRUE((*files)[0].has_patch);
    EXPECT_EQ((*files)[0].patch, "@@ -1 +1 @@\n-a\n+b");
    EXPECT_FALSE((*files)[1].has_patch) << "binary files come without a patch";
    EXPECT_TRUE((*files)[2].has_patch);
    EXPECT_EQ((*files)[2].previous_filename, "old.c");
}

TEST(ParseTest, DecodesFileContentAndRefusesWhatIsNoFile) {
    auto file = ParseFileContent(
        R"({"type": "file", "encoding": "base64", "size": 5, "path": "a/b.txt",
            "sha": "3d21ec53", "content": "aGVs\nbG8=\n"})");
    ASSERT_TRUE(file) << file.error().detail;
    EXPECT_EQ(file->content, "hello");
    EXPECT_EQ(file->path, "a/b.txt");

    EXPECT_EQ(ParseFileContent(R"([{"type": "file"}])").error().code, Errc::kInvalidInput);
    EXPECT_EQ(ParseFileContent(R"({"type": "symlink", "path": "x"})").error().code,
              Errc::kInvalidInput);
    EXPECT_EQ(
        ParseFileContent(R"({"type": "file", "encoding": "none", "size": 2000000, "content": ""})")
            .error()
            .code,
        Errc::kTooLarge);
    EXPECT_EQ(
        ParseFileContent(R"({"type": "file", "encoding": "base64", "content": "**"})").error().code,
        Errc::kUpstream);
}

TEST(ParseTest, ReadsTreesCommitsAndComparisons) {
    auto tree = ParseTree(R"({"sha": "9fb0", "truncated": true, "tree": [
        {"path": "file.rb", "mode": "100644", "type": "blob", "size": 30, "sha": "44b4"},
        {"path": "subdir", "mode": "040000", "type": "tree", "sha": "f484"}]})");
    ASSERT_TRUE(tree) << tree.error().detail;
    EXPECT_TRUE(tree->truncated);
    ASSERT_EQ(tree->entries.size(), 2u);
    EXPECT_EQ(tree->entries[0].size, 30);
    EXPECT_FALSE(tree->entries[1].size);

    auto comparison = ParseComparison(R"({"status": "ahead", "ahead_by": 1, "total_commits": 1,
        "merge_base_commit": {"sha": "base1"},
        "commits": [{"sha": "c1", "commit": {"message": "Fix all the bugs",
                     "author": {"name": "Monalisa", "email": "m@example.com",
                                "date": "2011-04-14T16:00:49Z"}},
                     "author": null, "parents": [{"sha": "p1"}]}],
        "files": [{"filename": "file1.txt", "status": "added", "patch": "@@ -0,0 +1 @@\n+x"}]})");
    ASSERT_TRUE(comparison) << comparison.error().detail;
    EXPECT_EQ(comparison->merge_base_sha, "base1");
    ASSERT_EQ(comparison->commits.size(), 1u);
    EXPECT_EQ(comparison->commits[0].message, "Fix all the bugs");
    EXPECT_EQ(comparison->commits[0].author_login, "") << "an author with no account is null";
    EXPECT_EQ(comparison->commits[0].parent_shas, std::vector<std::string>{"p1"});
    ASSERT_EQ(comparison->files.size(), 1u);
    EXPECT_TRUE(comparison->files[0].has_patch);
}

TEST(ParseTest, NeedsATokenAndAnExpiryFromTheTokenExchange) {
    auto token =
        ParseInstallationToken(R"({"token": "ghs_x", "expires_at": "2016-07-11T22:14:10Z"})");
    ASSERT_TRUE(token) << token.error().detail;
    EXPECT_EQ(token->token, "ghs_x");
    auto missing = ParseInstallationToken(R"({"token": "ghs_x"})");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().detail.find("ghs_x"), std::string::npos)
        << "the token must not appear in an error";
}

TEST(RequestBodiesTest, WritesASingleAndAMultiLineComment) {
    NewReview review;
    review.commit_id = "abc";
    review.body = "Summary";
    review.comments.push_back({"src/a.c", 12, kSideRight, std::nullopt, std::nullopt, "one line"});
    review.comments.push_back({"src/b.c", 20, kSideRight, 17, std::string(kSideRight), "range"});
    auto body = ReviewRequestBody(review);
    ASSERT_TRUE(body) << body.error().detail;
    const boost::json::value parsed = boost::json::parse(*body);
    EXPECT_EQ(parsed.at("event"), "COMMENT");
    EXPECT_EQ(parsed.at("commit_id"), "abc");
    const auto& comments = parsed.at("comments").as_array();
    ASSERT_EQ(comments.size(), 2u);
    EXPECT_EQ(comments[0].at("line"), 12);
    EXPECT_EQ(comments[0].at("side"), "RIGHT");
    EXPECT_FALSE(comments[0].as_object().contains("start_line"));
    EXPECT_EQ(comments[1].at("start_line"), 17);
    EXPECT_EQ(comments[1].at("start_side"), "RIGHT");
}

TEST(RequestBodiesTest, RefusesCommentsGitHubWouldReject) {
    auto with = [](NewReviewComment comment) {
        NewReview review;
        review.comments.push_back(std::move(comment));
        return ReviewRequestBody(review);
    };
    EXPECT_EQ(with({"a.c", 1, "MIDDLE", std::nullopt, std::nullopt, "x"}).error().code,
              Errc::kInvalidInput);
    EXPECT_EQ(with({"a.c", 0, kSideRight, std::nullopt, std::nullopt, "x"}).error().code,
              Errc::kInvalidInput);
    EXPECT_EQ(with({"", 1, kSideRight, std::nullopt, std::nullopt, "x"}).error().code,
              Errc::kInvalidInput);
    EXPECT_EQ(with({"a.c", 5, kSideRight, 5, std::nullopt, "x"}).error().code, Errc::kInvalidInput)
        << "start_line must come before line";
    EXPECT_EQ(with({"a.c", 5, kSideRight, std::nullopt, std::string(kSideLeft), "x"}).error().code,
              Errc::kInvalidInput);
    EXPECT_TRUE(with({"a.c", 2, kSideRight, 9, std::string(kSideLeft), "x"}))
        << "lines on different sides are numbered apart";
}

TEST(RequestBodiesTest, WritesWebhookConfigurations) {
    WebhookSpec spec;
    spec.url = "https://nectr.example.com/api/v1/webhooks/github";
    spec.secret = "s3cret";
    auto create = WebhookRequestBody(spec, true);
    ASSERT_TRUE(create);
    const boost::json::value parsed = boost::json::parse(*create);
    EXPECT_EQ(parsed.at("name"), "web");
    EXPECT_EQ(parsed.at("config").at("insecure_ssl"), "0");
    EXPECT_EQ(parsed.at("config").at("secret"), "s3cret");
    EXPECT_EQ(parsed.at("events").as_array().size(), 1u);
    auto update = WebhookRequestBody(spec, false);
    ASSERT_TRUE(update);
    EXPECT_FALSE(boost::json::parse(*update).as_object().contains("name"));
    spec.events.clear();
    EXPECT_EQ(WebhookRequestBody(spec, true).error().code, Errc::kInvalidInput);
}

TEST(RequestBodiesTest, AddsWebhookEventsWithoutTouchingTheConfig) {
    auto body = AddWebhookEventsBody({"push", "pull_request_review_comment"});
    ASSERT_TRUE(body);
    EXPECT_EQ(boost::json::parse(*body),
              boost::json::parse(R"({"add_events":["push","pull_request_review_comment"]})"));
    EXPECT_EQ(AddWebhookEventsBody({}).error().code, Errc::kInvalidInput);
}

}  // namespace
}  // namespace nectr::github
