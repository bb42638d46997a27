#include "graph/pull_request_index.hpp"

#include <algorithm>
#include <set>

#include "graph/closing_refs.hpp"
#include "graph/developers.hpp"
#include "graph/repository.hpp"
#include "graph/row_reader.hpp"
#include "store/sql.hpp"

namespace nectr::graph {
namespace {

core::Result<void> Check(const PullRequestFacts& facts) {
    if (facts.number < 1) {
        return core::MakeError(core::Errc::kInvalidInput, "a pull request number is positive");
    }
    if (facts.state != "open" && facts.state != "closed" && facts.state != "merged") {
        return core::MakeError(core::Errc::kInvalidInput,
                               "a pull request's state is open, closed or merged");
    }
    return {};
}

store::Value OptionalInt(const std::optional<std::int64_t>& value) {
    return value ? store::Value(*value) : store::Null();
}

store::Value OptionalText(const std::string& text) {
    return text.empty() ? store::Null() : store::Value(text);
}

std::vector<int> ClosedIssues(const PullRequestFacts& facts, std::string_view repo_full_name) {
    std::vector<int> numbers = ParseClosingReferences(facts.body, repo_full_name);
    for (const std::string& message : facts.commit_messages) {
        const std::vector<int> more = ParseClosingReferences(message, repo_full_name);
        numbers.insert(numbers.end(), more.begin(), more.end());
    }
    std::sort(numbers.begin(), numbers.end());
    numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
    return numbers;
}

class PullRequestWriter {
public:
    PullRequestWriter(store::Connection& conn, const PullRequestFacts& facts, std::int64_t now_ms)
        : conn_(conn), facts_(facts), now_ms_(now_ms) {}

    core::Result<IndexedPullRequest> Write(std::string_view repo_full_name) {
        core::Result<std::int64_t> repository = EnsureRepository(conn_, repo_full_name, now_ms_);
        if (!repository) {
            return repository.error();
        }
        out_.repository_id = *repository;
        if (core::Result<void> row = WriteRow(); !row) {
            return row.error();
        }
        if (core::Result<void> files = WriteFiles(); !files) {
            return files.error();
        }
        if (core::Result<void> reviews = WriteReviews(); !reviews) {
            return reviews.error();
        }
        if (core::Result<void> closes = WriteCloses(repo_full_name); !closes) {
            return closes.error();
        }
        for (const std::int64_t developer : developers_) {
            if (core::Result<void> counted =
                    RefreshContribution(conn_, developer, out_.repository_id);
                !counted) {
                return counted.error();
            }
        }
        return out_;
    }

private:
    core::Result<store::Rows> Run(const store::Query& query, std::span<const store::Value> params) {
        return conn_.Execute(query, params);
    }

    core::Result<void> AddDeveloper(std::string_view login) {
        core::Result<std::int64_t> id = UpsertDeveloper(conn_, IdentityFromLogin(login), now_ms_);
        if (!id) {
            return id.error();
        }
        developers_.insert(*id);
        return {};
    }

    core::Result<void> WriteRow() {
        const std::string author = LowerAscii(facts_.author);
        if (!author.empty()) {
            if (core::Result<void> added = AddDeveloper(author); !added) {
                return added.error();
            }
        }
        const store::Value params[] = {
            out_.repository_id,
            std::int64_t{facts_.number},
            facts_.title,
            facts_.state,
            OptionalText(author),
            facts_.verdict ? store::Value(*facts_.verdict) : store::Null(),
            facts_.verdict ? store::Value(now_ms_) : store::Null(),
            OptionalText(facts_.head_sha),
            OptionalInt(facts_.merged_at_ms),
            facts_.created_at_ms.value_or(now_ms_),
            facts_.updated_at_ms.value_or(now_ms_),
            now_ms_};
        core::Result<store::Rows> rows = Run(store::sql::kGraphUpsertPullRequest, params);
        if (!rows) {
            return rows.error();
        }
        out_.pull_request_id = IntAt(*rows, 0, "id").value_or(0);
        return {};
    }

