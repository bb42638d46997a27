#include "store/sqlite_connection.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <thread>

#include "store/sql.hpp"
#include "store/sqlite_database.hpp"
#include "support/test_database.hpp"

namespace nectr::store {
namespace {

using core::Errc;
namespace fs = std::filesystem;

// SQLite only: URLs, files and the per-connection settings.
class StoreSqliteTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto created = testing::TestDatabase::Create(Engine::kSqlite);
        ASSERT_TRUE(created) << created.error().detail;
        test_database = std::move(*created);
        folder = test_database->Folder();
    }

    DatabaseOptions OptionsFor(const std::string& url) {
        DatabaseOptions options = test_database->Options();
        options.url = url;
        return options;
    }

    static std::optional<std::string> Pragma(Connection& conn, const Query& query) {
        Result<Rows> rows = conn.Execute(query);
        if (!rows || rows->empty()) {
            return std::nullopt;
        }
        return AsText(rows->rows.front().front());
    }

    std::unique_ptr<testing::TestDatabase> test_database;
    fs::path folder;
};

constexpr Query kCreateNotes{"test.create_notes", "CREATE TABLE notes (body TEXT)", ""};
constexpr Query kInsertNote{"test.insert_note", "INSERT INTO notes (body) VALUES ('hi')", ""};
constexpr Query kCountNotes{"test.count_notes", "SELECT COUNT(*) FROM notes", ""};

TEST(StoreSqliteUrlTest, ParsesRelativeAbsoluteAndMemoryUrls) {
    auto relative = ParseSqliteUrl("sqlite:///data/nectr.db");
    ASSERT_TRUE(relative) << relative.error().detail;
    EXPECT_EQ(relative->path, "data/nectr.db");
    EXPECT_FALSE(relative->in_memory);

    auto absolute = ParseSqliteUrl("sqlite:////var/lib/nectr/nectr.db");
    ASSERT_TRUE(absolute) << absolute.error().detail;
    EXPECT_EQ(absolute->path, "/var/lib/nectr/nectr.db");

    auto memory = ParseSqliteUrl("sqlite:///:memory:");
    ASSERT_TRUE(memory) << memory.error().detail;
    EXPECT_TRUE(memory->in_memory);

    auto with_driver = ParseSqliteUrl("sqlite+aiosqlite:///./nectr-data/nectr.db");
    ASSERT_TRUE(with_driver) << with_driver.error().detail;
    EXPECT_EQ(with_driver->path, "./nectr-data/nectr.db");
}

TEST(StoreSqliteUrlTest, RejectsUrlsWithoutAPathOrWithAHost) {
    for (const char* url :
         {"sqlite://", "sqlite:///", "sqlite://host/nectr.db", "sqlite:///nectr.db?mode=ro"}) {
        auto parsed = ParseSqliteUrl(url);
        ASSERT_FALSE(parsed) << url << " must be rejected";
        EXPECT_EQ(parsed.error().code, Errc::kInvalidInput);
        EXPECT_NE(parsed.error().detail.find("sqlite:////absolute/path.db"), std::string::npos)
            << "the message shows the accepted forms: " << parsed.error().detail;
    }
}

TEST_F(StoreSqliteTest, GivesTheRowidOfAnInsertAndNoneWhenNothingChanged) {
    auto db = OpenDatabase(OptionsFor("sqlite:///" + (folder / "rowid.db").string()));
    ASSERT_TRUE(db) << db.error().detail;
    auto conn = (*db)->Acquire();
    ASSERT_TRUE(conn) << conn.error().detail;
    ASSERT_TRUE((*conn)->Execute(kCreateNotes));
    Result<Rows> first = (*conn)->Execute(kInsertNote);
    Result<Rows> second = (*conn)->Execute(kInsertNote);
    ASSERT_TRUE(first && second);
    EXPECT_EQ(InsertedId(*first), 1);
    EXPECT_EQ(InsertedId(*second), 2);
    constexpr Query kCreateUnique{"test.create_unique", "CREATE TABLE tags (name TEXT UNIQUE)", ""};
    constexpr Query kInsertTag{"test.insert_tag",
                               "INSERT INTO tags (name) VALUES ('a') ON CONFLICT DO NOTHING", ""};
    ASSERT_TRUE((*conn)->Execute(kCreateUnique));
    Result<Rows> tagged = (*conn)->Execute(kInsertTag);
    Result<Rows> again = (*conn)->Execute(kInsertTag);
    ASSERT_TRUE(tagged && again);
    EXPECT_EQ(InsertedId(*tagged), 1);
    EXPECT_EQ(InsertedId(*again), std::nullopt) << "the conflict inserted nothing";
}

