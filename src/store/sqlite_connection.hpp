#pragma once

#include <chrono>
#include <memory>
#include <semaphore>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"
#include "store/database.hpp"
#include "store/sqlite_checkpointer.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace nectr::store {

// One SQLite connection in WAL mode with synchronous=FULL (a committed write survives a power
// cut), foreign keys on, and a busy timeout so that writers queue for the lock. Prepared
// statements are cached per connection, keyed by the address of the query's text.
// The in-process write lock. A semaphore, not a mutex: a transaction's statements run on
// whichever pool thread is free, so Commit may release the lock on another thread than the
// one whose Begin took it, which a mutex does not allow.
using SqliteWriteLock = std::binary_semaphore;

class SqliteConnection final : public Connection {
public:
    // Opens `filename` (a `file:` URI when `uri`), creating the file if missing. Blocks.
    // `write_lock`, shared by the connections of one database, is held from Begin to
    // Commit/Rollback and around a write outside a transaction: writers of this process queue
    // on it (waking as soon as it is free) instead of polling SQLite's lock, which can leave
    // one writer waiting for seconds under load. Other processes still meet on SQLite's lock.
    // Errors: kUnavailable when the file cannot be opened or is not a database.
    // `checkpointer`, when given, takes the connection's WAL checkpoints off its commits.
    static Result<std::unique_ptr<Connection>> Open(
        const std::string& filename, bool uri, std::chrono::milliseconds busy_timeout,
        std::shared_ptr<SqliteWriteLock> write_lock,
        std::shared_ptr<SqliteCheckpointer> checkpointer = nullptr);
    ~SqliteConnection() override;
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    Result<Rows> Execute(const Query& query, std::span<const Value> params) override;
    Result<void> Prepare(const Query& query) override;
    Result<void> ExecuteScript(std::string_view sql) override;
    Result<void> Begin() override;
    Result<void> Commit() override;
    Result<void> Rollback() override;
    // False after an I/O or corruption error, and while a transaction is left open.
    bool IsHealthy() const override;

private:
    struct CachedStatement {
        std::string text;  // compared on every hit: a freed query's address may be reused
        sqlite3_stmt* statement = nullptr;
        // SQLite's index of each of $1..$n, looked up once: by name on every bind it was a
        // string format and a scan of the names per parameter. 0 where $i is missing.
        std::vector<int> parameter_slots;
    };

    SqliteConnection(sqlite3* db, std::chrono::milliseconds busy_timeout,
                     std::shared_ptr<SqliteWriteLock> write_lock,
                     std::shared_ptr<SqliteCheckpointer> checkpointer);
    Result<void> LockWrites(std::string_view what);
    void UnlockWritesIfDone();
    Result<const CachedStatement*> Statement(const Query& query);
    Result<void> Bind(const Query& query, const CachedStatement& cached,
                      std::span<const Value> params);
    Result<void> Exec(const char* sql, std::string_view what);
    // Builds the error for the connection's last failure; remembers fatal ones.
    core::Error Failure(std::string_view what, std::string_view message);

    sqlite3* db_;
    std::chrono::milliseconds busy_timeout_;
    std::shared_ptr<SqliteWriteLock> write_lock_;
    // Outlives db_: the destructor closes db_ before members go, so the hook never dangles.
    std::shared_ptr<SqliteCheckpointer> checkpointer_;
    bool holds_write_lock_ = false;
    std::unordered_map<const char*, CachedStatement> statements_;
    bool broken_ = false;
};

}  // namespace nectr::store