    core::Result<void> WriteFiles() {
        const store::Value pr[] = {out_.pull_request_id};
        if (core::Result<store::Rows> cleared = Run(store::sql::kGraphDeletePrFiles, pr);
            !cleared) {
            return cleared.error();
        }
        for (const PullRequestFileFacts& file : facts_.files) {
            if (file.path.empty()) {
                continue;
            }
            const store::Value params[] = {out_.pull_request_id,
                                           out_.repository_id,
                                           file.path,
                                           OptionalText(file.previous_path),
                                           file.additions,
                                           file.deletions,
                                           file.change_kind};
            if (core::Result<store::Rows> added = Run(store::sql::kGraphInsertPrFile, params);
                !added) {
                return added.error();
            }
        }
        return {};
    }

    core::Result<void> WriteReview(const std::string& login, const std::string& verdict,
                                   std::int64_t at) {
        const store::Value params[] = {out_.pull_request_id, login, OptionalText(verdict), at};
        core::Result<store::Rows> rows = Run(store::sql::kGraphUpsertPrReview, params);
        if (!rows) {
            return rows.error();
        }
        return {};
    }

    core::Result<void> WriteReviews() {
        for (const ReviewerFacts& reviewer : facts_.reviewers) {
            const std::string login = LowerAscii(reviewer.login);
            if (login.empty()) {
                continue;
            }
            if (core::Result<void> added = AddDeveloper(login); !added) {
                return added.error();
            }
            const std::int64_t at = reviewer.reviewed_at_ms > 0 ? reviewer.reviewed_at_ms : now_ms_;
            if (core::Result<void> written = WriteReview(login, reviewer.verdict, at); !written) {
                return written.error();
            }
        }
        if (facts_.verdict) {
            return WriteReview(std::string(kNectrReviewer), *facts_.verdict, now_ms_);
        }
        return {};
    }

    core::Result<void> WriteCloses(std::string_view repo_full_name) {
        out_.closes = ClosedIssues(facts_, repo_full_name);
        const store::Value pr[] = {out_.pull_request_id};
        if (core::Result<store::Rows> cleared = Run(store::sql::kGraphDeletePrCloses, pr);
            !cleared) {
            return cleared.error();
        }
        for (const int number : out_.closes) {
            const store::Value issue[] = {out_.repository_id, std::int64_t{number}, now_ms_};
            if (core::Result<store::Rows> known = Run(store::sql::kGraphEnsureIssue, issue);
                !known) {
                return known.error();
            }
            const store::Value edge[] = {out_.pull_request_id, std::int64_t{number}};
            if (core::Result<store::Rows> added = Run(store::sql::kGraphInsertPrClose, edge);
                !added) {
                return added.error();
            }
        }
        return {};
    }

    store::Connection& conn_;
    const PullRequestFacts& facts_;
    std::int64_t now_ms_;
    IndexedPullRequest out_;
    std::set<std::int64_t> developers_;
};

}  // namespace

core::Result<IndexedPullRequest> IndexPullRequest(store::Database& db,
                                                  std::string_view repo_full_name,
                                                  const PullRequestFacts& facts,
                                                  std::int64_t now_ms) {
    if (core::Result<void> checked = Check(facts); !checked) {
        return checked.error();
    }
    IndexedPullRequest indexed;
    core::Result<void> done = store::InTransaction(db, [&](store::Connection& conn) {
        PullRequestWriter writer(conn, facts, now_ms);
        core::Result<IndexedPullRequest> written = writer.Write(repo_full_name);
        if (!written) {
            return core::Result<void>(written.error());
        }
        indexed = std::move(*written);
        return core::Result<void>();
    });
    if (!done) {
        return done.error();
    }
    return indexed;
}

}  // namespace nectr::graph
