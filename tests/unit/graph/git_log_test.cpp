#include "graph/git_log.hpp"

#include <gtest/gtest.h>

#include "graph/developer_identity.hpp"

namespace nectr::graph {
namespace {

using namespace std::string_literals;

const std::string kSha1(40, 'a');
const std::string kSha2(40, 'b');
const std::string kSha3(40, 'c');

std::string Header(const std::string& sha, const std::string& parents, const std::string& name,
                   const std::string& email, const std::string& authored,
                   const std::string& committed) {
    return "\x1e"s + sha + "\x1f" + parents + "\x1f" + name + "\x1f" + email + "\x1f" + authored +
           "\x1f" + committed + '\0';
}

TEST(GitLogTest, ReadsCommitsWithTheirFilesInOrder) {
    const std::string output =
        Header(kSha1, kSha2, "Ann", "ann@example.com", "1700000000", "1700000100") +
        "\n3\t1\tsrc/a b.cpp\0"s + "-\t-\tlogo.png\0"s +
        Header(kSha2, "", "Bo", "", "1600000000", "1600000000") + "\n1\t0\tREADME\twith tab\0"s;

    auto commits = ParseGitLog(output);

    ASSERT_TRUE(commits) << commits.error().detail;
    ASSERT_EQ(commits->size(), 2U);
    const LogCommit& first = (*commits)[0];
    EXPECT_EQ(first.sha, kSha1);
    EXPECT_EQ(first.parent_count, 1U);
    EXPECT_EQ(first.author_name, "Ann");
    EXPECT_EQ(first.authored_at_ms, 1'700'000'000'000);
    EXPECT_EQ(first.committed_at_ms, 1'700'000'100'000);
    ASSERT_EQ(first.files.size(), 2U);
    EXPECT_EQ(first.files[0].path, "src/a b.cpp");
    EXPECT_EQ(first.files[0].additions, 3);
    EXPECT_EQ(first.files[0].deletions, 1);
    EXPECT_EQ(first.files[1].path, "logo.png");
    EXPECT_EQ(first.files[1].additions, 0) << "binary files have no line counts";
    EXPECT_EQ((*commits)[1].parent_count, 0U) << "a root commit";
    ASSERT_EQ((*commits)[1].files.size(), 1U);
    EXPECT_EQ((*commits)[1].files[0].path, "README\twith tab") << "-z keeps paths verbatim";
}

TEST(GitLogTest, ReadsAMergeWithoutFilesBetweenOtherCommits) {
    const std::string output = Header(kSha1, kSha2 + " " + kSha3, "M", "m@example.com", "2", "2") +
                               Header(kSha2, kSha3, "A", "a@example.com", "1", "1") +
                               "\n1\t1\tx\0"s;

    auto commits = ParseGitLog(output);

    ASSERT_TRUE(commits) << commits.error().detail;
    ASSERT_EQ(commits->size(), 2U);
    EXPECT_EQ((*commits)[0].parent_count, 2U);
    EXPECT_TRUE((*commits)[0].files.empty());
    EXPECT_EQ((*commits)[1].files.size(), 1U);
}

TEST(GitLogTest, ReadsNothingFromEmptyOutputAndRefusesGarbage) {
    auto empty = ParseGitLog("");
    ASSERT_TRUE(empty);
    EXPECT_TRUE(empty->empty());
    EXPECT_FALSE(ParseGitLog("fatal: not a git repository"));
    EXPECT_FALSE(
        ParseGitLog("\x1enot-a-sha\x1f\x1f\x1f\x1f"
                    "1\x1f"
                    "1"));
    EXPECT_FALSE(ParseGitLog(Header(kSha1, "", "A", "a@x", "soon", "1")));
    EXPECT_FALSE(ParseGitLog(Header(kSha1, "", "A", "a@x", "1", "1") + "\nx\ty\tpath\0"s));
    EXPECT_FALSE(ParseGitLog(Header(kSha1, "", "A", "a@x", "1", "1") + "\n3\tpath\0"s));
}

TEST(GitLogTest, AsksForTheRangeAfterAStartAndNeverTakesItForAnOption) {
    const auto whole = GitLogArguments("/repo", std::nullopt, 25);
    EXPECT_EQ(whole.end()[-2], "HEAD");
    EXPECT_EQ(whole.back(), "--");
    const auto after = GitLogArguments("/repo", "abc123", 25);
    EXPECT_EQ(after.end()[-2], "abc123..HEAD");
    EXPECT_TRUE(IsCommitName("abc123"));
    EXPECT_TRUE(IsCommitName(kSha1));
    EXPECT_FALSE(IsCommitName("--all"));
    EXPECT_FALSE(IsCommitName("abc"));
    EXPECT_FALSE(IsCommitName("HEAD~1"));
}

TEST(DeveloperIdentityTest, TakesTheLoginFromGitHubsNoReplyAddresses) {
    EXPECT_EQ(LoginFromNoReplyEmail("583231+Octocat@users.noreply.github.com"), "octocat");
    EXPECT_EQ(LoginFromNoReplyEmail("octocat@users.noreply.github.com"), "octocat");
    EXPECT_EQ(LoginFromNoReplyEmail("49699333+dependabot[bot]@users.noreply.github.com"),
              "dependabot[bot]");
    EXPECT_FALSE(LoginFromNoReplyEmail("octocat@github.com"));
    EXPECT_FALSE(LoginFromNoReplyEmail("x+octocat@users.noreply.github.com"));
    EXPECT_FALSE(LoginFromNoReplyEmail("@users.noreply.github.com"));
    EXPECT_FALSE(LoginFromNoReplyEmail("a.b@users.noreply.github.com"));
}

TEST(DeveloperIdentityTest, KeysOtherAuthorsByEmailThenName) {
    const DeveloperIdentity github =
        IdentityFromGitAuthor("Mona", "1+Mona@users.noreply.github.com");
    EXPECT_EQ(github.login, "mona");
    EXPECT_TRUE(github.is_github);
    EXPECT_EQ(github.name, "Mona");
    const DeveloperIdentity mail = IdentityFromGitAuthor("Ann", "Ann@Example.COM");
    EXPECT_EQ(mail.login, "ann@example.com");
    EXPECT_FALSE(mail.is_github);
    EXPECT_EQ(mail.email, "Ann@Example.COM");
    EXPECT_EQ(IdentityFromGitAuthor("Nameless", "").login, "Nameless");
    EXPECT_EQ(IdentityFromGitAuthor("", "").login, "(unknown)");
    EXPECT_EQ(IdentityFromLogin("OctoCat").login, "octocat");
}

}  // namespace
}  // namespace nectr::graph
