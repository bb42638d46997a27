#include "index/scan_status.hpp"

#include "store/sql.hpp"

namespace nectr::index {
namespace {

using store::Rows;
using store::Value;

Value OptionalText(const std::optional<std::string>& text) {
    return text ? Value(*text) : store::Null();
}

std::optional<std::int64_t> Int(const Rows& rows, std::size_t row, std::string_view name) {
    const std::optional<std::size_t> column = rows.ColumnIndex(name);
    return column ? store::AsInt(rows.rows[row][*column]) : std::nullopt;
}

std::optional<std::string> Text(const Rows& rows, std::size_t row, std::string_view name) {
    const std::optional<std::size_t> column = rows.ColumnIndex(name);
    return column ? store::AsText(rows.rows[row][*column]) : std::nullopt;
}

ScanStatus ReadStatus(const Rows& rows, std::size_t row) {
    ScanStatus status;
    status.repository = Text(rows, row, "repo_full_name").value_or("");
    status.state = Text(rows, row, "state").value_or("");
    status.kind = Text(rows, row, "kind").value_or("scan");
    status.commit = Text(rows, row, "commit_sha");
    status.files = Int(rows, row, "files").value_or(0);
    status.symbols = Int(rows, row, "symbols").value_or(0);
    status.chunks = Int(rows, row, "chunks").value_or(0);
    status.commits_imported = Int(rows, row, "commits_imported").value_or(0);
    status.error = Text(rows, row, "error");
    status.queued_at_ms = Int(rows, row, "queued_at");
    status.started_at_ms = Int(rows, row, "started_at");
    status.finished_at_ms = Int(rows, row, "finished_at");
    return status;
}

core::Result<void> Written(const core::Result<Rows>& rows) {
    if (!rows) {
        return rows.error();
    }
    return {};
}

}  // namespace

core::Result<void> MarkScanQueued(store::Connection& connection, std::string_view repository,
                                  std::int64_t now_ms) {
    const Value params[] = {std::string(repository), now_ms};
    return Written(connection.Execute(store::sql::kScansMarkQueued, params));
}

core::Result<void> MarkScanRunning(store::Database& db, std::string_view repository,
                                   std::string_view kind, std::int64_t now_ms) {
    const Value params[] = {std::string(repository), std::string(kind), now_ms};
    return Written(store::Execute(db, store::sql::kScansMarkRunning, params));
}

core::Result<void> MarkScanDone(store::Database& db, std::string_view repository,
                                const ScanOutcome& outcome, std::int64_t now_ms) {
    const Value params[] = {
        std::string(repository), OptionalText(outcome.commit), outcome.files, outcome.symbols,
        outcome.chunks,          outcome.commits_imported,     now_ms};
    return Written(store::Execute(db, store::sql::kScansMarkDone, params));
}

core::Result<void> MarkScanFailed(store::Database& db, std::string_view repository,
                                  std::string_view error, std::int64_t now_ms) {
    const Value params[] = {std::string(repository), std::string(error), now_ms};
    return Written(store::Execute(db, store::sql::kScansMarkFailed, params));
}

core::Result<std::optional<ScanStatus>> FindScanStatus(store::Database& db,
                                                       std::string_view repository) {
    const Value params[] = {std::string(repository)};
    core::Result<Rows> rows = store::Execute(db, store::sql::kScansGet, params);
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return std::optional<ScanStatus>();
    }
    return std::optional<ScanStatus>(ReadStatus(*rows, 0));
}

core::Result<std::vector<ScanStatus>> ScanStatusesOfUser(store::Database& db,
                                                         std::int64_t user_id) {
    const Value params[] = {user_id};
    core::Result<Rows> rows = store::Execute(db, store::sql::kScansOfUser, params);
    if (!rows) {
        return rows.error();
    }
    std::vector<ScanStatus> statuses;
    for (std::size_t row = 0; row < rows->size(); ++row) {
        statuses.push_back(ReadStatus(*rows, row));
    }
    return statuses;
}

core::Result<void> DeleteScanStatus(store::Connection& connection, std::string_view repository) {
    const Value params[] = {std::string(repository)};
    return Written(connection.Execute(store::sql::kScansDelete, params));
}

}  // namespace nectr::index
