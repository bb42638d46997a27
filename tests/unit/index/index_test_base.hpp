#pragma once

// Base of the engine-parameterised index tests: a migrated database per test and helpers to
// read what the index wrote.
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "index/indexer.hpp"
#include "store/database.hpp"
#include "support/test_database.hpp"

namespace nectr::index {

class IndexTest : public testing::MigratedDatabaseTest {
protected:
    // Indexes `path`; a failure fails the test.
    IndexSummary MustIndex(const std::string& path, const std::string& name = "acme/fixture") {
        IndexRequest request;
        request.path = path;
        request.repository_full_name = name;
        request.batch_files = 4;  // several batches, so that batching is exercised too
        auto summary = IndexCheckout(*db_, request);
        EXPECT_TRUE(summary) << summary.error().detail;
        return summary ? *summary : IndexSummary{};
    }

    store::Rows MustRun(const store::Query& query, const std::vector<store::Value>& params) {
        auto rows = store::Execute(*db_, query, params);
        EXPECT_TRUE(rows) << query.name << ": " << rows.error().detail;
        return rows ? std::move(*rows) : store::Rows{};
    }

    std::int64_t Scalar(const store::Query& query, const std::vector<store::Value>& params) {
        store::Rows rows = MustRun(query, params);
        return rows.empty() ? -1 : store::AsInt(rows.rows[0][0]).value_or(-1);
    }
};

}  // namespace nectr::index
