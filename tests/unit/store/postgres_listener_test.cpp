// The LISTEN session that wakes workers on PostgreSQL: signals, reconnection, prompt stops.
#include "store/postgres_listener.hpp"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <condition_variable>
#include <future>
#include <mutex>

#include "support/test_database.hpp"

namespace nectr::store {
namespace {

using std::chrono::seconds;

constexpr Query kNotify{"test.notify", "", "SELECT pg_notify($1, $2) AS sent"};
constexpr Query kTerminate{"test.terminate", "", "SELECT pg_terminate_backend($1::int) AS done"};
constexpr Query kCurrentSchema{"test.schema", "", "SELECT current_schema() AS name"};

// Counts the listener's callbacks and lets the test wait for a number of them.
class Signals {
public:
    std::function<void()> Callback() {
        return [this] {
            std::lock_guard lock(mutex_);
            ++count_;
            changed_.notify_all();
        };
    }
    bool WaitFor(int count, std::chrono::milliseconds timeout) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, timeout, [&] { return count_ >= count; });
    }
    int Count() {
        std::lock_guard lock(mutex_);
        return count_;
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    int count_ = 0;
};

class PostgresListenerTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto created = testing::TestDatabase::Create(Engine::kPostgres);
        ASSERT_TRUE(created) << created.error().detail;
        test_database_ = std::move(*created);
        auto opened = test_database_->Open();
        ASSERT_TRUE(opened) << opened.error().detail;
        db_ = std::move(*opened);
        // A channel of this test's own, so that tests running side by side do not meet.
        channel_ = "test_" + test_database_->Schema();
    }
    void TearDown() override {
        listener_.reset();
        db_.reset();
        test_database_.reset();
    }

    void StartListener(bool only_own_schema = false) {
        ListenerOptions options;
        options.url = test_database_->Url();
        options.channel = channel_;
        options.only_own_schema = only_own_schema;
        auto started = PostgresListener::Start(options, signals_.Callback());
        ASSERT_TRUE(started) << started.error().detail;
        listener_ = std::move(*started);
        ASSERT_TRUE(signals_.WaitFor(1, seconds(20)))
            << "a listener signals once it listens, for what it may have missed";
        ASSERT_TRUE(listener_->Listening());
    }

    void Notify(const std::string& payload = "") {
        const Value params[] = {channel_, payload};
        auto sent = Execute(*db_, kNotify, params);
        ASSERT_TRUE(sent) << sent.error().detail;
    }

    std::unique_ptr<testing::TestDatabase> test_database_;
    std::unique_ptr<Database> db_;
    std::string channel_;
    Signals signals_;
    std::unique_ptr<PostgresListener> listener_;
};

TEST_F(PostgresListenerTest, SignalsForEveryNotificationOnItsChannel) {
    StartListener();
    Notify();
    ASSERT_TRUE(signals_.WaitFor(2, seconds(20))) << "the NOTIFY did not wake the listener";
    Notify("a payload");
    ASSERT_TRUE(signals_.WaitFor(3, seconds(20)));
    EXPECT_EQ(listener_->Notifications(), 2u);
    EXPECT_EQ(listener_->Connects(), 1u);
}

TEST_F(PostgresListenerTest, NotificationsOfARolledBackTransactionNeverArrive) {
    StartListener();
    auto rolled_back = InTransaction(*db_, [this](Connection& connection) -> Result<void> {
        const Value params[] = {channel_, std::string("never")};
        if (auto sent = connection.Execute(kNotify, params); !sent) {
            return sent.error();
        }
        return core::MakeError(core::Errc::kConflict, "roll back");
    });
    ASSERT_FALSE(rolled_back);
    Notify("after");
    ASSERT_TRUE(signals_.WaitFor(2, seconds(20)));
    // Notifications arrive in commit order, so the rolled-back one would have come first.
    EXPECT_EQ(listener_->Notifications(), 1u);
}

TEST_F(PostgresListenerTest, WithOnlyOwnSchemaIgnoresOtherSchemasSignals) {
    StartListener(true);
    auto schema = Execute(*db_, kCurrentSchema);
    ASSERT_TRUE(schema && !schema->empty());
    const std::string own = AsText(schema->rows.front().front()).value_or("");
    ASSERT_EQ(own, test_database_->Schema());
    Notify("another_schema");
    Notify(own);
    ASSERT_TRUE(signals_.WaitFor(2, seconds(20)));
    EXPECT_EQ(listener_->Notifications(), 1u) << "only the notification naming this schema counts";
}

TEST_F(PostgresListenerTest, ListensAgainAfterItsSessionIsTerminated) {
    StartListener();
    const int first_pid = listener_->BackendPid();
    ASSERT_GT(first_pid, 0);
    const Value params[] = {std::int64_t{first_pid}};
    auto terminated = Execute(*db_, kTerminate, params);
    ASSERT_TRUE(terminated) << terminated.error().detail;
    ASSERT_TRUE(signals_.WaitFor(2, seconds(20))) << "a new session signals after it listens again";
    EXPECT_EQ(listener_->Connects(), 2u);
    EXPECT_NE(listener_->BackendPid(), first_pid);
    Notify();
    EXPECT_TRUE(signals_.WaitFor(3, seconds(20))) << "the new session must receive notifications";
}

TEST_F(PostgresListenerTest, StopsPromptlyWhileAServerNeverAnswers) {
    // A socket that listens but never accepts: the kernel completes the TCP handshake, and
    // PostgreSQL's startup reply never comes.
    const int silent = ::socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(silent, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::bind(silent, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    ASSERT_EQ(::listen(silent, 16), 0);
    socklen_t length = sizeof address;
    ASSERT_EQ(::getsockname(silent, reinterpret_cast<sockaddr*>(&address), &length), 0);

    ListenerOptions options;
    options.url =
        "postgresql://nobody:secret@127.0.0.1:" + std::to_string(ntohs(address.sin_port)) +
        "/nothing";
    options.channel = channel_;
    options.connect_timeout = seconds(300);
    auto started = PostgresListener::Start(options, signals_.Callback());
    ASSERT_TRUE(started) << started.error().detail;
    std::unique_ptr<PostgresListener> listener = std::move(*started);
    EXPECT_FALSE(listener->Listening());
    auto stopped = std::async(std::launch::async, [&listener] { listener->Stop(); });
    EXPECT_EQ(stopped.wait_for(seconds(20)), std::future_status::ready)
        << "Stop must not wait out a 300 s connect timeout";
    stopped.wait();
    EXPECT_EQ(signals_.Count(), 0) << "it never listened, so it never signalled";
    ::close(silent);
}

TEST(PostgresListenerStartTest, RefusesABadChannelOrANonPostgresUrl) {
    ListenerOptions options;
    options.url = "postgresql://u@127.0.0.1:1/db";
    for (const char* channel : {"", "Jobs", "jobs; DROP TABLE jobs", "1jobs"}) {
        options.channel = channel;
        auto started = PostgresListener::Start(options, [] {});
        ASSERT_FALSE(started) << "'" << channel << "'";
        EXPECT_EQ(started.error().code, core::Errc::kInvalidInput);
    }
    options.channel = "nectr_jobs";
    options.url = "sqlite:///nectr.db";
    auto started = PostgresListener::Start(options, [] {});
    ASSERT_FALSE(started);
    EXPECT_EQ(started.error().code, core::Errc::kInvalidInput);
}

}  // namespace
}  // namespace nectr::store
