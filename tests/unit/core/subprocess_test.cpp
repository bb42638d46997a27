// RunProcess against real programs: exit codes, both output streams, the output limit, signals
// and the ways a start can fail.
#include "core/subprocess.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "support/process.hpp"

namespace nectr::core {
namespace {

// Runs a shell snippet; the test fails if the process could not be run at all.
ProcessResult Shell(const std::string& script, const ProcessOptions& options = {}) {
    auto run = RunProcess({"sh", "-c", script}, options);
    EXPECT_TRUE(run) << run.error().detail;
    return run ? *run : ProcessResult{-1, "", ""};
}

TEST(RunProcessTest, ReportsTheExitCodeOfTheProgram) {
    EXPECT_EQ(Shell("exit 0").exit_code, 0);
    EXPECT_EQ(Shell("exit 7").exit_code, 7) << "a non-zero exit is a result, not an error";
    EXPECT_EQ(Shell("exit 255").exit_code, 255);
}

TEST(RunProcessTest, CapturesStandardOutputAndErrorSeparately) {
    ProcessResult result = Shell("printf 'to out\\n'; printf 'to err' >&2; printf 'more out'");
    EXPECT_EQ(result.out, "to out\nmore out");
    EXPECT_EQ(result.err, "to err");
    EXPECT_EQ(result.exit_code, 0);
}

TEST(RunProcessTest, PassesArgumentsVerbatimWithoutAShell) {
    auto run = RunProcess({"printf", "%s|%s", "a b; echo injected", "$HOME `id`"});
    ASSERT_TRUE(run) << run.error().detail;
    EXPECT_EQ(run->out, "a b; echo injected|$HOME `id`")
        << "arguments must reach the program as they are, never through a shell";
}

TEST(RunProcessTest, GivesTheChildAnEmptyStandardInput) {
    // `cat` would wait forever on an inherited terminal or pipe.
    auto run = RunProcess({"cat"});
    ASSERT_TRUE(run) << run.error().detail;
    EXPECT_EQ(run->exit_code, 0);
    EXPECT_EQ(run->out, "");
}

TEST(RunProcessTest, WritesTheGivenInputToTheChild) {
    ProcessOptions options;
    options.input = "first line\nsecond line\n";
    auto run = RunProcess({"cat"}, options);
    ASSERT_TRUE(run) << run.error().detail;
    EXPECT_EQ(run->out, "first line\nsecond line\n");
}

TEST(RunProcessTest, SetsTheGivenVariablesOnTopOfTheEnvironment) {
    ProcessOptions options;
    options.environment = {{"NECTR_TEST_ADDED", "added value"}, {"HOME", "/replaced/home"}};
    ProcessResult result =
        Shell("printf '%s|%s|%s' \"$NECTR_TEST_ADDED\" \"$HOME\" \"${PATH:+kept}\"", options);
    EXPECT_EQ(result.out, "added value|/replaced/home|kept")
        << "given variables are added or replace their namesakes; the rest is inherited";
    EXPECT_EQ(Shell("printf '%s' \"${NECTR_TEST_ADDED:-unset}\"").out, "unset")
        << "the variables belong to that one child";
}

TEST(RunProcessTest, FeedsALargeInputWhileReadingTheOutput) {
    // Far more than a pipe holds in each direction: writing all input before reading any
    // output would leave both sides waiting on a full pipe.
    ProcessOptions options;
    options.input = std::string(1'000'000, 'x');
    auto run = RunProcess({"cat"}, options);
    ASSERT_TRUE(run) << run.error().detail;
    EXPECT_EQ(run->out.size(), 1'000'000u);
    EXPECT_EQ(run->out, *options.input);
}

TEST(RunProcessTest, AChildThatStopsReadingItsInputIsNotAnError) {
    // `head -c 10` exits after ten bytes; the rest of the input meets a closed pipe, which
    // must neither kill this process (SIGPIPE) nor fail the call.
    ProcessOptions options;
    options.input = std::string(2'000'000, 'y');
    auto run = RunProcess({"head", "-c", "10"}, options);
    ASSERT_TRUE(run) << run.error().detail;
    EXPECT_EQ(run->out, "yyyyyyyyyy");
    EXPECT_EQ(run->exit_code, 0);
}

TEST(RunProcessTest, AnEmptyInputIsAnImmediateEndOfFile) {
    ProcessOptions options;
    options.input = "";
    auto run = RunProcess({"wc", "-c"}, options);
    ASSERT_TRUE(run) << run.error().detail;
    EXPECT_EQ(run->out.find_first_not_of(' '), run->out.find('0')) << run->out;
}

TEST(RunProcessTest, ReadsBothStreamsAtOnceSoAChattyChildCannotBlock) {
    // Each stream is far larger than a pipe buffer (64 KiB): reading one stream to its end
    // before the other would leave the child blocked on a full pipe.
    ProcessResult result =
        Shell("head -c 300000 /dev/zero; head -c 200000 /dev/zero >&2; head -c 100000 /dev/zero");
    EXPECT_EQ(result.out.size(), 400000u);
    EXPECT_EQ(result.err.size(), 200000u);
    EXPECT_EQ(result.exit_code, 0);
}

TEST(RunProcessTest, AMissingProgramIsNotFound) {
    auto run = RunProcess({"nectr-test-no-such-program", "--version"});
    ASSERT_FALSE(run);
    EXPECT_EQ(run.error().code, Errc::kNotFound);
    EXPECT_NE(run.error().detail.find("nectr-test-no-such-program"), std::string::npos)
        << run.error().detail;
}

TEST(RunProcessTest, AnEmptyCommandIsInvalid) {
    auto run = RunProcess({});
    ASSERT_FALSE(run);
    EXPECT_EQ(run.error().code, Errc::kInvalidInput);
}

TEST(RunProcessTest, RunsInTheGivenWorkingDirectory) {
    testing::TempDir dir;
    ProcessOptions options;
    options.working_directory = dir.Path();
    ProcessResult result = Shell("pwd -P", options);
    EXPECT_EQ(result.out, std::filesystem::canonical(dir.Path()).string() + "\n");
}

TEST(RunProcessTest, AMissingWorkingDirectoryIsNotFound) {
    testing::TempDir dir;
    ProcessOptions options;
    options.working_directory = dir.Path() + "/gone";
    auto run = RunProcess({"sh", "-c", "exit 0"}, options);
    ASSERT_FALSE(run);
    EXPECT_EQ(run.error().code, Errc::kNotFound);
    EXPECT_NE(run.error().detail.find("gone"), std::string::npos) << run.error().detail;
}

TEST(RunProcessTest, OutputOverTheLimitFailsAsTooLarge) {
    ProcessOptions options;
    options.max_output_bytes = 1000;
    auto run = RunProcess({"sh", "-c", "head -c 5000 /dev/zero"}, options);
    ASSERT_FALSE(run);
    EXPECT_EQ(run.error().code, Errc::kTooLarge);
    EXPECT_NE(run.error().detail.find("1000"), std::string::npos) << run.error().detail;
}

TEST(RunProcessTest, TheLimitAppliesToStandardErrorToo) {
    ProcessOptions options;
    options.max_output_bytes = 1000;
    auto run = RunProcess({"sh", "-c", "head -c 5000 /dev/zero >&2"}, options);
    ASSERT_FALSE(run);
    EXPECT_EQ(run.error().code, Errc::kTooLarge);
}

TEST(RunProcessTest, OutputAtTheLimitIsKept) {
    ProcessOptions options;
    options.max_output_bytes = 1000;
    auto run = RunProcess({"sh", "-c", "head -c 1000 /dev/zero"}, options);
    ASSERT_TRUE(run) << run.error().detail;
    EXPECT_EQ(run->out.size(), 1000u);
}

TEST(RunProcessTest, AProgramThatNeverStopsPrintingIsEndedAtTheLimit) {
    // `yes` prints until it is killed: the call must return rather than read forever.
    ProcessOptions options;
    options.max_output_bytes = 64 * 1024;
    auto run = RunProcess({"yes"}, options);
    ASSERT_FALSE(run);
    EXPECT_EQ(run.error().code, Errc::kTooLarge);
}

TEST(RunProcessTest, AChildKilledByASignalExitsWith128PlusTheSignal) {
    EXPECT_EQ(Shell("kill -KILL $$").exit_code, 128 + 9);
    EXPECT_EQ(Shell("kill -TERM $$").exit_code, 128 + 15);
}

TEST(RunProcessTest, OutputPrintedBeforeASignalIsKept) {
    ProcessResult result = Shell("printf partial; kill -KILL $$");
    EXPECT_EQ(result.out, "partial");
    EXPECT_EQ(result.exit_code, 137);
}

}  // namespace
}  // namespace nectr::core
