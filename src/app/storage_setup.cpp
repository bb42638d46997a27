#include "app/storage_setup.hpp"

#include "app/settings.hpp"
#include "core/log.hpp"
#include "store/migrator.hpp"
#include "store/sql.hpp"

namespace nectr::app {

core::Result<std::unique_ptr<store::Database>> OpenStore(const core::Config& config) {
    store::DatabaseOptions options;
    options.url = config.database_url;
    options.max_connections = config.max_db_connections;
    auto db = store::OpenDatabase(options);
    if (!db) {
        return db.error();
    }
    auto report = store::ApplyMigrations(**db, store::sql::AllMigrations());
    if (!report) {
        return core::MakeError(report.error().code, "cannot migrate " + (*db)->Describe() + ": " +
                                                        report.error().detail);
    }
    if (!report->applied.empty()) {
        NECTR_LOG_INFO("store.migrated", "database={} from={} to={} applied={}", (*db)->Describe(),
                       report->from_version, report->to_version, report->applied.size());
    }
    return std::move(*db);
}

core::Result<std::unique_ptr<store::Database>> PrepareAndOpenStore(core::Config& config) {
    if (auto prepared = PrepareDataDir(config); !prepared) {
        return prepared.error();
    }
    return OpenStore(config);
}

}  // namespace nectr::app
