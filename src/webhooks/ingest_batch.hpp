#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "queue/job.hpp"
#include "store/database.hpp"
#include "webhooks/payload_codec.hpp"

namespace nectr::webhooks {

// One verified delivery, ready to be stored with the job it asks for.
struct IngestItem {
    std::string event_type;
    std::string action;
    std::string delivery_id;  // empty when the sender gave none
    std::string repo_full_name;
    std::string payload_json;
    // The payload already encoded for storage (compressing is CPU work best done before the
    // single writer thread gets the item); when unset, the writer encodes payload_json.
    std::optional<EncodedPayload> encoded_payload;
    std::string dedup_hash;            // empty: dedup on the delivery id alone
    std::optional<queue::NewJob> job;  // nullopt: nothing to do, stored as completed
    std::string note;                  // why nothing is done, for a completed event
};

enum class IngestStatus { kAccepted, kDuplicate };

struct IngestOutcome {
    IngestStatus status = IngestStatus::kAccepted;
    std::int64_t event_id = 0;  // the new event, or the one this duplicates
    std::optional<std::int64_t> job_id;
};

// Stores each item as an event plus its job, on a connection whose transaction the caller
// opened and will commit: all of a batch becomes durable in one commit. An item whose delivery
// id was stored before, or whose type and payload were stored within `dedup_window`, is a
// duplicate and writes nothing. One result per item, in order; an item error is returned in
// its slot and leaves the others alone (the batch is written under one savepoint, and
// again item by item, each under its own, when any item fails).
std::vector<core::Result<IngestOutcome>> WriteIngestBatch(store::Connection& connection,
                                                          std::span<const IngestItem> items,
                                                          std::int64_t now_ms,
                                                          std::chrono::milliseconds dedup_window);

}  // namespace nectr::webhooks
