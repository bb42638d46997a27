#include "store/sqlite_database.hpp"

#include <fmt/core.h>
#include <sqlite3.h>

#include <atomic>
#include <filesystem>
#include <system_error>
#include <utility>

#include "store/connection_pool.hpp"
#include "store/sqlite_checkpointer.hpp"
#include "store/sqlite_connection.hpp"

namespace nectr::store {
namespace {

constexpr std::string_view kSqliteForms =
    "use sqlite:///relative/path.db, sqlite:////absolute/path.db or sqlite:///:memory:";

class SqliteDatabase final : public Database {
public:
    SqliteDatabase(std::string description, std::unique_ptr<Connection> keeper,
                   ConnectionPool::Factory factory, std::size_t max_connections,
                   std::chrono::milliseconds acquire_timeout)
        : description_(std::move(description)),
          keeper_(std::move(keeper)),
          pool_("sqlite", std::move(factory), max_connections, acquire_timeout) {}

    Engine GetEngine() const override { return Engine::kSqlite; }
    Result<PooledConnection> Acquire() override { return pool_.Acquire(); }
    std::string Describe() const override { return description_; }
    ConnectionPool& Pool() { return pool_; }

private:
    std::string description_;
    // In-memory only: a connection that is never used but keeps the shared database alive
    // while the pool's connection is replaced. Declared before pool_, so it closes last.
    std::unique_ptr<Connection> keeper_;
    ConnectionPool pool_;
};

Result<void> CreateParentFolder(const std::string& path) {
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (parent.empty()) {
        return {};
    }
    std::error_code error;
    std::filesystem::create_directories(parent, error);
    if (error) {
        return core::MakeError(core::Errc::kUnavailable,
                               fmt::format("cannot create the folder '{}' for the SQLite "
                                           "database: {}",
                                           parent.string(), error.message()));
    }
    return {};
}

// Once per process, before SQLite initialises itself: its allocation statistics, which Nectr
// never reads, take a global mutex on every allocation of every connection (the ingest
// writer's profile showed the lock and unlock at 2 % of its time). Later calls are refused by
// SQLite (SQLITE_MISUSE after initialisation), which is harmless.
void ConfigureSqliteOnce() {
    static const bool configured = [] {
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        return true;
    }();
    (void)configured;
}

// A name no other in-memory database of this process uses.
std::string MemoryUri() {
    static std::atomic<unsigned long long> counter{0};
    return fmt::format("file:nectr-memory-{}?mode=memory&cache=shared", ++counter);
}

}  // namespace

Result<SqliteLocation> ParseSqliteUrl(std::string_view url) {
    const std::size_t scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) {
        return core::MakeError(core::Errc::kInvalidInput,
                               fmt::format("'{}' is not a SQLite URL; {}", url, kSqliteForms));
    }
    const std::string_view rest = url.substr(scheme_end + 3);
    if (rest.empty() || rest == "/") {
        return core::MakeError(
            core::Errc::kInvalidInput,
            fmt::format("the SQLite URL '{}' names no file; {}", url, kSqliteForms));
    }
    if (rest.front() != '/') {
        return core::MakeError(
            core::Errc::kInvalidInput,
            fmt::format("the SQLite URL '{}' has a host part ('{}'); SQLite URLs have three "
                        "slashes before a relative path and four before an absolute one: {}",
                        url, rest.substr(0, rest.find('/')), kSqliteForms));
    }
    const std::string_view path = rest.substr(1);
    if (path.find('?') != std::string_view::npos) {
        return core::MakeError(core::Errc::kInvalidInput,
                               fmt::format("the SQLite URL '{}' has query parameters, which "
                                           "Nectr does not support; {}",
                                           url, kSqliteForms));
    }
    if (path == ":memory:") {
        return SqliteLocation{"", true};
    }
    return SqliteLocation{std::string(path), false};
}

Result<std::unique_ptr<Database>> OpenSqliteDatabase(const DatabaseOptions& options) {
    Result<SqliteLocation> location = ParseSqliteUrl(options.url);
    if (!location) {
        return location.error();
    }
    ConfigureSqliteOnce();
    std::string filename = location->path;
    std::size_t max_connections = options.max_connections;
    if (location->in_memory) {
        filename = MemoryUri();
        max_connections = 1;
    } else if (Result<void> created = CreateParentFolder(filename); !created) {
        return created.error();
    }
    const bool uri = location->in_memory;
    const auto busy_timeout = options.busy_timeout;
    // One writer at a time in this process, queued on a lock rather than on SQLite's busy
    // handler, whose sleeps starve a busy writer (the ingest thread) behind others.
    auto write_lock = std::make_shared<SqliteWriteLock>(1);
    std::shared_ptr<SqliteCheckpointer> checkpointer;
    if (!location->in_memory) {
        checkpointer = std::make_shared<SqliteCheckpointer>(filename, write_lock,
                                                            SqliteCheckpointer::Thresholds{});
    }
    ConnectionPool::Factory factory = [filename, uri, busy_timeout, write_lock, checkpointer] {
        return SqliteConnection::Open(filename, uri, busy_timeout, write_lock, checkpointer);
    };
    // Open one connection now: a path that cannot be opened fails here, at startup.
    Result<std::unique_ptr<Connection>> first = factory();
    if (!first) {
        return first.error();
    }
    std::unique_ptr<Connection> keeper;
    if (location->in_memory) {
        keeper = std::move(*first);
    }
    auto db = std::make_unique<SqliteDatabase>(options.url, std::move(keeper), std::move(factory),
                                               max_connections, options.acquire_timeout);
    if (!location->in_memory) {
        db->Pool().Adopt(std::move(*first));
    }
    return std::unique_ptr<Database>(std::move(db));
}

}  // namespace nectr::store
