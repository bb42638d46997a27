#include "store/migrator.hpp"

#include <fmt/core.h>

#include <chrono>
#include <utility>

#include "core/clock.hpp"
#include "core/log.hpp"
#include "store/sql.hpp"

namespace nectr::store {
namespace {

std::string MigrationId(const Migration& migration) {
    return fmt::format("{:04}_{}", migration.version, migration.name);
}

Result<void> CheckOrder(std::span<const Migration> migrations) {
    for (std::size_t i = 0; i < migrations.size(); ++i) {
        if (migrations[i].version != static_cast<int>(i) + 1) {
            return core::MakeError(core::Errc::kInternal,
                                   fmt::format("migration {} is out of order: versions must run "
                                               "1, 2, 3... without gaps",
                                               MigrationId(migrations[i])));
        }
    }
    return {};
}

// The version as seen on this connection; 0 when schema_migrations does not exist yet.
Result<int> ReadVersion(Connection& conn) {
    Result<Rows> present = conn.Execute(sql::kSchemaMigrationsTableExists);
    if (!present) {
        return present.error();
    }
    if (present->empty() || AsInt(present->rows.front().front()).value_or(0) == 0) {
        return 0;
    }
    Result<Rows> version = conn.Execute(sql::kSchemaCurrentVersion);
    if (!version) {
        return version.error();
    }
    if (version->empty()) {
        return 0;
    }
    return static_cast<int>(AsInt(version->rows.front().front()).value_or(0));
}

Result<void> Apply(Connection& conn, Engine engine, const Migration& migration) {
    const std::string_view script =
        engine == Engine::kSqlite ? migration.sqlite : migration.postgres;
    if (Result<void> ran = conn.ExecuteScript(script); !ran) {
        return core::MakeError(
            ran.error().code,
            fmt::format("migration {} failed: {}", MigrationId(migration), ran.error().detail));
    }
    const std::int64_t now = core::ToUnixMillis(std::chrono::system_clock::now());
    const Value row[] = {static_cast<std::int64_t>(migration.version), std::string(migration.name),
                         now};
    Result<Rows> recorded = conn.Execute(sql::kSchemaRecordMigration, row);
    if (!recorded) {
        return recorded.error();
    }
    return {};
}

// In one transaction: takes the migration lock, reads the version, and applies the next
// migration if there is one. Returns whether it applied one.
Result<bool> ApplyNext(Database& db, std::span<const Migration> migrations, MigrationReport& report,
                       bool first) {
    const int latest = migrations.empty() ? 0 : migrations.back().version;
    bool applied = false;
    Result<void> done = InTransaction(db, [&](Connection& conn) -> Result<void> {
        // Another process may have migrated while this one waited for the lock: the version
        // is read only once the lock is held.
        if (Result<Rows> locked = conn.Execute(sql::kSchemaLockMigrations); !locked) {
            return locked.error();
        }
        if (Result<Rows> created = conn.Execute(sql::kSchemaCreateMigrationsTable); !created) {
            return created.error();
        }
        Result<int> version = ReadVersion(conn);
        if (!version) {
            return version.error();
        }
        if (first) {
            report.from_version = *version;
        }
        report.to_version = *version;
        if (*version > latest) {
            return core::MakeError(
                core::Errc::kConflict,
                fmt::format("the database schema is at version {}, newer than the {} this build "
                            "of nectr knows: upgrade nectr, or point it at another database",
                            *version, latest));
        }
        if (*version == latest) {
            return {};
        }
        const Migration& next = migrations[static_cast<std::size_t>(*version)];  // version v+1
        if (Result<void> ran = Apply(conn, db.GetEngine(), next); !ran) {
            return ran.error();
        }
        report.to_version = next.version;
        report.applied.push_back(MigrationId(next));
        applied = true;
        return {};
    });
    if (!done) {
        return done.error();
    }
    return applied;
}

}  // namespace

Result<MigrationReport> ApplyMigrations(Database& db, std::span<const Migration> migrations) {
    if (Result<void> ordered = CheckOrder(migrations); !ordered) {
        return ordered.error();
    }
    MigrationReport report;
    for (bool first = true;; first = false) {
        Result<bool> applied = ApplyNext(db, migrations, report, first);
        if (!applied) {
            NECTR_LOG_ERROR("store.migration_failed", "engine={} version={} error=\"{}\"",
                            EngineName(db.GetEngine()), report.to_version, applied.error().detail);
            return applied.error();
        }
        if (!*applied) {
            break;
        }
        NECTR_LOG_INFO("store.migration_applied", "engine={} migration={}",
                       EngineName(db.GetEngine()), report.applied.back());
    }
    return report;
}

Result<int> CurrentSchemaVersion(Database& db) {
    Result<PooledConnection> conn = db.Acquire();
    if (!conn) {
        return conn.error();
    }
    return ReadVersion(**conn);
}

}  // namespace nectr::store
