#include <iostream>

#include "app/commands.hpp"
#include "app/settings.hpp"
#include "app/storage_setup.hpp"
#include "store/migrator.hpp"
#include "store/sql.hpp"

namespace nectr::app {
namespace {

int PrintStatus(store::Database& db) {
    auto current = store::CurrentSchemaVersion(db);
    if (!current) {
        std::cerr << "nectr: cannot read the schema version of " << db.Describe() << ": "
                  << current.error().detail << "\n";
        return 1;
    }
    auto migrations = store::sql::AllMigrations();
    int latest = migrations.empty() ? 0 : migrations.back().version;
    std::cout << "database: " << db.Describe() << "\n"
              << "schema version: " << *current << " (this binary knows up to " << latest << ")\n";
    for (const store::Migration& migration : migrations) {
        if (migration.version > *current) {
            std::cout << "pending: " << migration.version << " " << migration.name << "\n";
        }
    }
    return 0;
}

}  // namespace

int RunMigrate(core::Config config, bool status_only) {
    if (auto prepared = PrepareDataDir(config); !prepared) {
        std::cerr << "nectr: " << prepared.error().detail << "\n";
        return 1;
    }
    store::DatabaseOptions options;
    options.url = config.database_url;
    auto db = store::OpenDatabase(options);
    if (!db) {
        std::cerr << "nectr: " << db.error().detail << "\n";
        return 1;
    }
    if (status_only) {
        return PrintStatus(**db);
    }
    auto report = store::ApplyMigrations(**db, store::sql::AllMigrations());
    if (!report) {
        std::cerr << "nectr: migration failed on " << (*db)->Describe() << ": "
                  << report.error().detail << "\n";
        return 1;
    }
    if (report->applied.empty()) {
        std::cout << "The database is up to date at schema version " << report->to_version << ".\n";
        return 0;
    }
    for (const std::string& name : report->applied) {
        std::cout << "applied: " << name << "\n";
    }
    std::cout << "Migrated " << (*db)->Describe() << " from schema version " << report->from_version
              << " to " << report->to_version << ".\n";
    return 0;
}

}  // namespace nectr::app
