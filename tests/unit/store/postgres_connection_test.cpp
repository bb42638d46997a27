#include "store/postgres_connection.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <optional>
#include <thread>

#include "store/postgres_database.hpp"
#include "store/sql.hpp"
#include "support/test_database.hpp"

namespace nectr::store {
namespace {

using core::Errc;

constexpr Query kBackendPid{"test.backend_pid", "", "SELECT pg_backend_pid() AS pid"};
constexpr Query kTerminate{"test.terminate", "", "SELECT pg_terminate_backend($1::int)"};
constexpr Query kBackendAlive{"test.backend_alive", "",
                              "SELECT COUNT(*) FROM pg_stat_activity WHERE pid = $1::int"};

// PostgreSQL only: what a broken server connection looks like, and libpq's type mapping.
class StorePostgresTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto created = testing::TestDatabase::Create(Engine::kPostgres);
        ASSERT_TRUE(created) << created.error().detail;
        test_database = std::move(*created);
        auto opened = test_database->Open();
        ASSERT_TRUE(opened) << opened.error().detail;
        admin = std::move(*opened);
    }

    void TearDown() override {
        admin.reset();
        test_database.reset();
    }

    std::int64_t BackendPid(Connection& conn) {
        Result<Rows> rows = conn.Execute(kBackendPid);
        if (!rows || rows->empty()) {
            ADD_FAILURE() << "cannot read the backend pid";
            return -1;
        }
        return AsInt(rows->rows.front().front()).value_or(-1);
    }

    // Ends a server session from another connection and waits until it is gone.
    void TerminateBackend(std::int64_t pid) {
        const Value params[] = {pid};
        Result<Rows> terminated = Execute(*admin, kTerminate, params);
        ASSERT_TRUE(terminated) << terminated.error().detail;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (std::chrono::steady_clock::now() < deadline) {
            Result<Rows> alive = Execute(*admin, kBackendAlive, params);
            ASSERT_TRUE(alive) << alive.error().detail;
            if (AsInt(alive->rows.at(0).at(0)) == 0) {
                return;
            }
            std::this_thread::yield();
        }
        FAIL() << "backend " << pid << " did not exit within 10 s";
    }

    std::unique_ptr<testing::TestDatabase> test_database;
    std::unique_ptr<Database> admin;  // a separate pool, used to kill the other's sessions
};

TEST_F(StorePostgresTest, ReportsABrokenConnectionAsUnavailableAndThePoolReconnects) {
    auto db = test_database->Open();
    ASSERT_TRUE(db) << db.error().detail;
    std::optional<PooledConnection> victim;
    {
        auto acquired = (*db)->Acquire();
        ASSERT_TRUE(acquired) << acquired.error().detail;
        victim.emplace(std::move(*acquired));
    }
    const std::int64_t pid = BackendPid(**victim);
    TerminateBackend(pid);

    Result<Rows> rows = (*victim)->Execute(sql::kHealthPing);

    ASSERT_FALSE(rows) << "the server ended this session";
    EXPECT_EQ(rows.error().code, Errc::kUnavailable) << rows.error().detail;
    EXPECT_FALSE((*victim)->IsHealthy());
    victim.reset();  // back to the pool, which must close it
    auto fresh = (*db)->Acquire();
    ASSERT_TRUE(fresh) << fresh.error().detail;
    EXPECT_NE(BackendPid(**fresh), pid) << "a new session replaces the broken one";
    EXPECT_TRUE((*fresh)->Execute(sql::kHealthPing));
}

TEST_F(StorePostgresTest, ReplacesAConnectionTheServerClosedWhileIdle) {
    DatabaseOptions options = test_database->Options();
    options.max_connections = 1;
    auto db = test_database->Open(options);
    ASSERT_TRUE(db) << db.error().detail;
    std::int64_t pid = -1;
    {
        auto conn = (*db)->Acquire();
        ASSERT_TRUE(conn) << conn.error().detail;
        pid = BackendPid(**conn);
    }
    TerminateBackend(pid);  // as a server restart would, while the connection sits idle

    Result<Rows> rows = Execute(**db, sql::kHealthPing);

    ASSERT_TRUE(rows) << "the pool notices the closed socket before handing it out: "
                      << rows.error().detail;
    auto conn = (*db)->Acquire();
    ASSERT_TRUE(conn) << conn.error().detail;
    EXPECT_NE(BackendPid(**conn), pid);
}

TEST_F(StorePostgresTest, MapsColumnTypesToValues) {
    static constexpr Query kTypes{
        "test.types", "",
        "SELECT true AS yes, false AS no, 2::smallint AS small, 7::int AS mid, "
        "1.5::numeric AS num, 2.5::real AS flt, 'x'::varchar AS txt, NULL::bigint AS nothing, "
        "'\\x00ff'::bytea AS raw, 'NaN'::float8 AS nan"};

    Result<Rows> rows = Execute(*admin, kTypes);

    ASSERT_TRUE(rows) << rows.error().detail;
    const std::vector<Value>& row = rows->rows.at(0);
    EXPECT_EQ(row.at(0), Value(std::int64_t{1}));
    EXPECT_EQ(row.at(1), Value(std::int64_t{0}));
    EXPECT_EQ(row.at(2), Value(std::int64_t{2}));
    EXPECT_EQ(row.at(3), Value(std::int64_t{7}));
    EXPECT_EQ(row.at(4), Value(1.5));
    EXPECT_EQ(row.at(5), Value(2.5));
    EXPECT_EQ(row.at(6), Value(std::string("x")));
    EXPECT_TRUE(IsNull(row.at(7)));
    EXPECT_EQ(row.at(8), Value(Blob{std::string("\0\xff", 2)}));
    ASSERT_TRUE(std::holds_alternative<double>(row.at(9)));
    EXPECT_TRUE(std::isnan(std::get<double>(row.at(9))));
}

