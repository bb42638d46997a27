#include "store/sqlite_connection.hpp"

#include <fmt/core.h>
#include <sqlite3.h>

#include <string>
#include <utility>

#include "core/log.hpp"

namespace nectr::store {
namespace {

using core::Errc;

Errc ErrcFor(int extended_code) {
    switch (extended_code) {
        case SQLITE_CONSTRAINT_NOTNULL:
        case SQLITE_CONSTRAINT_DATATYPE:
            return Errc::kInvalidInput;  // a bad value, as PostgreSQL's 23502 and 22xxx
        default:
            break;
    }
    switch (extended_code & 0xff) {
        case SQLITE_CONSTRAINT:
            return Errc::kConflict;
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
        case SQLITE_INTERRUPT:
            return Errc::kTimeout;
        case SQLITE_CANTOPEN:
        case SQLITE_IOERR:
        case SQLITE_FULL:
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
        case SQLITE_READONLY:
        case SQLITE_PERM:
        case SQLITE_NOLFS:
        case SQLITE_PROTOCOL:
            return Errc::kUnavailable;
        case SQLITE_TOOBIG:
            return Errc::kTooLarge;
        case SQLITE_ERROR:
        case SQLITE_MISMATCH:
        case SQLITE_RANGE:
        case SQLITE_AUTH:
            return Errc::kInvalidInput;
        default:
            return Errc::kInternal;
    }
}

// After a connection has seen these, its file handle is suspect: the pool replaces it.
bool IsFatal(int extended_code) {
    switch (extended_code & 0xff) {
        case SQLITE_IOERR:
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
        case SQLITE_CANTOPEN:
            return true;
        default:
            return false;
    }
}

// True when only blanks, semicolons and `--` comments follow the first statement.
bool OnlyNoiseAfter(const char* tail, const char* end) {
    while (tail < end) {
        const char c = *tail;
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == ';') {
            ++tail;
        } else if (c == '-' && tail + 1 < end && tail[1] == '-') {
            while (tail < end && *tail != '\n') {
                ++tail;
            }
        } else {
            return false;
        }
    }
    return true;
}

// Resets a statement when leaving scope, so that it holds no lock and no parameter.
class ResetOnExit {
public:
    explicit ResetOnExit(sqlite3_stmt* statement) : statement_(statement) {}
    ~ResetOnExit() {
        sqlite3_reset(statement_);
        sqlite3_clear_bindings(statement_);
    }
    ResetOnExit(const ResetOnExit&) = delete;
    ResetOnExit& operator=(const ResetOnExit&) = delete;

private:
    sqlite3_stmt* statement_;
};

Value ReadColumn(sqlite3_stmt* statement, int column) {
    switch (sqlite3_column_type(statement, column)) {
        case SQLITE_INTEGER:
            return static_cast<std::int64_t>(sqlite3_column_int64(statement, column));
        case SQLITE_FLOAT:
            return sqlite3_column_double(statement, column);
        case SQLITE_TEXT: {
            const auto* text = sqlite3_column_text(statement, column);
            const int size = sqlite3_column_bytes(statement, column);
            return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
        }
        case SQLITE_BLOB: {
            const void* bytes = sqlite3_column_blob(statement, column);
            const int size = sqlite3_column_bytes(statement, column);
            if (bytes == nullptr) {
                return Blob{};
            }
            return Blob{
                std::string(static_cast<const char*>(bytes), static_cast<std::size_t>(size))};
        }
        default:
            return std::monostate{};
    }
}

}  // namespace

SqliteConnection::SqliteConnection(sqlite3* db, std::chrono::milliseconds busy_timeout,
                                   std::shared_ptr<SqliteWriteLock> write_lock,
                                   std::shared_ptr<SqliteCheckpointer> checkpointer)
    : db_(db),
      busy_timeout_(busy_timeout),
      write_lock_(std::move(write_lock)),
      checkpointer_(std::move(checkpointer)) {}

Result<void> SqliteConnection::LockWrites(std::string_view what) {
    if (write_lock_ == nullptr || holds_write_lock_) {
        return {};
    }
    if (!write_lock_->try_acquire_for(busy_timeout_)) {
        return core::MakeError(Errc::kTimeout, fmt::format("{}: the database stayed busy for {} ms",
                                                           what, busy_timeout_.count()));
    }
    holds_write_lock_ = true;
    return {};
}

void SqliteConnection::UnlockWritesIfDone() {
    if (holds_write_lock_ && sqlite3_get_autocommit(db_) != 0) {
        holds_write_lock_ = false;
        write_lock_->release();
    }
}

SqliteConnection::~SqliteConnection() {
    for (auto& [text, cached] : statements_) {
        sqlite3_finalize(cached.statement);
    }
    sqlite3_close_v2(db_);  // rolls back a transaction left open
    if (holds_write_lock_) {
        write_lock_->release();
    }
}

