// `nectr index` as a user runs it: a checkout indexed into the configured database, refreshed,
// and refused with exit code 2 when the arguments are wrong.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/process.hpp"
#include "support/test_database.hpp"
#include "unit/index/fixture_repo.hpp"

namespace nectr::testing {
namespace {

CommandResult Nectr(std::vector<std::string> args) {
    args.insert(args.begin(), NECTR_BINARY_PATH);
    return RunCommand(std::move(args), {}, std::chrono::seconds(120));
}

class IndexCommandTest : public ::testing::Test {
protected:
    void SetUp() override {
        checkout = dir.Path() + "/checkout";
        index::fixture::CreateRepository(checkout);
        data_dir = dir.Path() + "/data";
    }

    TempDir dir;
    std::string checkout;
    std::string data_dir;
};

TEST_F(IndexCommandTest, IndexesACheckoutAndThenOnlyWhatChanged) {
    CommandResult first =
        Nectr({"index", checkout, "--repo", "acme/fixture", "--data-dir", data_dir});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_NE(first.out.find("indexed acme/fixture at "), std::string::npos) << first.out;
    EXPECT_NE(first.out.find("16 files (16 parsed, 0 removed)"), std::string::npos) << first.out;
    EXPECT_NE(first.out.find(" symbols, "), std::string::npos) << first.out;
    EXPECT_NE(first.out.find("imported history of acme/fixture: 1 commits read, 1 new"),
              std::string::npos)
        << "the checkout's commits join the knowledge graph\n"
        << first.out;
    EXPECT_NE(first.err.find("nectr: indexed 16/16 files"), std::string::npos)
        << "standard error is no terminal here: plain progress lines\n"
        << first.err;
    EXPECT_EQ(first.err.find("store.migrat"), std::string::npos)
        << "routine log lines stay out of the progress\n"
        << first.err;

    index::fixture::WriteFile(checkout, "src/app.ts", "export const changed = 1;\n");
    CommandResult second =
        Nectr({"index", checkout, "--repo", "acme/fixture", "--data-dir", data_dir, "--quiet"});
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_NE(second.out.find("16 files (1 parsed, 0 removed)"), std::string::npos) << second.out;
    EXPECT_NE(second.out.find("0 commits read, 0 new"), std::string::npos)
        << "the history import continues from where the last one stopped\n"
        << second.out;
    EXPECT_EQ(second.err, "") << "--quiet prints no progress";
}

TEST_F(IndexCommandTest, NamesTheRepositoryAfterTheDirectoryWithoutAnOrigin) {
    CommandResult result = Nectr({"index", checkout, "--data-dir", data_dir, "--quiet"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("indexed local/checkout"), std::string::npos) << result.out;
}

TEST_F(IndexCommandTest, WritesToPostgreSqlWhenTheDatabaseUrlSaysSo) {
    auto database = TestDatabase::Create(store::Engine::kPostgres);
    ASSERT_TRUE(database) << database.error().detail;
    CommandResult result = Nectr({"index", checkout, "--repo", "acme/fixture", "--database-url",
                                  (*database)->Url(), "--data-dir", data_dir, "--quiet"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("16 files (16 parsed"), std::string::npos) << result.out;
}

TEST_F(IndexCommandTest, BadArgumentsExitWithTwo) {
    CommandResult missing = Nectr({"index", dir.Path() + "/nope", "--data-dir", data_dir});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("is not a directory"), std::string::npos) << missing.err;
    CommandResult bad_repo =
        Nectr({"index", checkout, "--repo", "no-slash", "--data-dir", data_dir});
    EXPECT_EQ(bad_repo.exit_code, 2);
    EXPECT_NE(bad_repo.err.find("owner/name"), std::string::npos) << bad_repo.err;
    EXPECT_FALSE(std::filesystem::exists(data_dir)) << "nothing is written before the checks";
}

}  // namespace
}  // namespace nectr::testing
