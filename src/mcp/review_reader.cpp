#include "mcp/review_reader.hpp"

#include <algorithm>
#include <array>

#include "core/time_format.hpp"
#include "store/sql.hpp"

namespace nectr::mcp {
namespace {

namespace json = boost::json;

constexpr std::int64_t kDayMs = 86'400'000;
constexpr std::array<std::string_view, 5> kSeverities = {"critical", "high", "medium", "low",
                                                         "info"};
constexpr std::array<std::string_view, 3> kVerdicts = {"APPROVE", "REQUEST_CHANGES",
                                                       "NEEDS_DISCUSSION"};

std::optional<std::string> Text(const store::Rows& rows, std::size_t i, std::string_view name) {
    std::optional<std::size_t> column = rows.ColumnIndex(name);
    return column ? store::AsText(rows.rows[i][*column]) : std::nullopt;
}

std::int64_t Int(const store::Rows& rows, std::size_t i, std::string_view name) {
    std::optional<std::size_t> column = rows.ColumnIndex(name);
    return column ? store::AsInt(rows.rows[i][*column]).value_or(0) : 0;
}

json::value TextOrNull(const store::Rows& rows, std::size_t i, std::string_view name) {
    std::optional<std::string> text = Text(rows, i, name);
    return text ? json::value(*text) : json::value(nullptr);
}

json::value TimeOrNull(const store::Rows& rows, std::size_t i, std::string_view name) {
    std::optional<std::size_t> column = rows.ColumnIndex(name);
    std::optional<std::int64_t> millis =
        column ? store::AsInt(rows.rows[i][*column]) : std::nullopt;
    return millis ? json::value(core::FormatUtcMillis(*millis)) : json::value(nullptr);
}

std::vector<store::Value> Scope(const Access& access, const std::string& repo) {
    return {access.user_id, std::int64_t{access.all_repositories ? 1 : 0}, repo};
}

core::Result<store::Rows> Run(store::Database& db, const store::Query& query,
                              std::vector<store::Value> params) {
    return store::Execute(db, query, params);
}

json::object ZeroCounts(std::span<const std::string_view> names) {
    json::object counts;
    for (std::string_view name : names) {
        counts[name] = 0;
    }
    return counts;
}

// {name: count} from rows of (key column, count column); names outside `names` are kept too.
json::object Counts(const store::Rows& rows, std::string_view key, std::string_view count,
                    std::span<const std::string_view> names) {
    json::object counts = ZeroCounts(names);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (std::optional<std::string> name = Text(rows, i, key)) {
            counts[*name] = Int(rows, i, count);
        }
    }
    return counts;
}

json::object ReviewRow(const store::Rows& rows, std::size_t i) {
    json::object comments{{"total", Int(rows, i, "comments_total")}};
    for (std::string_view severity : kSeverities) {
        comments[severity] = Int(rows, i, "comments_" + std::string(severity));
    }
    return json::object{{"id", Int(rows, i, "id")},
                        {"number", Int(rows, i, "pr_number")},
                        {"title", TextOrNull(rows, i, "pr_title")},
                        {"author", TextOrNull(rows, i, "pr_author")},
                        {"head_sha", TextOrNull(rows, i, "head_sha")},
                        {"status", TextOrNull(rows, i, "status")},
                        {"verdict", TextOrNull(rows, i, "verdict")},
                        {"summary", TextOrNull(rows, i, "summary")},
                        {"created_at", TimeOrNull(rows, i, "created_at")},
                        {"completed_at", TimeOrNull(rows, i, "completed_at")},
                        {"comments", std::move(comments)}};
}

json::object RunRow(const store::Rows& rows, std::size_t i) {
    return json::object{{"id", Int(rows, i, "id")},
                        {"head_sha", TextOrNull(rows, i, "head_sha")},
                        {"status", TextOrNull(rows, i, "status")},
                        {"verdict", TextOrNull(rows, i, "verdict")},
                        {"summary", TextOrNull(rows, i, "summary")},
                        {"review_event", TextOrNull(rows, i, "review_event")},
                        {"model", TextOrNull(rows, i, "model")},
                        {"error", TextOrNull(rows, i, "error")},
                        {"created_at", TimeOrNull(rows, i, "created_at")},
                        {"completed_at", TimeOrNull(rows, i, "completed_at")}};
}

}  // namespace

