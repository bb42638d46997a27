#include "app/scan_job.hpp"

#include <boost/json.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "app/embedder_setup.hpp"
#include "app/git_checkout.hpp"
#include "core/json_fields.hpp"
#include "core/log.hpp"
#include "graph/history_import.hpp"
#include "graph/repository.hpp"
#include "index/indexer.hpp"
#include "index/scan_status.hpp"
#include "index/vector_index.hpp"
#include "store/sql.hpp"

namespace nectr::app {
namespace {

namespace json = boost::json;

// Enough history for experts and co-change; a longer one only costs import time.
constexpr std::size_t kMaxHistoryCommits = 10000;

struct ScanInput {
    std::string repository;
    // The App installation a push event named; a scan job's payload names the dashboard's
    // connection instead, so the App's installation is looked up.
    std::optional<std::int64_t> app_installation_id;
    bool push = false;
    std::string before;  // push only: the default branch's head before the push
};

core::Result<ScanInput> ReadScanInput(const queue::Job& job, bool push) {
    boost::system::error_code error;
    json::value value = json::parse(job.payload, error);
    if (error || !value.is_object()) {
        return core::MakeError(core::Errc::kInvalidInput, "the job's payload is not a JSON object");
    }
    const json::object& payload = value.get_object();
    ScanInput input;
    input.push = push;
    input.repository = core::StringAt(payload, "repository");
    if (input.repository.empty()) {
        input.repository = job.repo_full_name;
    }
    if (input.repository.empty()) {
        return core::MakeError(core::Errc::kInvalidInput, "the job names no repository");
    }
    if (push) {
        input.app_installation_id = core::OptionalIntAt(payload, "installation_id");
        input.before = core::StringAt(payload, "before");
    }
    return input;
}

std::int64_t NowMs(const ReviewServices& services) {
    return core::ToUnixMillis(services.clock.Now());
}

core::Result<std::optional<std::int64_t>> AppInstallationOf(store::Database& db,
                                                            const std::string& repository) {
    const store::Value params[] = {repository};
    core::Result<store::Rows> rows = store::Execute(db, store::sql::kScansAppInstallation, params);
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return std::optional<std::int64_t>();
    }
    return store::AsInt(rows->rows[0][0]);
}

// The token a review of the repository would use, bare (without "Bearer ").
net::awaitable<core::Result<std::string>> TokenFor(ReviewServices& services,
                                                   const ScanInput& input) {
    std::optional<std::int64_t> installation = input.app_installation_id;
    const auto& gh = services.config.github;
    if (!installation && !gh.app_id.empty() && !gh.app_private_key.empty()) {
        std::function<core::Result<std::optional<std::int64_t>>()> find = [&services, &input] {
            return AppInstallationOf(services.database, input.repository);
        };
        auto found = co_await services.pool.Call(find);
        if (!found) {
            co_return found.error();
        }
        installation = *found;
    }
    auto credentials_awaitable = services.CredentialsFor(installation, input.repository);
    auto credentials = co_await std::move(credentials_awaitable);
    if (!credentials) {
        co_return credentials.error();
    }
    auto authorization_awaitable = (*credentials)->Authorization();
    core::Result<std::string> authorization = co_await std::move(authorization_awaitable);
    if (!authorization) {
        co_return authorization.error();
    }
    constexpr std::string_view kBearer = "Bearer ";
    std::string token = std::move(*authorization);
    if (token.starts_with(kBearer)) {
        token.erase(0, kBearer.size());
    }
    co_return token;
}

// What the blocking part of a scan needs.
struct ScanWork {
    store::Database& db;
    const core::Config& config;
    const core::Clock& clock;
    const ScanInput& input;
    const std::string& token;
    http::Client& http;  // the embeddings service's, when one is configured
};

// The commit the index reflects, from which a push's changes are counted: the one the last
// scan recorded, else the push's `before`.
core::Result<std::optional<std::string>> PushBase(const ScanWork& work) {
    core::Result<std::optional<index::ScanStatus>> status =
        index::FindScanStatus(work.db, work.input.repository);
    if (!status) {
        return status.error();
    }
    if (*status && (*status)->commit) {
        return (*status)->commit;
    }
    if (!work.input.before.empty() &&
        work.input.before.find_first_not_of('0') != std::string::npos) {
        return std::optional<std::string>(work.input.before);
    }
    return std::optional<std::string>();
}

// Re-indexes only what changed since the indexed commit; nullopt when that cannot be told
// (never indexed, or history rewritten), so that the caller indexes the whole checkout.
core::Result<std::optional<index::IndexSummary>> UpdateChanged(const ScanWork& work,
                                                               const SyncedCheckout& synced) {
    core::Result<std::optional<std::string>> base = PushBase(work);
    if (!base) {
        return base.error();
    }
    auto repository_id = index::FindRepositoryId(work.db, work.input.repository);
    if (!repository_id) {
        return repository_id.error();
    }
    if (!*base || !*repository_id) {
        return std::optional<index::IndexSummary>();
    }
    core::Result<ChangedFiles> changed = DiffCommits(synced.path, **base, synced.head);
    if (!changed) {
        if (changed.error().code == core::Errc::kNotFound ||
            changed.error().code == core::Errc::kInvalidInput) {
            NECTR_LOG_INFO("index.push_full_rescan", "repo={} reason=\"{}\"", work.input.repository,
                           changed.error().detail);
            return std::optional<index::IndexSummary>();
        }
        return changed.error();
    }
    auto summary = index::UpdateFiles(work.db, **repository_id, synced.path, changed->changed,
                                      changed->removed, &work.clock);
    if (!summary) {
        return summary.error();
    }
    return std::optional<index::IndexSummary>(std::move(*summary));
}

// Gives the repository's new chunks vectors when EMBEDDINGS_BASE_URL is set. A failing service
// leaves the text index as it is (logged): the next scan or push embeds what is missing.
void EmbedChunks(const ScanWork& work, std::int64_t repository_id) {
    std::unique_ptr<index::Embedder> embedder = MakeConfiguredEmbedder(work.config, work.http);
    if (!embedder) {
        return;
    }
    const EmbeddingReport report = EmbedIndexedChunks(
        work.db, repository_id, *embedder, static_cast<std::size_t>(work.config.embeddings.batch));
    if (report.failure) {
        NECTR_LOG_WARN("index.embedding_failed", "repo={} model={} embedded={} error=\"{}\"",
                       work.input.repository, embedder->Model(), report.embedded,
                       report.failure->detail);
        return;
    }
    NECTR_LOG_INFO("index.embedded", "repo={} model={} embedded={}", work.input.repository,
                   embedder->Model(), report.embedded);
    // Searches of a large repository go through an in-memory graph of its vectors; building it
    // here spares the next review the wait.
    auto warmed = index::SharedVectorIndexCache().Find(work.db, repository_id, embedder->Model());
    if (!warmed) {
        NECTR_LOG_WARN("index.vector_index_failed", "repo={} error=\"{}\"", work.input.repository,
                       warmed.error().detail);
    }
}

core::Result<index::ScanOutcome> RunScan(const ScanWork& work) {
    const std::string& repository = work.input.repository;
    core::Result<std::string> path = CheckoutPath(work.config.data_dir, repository);
    if (!path) {
        return path.error();
    }
    core::Result<SyncedCheckout> synced =
        SyncCheckout(work.config.github.git_url, repository, *path, work.token);
    if (!synced) {
        return synced.error();
    }
    std::optional<index::IndexSummary> summary;
    if (work.input.push && !synced->cloned) {
        auto updated = UpdateChanged(work, *synced);
        if (!updated) {
            return updated.error();
        }
        summary = std::move(*updated);
    }
    if (!summary) {
        index::IndexRequest request;
        request.path = *path;
        request.repository_full_name = repository;
        request.clock = &work.clock;
        auto indexed = index::IndexCheckout(work.db, request);
        if (!indexed) {
            return indexed.error();
        }
        summary = std::move(*indexed);
    }
    EmbedChunks(work, summary->repository_id);
    const std::int64_t now = core::ToUnixMillis(work.clock.Now());
    core::Result<std::int64_t> repository_id = graph::EnsureRepository(work.db, repository, now);
    if (!repository_id) {
        return repository_id.error();
    }
    auto history = graph::ImportGitHistory(work.db, *repository_id, *path, std::nullopt,
                                           kMaxHistoryCommits, now);
    if (!history) {
        return history.error();
    }
    NECTR_LOG_INFO("index.repository_updated",
                   "repo={} kind={} commit={} files={} parsed={} removed={} symbols={} "
                   "commits_added={}",
                   repository, work.input.push ? "push" : "scan", synced->head, summary->files,
                   summary->files_changed, summary->files_removed, summary->symbols,
                   history->commits_added);
    index::ScanOutcome outcome;
    outcome.commit = summary->commit ? summary->commit : std::optional<std::string>(synced->head);
    outcome.files = static_cast<std::int64_t>(summary->files);
    outcome.symbols = static_cast<std::int64_t>(summary->symbols);
    outcome.chunks = static_cast<std::int64_t>(summary->chunks);
    outcome.commits_imported = static_cast<std::int64_t>(history->commits_added);
    return outcome;
}

net::awaitable<core::Result<void>> RunScanJob(ReviewServices& services, const queue::Job& job,
                                              bool push) {
    core::Result<ScanInput> input = ReadScanInput(job, push);
    if (!input) {
        co_return input.error();
    }
    const std::string repository = input->repository;
    const std::string kind = push ? "push" : "scan";
    std::function<core::Result<void>()> mark_running = [&services, &repository, &kind] {
        return index::MarkScanRunning(services.database, repository, kind, NowMs(services));
    };
    auto running = co_await services.pool.Call(mark_running);
    if (!running) {
        co_return running.error();
    }
    auto token_awaitable = TokenFor(services, *input);
    core::Result<std::string> token = co_await std::move(token_awaitable);
    core::Result<index::ScanOutcome> outcome = core::MakeError(core::Errc::kInternal, "not run");
    if (token) {
        const ScanWork work{services.database, services.config, services.clock, *input, *token,
                            services.http};
        std::function<core::Result<index::ScanOutcome>()> scan = [&work] { return RunScan(work); };
        outcome = co_await services.pool.Call(scan);
    } else {
        outcome = token.error();
    }
    if (!outcome) {
        // Git may quote what it was given; nothing secret reaches the status, logs or job.
        const core::Error failure{outcome.error().code,
                                  Redact(outcome.error().detail, token ? *token : "")};
        std::function<core::Result<void>()> mark_failed = [&services, &repository, &failure] {
            return index::MarkScanFailed(services.database, repository, failure.detail,
                                         NowMs(services));
        };
        auto marked = co_await services.pool.Call(mark_failed);
        if (!marked) {
            NECTR_LOG_WARN("index.scan_status_not_saved", "repo={} error=\"{}\"", repository,
                           marked.error().detail);
        }
        NECTR_LOG_WARN("index.scan_failed", "repo={} kind={} error=\"{}\"", repository, kind,
                       failure.detail);
        co_return failure;
    }
    std::function<core::Result<void>()> mark_done = [&services, &repository, &outcome] {
        return index::MarkScanDone(services.database, repository, *outcome, NowMs(services));
    };
    co_return co_await services.pool.Call(mark_done);
}

}  // namespace

queue::JobHandler MakeScanRepositoryHandler(ReviewServices& services) {
    return [&services](const queue::Job& job) -> net::awaitable<core::Result<void>> {
        co_return co_await RunScanJob(services, job, false);
    };
}

queue::JobHandler MakeReindexPushHandler(ReviewServices& services) {
    return [&services](const queue::Job& job) -> net::awaitable<core::Result<void>> {
        co_return co_await RunScanJob(services, job, true);
    };
}

}  // namespace nectr::app
