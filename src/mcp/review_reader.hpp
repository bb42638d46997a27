#pragma once

// What the MCP tools read from the reviews Nectr stored (reviews, review_comments), every
// query scoped to the session's Access inside the SQL. Blocking: call from the pool.
#include <boost/json/object.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "mcp/access.hpp"
#include "store/database.hpp"

namespace nectr::mcp {

class ReviewReader {
public:
    // Both must outlive the reader.
    ReviewReader(store::Database& db, const core::Clock& clock);

    // The repositories the session reaches, sorted by name.
    core::Result<std::vector<std::string>> Repositories(const Access& access) const;
    // kNotFound (kRepositoryNotFound) when the session does not reach `repo`.
    core::Result<void> CheckReach(const Access& access, const std::string& repo) const;

    // {repository, reviews: [{id, number, title, author, head_sha, status, verdict, summary,
    // created_at, completed_at, comments: {total, critical, ...}}]}, newest first.
    core::Result<boost::json::object> RecentReviews(const Access& access, const std::string& repo,
                                                    std::int64_t limit) const;
    // {repository, since, contributors: [{author, pull_requests, reviews, verdicts: {...},
    // comments: {...}, last_review_at}]}, most pull requests first, then by name.
    core::Result<boost::json::object> ContributorStats(const Access& access,
                                                       const std::string& repo,
                                                       std::int64_t since_ms) const;
    // {repository, number, found, title, author, latest: {...}|null, comments: [...],
    // history: [...]}: the latest posted review's verdict, else the newest run's state.
    core::Result<boost::json::object> PullRequestVerdict(const Access& access,
                                                         const std::string& repo,
                                                         std::int64_t number) const;
    // {total, pull_requests, failed, last_7_days, last_30_days, last_review_at,
    // verdicts_30_days: {...}, verdicts_all_time: {...}, comments_30_days: {...}}.
    core::Result<boost::json::object> ReviewActivity(const Access& access,
                                                     const std::string& repo) const;

    std::int64_t NowMillis() const { return core::ToUnixMillis(clock_.Now()); }

private:
    store::Database& db_;
    const core::Clock& clock_;
};

}  // namespace nectr::mcp
