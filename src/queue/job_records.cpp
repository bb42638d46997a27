#include "queue/job_records.hpp"

#include <fmt/core.h>

#include <utility>

#include "store/sql.hpp"

namespace nectr::queue {
namespace {

using core::Errc;

core::Error MissingColumn(std::string_view column) {
    return core::MakeError(Errc::kInternal,
                           fmt::format("queue: a job row lacks the column '{}'", column));
}

}  // namespace

store::Value OptionalInt(const std::optional<std::int64_t>& value) {
    return value ? store::Value(*value) : store::Null();
}

store::Value OptionalText(const std::optional<std::string>& value) {
    return value ? store::Value(*value) : store::Null();
}

std::optional<std::int64_t> IntColumn(const store::Rows& rows, std::size_t index,
                                      std::string_view column) {
    const std::optional<std::size_t> at = rows.ColumnIndex(column);
    if (!at || index >= rows.size()) {
        return std::nullopt;
    }
    return store::AsInt(rows.rows[index][*at]);
}

std::optional<std::string> TextColumn(const store::Rows& rows, std::size_t index,
                                      std::string_view column) {
    const std::optional<std::size_t> at = rows.ColumnIndex(column);
    if (!at || index >= rows.size()) {
        return std::nullopt;
    }
    return store::AsText(rows.rows[index][*at]);
}

Result<Job> JobFromRow(const store::Rows& rows, std::size_t index) {
    Job job;
    // The NOT NULL columns: a missing one means the query and this code disagree.
    std::string_view missing;
    const auto required_int = [&](std::string_view column, std::int64_t& out) {
        const std::optional<std::int64_t> value = IntColumn(rows, index, column);
        if (!value && missing.empty()) {
            missing = column;
        }
        out = value.value_or(0);
    };
    const auto required_text = [&](std::string_view column, std::string& out) {
        std::optional<std::string> value = TextColumn(rows, index, column);
        if (!value && missing.empty()) {
            missing = column;
        }
        out = std::move(value).value_or("");
    };
    std::int64_t cancel_requested = 0;
    std::string state;
    required_int("id", job.id);
    required_text("kind", job.kind);
    required_text("payload", job.payload);
    required_int("priority", job.priority);
    required_text("state", state);
    required_int("run_at", job.run_at_ms);
    required_int("attempts", job.attempts);
    required_int("max_attempts", job.max_attempts);
    required_text("repo_full_name", job.repo_full_name);
    required_text("coalesce_key", job.coalesce_key);
    required_text("concurrency_key", job.concurrency_key);
    required_int("cancel_requested", cancel_requested);
    required_int("created_at", job.created_at_ms);
    required_int("updated_at", job.updated_at_ms);
    if (!missing.empty()) {
        return MissingColumn(missing);
    }
    std::optional<JobState> parsed = ParseJobState(state);
    if (!parsed) {
        return core::MakeError(
            Errc::kInternal, fmt::format("queue: job {} has an unknown state '{}'", job.id, state));
    }
    job.state = *parsed;
    job.cancel_requested = cancel_requested != 0;
    job.lease_owner = TextColumn(rows, index, "lease_owner");
    job.lease_expires_at_ms = IntColumn(rows, index, "lease_expires_at");
    job.last_error = TextColumn(rows, index, "last_error");
    job.event_id = IntColumn(rows, index, "event_id");
    job.pr_number = IntColumn(rows, index, "pr_number");
    job.head_sha = TextColumn(rows, index, "head_sha");
    job.workflow_run_id = IntColumn(rows, index, "workflow_run_id");
    job.finished_at_ms = IntColumn(rows, index, "finished_at");
    return job;
}

Result<void> CloseWorkflowRun(store::Connection& connection, std::optional<std::int64_t> run_id,
                              const std::optional<std::string>& error, std::int64_t now_ms) {
    if (!run_id) {
        return {};
    }
    const store::Value params[] = {*run_id, std::string(error ? "failed" : "completed"),
                                   OptionalText(error), now_ms};
    Result<store::Rows> closed = connection.Execute(store::sql::kJobsFinishWorkflowRun, params);
    if (!closed) {
        return closed.error();
    }
    return {};
}

Result<void> SettleEvent(store::Connection& connection, std::optional<std::int64_t> event_id,
                         std::int64_t now_ms) {
    if (!event_id) {
        return {};
    }
    const store::Value params[] = {*event_id, now_ms};
    Result<store::Rows> settled = connection.Execute(store::sql::kEventsSettle, params);
    if (!settled) {
        return settled.error();
    }
    return {};
}

Result<void> ReopenEvent(store::Connection& connection, std::optional<std::int64_t> event_id) {
    if (!event_id) {
        return {};
    }
    const store::Value params[] = {*event_id};
    Result<store::Rows> reopened = connection.Execute(store::sql::kEventsReopen, params);
    if (!reopened) {
        return reopened.error();
    }
    return {};
}

}  // namespace nectr::queue