TEST_F(StorePostgresTest, ReportsAStatementTimeoutAsTimeout) {
    auto conn = admin->Acquire();
    ASSERT_TRUE(conn) << conn.error().detail;
    ASSERT_TRUE((*conn)->ExecuteScript("SET statement_timeout = 50"));
    static constexpr Query kSleep{"test.sleep", "", "SELECT pg_sleep(5)"};

    Result<Rows> rows = (*conn)->Execute(kSleep);

    ASSERT_FALSE(rows);
    EXPECT_EQ(rows.error().code, Errc::kTimeout) << rows.error().detail;
    EXPECT_TRUE((*conn)->IsHealthy()) << "a cancelled statement leaves the session usable";
    ASSERT_TRUE((*conn)->ExecuteScript("RESET statement_timeout"));
}

TEST_F(StorePostgresTest, KeepsNoticesOutOfTheResult) {
    auto conn = admin->Acquire();
    ASSERT_TRUE(conn) << conn.error().detail;
    ASSERT_TRUE((*conn)->Execute(sql::kSchemaCreateMigrationsTable));

    Result<Rows> again = (*conn)->Execute(sql::kSchemaCreateMigrationsTable);

    EXPECT_TRUE(again) << "\"already exists, skipping\" is a notice, not an error";
}

TEST_F(StorePostgresTest, ReportsCommittingAFailedTransactionAsAnError) {
    auto conn = admin->Acquire();
    ASSERT_TRUE(conn) << conn.error().detail;
    ASSERT_TRUE((*conn)->Begin());
    static constexpr Query kFail{"test.fail", "", "SELECT 1 / 0"};
    ASSERT_FALSE((*conn)->Execute(kFail));

    Result<void> committed = (*conn)->Commit();

    EXPECT_FALSE(committed) << "PostgreSQL rolls back; saying \"committed\" would be a lie";
    EXPECT_TRUE((*conn)->IsHealthy()) << "the transaction is closed either way";
}

TEST(StorePostgresUrlTest, AnUnreachableServerFailsAcquireNotOpen) {
    DatabaseOptions options;
    options.url = "postgresql://nectr:s3cretpw@127.0.0.1:1/nectr";
    options.connect_timeout = std::chrono::seconds(2);

    auto db = OpenDatabase(options);

    ASSERT_TRUE(db) << "PostgreSQL connects lazily: " << db.error().detail;
    EXPECT_EQ((*db)->GetEngine(), Engine::kPostgres);
    auto conn = (*db)->Acquire();
    ASSERT_FALSE(conn);
    EXPECT_EQ(conn.error().code, Errc::kUnavailable) << conn.error().detail;
    EXPECT_EQ(conn.error().detail.find("s3cretpw"), std::string::npos) << conn.error().detail;
    EXPECT_EQ((*db)->Describe(), "postgresql://nectr:***@127.0.0.1:1/nectr");
}

TEST(StorePostgresUrlTest, DropsTheDriverSuffixAndAddsDefaults) {
    auto conninfo =
        PostgresConnectionString("postgresql+asyncpg://u:p@db:5433/nectr", std::chrono::seconds(7));

    ASSERT_TRUE(conninfo) << conninfo.error().detail;
    EXPECT_EQ(*conninfo,
              "postgresql://u:p@db:5433/nectr?connect_timeout=7&fallback_application_name=nectr"
              "&client_encoding=UTF8");
}

TEST(StorePostgresUrlTest, KeepsSettingsTheUrlAlreadyHas) {
    auto conninfo = PostgresConnectionString(
        "postgres://db/nectr?connect_timeout=2&sslmode=require", std::chrono::seconds(7));

    ASSERT_TRUE(conninfo) << conninfo.error().detail;
    EXPECT_NE(conninfo->find("connect_timeout=2"), std::string::npos) << *conninfo;
    EXPECT_EQ(conninfo->find("connect_timeout=7"), std::string::npos) << *conninfo;
    EXPECT_NE(conninfo->find("sslmode=require"), std::string::npos) << *conninfo;
}

TEST(StorePostgresUrlTest, RejectsAnUnparsableUrlWithoutShowingThePassword) {
    auto conninfo = PostgresConnectionString("postgresql://u:s3cretpw@db/nectr?no_such_option=1",
                                             std::chrono::seconds(5));

    ASSERT_FALSE(conninfo);
    EXPECT_EQ(conninfo.error().code, Errc::kInvalidInput);
    EXPECT_NE(conninfo.error().detail.find("no_such_option"), std::string::npos)
        << "the message says what is wrong: " << conninfo.error().detail;
    EXPECT_EQ(conninfo.error().detail.find("s3cretpw"), std::string::npos)
        << conninfo.error().detail;
}

}  // namespace
}  // namespace nectr::store
