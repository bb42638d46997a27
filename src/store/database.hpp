#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "store/query.hpp"
#include "store/value.hpp"

namespace nectr::store {

using core::Result;

enum class Engine { kSqlite, kPostgres };
// "sqlite" or "postgres": for logs, /health and `nectr doctor`.
std::string_view EngineName(Engine engine);

// One open connection. Not thread-safe: one thread uses it at a time (the pool ensures it).
// Every call blocks; call from the blocking pool, never from an I/O thread.
class Connection {
public:
    virtual ~Connection() = default;

    // Runs one statement with $1..$n parameters and returns its rows (if any).
    // Errors: kConflict for unique/foreign-key violations, kUnavailable when the server is
    // unreachable or the connection broke, kInvalidInput for SQL errors, kTimeout when busy.
    virtual Result<Rows> Execute(const Query& query, std::span<const Value> params = {}) = 0;

    // Checks that a statement parses and refers to existing tables, without running it.
    virtual Result<void> Prepare(const Query& query) = 0;

    // Runs a script of several statements without parameters (migrations).
    virtual Result<void> ExecuteScript(std::string_view sql) = 0;

    // Transactions. On SQLite, Begin takes the write lock at once (BEGIN IMMEDIATE), so two
    // writers wait on the busy timeout instead of failing on a lock upgrade.
    virtual Result<void> Begin() = 0;
    virtual Result<void> Commit() = 0;
    virtual Result<void> Rollback() = 0;

    // False once the connection is known to be broken; the pool then discards it.
    virtual bool IsHealthy() const = 0;
};

class ConnectionPool;

// A connection borrowed from a pool; returned (or discarded, if broken) on destruction.
class PooledConnection {
public:
    PooledConnection(ConnectionPool* pool, std::unique_ptr<Connection> connection);
    PooledConnection(PooledConnection&& other) noexcept;
    PooledConnection& operator=(PooledConnection&& other) noexcept;
    PooledConnection(const PooledConnection&) = delete;
    PooledConnection& operator=(const PooledConnection&) = delete;
    ~PooledConnection();

    Connection& operator*() { return *connection_; }
    Connection* operator->() { return connection_.get(); }

private:
    void Release();
    ConnectionPool* pool_;
    std::unique_ptr<Connection> connection_;
};

struct DatabaseOptions {
    std::string url;  // sqlite:///relative.db, sqlite:////abs.db, postgresql://...
    std::size_t max_connections = 8;
    std::chrono::milliseconds acquire_timeout{5000};
    std::chrono::milliseconds busy_timeout{5000};  // SQLite: wait for the write lock
    std::chrono::seconds connect_timeout{5};       // PostgreSQL: connecting
};

// The storage engine seam: SQLite embedded, or PostgreSQL shared by many processes.
class Database {
public:
    virtual ~Database() = default;
    virtual Engine GetEngine() const = 0;
    // Borrows a connection, opening one if none is idle and the pool has room; waits up to
    // acquire_timeout otherwise (kTimeout). kUnavailable when a new connection cannot open.
    virtual Result<PooledConnection> Acquire() = 0;
    // A description safe to log and show: the URL with any password masked.
    virtual std::string Describe() const = 0;
};

// Opens the engine that the URL names. Errors: kInvalidInput for a URL it does not understand,
// kUnavailable when the SQLite file cannot be opened. PostgreSQL connects lazily, so a server
// that is down makes Acquire() fail, not Open().
Result<std::unique_ptr<Database>> OpenDatabase(const DatabaseOptions& options);

// Masks the password of a database URL for logs and `nectr doctor`.
std::string MaskDatabaseUrl(std::string_view url);

// Borrows a connection and runs one statement.
Result<Rows> Execute(Database& db, const Query& query, std::span<const Value> params = {});

// Runs `work` in one transaction: commits if it returns success, rolls back otherwise.
Result<void> InTransaction(Database& db, const std::function<Result<void>(Connection&)>& work);

}  // namespace nectr::store
