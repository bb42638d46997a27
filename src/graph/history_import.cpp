#include "graph/history_import.hpp"

#include <map>
#include <set>
#include <span>

#include "core/log.hpp"
#include "core/subprocess.hpp"
#include "graph/developers.hpp"
#include "graph/git_log.hpp"
#include "graph/row_reader.hpp"
#include "store/sql.hpp"

namespace nectr::graph {
namespace {

// Commits written per transaction: large enough that PostgreSQL's round trips are not the
// cost, small enough that SQLite's write lock is not held for long.
constexpr std::size_t kCommitsPerBatch = 500;

// git's error text on one line.
std::string OneLine(std::string text) {
    for (char& c : text) {
        if (c == '\n' || c == '\r') {
            c = ' ';
        }
    }
    while (!text.empty() && text.back() == ' ') {
        text.pop_back();
    }
    return text;
}

struct GitOutcome {
    std::optional<std::string> output;  // nullopt: git refused the range
    std::string message;
};

core::Result<GitOutcome> RunGitLog(const std::string& checkout_path,
                                   const std::optional<std::string>& since,
                                   std::size_t max_commits) {
    core::Result<core::ProcessResult> run =
        core::RunProcess(GitLogArguments(checkout_path, since, max_commits));
    if (!run) {
        if (run.error().code == core::Errc::kNotFound) {
            return core::MakeError(core::Errc::kUnavailable, "git is not installed");
        }
        return run.error();
    }
    if (run->exit_code != 0) {
        return GitOutcome{std::nullopt, OneLine(run->err)};
    }
    return GitOutcome{std::move(run->out), ""};
}

core::Result<std::optional<std::string>> LastImportedHead(store::Database& db,
                                                          std::int64_t repository_id) {
    const store::Value params[] = {repository_id};
    core::Result<store::Rows> rows = store::Execute(db, store::sql::kGraphHistoryHead, params);
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return std::optional<std::string>();
    }
    return TextAt(*rows, 0, "head_sha");
}

class HistoryWriter {
public:
    HistoryWriter(std::int64_t repository_id, std::int64_t now_ms)
        : repository_id_(repository_id), now_ms_(now_ms) {}

    core::Result<void> WriteBatch(store::Connection& conn, std::span<const LogCommit> commits,
                                  HistoryImportReport& report) {
        for (const LogCommit& commit : commits) {
            core::Result<std::int64_t> developer = DeveloperOf(conn, commit);
            if (!developer) {
                return developer.error();
            }
            core::Result<void> written = WriteCommit(conn, commit, *developer, report);
            if (!written) {
                return written.error();
            }
        }
        return {};
    }

    core::Result<void> RefreshContributions(store::Connection& conn) {
        for (const std::int64_t developer : touched_) {
            core::Result<void> refreshed = RefreshContribution(conn, developer, repository_id_);
            if (!refreshed) {
                return refreshed.error();
            }
        }
        return {};
    }

private:
    core::Result<std::int64_t> DeveloperOf(store::Connection& conn, const LogCommit& commit) {
        DeveloperIdentity identity = IdentityFromGitAuthor(commit.author_name, commit.author_email);
        if (auto known = developer_ids_.find(identity.login); known != developer_ids_.end()) {
            return known->second;
        }
        core::Result<std::int64_t> id = UpsertDeveloper(conn, identity, now_ms_);
        if (id) {
            developer_ids_.emplace(identity.login, *id);
        }
        return id;
    }

    core::Result<void> WriteCommit(store::Connection& conn, const LogCommit& commit,
                                   std::int64_t developer_id, HistoryImportReport& report) {
        const store::Value params[] = {repository_id_,
                                       commit.sha,
                                       developer_id,
                                       commit.author_name,
                                       commit.author_email,
                                       commit.authored_at_ms,
                                       commit.committed_at_ms,
                                       static_cast<std::int64_t>(commit.parent_count),
                                       static_cast<std::int64_t>(commit.files.size())};
        core::Result<store::Rows> inserted = conn.Execute(store::sql::kGraphInsertCommit, params);
        if (!inserted) {
            return inserted.error();
        }
        if (inserted->empty()) {
            return {};  // imported before
        }
        const std::int64_t commit_id = IntAt(*inserted, 0, "id").value_or(0);
        ++report.commits_added;
        touched_.insert(developer_id);
        for (const LogFileChange& file : commit.files) {
            const store::Value row[] = {commit_id, repository_id_, file.path, file.additions,
                                        file.deletions};
            core::Result<store::Rows> added = conn.Execute(store::sql::kGraphInsertCommitFile, row);
            if (!added) {
                return added.error();
            }
            report.files_added += static_cast<std::size_t>(added->affected_rows);
        }
        return {};
    }