ReviewReader::ReviewReader(store::Database& db, const core::Clock& clock)
    : db_(db), clock_(clock) {}

core::Result<std::vector<std::string>> ReviewReader::Repositories(const Access& access) const {
    core::Result<store::Rows> rows =
        Run(db_, store::sql::kMcpRepositories,
            {access.user_id, std::int64_t{access.all_repositories ? 1 : 0}});
    if (!rows) {
        return rows.error();
    }
    std::vector<std::string> names;
    for (std::size_t i = 0; i < rows->size(); ++i) {
        if (std::optional<std::string> name = Text(*rows, i, "repo_full_name")) {
            names.push_back(std::move(*name));
        }
    }
    std::sort(names.begin(), names.end());  // byte order on both engines
    return names;
}

core::Result<void> ReviewReader::CheckReach(const Access& access, const std::string& repo) const {
    core::Result<store::Rows> rows = Run(db_, store::sql::kMcpReachable, Scope(access, repo));
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return core::MakeError(core::Errc::kNotFound, kRepositoryNotFound);
    }
    return {};
}

core::Result<json::object> ReviewReader::RecentReviews(const Access& access,
                                                       const std::string& repo,
                                                       std::int64_t limit) const {
    std::vector<store::Value> params = Scope(access, repo);
    params.emplace_back(limit);
    core::Result<store::Rows> rows = Run(db_, store::sql::kMcpRecentReviews, std::move(params));
    if (!rows) {
        return rows.error();
    }
    json::array reviews;
    for (std::size_t i = 0; i < rows->size(); ++i) {
        reviews.push_back(ReviewRow(*rows, i));
    }
    return json::object{{"repository", repo}, {"reviews", std::move(reviews)}};
}

core::Result<json::object> ReviewReader::ContributorStats(const Access& access,
                                                          const std::string& repo,
                                                          std::int64_t since_ms) const {
    std::vector<store::Value> params = Scope(access, repo);
    params.emplace_back(since_ms);
    core::Result<store::Rows> stats = Run(db_, store::sql::kMcpContributorStats, params);
    if (!stats) {
        return stats.error();
    }
    core::Result<store::Rows> comments = Run(db_, store::sql::kMcpContributorComments, params);
    if (!comments) {
        return comments.error();
    }
    struct Row {
        std::string author;
        std::int64_t pull_requests = 0;
        json::object entry;
    };
    std::vector<Row> ranked;
    for (std::size_t i = 0; i < stats->size(); ++i) {
        const std::string author = Text(*stats, i, "pr_author").value_or("");
        json::object severities = ZeroCounts(kSeverities);
        std::int64_t total = 0;
        for (std::size_t j = 0; j < comments->size(); ++j) {
            if (Text(*comments, j, "pr_author") == author) {
                const std::int64_t count = Int(*comments, j, "comments");
                severities[Text(*comments, j, "severity").value_or("info")] = count;
                total += count;
            }
        }
        severities["total"] = total;
        json::object verdicts{{"APPROVE", Int(*stats, i, "approved")},
                              {"REQUEST_CHANGES", Int(*stats, i, "changes_requested")},
                              {"NEEDS_DISCUSSION", Int(*stats, i, "needs_discussion")}};
        json::object entry{{"author", author},
                           {"pull_requests", Int(*stats, i, "pull_requests")},
                           {"reviews", Int(*stats, i, "reviews")},
                           {"verdicts", std::move(verdicts)},
                           {"comments", std::move(severities)},
                           {"last_review_at", TimeOrNull(*stats, i, "last_review_at")}};
        ranked.push_back({author, Int(*stats, i, "pull_requests"), std::move(entry)});
    }
    std::sort(ranked.begin(), ranked.end(), [](const Row& a, const Row& b) {
        return a.pull_requests != b.pull_requests ? a.pull_requests > b.pull_requests
                                                  : a.author < b.author;
    });
    json::array contributors;
    for (Row& row : ranked) {
        contributors.push_back(std::move(row.entry));
    }
    return json::object{{"repository", repo},
                        {"since", core::FormatUtcMillis(since_ms)},
                        {"contributors", std::move(contributors)}};
}