Result<std::unique_ptr<Connection>> SqliteConnection::Open(
    const std::string& filename, bool uri, std::chrono::milliseconds busy_timeout,
    std::shared_ptr<SqliteWriteLock> write_lock, std::shared_ptr<SqliteCheckpointer> checkpointer) {
    sqlite3* db = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX |
                      (uri ? SQLITE_OPEN_URI : 0);
    const int opened = sqlite3_open_v2(filename.c_str(), &db, flags, nullptr);
    if (opened != SQLITE_OK) {
        std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(opened);
        sqlite3_close_v2(db);
        return core::MakeError(Errc::kUnavailable, fmt::format("cannot open the SQLite database "
                                                               "'{}': {}",
                                                               filename, message));
    }
    std::unique_ptr<SqliteConnection> connection(
        new SqliteConnection(db, busy_timeout, std::move(write_lock), checkpointer));
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, static_cast<int>(busy_timeout.count()));

    // WAL lets readers run beside the one writer; the mode is stored in the file. An
    // in-memory database answers "memory", which is fine: it has no file to protect.
    std::string journal_mode;
    char* error = nullptr;
    const int rc = sqlite3_exec(
        db, "PRAGMA journal_mode=WAL",
        [](void* out, int, char** values, char**) {
            *static_cast<std::string*>(out) = values[0] != nullptr ? values[0] : "";
            return 0;
        },
        &journal_mode, &error);
    sqlite3_free(error);
    if (rc != SQLITE_OK) {
        return connection->Failure(fmt::format("opening '{}'", filename), sqlite3_errmsg(db));
    }
    if (journal_mode != "wal" && journal_mode != "memory") {
        NECTR_LOG_WARN("store.sqlite_no_wal", "file={} journal_mode={}", filename, journal_mode);
    }
    if (checkpointer != nullptr && journal_mode == "wal") {
        checkpointer->Attach(db);
    }
    // synchronous=FULL: a commit is on disk before it returns, so an accepted webhook is
    // never lost (NORMAL could lose the last commits on power loss in WAL mode).
    // temp_store=MEMORY: statement journals (savepoints inside a transaction) stay in memory
    // instead of a temporary file created and unlinked per transaction; they only ever hold
    // the pages one statement changed.
    if (auto set = connection->Exec(
            "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY",
            "setting up the connection");
        !set) {
        return set.error();
    }
    return std::unique_ptr<Connection>(std::move(connection));
}

Result<Rows> SqliteConnection::Execute(const Query& query, std::span<const Value> params) {
    Result<const CachedStatement*> prepared = Statement(query);
    if (!prepared) {
        return prepared.error();
    }
    sqlite3_stmt* statement = (*prepared)->statement;
    // A write outside a transaction queues on the process's write lock like a transaction.
    const bool lone_write = sqlite3_get_autocommit(db_) != 0 && !sqlite3_stmt_readonly(statement);
    if (lone_write) {
        if (auto locked = LockWrites(fmt::format("query {}", query.name)); !locked) {
            return locked.error();
        }
    }
    struct UnlockAfter {
        SqliteConnection* self;
        bool active;
        ~UnlockAfter() {
            if (active) {
                self->UnlockWritesIfDone();
            }
        }
    } unlock_after{this, lone_write};
    ResetOnExit reset(statement);
    if (Result<void> bound = Bind(query, **prepared, params); !bound) {
        return bound.error();
    }
    Rows rows;
    const int columns = sqlite3_column_count(statement);
    rows.columns.reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) {
        const char* name = sqlite3_column_name(statement, c);
        rows.columns.emplace_back(name != nullptr ? name : "");
    }
    const sqlite3_int64 changes_before = sqlite3_total_changes64(db_);
    while (true) {
        const int step = sqlite3_step(statement);
        if (step == SQLITE_DONE) {
            break;
        }
        if (step != SQLITE_ROW) {
            return Failure(fmt::format("query {}", query.name), sqlite3_errmsg(db_));
        }
        std::vector<Value>& row = rows.rows.emplace_back();
        row.reserve(static_cast<std::size_t>(columns));
        for (int c = 0; c < columns; ++c) {
            row.push_back(ReadColumn(statement, c));
        }
    }
    // sqlite3_changes64 keeps the count of the last INSERT/UPDATE/DELETE, even after a
    // SELECT or DDL: only trust it when this statement changed something.
    if (sqlite3_total_changes64(db_) != changes_before) {
        rows.affected_rows = sqlite3_changes64(db_);
        rows.inserted_rowid = sqlite3_last_insert_rowid(db_);
    }
    return rows;
}

Result<void> SqliteConnection::Prepare(const Query& query) {
    Result<const CachedStatement*> prepared = Statement(query);
    if (!prepared) {
        return prepared.error();
    }
    return {};
}

Result<void> SqliteConnection::ExecuteScript(std::string_view sql) {
    return Exec(std::string(sql).c_str(), "script");
}

Result<void> SqliteConnection::Begin() {
    if (sqlite3_get_autocommit(db_) == 0) {
        return core::MakeError(Errc::kInternal, "begin: a transaction is already open");
    }
    if (auto locked = LockWrites("begin"); !locked) {
        return locked.error();
    }
    // IMMEDIATE takes the write lock now, so a writer waits on the busy timeout here instead
    // of failing later when a read lock cannot be upgraded.
    auto begun = Exec("BEGIN IMMEDIATE", "begin");
    UnlockWritesIfDone();  // a failed BEGIN leaves no transaction to hold the lock for
    return begun;
}

