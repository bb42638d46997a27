#include "support/test_database.hpp"

#include <fmt/core.h>
#include <stdlib.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <system_error>
#include <utility>

#include "store/migrator.hpp"
#include "store/sql.hpp"

namespace nectr::testing {
namespace {

using core::Errc;

// Unique across the test processes that ctest runs side by side, hence not seeded.
std::string RandomSuffix() {
    std::random_device device;
    std::uniform_int_distribution<unsigned long long> digits(0, 0xffffffffffffULL);
    return fmt::format("{:012x}", digits(device));
}

core::Result<void> RunAdminScript(const std::string& admin_url, const std::string& script) {
    store::DatabaseOptions options;
    options.url = admin_url;
    options.max_connections = 1;
    options.connect_timeout = std::chrono::seconds(5);
    auto db = store::OpenDatabase(options);
    if (!db) {
        return db.error();
    }
    auto connection = (*db)->Acquire();
    if (!connection) {
        return connection.error();
    }
    return (*connection)->ExecuteScript(script);
}

core::Result<std::string> MakeTempFolder() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "nectr-store-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        return core::MakeError(Errc::kInternal,
                               fmt::format("cannot create a temporary folder from {}", pattern));
    }
    return pattern;
}

}  // namespace

TestDatabase::TestDatabase(store::Engine engine, std::string url, std::string folder,
                           std::string schema, std::string admin_url)
    : engine_(engine),
      url_(std::move(url)),
      folder_(std::move(folder)),
      schema_(std::move(schema)),
      admin_url_(std::move(admin_url)) {}

core::Result<std::unique_ptr<TestDatabase>> TestDatabase::Create(store::Engine engine) {
    if (engine == store::Engine::kSqlite) {
        auto folder = MakeTempFolder();
        if (!folder) {
            return folder.error();
        }
        std::string url = "sqlite:///" + *folder + "/test.db";  // folder is absolute: 4 slashes
        return std::unique_ptr<TestDatabase>(
            new TestDatabase(engine, std::move(url), std::move(*folder), "", ""));
    }
    const char* base = std::getenv(kPostgresUrlVariable);
    if (base == nullptr || *base == '\0') {
        return core::MakeError(
            Errc::kUnavailable,
            fmt::format("{} is not set, so the PostgreSQL tests cannot run. Run scripts/test.sh "
                        "(it starts a throwaway PostgreSQL), or start one yourself with "
                        "`D=$(mktemp -d); export {}=$(bash scripts/pg_cluster.sh start $D)` "
                        "and run the tests again",
                        kPostgresUrlVariable, kPostgresUrlVariable));
    }
    std::string admin_url = base;
    std::string schema = "t_" + RandomSuffix();
    if (auto created = RunAdminScript(admin_url, "CREATE SCHEMA " + schema); !created) {
        return core::MakeError(created.error().code,
                               fmt::format("cannot create schema {} in {} ({}): {}", schema,
                                           store::MaskDatabaseUrl(admin_url), kPostgresUrlVariable,
                                           created.error().detail));
    }
    std::string url = admin_url;
    url += url.find('?') == std::string::npos ? '?' : '&';
    url += "options=-csearch_path%3D" + schema;
    return std::unique_ptr<TestDatabase>(
        new TestDatabase(engine, std::move(url), "", std::move(schema), std::move(admin_url)));
}

TestDatabase::~TestDatabase() {
    if (engine_ == store::Engine::kSqlite) {
        std::error_code error;
        std::filesystem::remove_all(folder_, error);
        return;
    }
    if (auto dropped = RunAdminScript(admin_url_, "DROP SCHEMA " + schema_ + " CASCADE");
        !dropped) {
        std::fprintf(stderr, "test_database: could not drop schema %s: %s\n", schema_.c_str(),
                     dropped.error().detail.c_str());
    }
}

store::DatabaseOptions TestDatabase::Options() const {
    store::DatabaseOptions options;
    options.url = url_;
    options.max_connections = 4;
    options.acquire_timeout = std::chrono::seconds(10);
    options.busy_timeout = std::chrono::seconds(10);
    options.connect_timeout = std::chrono::seconds(5);
    return options;
}

core::Result<std::unique_ptr<store::Database>> TestDatabase::Open() const {
    return store::OpenDatabase(Options());
}

core::Result<std::unique_ptr<store::Database>> TestDatabase::Open(
    store::DatabaseOptions options) const {
    options.url = url_;
    return store::OpenDatabase(options);
}

std::string EngineParamName(const ::testing::TestParamInfo<store::Engine>& info) {
    return info.param == store::Engine::kSqlite ? "Sqlite" : "Postgres";
}

core::Result<std::unique_ptr<store::Database>> TestDatabase::OpenMigrated() const {
    auto db = Open();
    if (!db) {
        return db.error();
    }
    if (auto migrated = store::ApplyMigrations(**db, store::sql::AllMigrations()); !migrated) {
        return migrated.error();
    }
    return db;
}

}  // namespace nectr::testing