core::Result<json::object> ReviewReader::PullRequestVerdict(const Access& access,
                                                            const std::string& repo,
                                                            std::int64_t number) const {
    std::vector<store::Value> params = Scope(access, repo);
    params.emplace_back(number);
    core::Result<store::Rows> runs = Run(db_, store::sql::kMcpPrReviews, std::move(params));
    if (!runs) {
        return runs.error();
    }
    json::object answer{{"repository", repo}, {"number", number}, {"found", !runs->empty()}};
    answer["title"] = runs->empty() ? json::value(nullptr) : TextOrNull(*runs, 0, "pr_title");
    answer["author"] = runs->empty() ? json::value(nullptr) : TextOrNull(*runs, 0, "pr_author");
    // The verdict is the latest posted review's; without one, the newest run says where it is.
    std::optional<std::size_t> chosen;
    json::array history;
    for (std::size_t i = 0; i < runs->size(); ++i) {
        if (!chosen && Text(*runs, i, "status") == "posted") {
            chosen = i;
        }
        history.push_back(RunRow(*runs, i));
    }
    if (!chosen && !runs->empty()) {
        chosen = 0;
    }
    json::array comments;
    if (chosen) {
        const store::Value id = Int(*runs, *chosen, "id");
        core::Result<store::Rows> rows =
            store::Execute(db_, store::sql::kMcpReviewComments, std::span(&id, 1));
        if (!rows) {
            return rows.error();
        }
        for (std::size_t i = 0; i < rows->size(); ++i) {
            comments.push_back(json::object{{"path", TextOrNull(*rows, i, "path")},
                                            {"line", Int(*rows, i, "line")},
                                            {"severity", TextOrNull(*rows, i, "severity")},
                                            {"category", TextOrNull(*rows, i, "category")},
                                            {"body", TextOrNull(*rows, i, "body")},
                                            {"source", TextOrNull(*rows, i, "source")}});
        }
    }
    answer["verdict"] = chosen ? TextOrNull(*runs, *chosen, "verdict") : json::value(nullptr);
    answer["latest"] = chosen ? json::value(RunRow(*runs, *chosen)) : json::value(nullptr);
    answer["comments"] = std::move(comments);
    answer["history"] = std::move(history);
    return answer;
}

core::Result<json::object> ReviewReader::ReviewActivity(const Access& access,
                                                        const std::string& repo) const {
    const std::int64_t now = NowMillis();
    std::vector<store::Value> params = Scope(access, repo);
    params.emplace_back(now - 7 * kDayMs);
    params.emplace_back(now - 30 * kDayMs);
    core::Result<store::Rows> activity = Run(db_, store::sql::kMcpRepoActivity, params);
    if (!activity) {
        return activity.error();
    }
    std::vector<store::Value> window = Scope(access, repo);
    window.emplace_back(now - 30 * kDayMs);
    std::vector<store::Value> all_time = Scope(access, repo);
    all_time.emplace_back(std::int64_t{0});
    core::Result<store::Rows> recent_verdicts = Run(db_, store::sql::kMcpVerdictCounts, window);
    core::Result<store::Rows> verdicts = Run(db_, store::sql::kMcpVerdictCounts, all_time);
    core::Result<store::Rows> severities = Run(db_, store::sql::kMcpSeverityCounts, window);
    for (const auto* rows : {&recent_verdicts, &verdicts, &severities}) {
        if (!*rows) {
            return rows->error();
        }
    }
    const bool any = !activity->empty();
    return json::object{
        {"total", any ? Int(*activity, 0, "reviews_total") : 0},
        {"pull_requests", any ? Int(*activity, 0, "pull_requests") : 0},
        {"failed", any ? Int(*activity, 0, "failed") : 0},
        {"last_7_days", any ? Int(*activity, 0, "reviews_recent_short") : 0},
        {"last_30_days", any ? Int(*activity, 0, "reviews_recent_long") : 0},
        {"last_review_at", any ? TimeOrNull(*activity, 0, "last_review_at") : nullptr},
        {"verdicts_30_days", Counts(*recent_verdicts, "verdict", "reviews", kVerdicts)},
        {"verdicts_all_time", Counts(*verdicts, "verdict", "reviews", kVerdicts)},
        {"comments_30_days", Counts(*severities, "severity", "comments", kSeverities)}};
}

}  // namespace nectr::mcp