TEST_F(StoreSqliteTest, CreatesTheFoldersAboveTheFile) {
    const fs::path file = folder / "a" / "b" / "nectr.db";

    auto db = OpenDatabase(OptionsFor("sqlite:///" + file.string()));

    ASSERT_TRUE(db) << db.error().detail;
    EXPECT_TRUE(fs::exists(file)) << file;
    EXPECT_EQ((*db)->GetEngine(), Engine::kSqlite);
}

TEST_F(StoreSqliteTest, ResolvesARelativePathAgainstTheWorkingDirectory) {
    const fs::path previous = fs::current_path();
    fs::current_path(folder);

    auto db = OpenDatabase(OptionsFor("sqlite:///relative/nectr.db"));

    fs::current_path(previous);
    ASSERT_TRUE(db) << db.error().detail;
    EXPECT_TRUE(fs::exists(folder / "relative" / "nectr.db"));
}

TEST_F(StoreSqliteTest, ReportsAFolderThatCannotBeCreatedAsUnavailable) {
    const fs::path blocker = folder / "a-file";
    std::ofstream(blocker) << "not a folder";

    auto db = OpenDatabase(OptionsFor("sqlite:///" + (blocker / "sub" / "nectr.db").string()));

    ASSERT_FALSE(db);
    EXPECT_EQ(db.error().code, Errc::kUnavailable) << db.error().detail;
}

TEST_F(StoreSqliteTest, ReportsAFileThatIsNotADatabaseAsUnavailable) {
    const fs::path junk = folder / "junk.db";
    std::ofstream(junk) << std::string(4096, 'j');

    auto db = OpenDatabase(OptionsFor("sqlite:///" + junk.string()));

    ASSERT_FALSE(db);
    EXPECT_EQ(db.error().code, Errc::kUnavailable) << db.error().detail;
}

TEST_F(StoreSqliteTest, SetsWalFullSyncForeignKeysAndBusyTimeoutOnEveryConnection) {
    auto db = test_database->Open();
    ASSERT_TRUE(db) << db.error().detail;
    auto first = (*db)->Acquire();
    auto second = (*db)->Acquire();
    ASSERT_TRUE(first && second);
    static constexpr Query kJournal{"test.journal_mode", "PRAGMA journal_mode", ""};
    static constexpr Query kSynchronous{"test.synchronous", "PRAGMA synchronous", ""};
    static constexpr Query kForeignKeys{"test.foreign_keys", "PRAGMA foreign_keys", ""};
    static constexpr Query kBusy{"test.busy_timeout", "PRAGMA busy_timeout", ""};
    for (PooledConnection* conn : {&*first, &*second}) {
        EXPECT_EQ(Pragma(**conn, kJournal), "wal");
        EXPECT_EQ(Pragma(**conn, kSynchronous), "2") << "2 is FULL";
        EXPECT_EQ(Pragma(**conn, kForeignKeys), "1");
        EXPECT_EQ(Pragma(**conn, kBusy), "10000");
    }
}

TEST_F(StoreSqliteTest, AWriterWaitsForTheLockThenTimesOut) {
    DatabaseOptions options = test_database->Options();
    options.busy_timeout = std::chrono::milliseconds(100);
    auto db = test_database->Open(options);
    ASSERT_TRUE(db) << db.error().detail;
    auto holder = (*db)->Acquire();
    auto waiter = (*db)->Acquire();
    ASSERT_TRUE(holder && waiter);
    ASSERT_TRUE((*holder)->Begin());

    const auto started = std::chrono::steady_clock::now();
    Result<void> begun = (*waiter)->Begin();
    const auto waited = std::chrono::steady_clock::now() - started;

    ASSERT_FALSE(begun) << "the write lock is held by the other connection";
    EXPECT_EQ(begun.error().code, Errc::kTimeout) << begun.error().detail;
    EXPECT_GE(waited, std::chrono::milliseconds(90)) << "it waited for the busy timeout";
    ASSERT_TRUE((*holder)->Rollback());
    EXPECT_TRUE((*waiter)->Begin()) << "the lock is free again";
    EXPECT_TRUE((*waiter)->Rollback());
}

