#include "webhooks/ingest_batch.hpp"

#include "queue/job_store.hpp"
#include "store/sql.hpp"

namespace nectr::webhooks {
namespace {

using store::Value;

store::Value TextOrNull(const std::string& text) {
    return text.empty() ? store::Null() : store::Value(text);
}

// The id of an earlier event this item duplicates, if any.
core::Result<std::optional<std::int64_t>> FindDuplicate(store::Connection& connection,
                                                        const IngestItem& item,
                                                        std::int64_t window_start_ms) {
    if (!item.delivery_id.empty()) {
        const Value params[] = {item.delivery_id};
        auto rows = connection.Execute(store::sql::kIngestFindDelivery, params);
        if (!rows) {
            return rows.error();
        }
        if (!rows->empty()) {
            return store::AsInt(rows->rows.front().front());
        }
    }
    if (!item.dedup_hash.empty()) {
        const Value params[] = {item.dedup_hash, window_start_ms};
        auto rows = connection.Execute(store::sql::kIngestFindRecentHash, params);
        if (!rows) {
            return rows.error();
        }
        if (!rows->empty()) {
            return store::AsInt(rows->rows.front().front());
        }
    }
    return std::optional<std::int64_t>{};
}

core::Result<IngestOutcome> WriteItem(store::Connection& connection, const IngestItem& item,
                                      std::int64_t now_ms, std::int64_t window_start_ms) {
    auto duplicate = FindDuplicate(connection, item, window_start_ms);
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
    if (inserted->empty()) {
        // Another process stored the same delivery id between the check and the insert.
        return IngestOutcome{IngestStatus::kDuplicate, 0, std::nullopt};
    }
    IngestOutcome outcome{IngestStatus::kAccepted,
                          store::AsInt(inserted->rows.front().front()).value_or(0), std::nullopt};
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

}  // namespace

std::vector<core::Result<IngestOutcome>> WriteIngestBatch(store::Connection& connection,
                                                          std::span<const IngestItem> items,
                                                          std::int64_t now_ms,
                                                          std::chrono::milliseconds dedup_window) {
    std::vector<core::Result<IngestOutcome>> results;
    results.reserve(items.size());
    const std::int64_t window_start = now_ms - dedup_window.count();
    for (const IngestItem& item : items) {
        // A savepoint per item: one bad item (a constraint, a PostgreSQL error that would
        // abort the transaction) must not take the rest of the batch down with it.
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

}  // namespace nectr::webhooks
