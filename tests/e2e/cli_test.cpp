// The `nectr` binary as a user runs it: flags, configuration errors and subcommands.
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "support/process.hpp"

namespace nectr::testing {
namespace {

std::map<std::string, std::string> CleanEnv() { return {}; }

CommandResult Nectr(std::vector<std::string> args, std::map<std::string, std::string> env = {},
                    std::string cwd = "") {
    args.insert(args.begin(), NECTR_BINARY_PATH);
    return RunCommand(std::move(args), std::move(env), std::chrono::seconds(60), std::move(cwd));
}

int CountLines(const std::string& text) {
    return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

TEST(CliTest, VersionPrintsTheVersion) {
    CommandResult result = Nectr({"version"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_TRUE(result.out.starts_with("nectr ")) << result.out;
}

TEST(CliTest, HelpListsEverySubcommand) {
    CommandResult result = Nectr({"--help"});
    EXPECT_EQ(result.exit_code, 0);
    for (const char* command : {"serve", "worker", "index", "migrate", "doctor", "version"}) {
        EXPECT_NE(result.out.find(command), std::string::npos) << "missing " << command;
    }
}

TEST(CliTest, ServeHelpExplainsItsFlags) {
    CommandResult result = Nectr({"serve", "--help"});
    EXPECT_EQ(result.exit_code, 0);
    for (const char* flag : {"--host", "--port", "--data-dir", "--workers"}) {
        EXPECT_NE(result.out.find(flag), std::string::npos) << "missing " << flag;
    }
}

TEST(CliTest, AnUnknownFlagIsAOneLineErrorWithExitCodeTwo) {
    CommandResult result = Nectr({"serve", "--bogus"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(CountLines(result.err), 1) << result.err;
    EXPECT_NE(result.err.find("--bogus"), std::string::npos) << result.err;
}

TEST(CliTest, NoSubcommandIsAnError) {
    CommandResult result = Nectr({});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.err.find("serve"), std::string::npos) << result.err;
}

TEST(CliTest, APortThatIsNotANumberIsRefused) {
    CommandResult result = Nectr({"serve", "--port", "eighty"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(CountLines(result.err), 1) << result.err;
}

TEST(CliTest, ABadSettingInTheEnvironmentIsAOneLineError) {
    TempDir dir;
    CommandResult result = Nectr({"serve"}, {{"PORT", "abc"}, {"LOG_LEVEL", "loud"}}, dir.Path());
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(CountLines(result.err), 1) << result.err;
    EXPECT_NE(result.err.find("PORT must be a number"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("LOG_LEVEL"), std::string::npos) << result.err;
    EXPECT_FALSE(std::filesystem::exists(dir.Path() + "/nectr-data"))
        << "a refused configuration must not create anything";
}

TEST(CliTest, ProductionWithoutASecretKeyRefusesToStart) {
    TempDir dir;
    CommandResult result = Nectr({"serve", "--port", "0"}, {{"APP_ENV", "production"}}, dir.Path());
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.err.find("SECRET_KEY is required in production"), std::string::npos)
        << result.err;
}

TEST(CliTest, SettingsAreReadFromTheDotenvFileAndFlagsWin) {
    TempDir dir;
    {
        std::ofstream env(dir.Path() + "/.env");
        env << "LOG_LEVEL=warn\nDATA_DIR=from-dotenv\nGITHUB_TOKEN=ghp_dotenvsecret\n";
    }
    CommandResult result = Nectr({"doctor", "--data-dir", "from-flag"}, CleanEnv(), dir.Path());
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
    EXPECT_NE(result.out.find("LOG_LEVEL = warn"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("DATA_DIR = from-flag"), std::string::npos) << result.out;
    EXPECT_EQ(result.out.find("ghp_dotenvsecret"), std::string::npos) << "doctor must mask secrets";
    EXPECT_NE(result.out.find("GITHUB_TOKEN = set (masked)"), std::string::npos) << result.out;
}

TEST(CliTest, AMalformedDotenvFileNamesTheLine) {
    TempDir dir;
    {
        std::ofstream env(dir.Path() + "/.env");
        env << "PORT=1\nnot a setting\n";
    }
    CommandResult result = Nectr({"serve"}, CleanEnv(), dir.Path());
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.err.find("line 2"), std::string::npos) << result.err;
}

TEST(CliTest, MigrateAppliesOnceAndThenReportsUpToDate) {
    TempDir dir;
    CommandResult first = Nectr({"migrate", "--data-dir", dir.Path() + "/data"});
    EXPECT_EQ(first.exit_code, 0) << first.err;
    EXPECT_NE(first.out.find("applied: 0001_initial"), std::string::npos) << first.out;
    CommandResult second = Nectr({"migrate", "--data-dir", dir.Path() + "/data"});
    EXPECT_EQ(second.exit_code, 0) << second.err;
    EXPECT_NE(second.out.find("up to date"), std::string::npos) << second.out;
    CommandResult status = Nectr({"migrate", "--status", "--data-dir", dir.Path() + "/data"});
    EXPECT_EQ(status.exit_code, 0) << status.err;
    EXPECT_EQ(status.out.find("pending:"), std::string::npos) << status.out;
}

TEST(CliTest, DoctorSaysWhetherEmbeddingsAreConfiguredWithoutShowingTheKey) {
    TempDir dir;
    CommandResult off = Nectr({"doctor"}, CleanEnv(), dir.Path());
    EXPECT_EQ(off.exit_code, 0) << off.out << off.err;
    EXPECT_NE(off.out.find("[ok] embeddings: off (EMBEDDINGS_BASE_URL not set)"), std::string::npos)
        << off.out;
    CommandResult on = Nectr({"doctor"},
                             {{"EMBEDDINGS_BASE_URL", "http://127.0.0.1:11434/v1"},
                              {"EMBEDDINGS_MODEL", "nomic-embed-text"},
                              {"EMBEDDINGS_API_KEY", "sk-embeddings-secret"}},
                             dir.Path());
    EXPECT_EQ(on.exit_code, 0) << on.out << on.err;
    EXPECT_NE(on.out.find("embeddings: code search adds vectors of nomic-embed-text at "
                          "http://127.0.0.1:11434/v1"),
              std::string::npos)
        << on.out;
    EXPECT_NE(on.out.find("EMBEDDINGS_API_KEY = set (masked)"), std::string::npos) << on.out;
    EXPECT_EQ(on.out.find("sk-embeddings-secret"), std::string::npos) << "the key is masked";
    CommandResult no_model =
        Nectr({"doctor"}, {{"EMBEDDINGS_BASE_URL", "http://127.0.0.1:11434/v1"}}, dir.Path());
    EXPECT_EQ(no_model.exit_code, 2) << no_model.out;
    EXPECT_NE(no_model.err.find("EMBEDDINGS_MODEL is required"), std::string::npos) << no_model.err;
}

TEST(CliTest, DoctorFailsWhenTheDatabaseIsUnreachable) {
    TempDir dir;
    CommandResult result =
        Nectr({"doctor", "--json", "--database-url", "postgresql://nobody:pw@127.0.0.1:1/none"},
              CleanEnv(), dir.Path());
    EXPECT_EQ(result.exit_code, 1) << result.out;
    EXPECT_NE(result.out.find("\"healthy\":false"), std::string::npos) << result.out;
    EXPECT_EQ(result.out.find(":pw@"), std::string::npos) << "the password must be masked";
}

}  // namespace
}  // namespace nectr::testing

namespace nectr::testing {
namespace {

TEST(CliTest, WorkerStartsOnTheDatabaseAndStopsCleanlyOnSigterm) {
    TempDir dir;
    ChildProcess worker({NECTR_BINARY_PATH, "worker", "--workers", "3"}, {}, dir.Path());
    auto line = worker.WaitForStdoutLine("Nectr worker running", std::chrono::seconds(30));
    ASSERT_TRUE(line.has_value()) << worker.Stderr();
    EXPECT_NE(line->find("3 job slots"), std::string::npos) << *line;
    EXPECT_TRUE(std::filesystem::exists(dir.Path() + "/nectr-data/nectr.db"))
        << "the worker migrates and uses the same database as the server";
    worker.Signal(SIGTERM);
    EXPECT_EQ(worker.Wait(std::chrono::seconds(30)), 0) << worker.Stderr();
}

}  // namespace
}  // namespace nectr::testing