TEST_F(StoreSqliteTest, AnInMemoryDatabaseKeepsItsDataAcrossAcquires) {
    auto db = OpenDatabase(OptionsFor("sqlite:///:memory:"));
    ASSERT_TRUE(db) << db.error().detail;
    {
        auto conn = (*db)->Acquire();
        ASSERT_TRUE(conn) << conn.error().detail;
        ASSERT_TRUE((*conn)->Execute(kCreateNotes));
        ASSERT_TRUE((*conn)->Execute(kInsertNote));
        // Left inside a transaction, the connection is closed on return; the data stays.
        ASSERT_TRUE((*conn)->Begin());
    }

    auto rows = Execute(**db, kCountNotes);

    ASSERT_TRUE(rows) << rows.error().detail;
    EXPECT_EQ(AsInt(rows->rows.at(0).at(0)), 1);
    auto other = OpenDatabase(OptionsFor("sqlite:///:memory:"));
    ASSERT_TRUE(other) << other.error().detail;
    EXPECT_FALSE(Execute(**other, kCountNotes)) << "each in-memory database is its own";
}

TEST_F(StoreSqliteTest, RejectsAQueryFileWithTwoStatements) {
    static constexpr Query kTwo{"test.two", "SELECT 1; SELECT 2", ""};
    auto db = test_database->Open();
    ASSERT_TRUE(db) << db.error().detail;

    auto rows = Execute(**db, kTwo);

    ASSERT_FALSE(rows);
    EXPECT_EQ(rows.error().code, Errc::kInvalidInput) << rows.error().detail;
}

}  // namespace
}  // namespace nectr::store

namespace nectr::store {
namespace {

// Writers of one process queue on the database's write lock: a second writer waits for the
// first to commit (and then proceeds), or gives up with a clear timeout.
class StoreSqliteWriteLockTest : public StoreSqliteTest {
protected:
    std::unique_ptr<Database> OpenWithBusyTimeout(std::chrono::milliseconds timeout) {
        DatabaseOptions options = OptionsFor("sqlite:///" + (folder / "locks.db").string());
        options.busy_timeout = timeout;
        auto db = OpenDatabase(options);
        EXPECT_TRUE(db) << db.error().detail;
        auto conn = (*db)->Acquire();
        EXPECT_TRUE(conn);
        EXPECT_TRUE((*conn)->Execute(kCreateNotes));
        return std::move(*db);
    }
};

TEST_F(StoreSqliteWriteLockTest, AWriterWaitsForTheOpenTransactionThenProceeds) {
    auto db = OpenWithBusyTimeout(std::chrono::seconds(10));
    auto first = db->Acquire();
    auto second = db->Acquire();
    ASSERT_TRUE(first && second);
    ASSERT_TRUE((*first)->Begin());
    ASSERT_TRUE((*first)->Execute(kInsertNote));
    std::thread committer([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        EXPECT_TRUE((*first)->Commit());
    });
    auto written = (*second)->Execute(kInsertNote);  // a lone write: queues on the lock
    committer.join();
    ASSERT_TRUE(written) << written.error().detail;
    auto count = (*second)->Execute(kCountNotes);
    ASSERT_TRUE(count);
    EXPECT_EQ(AsInt(count->rows[0][0]), 2);
}

TEST_F(StoreSqliteWriteLockTest, AWriterGivesUpWithATimeoutWhileATransactionStaysOpen) {
    auto db = OpenWithBusyTimeout(std::chrono::milliseconds(200));
    auto first = db->Acquire();
    auto second = db->Acquire();
    ASSERT_TRUE(first && second);
    ASSERT_TRUE((*first)->Begin());
    auto begun = (*second)->Begin();
    ASSERT_FALSE(begun);
    EXPECT_EQ(begun.error().code, Errc::kTimeout);
    EXPECT_NE(begun.error().detail.find("busy for 200 ms"), std::string::npos)
        << begun.error().detail;
    // Reads do not wait for the writer.
    EXPECT_TRUE((*second)->Execute(kCountNotes));
    ASSERT_TRUE((*first)->Rollback());
    EXPECT_TRUE((*second)->Begin());
    EXPECT_TRUE((*second)->Commit());
}

}  // namespace
}  // namespace nectr::store
