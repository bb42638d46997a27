#include "webhooks/ingest_batch.hpp"

#include "queue/job_store.hpp"
#include "store/sql.hpp"

namespace nectr::webhooks {
namespace {

using store::Value;

store::Value TextOrNull(const std::string& text) {
    return text.empty() ? store::Null() : store::Value(text);
}

core::Result<std::optional<std::int64_t>> FirstId(store::Connection& connection,
                                                  const store::Query& query,
                                                  std::span<const Value> params) {
    auto rows = connection.Execute(query, params);
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return std::optional<std::int64_t>{};
    }
    return store::AsInt(rows->rows.front().front());
}

// The earlier event with the same type and payload inside the window, if any. The delivery id
// needs no lookup of its own: the insert's ON CONFLICT finds it (a redelivery also has the
// same payload, so inside the window this lookup answers it first).
core::Result<std::optional<std::int64_t>> FindSamePayload(store::Connection& connection,
                                                          const IngestItem& item,
                                                          std::int64_t window_start_ms) {
    if (item.dedup_hash.empty()) {
        return std::optional<std::int64_t>{};
    }
    const Value params[] = {item.dedup_hash, window_start_ms};
    return FirstId(connection, store::sql::kIngestFindRecentHash, params);
}

core::Result<IngestOutcome> WriteItem(store::Connection& connection, const IngestItem& item,
                                      std::int64_t now_ms, std::int64_t window_start_ms) {
    auto duplicate = FindSamePayload(connection, item, window_start_ms);
    if (!duplicate) {
        return duplicate.error();
    }
    if (*duplicate) {
        return IngestOutcome{IngestStatus::kDuplicate, **duplicate, std::nullopt};
    }
    EncodedPayload payload =
        item.encoded_payload ? *item.encoded_payload : EncodePayload(item.payload_json);
    const bool has_job = item.job.has_value();
    const Value params[] = {item.event_type,
                            TextOrNull(item.action),
                            TextOrNull(item.delivery_id),
                            TextOrNull(item.repo_full_name),
                            store::Blob{std::move(payload.bytes)},
                            payload.encoding,
                            TextOrNull(item.dedup_hash),
                            std::string(has_job ? "pending" : "completed"),
                            TextOrNull(item.note),
                            now_ms,
                            has_job ? store::Null() : Value(now_ms)};
    auto inserted = connection.Execute(store::sql::kIngestInsertEvent, params);
    if (!inserted) {
        return inserted.error();
    }
    const std::optional<std::int64_t> event_id = store::InsertedId(*inserted);
    if (!event_id) {
        // The delivery id was stored before: a redelivery, or another process's insert.
        const Value params[] = {item.delivery_id};
        auto earlier = FirstId(connection, store::sql::kIngestFindDelivery, params);
        if (!earlier) {
            return earlier.error();
        }
        return IngestOutcome{IngestStatus::kDuplicate, earlier->value_or(0), std::nullopt};
    }
    IngestOutcome outcome{IngestStatus::kAccepted, *event_id, std::nullopt};
    if (has_job) {
        queue::NewJob job = *item.job;
        job.event_id = outcome.event_id;
        auto job_id = queue::EnqueueJob(connection, job, now_ms);
        if (!job_id) {
            return job_id.error();
        }
        outcome.job_id = *job_id;
    }
    return outcome;
}

// Each item inside a savepoint of its own: one bad item (a constraint, a PostgreSQL error that
// would abort the transaction) must not take the rest of the batch down with it.
std::vector<core::Result<IngestOutcome>> WriteEachIsolated(store::Connection& connection,
                                                           std::span<const IngestItem> items,
                                                           std::int64_t now_ms,
                                                           std::int64_t window_start) {
    std::vector<core::Result<IngestOutcome>> results;
    results.reserve(items.size());
    for (const IngestItem& item : items) {
        if (auto saved = connection.ExecuteScript("SAVEPOINT ingest_item"); !saved) {
            results.emplace_back(saved.error());
            continue;
        }
        auto outcome = WriteItem(connection, item, now_ms, window_start);
        auto closed = connection.ExecuteScript(outcome ? "RELEASE SAVEPOINT ingest_item"
                                                       : "ROLLBACK TO SAVEPOINT ingest_item");
        if (outcome && !closed) {
            results.emplace_back(closed.error());
            continue;
        }
        results.push_back(std::move(outcome));
    }
    return results;
}

// Every item under one savepoint, or nothing: the results when all were written, else nullopt
// with the batch's writes undone. Items almost never fail, and two savepoint statements per
// item were a tenth of the writer's time.
std::optional<std::vector<core::Result<IngestOutcome>>> WriteAllOrNothing(
    store::Connection& connection, std::span<const IngestItem> items, std::int64_t now_ms,
    std::int64_t window_start) {
    if (!connection.ExecuteScript("SAVEPOINT ingest_batch")) {
        return std::nullopt;
    }
    std::vector<core::Result<IngestOutcome>> results;
    results.reserve(items.size());
    for (const IngestItem& item : items) {
        auto outcome = WriteItem(connection, item, now_ms, window_start);
        if (!outcome) {
            (void)connection.ExecuteScript("ROLLBACK TO SAVEPOINT ingest_batch");
            (void)connection.ExecuteScript("RELEASE SAVEPOINT ingest_batch");
            return std::nullopt;
        }
        results.push_back(std::move(outcome));
    }
    if (!connection.ExecuteScript("RELEASE SAVEPOINT ingest_batch")) {
        (void)connection.ExecuteScript("ROLLBACK TO SAVEPOINT ingest_batch");
        (void)connection.ExecuteScript("RELEASE SAVEPOINT ingest_batch");
        return std::nullopt;
    }
    return results;
}

}  // namespace

std::vector<core::Result<IngestOutcome>> WriteIngestBatch(store::Connection& connection,
                                                          std::span<const IngestItem> items,
                                                          std::int64_t now_ms,
                                                          std::chrono::milliseconds dedup_window) {
    const std::int64_t window_start = now_ms - dedup_window.count();
    if (items.size() > 1) {
        if (auto all = WriteAllOrNothing(connection, items, now_ms, window_start)) {
            return std::move(*all);
        }
    }
    return WriteEachIsolated(connection, items, now_ms, window_start);
}

}  // namespace nectr::webhooks
