#include "store/migrator.hpp"

#include <gtest/gtest.h>

#include <array>
#include <thread>

#include "store/sql.hpp"
#include "store_test_fixture.hpp"

namespace nectr::store {
namespace {

using core::Errc;

class StoreMigratorTest : public StoreEngineTest {};

constexpr std::array kSeedTables = {"users",          "installations", "events",
                                    "workflow_runs",  "oauth_states",  "reviews",
                                    "review_comments"};

// A good migration followed by one whose second statement fails.
constexpr std::array kGoodThenBroken = {
    Migration{1, "widgets", "CREATE TABLE widgets (id INTEGER PRIMARY KEY)",
              "CREATE TABLE widgets (id INTEGER PRIMARY KEY)"},
    Migration{
        2, "broken",
        "CREATE TABLE gadgets (id INTEGER PRIMARY KEY); INSERT INTO no_such_table VALUES (1)",
        "CREATE TABLE gadgets (id INTEGER PRIMARY KEY); INSERT INTO no_such_table VALUES (1)"},
};

TEST_P(StoreMigratorTest, ReportsVersionZeroForAnEmptyDatabase) {
    Result<int> version = CurrentSchemaVersion(*database);
    ASSERT_TRUE(version) << version.error().detail;
    EXPECT_EQ(*version, 0);
}

TEST_P(StoreMigratorTest, AppliesEveryMigrationToAnEmptyDatabaseAndRecordsEach) {
    const auto migrations = sql::AllMigrations();
    ASSERT_FALSE(migrations.empty());

    Result<MigrationReport> report = ApplyMigrations(*database, migrations);

    ASSERT_TRUE(report) << report.error().detail;
    EXPECT_EQ(report->from_version, 0);
    EXPECT_EQ(report->to_version, migrations.back().version);
    ASSERT_EQ(report->applied.size(), migrations.size());
    EXPECT_EQ(report->applied.front(), "0001_initial");
    EXPECT_EQ(CountRows("schema_migrations"), static_cast<std::int64_t>(migrations.size()));
    for (const char* table : kSeedTables) {
        EXPECT_TRUE(TableExists(table)) << "migration 0001 should create " << table;
    }
    Result<int> version = CurrentSchemaVersion(*database);
    ASSERT_TRUE(version) << version.error().detail;
    EXPECT_EQ(*version, migrations.back().version);
}

TEST_P(StoreMigratorTest, ApplyingTwiceChangesNothingTheSecondTime) {
    const auto migrations = sql::AllMigrations();
    ASSERT_TRUE(ApplyMigrations(*database, migrations));

    Result<MigrationReport> again = ApplyMigrations(*database, migrations);

    ASSERT_TRUE(again) << again.error().detail;
    EXPECT_TRUE(again->applied.empty()) << "nothing is left to apply";
    EXPECT_EQ(again->from_version, migrations.back().version);
    EXPECT_EQ(again->to_version, migrations.back().version);
    EXPECT_EQ(CountRows("schema_migrations"), static_cast<std::int64_t>(migrations.size()));
}

TEST_P(StoreMigratorTest, ABrokenMigrationLeavesTheDatabaseAsItWasBeforeIt) {
    Result<MigrationReport> report = ApplyMigrations(*database, kGoodThenBroken);

    ASSERT_FALSE(report) << "migration 2 inserts into a table that does not exist";
    EXPECT_EQ(report.error().code, Errc::kInvalidInput);
    EXPECT_NE(report.error().detail.find("0002_broken"), std::string::npos)
        << report.error().detail;
    EXPECT_TRUE(TableExists("widgets")) << "migration 1 succeeded and stays applied";
    EXPECT_FALSE(TableExists("gadgets")) << "migration 2's first statement must be rolled back";
    EXPECT_EQ(CountRows("schema_migrations"), 1) << "only migration 1 is recorded";
    Result<int> version = CurrentSchemaVersion(*database);
    ASSERT_TRUE(version) << version.error().detail;
    EXPECT_EQ(*version, 1);
}

TEST_P(StoreMigratorTest, ABrokenFirstMigrationLeavesNoTableAndNoRecord) {
    Migration broken = kGoodThenBroken[1];
    broken.version = 1;
    const std::array list = {broken};

    ASSERT_FALSE(ApplyMigrations(*database, list));

    EXPECT_FALSE(TableExists("gadgets"));
    EXPECT_TRUE(!TableExists("schema_migrations") || CountRows("schema_migrations") == 0)
        << "a failed migration must not be recorded";
    Result<int> version = CurrentSchemaVersion(*database);
    ASSERT_TRUE(version) << version.error().detail;
    EXPECT_EQ(*version, 0);
}

TEST_P(StoreMigratorTest, RefusesADatabaseNewerThanTheBinary) {
    const auto migrations = sql::AllMigrations();
    ASSERT_TRUE(ApplyMigrations(*database, migrations));
    const int future = migrations.back().version + 1;
    MustRun(sql::kSchemaRecordMigration,
            {static_cast<std::int64_t>(future), std::string("from_the_future"),
             static_cast<std::int64_t>(0)});

    Result<MigrationReport> report = ApplyMigrations(*database, migrations);

    ASSERT_FALSE(report);
    EXPECT_EQ(report.error().code, Errc::kConflict);
    EXPECT_NE(report.error().detail.find("newer"), std::string::npos) << report.error().detail;
    EXPECT_NE(report.error().detail.find(std::to_string(future)), std::string::npos)
        << "the message names the database's version: " << report.error().detail;
}

TEST_P(StoreMigratorTest, RejectsAMigrationListWithAGap) {
    const std::array gap = {kGoodThenBroken[0], Migration{3, "three", "SELECT 1", "SELECT 1"}};

    Result<MigrationReport> report = ApplyMigrations(*database, gap);

    ASSERT_FALSE(report);
    EXPECT_EQ(report.error().code, Errc::kInternal);
    EXPECT_FALSE(TableExists("widgets")) << "nothing runs when the list is malformed";
}

TEST_P(StoreMigratorTest, MigratorsStartingTogetherApplyEachMigrationOnce) {
    const auto migrations = sql::AllMigrations();
    auto other = test_database->Open();
    ASSERT_TRUE(other) << other.error().detail;
    Result<MigrationReport> first = core::MakeError(Errc::kInternal, "not run");
    Result<MigrationReport> second = core::MakeError(Errc::kInternal, "not run");

    std::thread racer([&] { second = ApplyMigrations(**other, migrations); });
    first = ApplyMigrations(*database, migrations);
    racer.join();

    ASSERT_TRUE(first) << first.error().detail;
    ASSERT_TRUE(second) << second.error().detail;
    EXPECT_EQ(first->applied.size() + second->applied.size(), migrations.size())
        << "each migration runs in exactly one of the two";
    EXPECT_EQ(CountRows("schema_migrations"), static_cast<std::int64_t>(migrations.size()));
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreMigratorTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         testing::EngineParamName);

}  // namespace
}  // namespace nectr::store
