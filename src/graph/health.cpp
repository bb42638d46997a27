#include "graph/health.hpp"

#include <algorithm>

#include "graph/row_reader.hpp"
#include "store/sql.hpp"

namespace nectr::graph {
namespace {

constexpr std::int64_t kDayMs = 86'400'000;
constexpr std::int64_t kWeekMs = 7 * kDayMs;

core::Result<std::vector<VerdictWeek>> VerdictTrend(store::Database& db, std::int64_t repository_id,
                                                    std::int64_t now_ms) {
    const std::int64_t start = now_ms - kTrendWeeks * kWeekMs;
    std::vector<VerdictWeek> weeks(static_cast<std::size_t>(kTrendWeeks));
    for (std::size_t i = 0; i < weeks.size(); ++i) {
        weeks[i].starts_at_ms = start + static_cast<std::int64_t>(i) * kWeekMs;
    }
    const store::Value params[] = {repository_id, start, now_ms};
    core::Result<store::Rows> rows = store::Execute(db, store::sql::kGraphVerdictWeeks, params);
    if (!rows) {
        return rows.error();
    }
    for (std::size_t i = 0; i < rows->size(); ++i) {
        const std::int64_t week = IntAt(*rows, i, "week").value_or(-1);
        if (week < 0 || week >= kTrendWeeks) {
            continue;
        }
        const std::int64_t count = IntAt(*rows, i, "count").value_or(0);
        VerdictWeek& bucket = weeks[static_cast<std::size_t>(week)];
        bucket.verdicts[TextAt(*rows, i, "verdict").value_or("")] += count;
        bucket.total += count;
    }
    return weeks;
}

core::Result<std::vector<DirectoryBusFactor>> BusFactors(store::Database& db,
                                                         std::int64_t repository_id,
                                                         std::int64_t now_ms) {
    const store::Value params[] = {repository_id, now_ms - kBusFactorDays * kDayMs};
    core::Result<store::Rows> rows = store::Execute(db, store::sql::kGraphDirectoryChanges, params);
    if (!rows) {
        return rows.error();
    }
    std::map<std::string, std::vector<std::pair<std::string, std::int64_t>>> by_directory;
    for (std::size_t i = 0; i < rows->size(); ++i) {
        by_directory[TextAt(*rows, i, "directory").value_or("")].emplace_back(
            TextAt(*rows, i, "login").value_or(""), IntAt(*rows, i, "changes").value_or(0));
    }
    std::vector<DirectoryBusFactor> directories;
    directories.reserve(by_directory.size());
    for (auto& [directory, changes] : by_directory) {
        directories.push_back(BusFactorOf(directory, std::move(changes)));
    }
    std::sort(directories.begin(), directories.end(),
              [](const DirectoryBusFactor& a, const DirectoryBusFactor& b) {
                  return a.changes != b.changes ? a.changes > b.changes : a.directory < b.directory;
              });
    return directories;
}

}  // namespace

core::Result<std::vector<HotFile>> HotFiles(store::Database& db, std::int64_t repository_id,
                                            std::int64_t now_ms, std::size_t limit) {
    std::vector<HotFile> files;
    if (limit == 0) {
        return files;
    }
    const store::Value params[] = {repository_id, now_ms - kHotFileDays * kDayMs};
    core::Result<store::Rows> rows = store::Execute(db, store::sql::kGraphHotFiles, params);
    if (!rows) {
        return rows.error();
    }
    files.reserve(rows->size());
    for (std::size_t i = 0; i < rows->size(); ++i) {
        files.push_back(
            HotFile{TextAt(*rows, i, "path").value_or(""), IntAt(*rows, i, "changes").value_or(0),
                    IntAt(*rows, i, "churn").value_or(0), IntAt(*rows, i, "authors").value_or(0),
                    IntAt(*rows, i, "last_changed_at").value_or(0)});
    }
    std::sort(files.begin(), files.end(), [](const HotFile& a, const HotFile& b) {
        if (a.changes != b.changes) {
            return a.changes > b.changes;
        }
        return a.churn != b.churn ? a.churn > b.churn : a.path < b.path;
    });
    if (files.size() > limit) {
        files.resize(limit);
    }
    return files;
}

DirectoryBusFactor BusFactorOf(std::string directory,
                               std::vector<std::pair<std::string, std::int64_t>> changes) {
    std::sort(changes.begin(), changes.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    DirectoryBusFactor out;
    out.directory = std::move(directory);
    out.developers = static_cast<std::int64_t>(changes.size());
    for (const auto& [login, count] : changes) {
        out.changes += count;
    }
    std::int64_t covered = 0;
    for (const auto& [login, count] : changes) {
        if (2 * covered >= out.changes) {
            break;
        }
        covered += count;
        out.owners.push_back(login);
    }
    out.bus_factor = static_cast<std::int64_t>(out.owners.size());
    return out;
}

core::Result<HealthReport> RepositoryHealth(store::Database& db, std::int64_t repository_id,
                                            std::int64_t now_ms) {
    HealthReport report;
    core::Result<std::vector<VerdictWeek>> trend = VerdictTrend(db, repository_id, now_ms);
    if (!trend) {
        return trend.error();
    }
    report.verdict_trend = std::move(*trend);
    core::Result<std::vector<HotFile>> hot = HotFiles(db, repository_id, now_ms, kHealthHotFiles);
    if (!hot) {
        return hot.error();
    }
    report.hot_files = std::move(*hot);
    core::Result<std::vector<DirectoryBusFactor>> owners = BusFactors(db, repository_id, now_ms);
    if (!owners) {
        return owners.error();
    }
    report.bus_factor = std::move(*owners);
    return report;
}

}  // namespace nectr::graph
