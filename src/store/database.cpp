#include "store/database.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cctype>
#include <utility>

#include "core/log.hpp"
#include "store/connection_pool.hpp"
#include "store/postgres_database.hpp"
#include "store/sqlite_database.hpp"

namespace nectr::store {
namespace {

std::string Lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// Masks the user-info password of `scheme://user:password@host/...`.
void MaskUserInfoPassword(std::string& url) {
    const std::size_t scheme_end = url.find("://");
    if (scheme_end == std::string::npos) {
        return;
    }
    const std::size_t begin = scheme_end + 3;
    std::size_t end = url.find_first_of("/?#", begin);
    if (end == std::string::npos) {
        end = url.size();
    }
    const std::string_view authority = std::string_view(url).substr(begin, end - begin);
    const std::size_t at = authority.rfind('@');
    if (at == std::string_view::npos) {
        return;
    }
    const std::size_t colon = authority.find(':');
    if (colon == std::string_view::npos || colon > at) {
        return;
    }
    url.replace(begin + colon + 1, at - colon - 1, "***");
}

// Masks `password=...` in a URL query string or a libpq key=value string.
void MaskPasswordParameters(std::string& url) {
    constexpr std::string_view kKey = "password=";
    std::size_t pos = 0;
    while ((pos = Lower(url).find(kKey, pos)) != std::string::npos) {
        const bool starts_word =
            pos == 0 || url[pos - 1] == '?' || url[pos - 1] == '&' || url[pos - 1] == ' ';
        const std::size_t value = pos + kKey.size();
        pos = value;
        if (!starts_word) {
            continue;
        }
        std::size_t end;
        if (value < url.size() && url[value] == '\'') {
            end = url.find('\'', value + 1);
            end = end == std::string::npos ? url.size() : end + 1;
        } else {
            end = url.find_first_of("& #", value);
            end = end == std::string::npos ? url.size() : end;
        }
        url.replace(value, end - value, "***");
    }
}

}  // namespace

std::string_view EngineName(Engine engine) {
    switch (engine) {
        case Engine::kSqlite:
            return "sqlite";
        case Engine::kPostgres:
            return "postgres";
    }
    return "unknown";
}

PooledConnection::PooledConnection(ConnectionPool* pool, std::unique_ptr<Connection> connection)
    : pool_(pool), connection_(std::move(connection)) {}

PooledConnection::PooledConnection(PooledConnection&& other) noexcept
    : pool_(std::exchange(other.pool_, nullptr)), connection_(std::move(other.connection_)) {}

PooledConnection& PooledConnection::operator=(PooledConnection&& other) noexcept {
    if (this != &other) {
        Release();
        pool_ = std::exchange(other.pool_, nullptr);
        connection_ = std::move(other.connection_);
    }
    return *this;
}

PooledConnection::~PooledConnection() { Release(); }

void PooledConnection::Release() {
    if (pool_ != nullptr && connection_ != nullptr) {
        pool_->Return(std::move(connection_));
    }
    connection_.reset();
    pool_ = nullptr;
}

Result<std::unique_ptr<Database>> OpenDatabase(const DatabaseOptions& options) {
    if (options.url.empty()) {
        return core::MakeError(core::Errc::kInvalidInput,
                               "the database URL is empty; use sqlite:///path/to/nectr.db or "
                               "postgresql://user:password@host:5432/database");
    }
    if (options.max_connections == 0) {
        return core::MakeError(core::Errc::kInvalidInput,
                               "the database pool needs at least one connection");
    }
    const std::size_t scheme_end = options.url.find("://");
    if (scheme_end == std::string::npos) {
        return core::MakeError(
            core::Errc::kInvalidInput,
            fmt::format("the database URL '{}' has no scheme; use sqlite:///path/to/nectr.db or "
                        "postgresql://user:password@host:5432/database",
                        MaskDatabaseUrl(options.url)));
    }
    // A SQLAlchemy driver suffix (postgresql+asyncpg, sqlite+aiosqlite) names a Python
    // driver; the engine is what comes before it.
    std::string scheme = Lower(std::string_view(options.url).substr(0, scheme_end));
    scheme = scheme.substr(0, scheme.find('+'));
    if (scheme == "sqlite") {
        return OpenSqliteDatabase(options);
    }
    if (scheme == "postgresql" || scheme == "postgres") {
        return OpenPostgresDatabase(options);
    }
    return core::MakeError(
        core::Errc::kInvalidInput,
        fmt::format("unsupported database '{}' in URL '{}'; Nectr supports sqlite:///path.db "
                    "and postgresql://user:password@host:5432/database",
                    scheme, MaskDatabaseUrl(options.url)));
}

std::string MaskDatabaseUrl(std::string_view url) {
    std::string out(url);
    MaskUserInfoPassword(out);
    MaskPasswordParameters(out);
    return out;
}

Result<Rows> Execute(Database& db, const Query& query, std::span<const Value> params) {
    Result<PooledConnection> connection = db.Acquire();
    if (!connection) {
        return connection.error();
    }
    return (*connection)->Execute(query, params);
}

Result<void> InTransaction(Database& db, const std::function<Result<void>(Connection&)>& work) {
    Result<PooledConnection> connection = db.Acquire();
    if (!connection) {
        return connection.error();
    }
    Connection& conn = **connection;
    if (Result<void> begun = conn.Begin(); !begun) {
        return begun.error();
    }
    Result<void> done = work(conn);
    if (done) {
        done = conn.Commit();
        if (done) {
            return done;
        }
    }
    // The work or the commit failed: undo. A connection that cannot roll back is left
    // inside a transaction, so the pool closes it (which rolls back) instead of reusing it.
    if (Result<void> undone = conn.Rollback(); !undone) {
        NECTR_LOG_WARN("store.rollback_failed", "engine={} error=\"{}\"",
                       EngineName(db.GetEngine()), undone.error().detail);
    }
    return done;
}

}  // namespace nectr::store
