#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/error.hpp"
#include "store/database.hpp"

namespace nectr::testing {

// The environment variable that points PostgreSQL tests at a server; scripts/test.sh sets it
// to a throwaway cluster that scripts/pg_cluster.sh started.
inline constexpr const char* kPostgresUrlVariable = "NECTR_TEST_POSTGRES_URL";

// A fresh, empty database for one test, removed when this object is destroyed. SQLite: a file
// in a new temporary folder. PostgreSQL: a new schema `t_<random>` in the database that
// NECTR_TEST_POSTGRES_URL names; the URL carries `options=-csearch_path=<schema>`, so every
// connection opened with it works in that schema. Destroy the store::Database opened on it
// first: dropping the schema waits for sessions that hold locks in it.
class TestDatabase {
public:
    // Makes the database. Blocks. Errors: kUnavailable when PostgreSQL is asked for and
    // NECTR_TEST_POSTGRES_URL is unset (the message says how to set it) or the server cannot be
    // reached; kInternal when the temporary folder cannot be made.
    static core::Result<std::unique_ptr<TestDatabase>> Create(store::Engine engine);
    ~TestDatabase();
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    store::Engine GetEngine() const { return engine_; }
    // The URL of the fresh database (with its search_path on PostgreSQL).
    const std::string& Url() const { return url_; }
    // PostgreSQL: the schema's name. SQLite: empty.
    const std::string& Schema() const { return schema_; }
    // SQLite: the temporary folder that holds the file. PostgreSQL: empty.
    const std::string& Folder() const { return folder_; }

    // Options for store::OpenDatabase: this URL, a pool of 4 and timeouts of a few seconds,
    // so that a hang fails the test instead of stalling it.
    store::DatabaseOptions Options() const;

    // Opens the database with Options(), or with `options` whose url is replaced by Url().
    core::Result<std::unique_ptr<store::Database>> Open() const;
    core::Result<std::unique_ptr<store::Database>> Open(store::DatabaseOptions options) const;
    // Open(), then every migration the binary embeds: the schema the server itself would run on.
    core::Result<std::unique_ptr<store::Database>> OpenMigrated() const;

private:
    TestDatabase(store::Engine engine, std::string url, std::string folder, std::string schema,
                 std::string admin_url);

    store::Engine engine_;
    std::string url_;
    std::string folder_;
    std::string schema_;
    std::string admin_url_;  // PostgreSQL: the URL without the search_path, to drop the schema
};

// Names the instances of an engine-parameterised test: "Sqlite" and "Postgres".
std::string EngineParamName(const ::testing::TestParamInfo<store::Engine>& info);

// Base of a test that runs on both engines over a fresh database with every migration:
// `Db()` in SetUp and the test; a failure to make it fails the test in SetUp.
class MigratedDatabaseTest : public ::testing::TestWithParam<store::Engine> {
protected:
    void SetUp() override {
        auto created = TestDatabase::Create(GetParam());
        ASSERT_TRUE(created) << created.error().detail;
        test_database_ = std::move(*created);
        auto opened = test_database_->OpenMigrated();
        ASSERT_TRUE(opened) << opened.error().detail;
        db_ = std::move(*opened);
    }
    // The database closes before its schema or folder goes (see TestDatabase).
    void TearDown() override {
        db_.reset();
        test_database_.reset();
    }

    store::Database& Db() { return *db_; }

    std::unique_ptr<TestDatabase> test_database_;
    std::unique_ptr<store::Database> db_;
};

}  // namespace nectr::testing
