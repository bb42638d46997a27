#include "store/database.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <thread>
#include <vector>

#include "store/migrator.hpp"
#include "store/sql.hpp"
#include "store_test_fixture.hpp"

namespace nectr::store {
namespace {

using core::Errc;

class StoreDatabaseTest : public StoreEngineTest {
protected:
    void Migrate() {
        Result<MigrationReport> report = ApplyMigrations(*database, sql::AllMigrations());
        ASSERT_TRUE(report) << report.error().detail;
    }

    static constexpr Query kInsertUser{
        "test.insert_user",
        "INSERT INTO users (github_id, github_username, created_at, updated_at) "
        "VALUES ($1, $2, 0, 0)",
        "INSERT INTO users (github_id, github_username, created_at, updated_at) "
        "VALUES ($1, $2, 0, 0)"};

    Result<Rows> InsertUser(Connection& conn, std::int64_t github_id) {
        const Value params[] = {github_id, std::string("octocat")};
        return conn.Execute(kInsertUser, params);
    }
};

TEST_P(StoreDatabaseTest, PreparesEveryEmbeddedQueryAfterMigrating) {
    Migrate();
    auto conn = database->Acquire();
    ASSERT_TRUE(conn) << conn.error().detail;
    ASSERT_FALSE(sql::AllQueries().empty());
    for (const Query* query : sql::AllQueries()) {
        Result<void> prepared = (*conn)->Prepare(*query);
        EXPECT_TRUE(prepared) << query->name << ": " << prepared.error().detail;
    }
}

TEST_P(StoreDatabaseTest, AnswersThePing) { EXPECT_EQ(MustRunScalar(sql::kHealthPing), 1); }

TEST_P(StoreDatabaseTest, RoundTripsEveryValueTypeIncludingNull) {
    const std::string ddl = IsSqlite() ? "CREATE TABLE samples (id INTEGER PRIMARY KEY, i INTEGER, "
                                         "r REAL, t TEXT, b BLOB)"
                                       : "CREATE TABLE samples (id BIGINT PRIMARY KEY, i BIGINT, "
                                         "r DOUBLE PRECISION, t TEXT, b BYTEA)";
    auto conn = database->Acquire();
    ASSERT_TRUE(conn) << conn.error().detail;
    ASSERT_TRUE((*conn)->ExecuteScript(ddl));
    std::string all_bytes;
    for (int i = 0; i < 256 * 64; ++i) {
        all_bytes.push_back(static_cast<char>(i % 256));
    }
    const std::vector<std::vector<Value>> samples = {
        {Null(), Null(), Null(), Null()},
        {std::numeric_limits<std::int64_t>::max(), 0.1,
         std::string("h\u00e9llo \u65e5\u672c \U0001F41D"), Blob{std::string("\0a\0b\0", 5)}},
        {std::numeric_limits<std::int64_t>::min(), -1.0e300, std::string(""), Blob{}},
        {std::int64_t{0}, 1.0 / 3.0, std::string(10000, 'x'), Blob{all_bytes}},
    };
    static constexpr Query kInsert{
        "test.insert_sample", "INSERT INTO samples (id, i, r, t, b) VALUES ($1, $2, $3, $4, $5)",
        "INSERT INTO samples (id, i, r, t, b) VALUES ($1, $2, $3, $4, $5)"};
    for (std::size_t n = 0; n < samples.size(); ++n) {
        std::vector<Value> params = {static_cast<std::int64_t>(n)};
        params.insert(params.end(), samples[n].begin(), samples[n].end());
        Result<Rows> inserted = (*conn)->Execute(kInsert, params);
        ASSERT_TRUE(inserted) << "sample " << n << ": " << inserted.error().detail;
        EXPECT_EQ(inserted->affected_rows, 1);
    }
    static constexpr Query kSelect{"test.select_samples",
                                   "SELECT i, r, t, b FROM samples ORDER BY id",
                                   "SELECT i, r, t, b FROM samples ORDER BY id"};

    Result<Rows> rows = (*conn)->Execute(kSelect);

    ASSERT_TRUE(rows) << rows.error().detail;
    EXPECT_EQ(rows->columns, (std::vector<std::string>{"i", "r", "t", "b"}));
    EXPECT_EQ(rows->affected_rows, 0) << "a SELECT changes nothing";
    ASSERT_EQ(rows->size(), samples.size());
    for (std::size_t n = 0; n < samples.size(); ++n) {
        EXPECT_EQ(rows->rows[n], samples[n]) << "sample " << n << " came back different";
    }
}

TEST_P(StoreDatabaseTest, CountsTheRowsAStatementChanged) {
    Migrate();
    auto conn = database->Acquire();
    ASSERT_TRUE(conn) << conn.error().detail;
    ASSERT_TRUE(InsertUser(**conn, 1));
    ASSERT_TRUE(InsertUser(**conn, 2));
    static constexpr Query kRename{"test.rename_users", "UPDATE users SET github_username = $1",
                                   "UPDATE users SET github_username = $1"};
    const Value name[] = {std::string("hubot")};

    Result<Rows> renamed = (*conn)->Execute(kRename, name);

    ASSERT_TRUE(renamed) << renamed.error().detail;
    EXPECT_EQ(renamed->affected_rows, 2);
    Result<Rows> pinged = (*conn)->Execute(sql::kHealthPing);
    ASSERT_TRUE(pinged) << pinged.error().detail;
    EXPECT_EQ(pinged->affected_rows, 0) << "the previous UPDATE's count must not leak";
}

TEST_P(StoreDatabaseTest, ReportsAUniqueViolationAsAConflictWithoutTheValue) {
    Migrate();
    auto conn = database->Acquire();
    ASSERT_TRUE(conn) << conn.error().detail;
    ASSERT_TRUE(InsertUser(**conn, 987654321));

    Result<Rows> duplicate = InsertUser(**conn, 987654321);

    ASSERT_FALSE(duplicate);
    EXPECT_EQ(duplicate.error().code, Errc::kConflict) << duplicate.error().detail;
    EXPECT_NE(duplicate.error().detail.find("test.insert_user"), std::string::npos)
        << "the error names the query: " << duplicate.error().detail;
    EXPECT_EQ(duplicate.error().detail.find("987654321"), std::string::npos)
        << "parameter values never appear in errors: " << duplicate.error().detail;
}

TEST_P(StoreDatabaseTest, ReportsAMissingParentRowAsAConflict) {
    Migrate();
    static constexpr Query kInstall{
        "test.insert_installation",
        "INSERT INTO installations (user_id, repo_full_name, installed_at, updated_at) "
        "VALUES ($1, 'o/r', 0, 0)",
        "INSERT INTO installations (user_id, repo_full_name, installed_at, updated_at) "
        "VALUES ($1, 'o/r', 0, 0)"};

    Result<Rows> orphan = Execute(*database, kInstall, std::vector<Value>{std::int64_t{424242}});

    ASSERT_FALSE(orphan) << "foreign keys must be enforced";
    EXPECT_EQ(orphan.error().code, Errc::kConflict) << orphan.error().detail;
}

TEST_P(StoreDatabaseTest, ReportsASyntaxErrorAsInvalidInputNamingTheQuery) {
    static constexpr Query kTypo{"test.typo", "SELEC 1", "SELEC 1"};

    Result<Rows> rows = Execute(*database, kTypo);

    ASSERT_FALSE(rows);
    EXPECT_EQ(rows.error().code, Errc::kInvalidInput);
    EXPECT_NE(rows.error().detail.find("test.typo"), std::string::npos) << rows.error().detail;
}

TEST_P(StoreDatabaseTest, RejectsTheWrongNumberOfParameters) {
    static constexpr Query kTwo{"test.two_params", "SELECT $1 || $2 AS joined",
                                "SELECT $1::text || $2::text AS joined"};

    Result<Rows> rows = Execute(*database, kTwo, std::vector<Value>{std::string("only one")});

    ASSERT_FALSE(rows);
    EXPECT_EQ(rows.error().code, Errc::kInternal) << rows.error().detail;
    Result<Rows> good =
        Execute(*database, kTwo, std::vector<Value>{std::string("a"), std::string("b")});
    ASSERT_TRUE(good) << "the connection stays usable: " << good.error().detail;
    EXPECT_EQ(AsText(good->rows.at(0).at(0)), "ab");
}

TEST_P(StoreDatabaseTest, DoesNotReuseAStatementWhenTheQueryTextChangedInPlace) {
    std::string text = "SELECT 1 AS n";
    const Query query{"test.mutable", text, text};
    EXPECT_EQ(MustRunScalar(query), 1);

    text[7] = '2';  // same address, different statement

    EXPECT_EQ(MustRunScalar(query), 2);
}

TEST_P(StoreDatabaseTest, InTransactionCommitsWhenTheWorkSucceeds) {
    Migrate();

    Result<void> done = InTransaction(*database, [&](Connection& conn) -> Result<void> {
        if (auto inserted = InsertUser(conn, 1); !inserted) {
            return inserted.error();
        }
        if (auto inserted = InsertUser(conn, 2); !inserted) {
            return inserted.error();
        }
        return {};
    });

    ASSERT_TRUE(done) << done.error().detail;
    EXPECT_EQ(CountRows("users"), 2);
}

TEST_P(StoreDatabaseTest, InTransactionRollsBackWhenTheWorkReturnsAnError) {
    Migrate();

    Result<void> done = InTransaction(*database, [&](Connection& conn) -> Result<void> {
        if (auto inserted = InsertUser(conn, 1); !inserted) {
            return inserted.error();
        }
        return core::MakeError(Errc::kNotFound, "the caller changed its mind");
    });

    ASSERT_FALSE(done);
    EXPECT_EQ(done.error().code, Errc::kNotFound) << "the work's own error comes back";
    EXPECT_EQ(CountRows("users"), 0) << "the insert inside the transaction is undone";
}

TEST_P(StoreDatabaseTest, InTransactionRollsBackWhenAStatementFails) {
    Migrate();
    {
        auto conn = database->Acquire();
        ASSERT_TRUE(conn) << conn.error().detail;
        ASSERT_TRUE(InsertUser(**conn, 7));
    }

    Result<void> done = InTransaction(*database, [&](Connection& conn) -> Result<void> {
        if (auto inserted = InsertUser(conn, 8); !inserted) {
            return inserted.error();
        }
        if (auto inserted = InsertUser(conn, 7); !inserted) {
            return inserted.error();
        }
        return {};
    });

    ASSERT_FALSE(done);
    EXPECT_EQ(done.error().code, Errc::kConflict);
    EXPECT_EQ(CountRows("users"), 1) << "user 8 was inserted in the failed transaction";
    auto conn = database->Acquire();
    ASSERT_TRUE(conn) << conn.error().detail;
    EXPECT_TRUE((*conn)->IsHealthy()) << "the connection is back in a clean state";
}

TEST_P(StoreDatabaseTest, PoolHandsOutAtMostMaxConnectionsThenTimesOut) {
    DatabaseOptions options = test_database->Options();
    options.max_connections = 2;
    options.acquire_timeout = std::chrono::milliseconds(200);
    auto db = test_database->Open(options);
    ASSERT_TRUE(db) << db.error().detail;
    std::optional<PooledConnection> first;
    auto a = (*db)->Acquire();
    ASSERT_TRUE(a) << a.error().detail;
    first.emplace(std::move(*a));
    auto second = (*db)->Acquire();
    ASSERT_TRUE(second) << second.error().detail;

    const auto started = std::chrono::steady_clock::now();
    auto third = (*db)->Acquire();
    const auto waited = std::chrono::steady_clock::now() - started;

    ASSERT_FALSE(third) << "a third connection must not be handed out";
    EXPECT_EQ(third.error().code, Errc::kTimeout) << third.error().detail;
    EXPECT_GE(waited, std::chrono::milliseconds(150)) << "it waits for the acquire timeout";
    first.reset();
    auto after_release = (*db)->Acquire();
    EXPECT_TRUE(after_release) << "a returned connection is handed out again";
}

TEST_P(StoreDatabaseTest, ConcurrentWritersAllCommit) {
    Migrate();
    constexpr int kThreads = 4;
    constexpr int kPerThread = 20;
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    threads.reserve(kThreads);
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kPerThread; ++i) {
                Result<void> done = InTransaction(*database, [&](Connection& conn) -> Result<void> {
                    auto inserted = InsertUser(conn, t * 1000 + i);
                    if (!inserted) {
                        return inserted.error();
                    }
                    return {};
                });
                if (!done) {
                    ++failures;
                }
            }
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(failures.load(), 0) << "writers wait for the lock instead of failing";
    EXPECT_EQ(CountRows("users"), kThreads * kPerThread);
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreDatabaseTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         testing::EngineParamName);

}  // namespace
}  // namespace nectr::store