    std::int64_t repository_id_;
    std::int64_t now_ms_;
    std::map<std::string, std::int64_t> developer_ids_;
    std::set<std::int64_t> touched_;
};

core::Result<void> RecordHead(store::Database& db, std::int64_t repository_id,
                              const std::string& head, std::int64_t now_ms) {
    const store::Value params[] = {repository_id, head, now_ms};
    core::Result<store::Rows> rows =
        store::Execute(db, store::sql::kGraphRecordHistoryHead, params);
    if (!rows) {
        return rows.error();
    }
    return {};
}

// The log to import: after `since` when git knows it; the whole history when the recorded
// head is gone (a force-push); nothing for a checkout without commits.
core::Result<std::string> ReadLog(const std::string& checkout_path,
                                  std::optional<std::string>& since, bool since_was_asked,
                                  std::size_t max_commits) {
    core::Result<GitOutcome> log = RunGitLog(checkout_path, since, max_commits);
    if (!log) {
        return log.error();
    }
    if (!log->output && since && !since_was_asked) {
        NECTR_LOG_WARN("graph.history_head_lost", "since={} git=\"{}\"", *since, log->message);
        since.reset();
        log = RunGitLog(checkout_path, since, max_commits);
        if (!log) {
            return log.error();
        }
    }
    if (log->output) {
        return std::move(*log->output);
    }
    // An unborn branch: a checkout whose first commit is still to come.
    if (log->message.find("bad revision 'HEAD'") != std::string::npos ||
        log->message.find("does not have any commits") != std::string::npos) {
        return std::string();
    }
    return core::MakeError(core::Errc::kNotFound, "git log: " + log->message);
}

}  // namespace

core::Result<HistoryImportReport> ImportGitHistory(store::Database& db, std::int64_t repository_id,
                                                   const std::string& checkout_path,
                                                   std::optional<std::string> since_sha,
                                                   std::size_t max_commits, std::int64_t now_ms) {
    const bool since_was_asked = since_sha.has_value();
    if (since_sha && !IsCommitName(*since_sha)) {
        return core::MakeError(core::Errc::kInvalidInput,
                               "since must be a commit name in hex, 4 to 64 characters");
    }
    if (!since_sha) {
        core::Result<std::optional<std::string>> head = LastImportedHead(db, repository_id);
        if (!head) {
            return head.error();
        }
        since_sha = std::move(*head);
    }
    core::Result<std::string> output =
        ReadLog(checkout_path, since_sha, since_was_asked, max_commits);
    if (!output) {
        return output.error();
    }
    core::Result<std::vector<LogCommit>> commits = ParseGitLog(*output);
    if (!commits) {
        return commits.error();
    }
    HistoryImportReport report;
    report.commits_read = commits->size();
    report.since_sha = since_sha;
    HistoryWriter writer(repository_id, now_ms);
    const std::span<const LogCommit> all(*commits);
    for (std::size_t start = 0; start < all.size(); start += kCommitsPerBatch) {
        const std::span<const LogCommit> batch =
            all.subspan(start, std::min(kCommitsPerBatch, all.size() - start));
        core::Result<void> written = store::InTransaction(
            db, [&](store::Connection& conn) { return writer.WriteBatch(conn, batch, report); });
        if (!written) {
            return written.error();
        }
    }
    if (all.empty()) {
        return report;
    }
    core::Result<void> counted = store::InTransaction(
        db, [&](store::Connection& conn) { return writer.RefreshContributions(conn); });
    if (!counted) {
        return counted.error();
    }
    report.head_sha = all.front().sha;
    if (core::Result<void> recorded = RecordHead(db, repository_id, report.head_sha, now_ms);
        !recorded) {
        return recorded.error();
    }
    NECTR_LOG_INFO("graph.history_imported", "repository_id={} read={} added={} files={}",
                   repository_id, report.commits_read, report.commits_added, report.files_added);
    return report;
}

}  // namespace nectr::graph
