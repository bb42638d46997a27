#pragma once

// A migrated database of either engine with a MemoryStore on it and a clock the test moves.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "core/clock.hpp"
#include "memory/memory_store.hpp"
#include "support/test_database.hpp"

namespace nectr::memory::test {

// 2024-03-10T12:00:00Z.
inline constexpr std::int64_t kStartMs = 1'710'072'000'000;
inline constexpr std::int64_t kDayMs = 86'400'000;

class SettableClock final : public core::Clock {
public:
    std::chrono::system_clock::time_point Now() const override {
        return std::chrono::system_clock::time_point(std::chrono::milliseconds(now_ms_.load()));
    }
    std::chrono::steady_clock::time_point Steady() const override {
        return std::chrono::steady_clock::now();
    }
    void Set(std::int64_t ms) { now_ms_ = ms; }
    void Advance(std::int64_t ms) { now_ms_ += ms; }

private:
    std::atomic<std::int64_t> now_ms_{kStartMs};
};

class MemoryDbTest : public ::testing::TestWithParam<store::Engine> {
protected:
    void SetUp() override {
        auto created = testing::TestDatabase::Create(GetParam());
        ASSERT_TRUE(created) << created.error().detail;
        test_database_ = std::move(*created);
        auto opened = test_database_->OpenMigrated();
        ASSERT_TRUE(opened) << opened.error().detail;
        db_ = std::move(*opened);
        store_ = std::make_unique<MemoryStore>(*db_, clock_);
    }

    void TearDown() override {
        store_.reset();
        db_.reset();
        test_database_.reset();
    }

    MemoryStore& Store() { return *store_; }

    // A repository memory of `repo`, stored (a test failure when it cannot be).
    AddResult Remember(const std::string& repo, const std::string& content,
                       MemoryType type = MemoryType::kConvention, double confidence = 0.5) {
        NewMemory memory;
        memory.repo_full_name = repo;
        memory.type = type;
        memory.content = content;
        memory.confidence = confidence;
        auto added = store_->Add(memory);
        EXPECT_TRUE(added) << added.error().detail;
        return added ? *added : AddResult{};
    }

    std::int64_t CountMemories() {
        auto rows = store::Execute(*db_, store::Query{"test.count", "SELECT COUNT(*) FROM memories",
                                                      "SELECT COUNT(*) FROM memories"});
        EXPECT_TRUE(rows) << rows.error().detail;
        return rows ? store::AsInt(rows->rows.front().front()).value_or(-1) : -1;
    }

    SettableClock clock_;
    std::unique_ptr<testing::TestDatabase> test_database_;
    std::unique_ptr<store::Database> db_;
    std::unique_ptr<MemoryStore> store_;
};

}  // namespace nectr::memory::test