Result<void> SqliteConnection::Commit() {
    auto committed = Exec("COMMIT", "commit");
    UnlockWritesIfDone();
    return committed;
}

Result<void> SqliteConnection::Rollback() {
    if (sqlite3_get_autocommit(db_) != 0) {
        UnlockWritesIfDone();
        return {};  // nothing open, or SQLite already rolled back after an I/O error
    }
    auto rolled_back = Exec("ROLLBACK", "rollback");
    UnlockWritesIfDone();
    return rolled_back;
}

bool SqliteConnection::IsHealthy() const { return !broken_ && sqlite3_get_autocommit(db_) != 0; }

Result<const SqliteConnection::CachedStatement*> SqliteConnection::Statement(const Query& query) {
    auto cached = statements_.find(query.sqlite.data());
    if (cached != statements_.end()) {
        if (cached->second.text == query.sqlite) {
            return &cached->second;
        }
        sqlite3_finalize(cached->second.statement);
        statements_.erase(cached);
    }
    sqlite3_stmt* statement = nullptr;
    const char* tail = nullptr;
    const char* end = query.sqlite.data() + query.sqlite.size();
    const int rc =
        sqlite3_prepare_v3(db_, query.sqlite.data(), static_cast<int>(query.sqlite.size()),
                           SQLITE_PREPARE_PERSISTENT, &statement, &tail);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(statement);
        return Failure(fmt::format("query {}", query.name), sqlite3_errmsg(db_));
    }
    if (statement == nullptr) {
        return core::MakeError(Errc::kInvalidInput,
                               fmt::format("query {}: holds no SQL statement", query.name));
    }
    if (tail != nullptr && !OnlyNoiseAfter(tail, end)) {
        sqlite3_finalize(statement);
        return core::MakeError(Errc::kInvalidInput,
                               fmt::format("query {}: holds more than one statement; give each "
                                           "its own file",
                                           query.name));
    }
    CachedStatement entry{std::string(query.sqlite), statement, {}};
    const int count = sqlite3_bind_parameter_count(statement);
    for (int i = 1; i <= count; ++i) {
        // SQLite numbers named parameters by first appearance, not by their digits.
        entry.parameter_slots.push_back(
            sqlite3_bind_parameter_index(statement, fmt::format("${}", i).c_str()));
    }
    auto inserted = statements_.insert_or_assign(query.sqlite.data(), std::move(entry)).first;
    return &inserted->second;
}

Result<void> SqliteConnection::Bind(const Query& query, const CachedStatement& cached,
                                    std::span<const Value> params) {
    sqlite3_stmt* statement = cached.statement;
    const std::size_t expected = cached.parameter_slots.size();
    if (expected != params.size()) {
        return core::MakeError(Errc::kInternal,
                               fmt::format("query {}: takes {} parameters but was given {}",
                                           query.name, expected, params.size()));
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
        const int index = cached.parameter_slots[i];
        if (index == 0) {
            return core::MakeError(Errc::kInternal,
                                   fmt::format("query {}: has no parameter ${} (parameters are "
                                               "$1..${} in order)",
                                               query.name, i + 1, params.size()));
        }
        // SQLITE_STATIC: the values outlive the statement's use; bindings are cleared on exit.
        const Value& value = params[i];
        int rc = SQLITE_OK;
        if (const auto* integer = std::get_if<std::int64_t>(&value)) {
            rc = sqlite3_bind_int64(statement, index, *integer);
        } else if (const auto* real = std::get_if<double>(&value)) {
            rc = sqlite3_bind_double(statement, index, *real);
        } else if (const auto* text = std::get_if<std::string>(&value)) {
            rc = sqlite3_bind_text64(statement, index, text->data(), text->size(), SQLITE_STATIC,
                                     SQLITE_UTF8);
        } else if (const auto* blob = std::get_if<Blob>(&value)) {
            rc = blob->bytes.empty() ? sqlite3_bind_zeroblob(statement, index, 0)
                                     : sqlite3_bind_blob64(statement, index, blob->bytes.data(),
                                                           blob->bytes.size(), SQLITE_STATIC);
        } else {
            rc = sqlite3_bind_null(statement, index);
        }
        if (rc != SQLITE_OK) {
            return Failure(fmt::format("query {}: binding ${}", query.name, i + 1),
                           sqlite3_errmsg(db_));
        }
    }
    return {};
}

Result<void> SqliteConnection::Exec(const char* sql, std::string_view what) {
    char* error = nullptr;
    const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &error);
    if (rc == SQLITE_OK) {
        return {};
    }
    std::string message = error != nullptr ? error : sqlite3_errmsg(db_);
    sqlite3_free(error);
    return Failure(what, message);
}

core::Error SqliteConnection::Failure(std::string_view what, std::string_view message) {
    const int code = sqlite3_extended_errcode(db_);
    if (IsFatal(code)) {
        broken_ = true;
    }
    return core::MakeError(ErrcFor(code), fmt::format("{}: {}", what, message));
}

}  // namespace nectr::store
