#include "webhooks/installation_sync.hpp"

#include <fmt/core.h>

#include "core/log.hpp"
#include "store/sql.hpp"
#include "webhooks/ingest_batch.hpp"
#include "webhooks/installation_change.hpp"
#include "webhooks/installation_records.hpp"
#include "webhooks/payload_dictionary_store.hpp"

namespace nectr::webhooks {
namespace {

namespace net = boost::asio;
using core::Errc;

struct StoredEvent {
    std::string type;
    std::string action;
    std::string payload_json;
};

core::Result<StoredEvent> LoadEvent(store::Database& database, std::int64_t event_id) {
    const store::Value params[] = {event_id};
    core::Result<store::Rows> rows = store::Execute(database, store::sql::kEventsPayload, params);
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return core::MakeError(Errc::kNotFound, fmt::format("event {} no longer exists", event_id));
    }
    const std::vector<store::Value>& row = rows->rows.front();
    const std::optional<std::string> bytes = store::AsText(row[2]);
    if (!bytes) {
        return core::MakeError(Errc::kInvalidInput,
                               fmt::format("event {} has no stored payload", event_id));
    }
    const std::string encoding = store::AsText(row[3]).value_or("identity");
    std::shared_ptr<const PayloadDictionary> dictionary;
    if (encoding == "zstd-dict") {
        auto loaded = LoadPayloadDictionary(database, PayloadDictionaryId(*bytes));
        if (!loaded) {
            return core::MakeError(loaded.error().code,
                                   fmt::format("event {}: {}", event_id, loaded.error().detail));
        }
        dictionary = std::move(*loaded);
    }
    core::Result<std::string> payload = DecodePayload(*bytes, encoding, dictionary.get());
    if (!payload) {
        // Corrupt bytes stay corrupt: not worth another attempt.
        return core::MakeError(Errc::kInvalidInput,
                               fmt::format("event {}: {}", event_id, payload.error().detail));
    }
    return StoredEvent{store::AsText(row[0]).value_or(""), store::AsText(row[1]).value_or(""),
                       std::move(*payload)};
}

}  // namespace

core::Result<void> SyncInstallation(store::Database& database, const core::Clock& clock,
                                    const queue::Job& job) {
    if (!job.event_id) {
        return core::MakeError(
            Errc::kInvalidInput,
            fmt::format("job {} has no event to read the installation change from", job.id));
    }
    const std::int64_t event_id = *job.event_id;
    core::Result<StoredEvent> event = LoadEvent(database, event_id);
    if (!event) {
        return event.error();
    }
    core::Result<InstallationChange> change =
        ParseInstallationChange(event->type, event->action, event->payload_json);
    if (!change) {
        return core::MakeError(change.error().code,
                               fmt::format("event {}: {}", event_id, change.error().detail));
    }
    InstallationSyncOutcome outcome;
    const std::int64_t now_ms = core::ToUnixMillis(clock.Now());
    core::Result<void> applied =
        store::InTransaction(database, [&](store::Connection& connection) -> core::Result<void> {
            core::Result<InstallationSyncOutcome> written =
                ApplyInstallationChange(connection, *change, event_id, now_ms);
            if (!written) {
                return written.error();
            }
            outcome = std::move(*written);
            return {};
        });
    if (!applied) {
        return applied;
    }
    NECTR_LOG_INFO("webhooks.installation_synced",
                   "job_id={} event_id={} installation_id={} action={} status={} added={} "
                   "removed={} stale={}",
                   job.id, event_id, change->installation_id, event->action, outcome.status,
                   outcome.added, outcome.removed, outcome.stale);
    return {};
}

queue::JobHandler MakeInstallationSyncHandler(InstallationSyncDeps deps) {
    return [deps](const queue::Job& job) -> net::awaitable<core::Result<void>> {
        // The job outlives this awaitable (queue::JobHandler's contract); a copy keeps the
        // pool's work independent of that all the same.
        std::function<core::Result<void>()> sync = [deps, job] {
            return SyncInstallation(*deps.db, *deps.clock, job);
        };
        core::Result<void> done = co_await deps.pool->Call<core::Result<void>>(std::move(sync));
        co_return done;
    };
}

}  // namespace nectr::webhooks
