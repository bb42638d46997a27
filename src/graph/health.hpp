#pragma once

// A repository's health at a glance: how Nectr's verdicts trend, which files churn, and how
// many people each top-level directory depends on. Blocks (reads the store).
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "store/database.hpp"

namespace nectr::graph {

inline constexpr std::int64_t kTrendWeeks = 12;
inline constexpr std::int64_t kHotFileDays = 90;
inline constexpr std::int64_t kBusFactorDays = 365;
inline constexpr std::size_t kHealthHotFiles = 10;

struct VerdictWeek {
    std::int64_t starts_at_ms = 0;                 // weeks are the 7-day spans ending at `now`
    std::map<std::string, std::int64_t> verdicts;  // APPROVE, REQUEST_CHANGES, ... -> count
    std::int64_t total = 0;
};

struct HotFile {
    std::string path;
    std::int64_t changes = 0;  // commits that changed it
    std::int64_t churn = 0;    // lines added plus deleted
    std::int64_t authors = 0;  // distinct developers
    std::int64_t last_changed_at_ms = 0;
};

struct DirectoryBusFactor {
    std::string directory;        // the first path segment; "" for files at the root
    std::int64_t bus_factor = 0;  // fewest developers who made at least half of the changes
    std::int64_t changes = 0;
    std::int64_t developers = 0;      // everyone who changed it
    std::vector<std::string> owners;  // those bus_factor developers, most changes first
};

struct HealthReport {
    std::vector<VerdictWeek> verdict_trend;      // kTrendWeeks entries, oldest first
    std::vector<HotFile> hot_files;              // the kHealthHotFiles hottest
    std::vector<DirectoryBusFactor> bus_factor;  // most changed directories first
};

// The files of repository `repository_id` changed most in the kHotFileDays before `now_ms`:
// most changes first, then churn, then path; at most `limit`. Changes are commits of the
// imported history (merged pull requests while none is imported). Errors: the store's.
core::Result<std::vector<HotFile>> HotFiles(store::Database& db, std::int64_t repository_id,
                                            std::int64_t now_ms, std::size_t limit);

// The bus factor of one directory from its changes per developer: the fewest developers,
// taken by most changes (then login), whose changes reach half of the total. Pure.
DirectoryBusFactor BusFactorOf(std::string directory,
                               std::vector<std::pair<std::string, std::int64_t>> changes);

// Verdicts per week over the kTrendWeeks weeks before `now_ms` (pull_requests.verdict at its
// verdict_at), HotFiles' top kHealthHotFiles, and the bus factor of every top-level directory
// over the kBusFactorDays before `now_ms`. Errors: the store's.
core::Result<HealthReport> RepositoryHealth(store::Database& db, std::int64_t repository_id,
                                            std::int64_t now_ms);

}  // namespace nectr::graph
