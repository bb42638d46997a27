#include "store/connection_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

namespace nectr::store {
namespace {

using core::Errc;
using std::chrono::milliseconds;

// A connection that does nothing; the test decides whether it is healthy.
class FakeConnection final : public Connection {
public:
    explicit FakeConnection(std::shared_ptr<std::atomic<bool>> healthy)
        : healthy_(std::move(healthy)) {}
    Result<Rows> Execute(const Query&, std::span<const Value>) override { return Rows{}; }
    Result<void> Prepare(const Query&) override { return {}; }
    Result<void> ExecuteScript(std::string_view) override { return {}; }
    Result<void> Begin() override { return {}; }
    Result<void> Commit() override { return {}; }
    Result<void> Rollback() override { return {}; }
    bool IsHealthy() const override { return healthy_->load(); }

private:
    std::shared_ptr<std::atomic<bool>> healthy_;
};

class StoreConnectionPoolTest : public ::testing::Test {
protected:
    // A pool whose factory counts the connections it opened and keeps their health switches.
    std::unique_ptr<ConnectionPool> MakePool(std::size_t max_size, milliseconds timeout) {
        return std::make_unique<ConnectionPool>(
            "fake",
            [this]() -> Result<std::unique_ptr<Connection>> {
                if (fail_next_open.exchange(false)) {
                    return core::MakeError(Errc::kUnavailable, "server down");
                }
                auto healthy = std::make_shared<std::atomic<bool>>(true);
                {
                    std::lock_guard lock(mutex);
                    switches.push_back(healthy);
                }
                ++opened;
                return std::unique_ptr<Connection>(new FakeConnection(healthy));
            },
            max_size, timeout);
    }

    std::atomic<int> opened{0};
    std::atomic<bool> fail_next_open{false};
    std::mutex mutex;
    std::vector<std::shared_ptr<std::atomic<bool>>> switches;
};

TEST_F(StoreConnectionPoolTest, OpensConnectionsOnlyWhenNeededAndReusesIdleOnes) {
    auto pool = MakePool(4, milliseconds(1000));
    EXPECT_EQ(pool->OpenCount(), 0u) << "nothing opens before the first Acquire";

    for (int i = 0; i < 3; ++i) {
        auto conn = pool->Acquire();
        ASSERT_TRUE(conn) << conn.error().detail;
    }

    EXPECT_EQ(opened.load(), 1) << "one connection, borrowed and returned three times";
    EXPECT_EQ(pool->IdleCount(), 1u);
}

TEST_F(StoreConnectionPoolTest, TimesOutWhenEveryConnectionIsBorrowed) {
    auto pool = MakePool(1, milliseconds(50));
    auto held = pool->Acquire();
    ASSERT_TRUE(held);

    const auto started = std::chrono::steady_clock::now();
    auto second = pool->Acquire();
    const auto waited = std::chrono::steady_clock::now() - started;

    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().code, Errc::kTimeout);
    EXPECT_GE(waited, milliseconds(45));
    EXPECT_EQ(opened.load(), 1);
}

TEST_F(StoreConnectionPoolTest, NeverLendsMoreThanItsMaximumAcrossThreads) {
    constexpr std::size_t kMax = 3;
    constexpr int kThreads = 8;
    auto pool = MakePool(kMax, milliseconds(10000));
    std::atomic<int> borrowed{0};
    std::atomic<int> most{0};
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    threads.reserve(kThreads);
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 200; ++i) {
                auto conn = pool->Acquire();
                if (!conn) {
                    ++failures;
                    continue;
                }
                const int now = ++borrowed;
                int seen = most.load();
                while (now > seen && !most.compare_exchange_weak(seen, now)) {
                }
                std::this_thread::yield();
                --borrowed;
            }
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(failures.load(), 0);
    EXPECT_LE(most.load(), static_cast<int>(kMax));
    EXPECT_LE(opened.load(), static_cast<int>(kMax));
    EXPECT_EQ(pool->OpenCount(), pool->IdleCount()) << "everything came back";
}

TEST_F(StoreConnectionPoolTest, HandsAReturnedConnectionToAWaitingThread) {
    auto pool = MakePool(1, milliseconds(10000));
    std::optional<PooledConnection> held;
    {
        auto conn = pool->Acquire();
        ASSERT_TRUE(conn);
        held.emplace(std::move(*conn));
    }
    Result<PooledConnection> waited = core::MakeError(Errc::kInternal, "not run");
    std::thread waiter([&] { waited = pool->Acquire(); });

    held.reset();
    waiter.join();

    EXPECT_TRUE(waited);
    EXPECT_EQ(opened.load(), 1) << "the waiter got the returned connection, not a new one";
}

TEST_F(StoreConnectionPoolTest, ClosesAConnectionThatComesBackBroken) {
    auto pool = MakePool(1, milliseconds(1000));
    {
        auto conn = pool->Acquire();
        ASSERT_TRUE(conn);
        switches.at(0)->store(false);
    }
    EXPECT_EQ(pool->OpenCount(), 0u) << "the broken connection frees its slot";

    auto fresh = pool->Acquire();

    ASSERT_TRUE(fresh) << fresh.error().detail;
    EXPECT_EQ(opened.load(), 2);
}

TEST_F(StoreConnectionPoolTest, SkipsAnIdleConnectionThatBrokeWhileWaiting) {
    auto pool = MakePool(1, milliseconds(1000));
    ASSERT_TRUE(pool->Acquire());
    switches.at(0)->store(false);  // e.g. the server restarted meanwhile

    auto conn = pool->Acquire();

    ASSERT_TRUE(conn) << conn.error().detail;
    EXPECT_EQ(opened.load(), 2);
    EXPECT_TRUE((*conn)->IsHealthy());
}

TEST_F(StoreConnectionPoolTest, AFailedOpenFreesItsSlot) {
    auto pool = MakePool(1, milliseconds(100));
    fail_next_open = true;

    auto failed = pool->Acquire();

    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().code, Errc::kUnavailable) << "the factory's error comes back";
    EXPECT_EQ(pool->OpenCount(), 0u);
    EXPECT_TRUE(pool->Acquire()) << "the slot is free for the next try";
}

TEST_F(StoreConnectionPoolTest, CountsAnAdoptedConnectionTowardsTheMaximum) {
    auto pool = MakePool(1, milliseconds(50));
    pool->Adopt(std::make_unique<FakeConnection>(std::make_shared<std::atomic<bool>>(true)));

    auto adopted = pool->Acquire();
    auto second = pool->Acquire();

    EXPECT_TRUE(adopted);
    EXPECT_FALSE(second) << "the pool of one is full";
    EXPECT_EQ(opened.load(), 0) << "the adopted connection was used, none opened";
}

TEST_F(StoreConnectionPoolTest, MovingABorrowedConnectionReturnsItOnce) {
    auto pool = MakePool(2, milliseconds(1000));
    {
        auto conn = pool->Acquire();
        ASSERT_TRUE(conn);
        PooledConnection moved = std::move(*conn);
        PooledConnection assigned = std::move(moved);
        EXPECT_EQ(pool->IdleCount(), 0u);
    }
    EXPECT_EQ(pool->IdleCount(), 1u);
    EXPECT_EQ(pool->OpenCount(), 1u);
}

}  // namespace
}  // namespace nectr::store
