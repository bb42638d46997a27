#pragma once

// Row decoding and the bookkeeping statements that several queue operations share: closing a
// workflow run, settling an event. Internal to src/queue.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "queue/job.hpp"
#include "store/database.hpp"

namespace nectr::queue {

using core::Result;

// NULL for nullopt, the value otherwise.
store::Value OptionalInt(const std::optional<std::int64_t>& value);
store::Value OptionalText(const std::optional<std::string>& value);

// The job in row `index` of `rows`, which must carry the columns of jobs/get.sql.
// kInternal when a column is missing or holds what the schema forbids.
Result<Job> JobFromRow(const store::Rows& rows, std::size_t index);

// An integer column of row `index`, by name; nullopt when NULL or absent.
std::optional<std::int64_t> IntColumn(const store::Rows& rows, std::size_t index,
                                      std::string_view column);
std::optional<std::string> TextColumn(const store::Rows& rows, std::size_t index,
                                      std::string_view column);

// Closes the workflow run of an attempt (nothing when `run_id` is nullopt): completed when
// `error` is nullopt, failed with it otherwise.
Result<void> CloseWorkflowRun(store::Connection& connection, std::optional<std::int64_t> run_id,
                              const std::optional<std::string>& error, std::int64_t now_ms);

// Marks the event done if none of its jobs is queued or running any more (events/settle.sql);
// nothing when `event_id` is nullopt.
Result<void> SettleEvent(store::Connection& connection, std::optional<std::int64_t> event_id,
                         std::int64_t now_ms);

// Puts the event back to pending (a job of it was retried); nothing when nullopt.
Result<void> ReopenEvent(store::Connection& connection, std::optional<std::int64_t> event_id);

}  // namespace nectr::queue
