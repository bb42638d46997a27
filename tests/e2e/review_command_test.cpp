// `nectr review` without a model: local git ranges, uncommitted work, diff files and standard
// input; the three formats; --output, --quiet and --fail-on; and every way to call it wrong.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "e2e/review_fixture.hpp"

namespace nectr::testing {
namespace {

namespace json = boost::json;

// The findings of a `--format json` report as "rule path:line" strings.
std::vector<std::string> FindingKeys(const json::value& report) {
    std::vector<std::string> keys;
    for (const auto& finding : report.at("findings").as_array()) {
        keys.push_back(std::string(finding.at("rule").as_string()) + " " +
                       std::string(finding.at("path").as_string()) + ":" +
                       std::to_string(finding.at("line").as_int64()));
    }
    return keys;
}

bool Contains(const std::vector<std::string>& items, const std::string& item) {
    return std::find(items.begin(), items.end(), item) != items.end();
}

json::value ParseJson(const std::string& text) {
    boost::system::error_code ec;
    json::value value = json::parse(text, ec);
    EXPECT_FALSE(ec) << "standard output is not one JSON document: " << text;
    return value;
}

TEST_F(ReviewCommandTest, ABranchWithoutAModelGetsTheOfflineChecksInMarkdown) {
    CommitFeatureBranch();
    CommandResult result = Review({"--repo", repo.Path(), "--base", "main", "--head", "feature"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_TRUE(result.out.starts_with("# Nectr review of main...feature\n")) << result.out;
    EXPECT_NE(result.out.find("Offline checks only"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("offline analyzers only"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("### app/handler.py:" + std::to_string(kEvalLine) + " (high"),
              std::string::npos)
        << "the eval of request data must be a comment on its line:\n"
        << result.out;
    EXPECT_NE(result.out.find("### deploy/key.pem:1 (critical"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find(secrets.TokenMask()), std::string::npos)
        << "the token is named by its mask:\n"
        << result.out;
    EXPECT_NE(result.err.find("nectr: reviewing main...feature (4 files"), std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("offline"), std::string::npos) << result.err;
    ExpectOnlyProgressLines(result.err);
}

TEST_F(ReviewCommandTest, JsonOutputIsOneDocumentWithTheFindings) {
    CommitFeatureBranch();
    CommandResult result =
        Review({"--repo", repo.Path(), "--base", "main", "--head", "feature", "--format", "json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    json::value report = ParseJson(result.out);
    ASSERT_TRUE(report.is_object());
    EXPECT_EQ(report.at("subject"), "main...feature");
    EXPECT_EQ(report.at("used_model"), false);
    EXPECT_EQ(report.at("head_sha").as_string(), repo.Git({"rev-parse", "feature"}).substr(0, 40));
    const auto keys = FindingKeys(report);
    EXPECT_TRUE(Contains(keys, "risky.eval app/handler.py:" + std::to_string(kEvalLine)))
        << json::serialize(report.at("findings"));
    EXPECT_TRUE(Contains(keys, "risky.eval tools/build step.py:2"));
    EXPECT_TRUE(Contains(keys, "secret.private-key deploy/key.pem:1"));
    EXPECT_TRUE(
        Contains(keys, "secret.github-token app/settings.py:" + std::to_string(kTokenLine)));
    bool offline_note = false;
    for (const auto& note : report.at("notes").as_array()) {
        offline_note =
            offline_note || note.as_string().find("offline analyzers only") != json::string::npos;
    }
    EXPECT_TRUE(offline_note) << json::serialize(report.at("notes"));
    EXPECT_GE(report.at("review").at("comments").as_array().size(), 4u);
}

TEST_F(ReviewCommandTest, SarifOutputPassesTheOfficialSchema) {
    CommitFeatureBranch();
    const std::string sarif_path = work.Path() + "/nectr.sarif";
    CommandResult result = Review({"--repo", repo.Path(), "--base", "main", "--head", "feature",
                                   "--format", "sarif", "--output", sarif_path});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    CommandResult validation = ValidateSarif(sarif_path);
    EXPECT_EQ(validation.exit_code, 0) << validation.out << validation.err;
    EXPECT_NE(validation.out.find("\"valid\":true"), std::string::npos) << validation.out;

    json::value sarif = ParseJson(ReadWholeFile(sarif_path));
    const auto& run = sarif.at("runs").at(0);
    std::vector<std::string> results;
    for (const auto& item : run.at("results").as_array()) {
        const auto& location = item.at("locations").at(0).at("physicalLocation");
        results.push_back(std::string(item.at("ruleId").as_string()) + " " +
                          std::string(item.at("level").as_string()) + " " +
                          std::string(location.at("artifactLocation").at("uri").as_string()) + ":" +
                          std::to_string(location.at("region").at("startLine").as_int64()));
    }
    EXPECT_TRUE(Contains(results, "risky.eval error app/handler.py:" + std::to_string(kEvalLine)))
        << json::serialize(run.at("results"));
    EXPECT_TRUE(Contains(results, "risky.eval error tools/build%20step.py:2"))
        << "a path with a space must be a percent-encoded URI reference";
    EXPECT_TRUE(Contains(results, "secret.private-key error deploy/key.pem:1"));
    const std::string notifications =
        json::serialize(run.at("invocations").at(0).at("toolExecutionNotifications"));
    EXPECT_NE(notifications.find("offline analyzers only"), std::string::npos) << notifications;
}

TEST_F(ReviewCommandTest, TheSchemaCheckRejectsABrokenSarifLog) {
    // Proves the validator can fail: a level outside the schema's enum, a line 0, no runs.
    const std::string broken = WorkFile(
        "broken.sarif",
        R"({"version":"2.1.0","runs":[{"tool":{"driver":{"name":"nectr"}},"results":[)"
        R"({"ruleId":"x","level":"fatal","message":{"text":"m"},"locations":[{"physicalLocation":)"
        R"({"artifactLocation":{"uri":"a.py"},"region":{"startLine":0}}}]}]}]})");
    CommandResult validation = ValidateSarif(broken);
    EXPECT_EQ(validation.exit_code, 1) << validation.out << validation.err;
    EXPECT_NE(validation.out.find("/runs/0/results/0/level"), std::string::npos) << validation.out;
    EXPECT_NE(validation.out.find("startLine"), std::string::npos) << validation.out;
    const std::string no_runs = WorkFile("no-runs.sarif", R"({"version":"2.1.0"})");
    EXPECT_EQ(ValidateSarif(no_runs).exit_code, 1);
}

TEST_F(ReviewCommandTest, ASecretIsMaskedInEveryFormatAndNeverPrintedRaw) {
    CommitFeatureBranch();
    for (const std::string format : {"markdown", "json", "sarif"}) {
        SCOPED_TRACE(format);
        CommandResult printed = Review({"--repo", repo.Path(), "--base", "main", "--head",
                                        "feature", "--format", format, "--fail-on", "critical"});
        EXPECT_EQ(printed.exit_code, 3) << printed.err;
        EXPECT_NE(printed.out.find(secrets.TokenMask()), std::string::npos) << printed.out;
        ExpectNoRawSecret(printed.out, format + " on standard output");
        ExpectNoRawSecret(printed.err, format + " run's standard error");

        const std::string file = work.Path() + "/report." + format;
        CommandResult written = Review({"--repo", repo.Path(), "--base", "main", "--head",
                                        "feature", "--format", format, "--output", file});
        EXPECT_EQ(written.exit_code, 0) << written.err;
        const std::string content = ReadWholeFile(file);
        EXPECT_NE(content.find(secrets.TokenMask()), std::string::npos) << content;
        ExpectNoRawSecret(content, format + " output file");
        ExpectNoRawSecret(written.err, format + " run's standard error");
    }
}

TEST_F(ReviewCommandTest, OutputGoesToTheFileAndProgressToStandardError) {
    CommitFeatureBranch();
    const std::string file = work.Path() + "/review.md";
    CommandResult result =
        Review({"--repo", repo.Path(), "--base", "main", "--head", "feature", "--output", file});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "") << "with --output, standard output stays empty";
    EXPECT_TRUE(ReadWholeFile(file).starts_with("# Nectr review of main...feature")) << file;
    EXPECT_GE(CountLines(result.err), 3) << result.err;
    EXPECT_NE(result.err.find("offline findings"), std::string::npos) << result.err;
    ExpectOnlyProgressLines(result.err);
}

TEST_F(ReviewCommandTest, QuietPrintsOnlyTheReport) {
    CommitFeatureBranch();
    CommandResult result = Review({"--repo", repo.Path(), "--base", "main", "--head", "feature",
                                   "--quiet", "--format", "json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.err, "");
    EXPECT_TRUE(ParseJson(result.out).is_object());
}

TEST_F(ReviewCommandTest, FailOnExitsWithThreeOnlyWhenAFindingReachesTheSeverity) {
    repo.Git({"checkout", "-q", "-b", "eval-only"});
    repo.Write("app/handler.py", "def handle(request):\n    return eval(request.body)\n");
    repo.CommitAll("Evaluate the body");
    repo.Git({"checkout", "-q", "-b", "docs-only", "main"});
    repo.Write("README.md", "# Demo\n\nA small service that says ok.\n");
    repo.CommitAll("Describe the service");

    auto run = [&](const std::string& head, const std::string& threshold) {
        return Review(
            {"--repo", repo.Path(), "--base", "main", "--head", head, "--fail-on", threshold});
    };
    CommandResult high = run("eval-only", "high");
    EXPECT_EQ(high.exit_code, 3) << high.err;
    EXPECT_TRUE(high.out.starts_with("# Nectr review")) << "the report is printed all the same";
    EXPECT_NE(high.err.find("--fail-on high"), std::string::npos) << high.err;
    EXPECT_EQ(run("eval-only", "critical").exit_code, 0) << "eval is high, not critical";
    EXPECT_EQ(run("docs-only", "high").exit_code, 0);
    EXPECT_EQ(Review({"--repo", repo.Path(), "--base", "main", "--head", "eval-only"}).exit_code, 0)
        << "without --fail-on, findings do not change the exit code";
}

TEST_F(ReviewCommandTest, WithoutABaseTheUncommittedChangesAreReviewed) {
    repo.Write("app/handler.py", "def handle(request):\n    return eval(request.body)\n");
    repo.Write("app/staged.py", "import os\nos.system(input())\n");
    repo.Git({"add", "app/staged.py"});
    repo.Write("app/untracked new.py", "def run(code):\n    exec(code)\n");
    repo.Write(".gitignore", "ignored/\n");
    repo.Write("ignored/skip.py", "eval(x)\n");
    const std::string index_before = repo.Git({"status", "--porcelain"});

    CommandResult result = Review({"--repo", repo.Path(), "--format", "json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    json::value report = ParseJson(result.out);
    EXPECT_EQ(report.at("subject"), "uncommitted changes");
    const auto keys = FindingKeys(report);
    EXPECT_TRUE(Contains(keys, "risky.eval app/handler.py:2")) << json::serialize(report);
    EXPECT_TRUE(Contains(keys, "risky.eval app/untracked new.py:2"))
        << "a new file git does not track yet is uncommitted work too: "
        << json::serialize(report.at("findings"));
    for (const auto& key : keys) {
        EXPECT_EQ(key.find("ignored/"), std::string::npos) << "a .gitignored file: " << key;
    }
    EXPECT_NE(result.err.find("uncommitted changes (4 files"), std::string::npos)
        << "handler.py, staged.py, the untracked file and .gitignore: " << result.err;
    EXPECT_EQ(repo.Git({"status", "--porcelain"}), index_before)
        << "reviewing must not touch the index or the working tree";
}

TEST_F(ReviewCommandTest, ARepositoryWithoutCommitsIsReviewedAsAllNew) {
    review::testing::GitRepo fresh;
    fresh.Write("main.py", "print(eval(input()))\n");
    CommandResult result = Review({"--repo", fresh.Path(), "--format", "json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_TRUE(Contains(FindingKeys(ParseJson(result.out)), "risky.eval main.py:1")) << result.out;
}

TEST_F(ReviewCommandTest, ADiffFileAndStandardInputAreReviewedAlike) {
    CommitFeatureBranch();
    const std::string diff = WorkFile("change.diff", repo.Git({"diff", "main...feature"}));

    CommandResult from_file = Review({"--diff", diff, "--format", "json"});
    ASSERT_EQ(from_file.exit_code, 0) << from_file.err;
    json::value file_report = ParseJson(from_file.out);
    EXPECT_EQ(std::string(file_report.at("subject").as_string()), diff);
    EXPECT_TRUE(Contains(FindingKeys(file_report),
                         "risky.eval app/handler.py:" + std::to_string(kEvalLine)));

    CommandResult from_stdin = Review({"--diff", "-", "--format", "json"}, {}, diff);
    ASSERT_EQ(from_stdin.exit_code, 0) << from_stdin.err;
    json::value stdin_report = ParseJson(from_stdin.out);
    EXPECT_EQ(stdin_report.at("subject"), "standard input");
    EXPECT_EQ(FindingKeys(stdin_report), FindingKeys(file_report));
    ExpectNoRawSecret(from_stdin.out + from_stdin.err, "a review of standard input");
}

struct BadUsage {
    std::string name;
    std::vector<std::string> args;
    int exit_code;
    std::string says;
};

TEST_F(ReviewCommandTest, BadUsageIsOneLineAndAnExitCode) {
    CommitFeatureBranch();
    TempDir plain_dir;
    const std::string not_a_diff = WorkFile("notes.txt", "Remember to water the plants.\n");
    const std::string diff = WorkFile("change.diff", repo.Git({"diff", "main...feature"}));
    const std::string r = repo.Path();
    const std::vector<BadUsage> cases = {
        {"two sources", {"--repo", r, "--diff", diff}, 2, "one of --repo, --diff or --pr"},
        {"an unknown format", {"--repo", r, "--format", "xml"}, 2, "--format"},
        {"an unknown severity", {"--repo", r, "--fail-on", "severe"}, 2, "--fail-on"},
        {"a missing diff file", {"--diff", work.Path() + "/none.diff"}, 2, "cannot read"},
        {"a directory as the diff", {"--diff", plain_dir.Path()}, 2, "is a directory"},
        {"a file that is not a diff", {"--diff", not_a_diff}, 2, "is not a unified diff"},
        {"not a git repository", {"--repo", plain_dir.Path()}, 2, "is not a git repository"},
        {"an unknown base", {"--repo", r, "--base", "nosuch"}, 2, "unknown base ref nosuch"},
        {"an unknown head",
         {"--repo", r, "--base", "main", "--head", "nosuch"},
         2,
         "unknown head ref nosuch"},
        {"a head without a base", {"--repo", r, "--head", "feature"}, 2, "--head needs --base"},
        {"a base with a diff", {"--diff", diff, "--base", "main"}, 2, "go with --repo"},
        {"a bad pull request name", {"--pr", "octo/repo"}, 2, "owner/repo#12"},
        {"an unwritable output",
         {"--repo", r, "--base", "main", "--head", "feature", "--output",
          work.Path() + "/missing/dir/out.md"},
         1,
         "cannot write"},
    };
    for (const auto& bad : cases) {
        SCOPED_TRACE(bad.name);
        CommandResult result = Review(bad.args);
        EXPECT_EQ(result.exit_code, bad.exit_code) << result.err;
        EXPECT_EQ(result.out, "") << "nothing but a report goes to standard output";
        // The last line of standard error is the reason; progress lines may come before it
        // when the failure comes late (a file that cannot be written).
        std::string last = result.err;
        if (!last.empty() && last.back() == '\n') {
            last.pop_back();
        }
        last = last.substr(last.rfind('\n') == std::string::npos ? 0 : last.rfind('\n') + 1);
        if (bad.exit_code == 2) {
            EXPECT_EQ(CountLines(result.err), 1) << result.err;
        }
        EXPECT_TRUE(last.starts_with("nectr: ")) << result.err;
        EXPECT_NE(last.find(bad.says), std::string::npos) << result.err;
    }
}

}  // namespace
}  // namespace nectr::testing
