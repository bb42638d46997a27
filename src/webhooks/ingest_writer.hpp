#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "store/database.hpp"
#include "webhooks/ingest_batch.hpp"

namespace nectr::webhooks {

namespace net = boost::asio;

struct IngestOptions {
    std::size_t max_batch = 512;  // items per commit at most
    // Under load (two or more deliveries already waiting when a commit could start), the
    // writer waits up to gather_delay for gather_items before it commits: fewer, larger
    // commits cost less CPU per delivery (each commit syncs the WAL, and rewrites the pages
    // that every commit touches). At 5,000 deliveries/s on SQLite this took the server from
    // about 140 % to 118 % of a core for half a millisecond more latency (bench/README.md).
    // A delivery that arrives alone is committed at once.
    std::size_t gather_items = 16;
    std::chrono::microseconds gather_delay{500};
    std::chrono::milliseconds dedup_window{60 * 60 * 1000};  // same type+payload within it
};

// The one writer of deliveries per database: a thread that commits, in one transaction,
// everything that arrived while its previous commit ran (group commit). Submit answers only
// after the commit, so an accepted delivery is durable; a failed commit fails every item in
// it, and none of them was accepted.
class IngestWriter {
public:
    IngestWriter(store::Database& db, const core::Clock& clock, IngestOptions options);
    // Stops the thread after writing what was submitted.
    ~IngestWriter();
    IngestWriter(const IngestWriter&) = delete;
    IngestWriter& operator=(const IngestWriter&) = delete;

    // Queues the item for the next commit and resumes the caller, on its own executor, with
    // the outcome. Errors: the item's own (kConflict, kInvalidInput) or the commit's
    // (kUnavailable when the database is down, kTimeout when it is busy). After Stop(),
    // kUnavailable at once.
    net::awaitable<core::Result<IngestOutcome>> Submit(IngestItem item);

    // Runs on the writer thread after each successful commit that accepted a job (to wake the
    // workers). Set before the first Submit. Must not block.
    void SetCommitListener(std::function<void()> listener);

    // Writes what is queued, then ends the thread. Idempotent.
    void Stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace nectr::webhooks
