#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"
#include "support/test_database.hpp"

namespace nectr::store {

// Base of the tests that run on both engines: each test gets a fresh, empty database.
class StoreEngineTest : public ::testing::TestWithParam<Engine> {
protected:
    void SetUp() override {
        auto created = testing::TestDatabase::Create(GetParam());
        ASSERT_TRUE(created) << created.error().detail;
        test_database = std::move(*created);
        auto opened = test_database->Open();
        ASSERT_TRUE(opened) << opened.error().detail;
        database = std::move(*opened);
    }

    void TearDown() override {
        database.reset();  // before the schema is dropped
        test_database.reset();
    }

    bool IsSqlite() const { return GetParam() == Engine::kSqlite; }

    // Runs one statement; a failure fails the test and yields no rows.
    Rows MustRun(const Query& query, const std::vector<Value>& params = {}) {
        Result<Rows> rows = Execute(*database, query, params);
        if (!rows) {
            ADD_FAILURE() << "query " << query.name << " failed: " << rows.error().detail;
            return {};
        }
        return std::move(*rows);
    }

    // The first column of the first row as an integer (-1 when there is none).
    std::int64_t MustRunScalar(const Query& query, const std::vector<Value>& params = {}) {
        Rows rows = MustRun(query, params);
        if (rows.empty() || rows.rows.front().empty()) {
            ADD_FAILURE() << "query " << query.name << " returned no value";
            return -1;
        }
        return AsInt(rows.rows.front().front()).value_or(-1);
    }

    bool TableExists(std::string_view table) {
        static constexpr Query kTableExists{
            "test.table_exists",
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $1",
            "SELECT COUNT(*) FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_name = $1"};
        return MustRunScalar(kTableExists, {std::string(table)}) == 1;
    }

    std::int64_t CountRows(std::string_view table) {
        const std::string text = "SELECT COUNT(*) FROM " + std::string(table);
        return MustRunScalar(Query{"test.count_rows", text, text});
    }

    std::unique_ptr<testing::TestDatabase> test_database;
    std::unique_ptr<Database> database;
};

}  // namespace nectr::store
