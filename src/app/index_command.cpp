// `nectr index`: build or refresh the code index of a local checkout, with a progress bar.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "app/commands.hpp"
#include "app/embedder_setup.hpp"
#include "app/storage_setup.hpp"
#include "core/clock.hpp"
#include "core/version.hpp"
#include "graph/history_import.hpp"
#include "graph/repository.hpp"
#include "index/indexer.hpp"
#include "index/vector_index.hpp"

namespace nectr::app {
namespace {

using Clock = std::chrono::steady_clock;

// Exit codes: 0 done, 1 failed, 2 bad usage.
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

constexpr auto kBarRedraw = std::chrono::milliseconds(100);
constexpr auto kPlainLineEvery = std::chrono::seconds(5);
constexpr int kBarWidth = 30;
// As for connected repositories: enough history for experts and co-change.
constexpr std::size_t kMaxHistoryCommits = 10000;

// Progress on standard error: a bar redrawn in place on a terminal, a plain line now and then
// otherwise (a CI log), nothing with --quiet.
class ProgressReporter {
public:
    ProgressReporter(bool quiet, bool terminal) : quiet_(quiet), terminal_(terminal) {}

    // Starts counting anew, for a second stage (chunks embedded after files indexed).
    void Restart(std::string unit) {
        Finish();
        unit_ = std::move(unit);
        started_ = Clock::now();
        last_shown_ = {};
    }

    void Update(std::size_t done, std::size_t total) {
        if (quiet_ || total == 0) {
            return;
        }
        const auto now = Clock::now();
        const bool last = done >= total;
        if (!last && now - last_shown_ < (terminal_ ? kBarRedraw : kPlainLineEvery)) {
            return;
        }
        last_shown_ = now;
        const double seconds = std::chrono::duration<double>(now - started_).count();
        const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
        if (terminal_) {
            const int filled = static_cast<int>(kBarWidth * done / total);
            std::fprintf(stderr, "\r[%s%s] %zu/%zu %s  %.0f %s/s ",
                         std::string(static_cast<std::size_t>(filled), '#').c_str(),
                         std::string(static_cast<std::size_t>(kBarWidth - filled), '.').c_str(),
                         done, total, unit_.c_str(), rate, unit_.c_str());
            drawn_ = true;
        } else {
            std::fprintf(stderr, "nectr: %s %zu/%zu %s (%.0f %s/s)\n",
                         unit_ == "files" ? "indexed" : "embedded", done, total, unit_.c_str(),
                         rate, unit_.c_str());
        }
        std::fflush(stderr);
    }

    // Ends the bar's line so that what follows starts on a fresh one.
    void Finish() {
        if (drawn_) {
            std::fputc('\n', stderr);
            drawn_ = false;
        }
    }

    void Say(const std::string& line) {
        if (!quiet_) {
            Finish();
            std::cerr << "nectr: " << line << "\n";
        }
    }

private:
    bool quiet_;
    bool terminal_;
    bool drawn_ = false;
    std::string unit_ = "files";
    Clock::time_point started_ = Clock::now();
    Clock::time_point last_shown_{};
};

std::string Summary(const index::IndexSummary& summary) {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.1f", summary.seconds);
    std::string line = "indexed " + summary.repository_full_name;
    if (summary.commit) {
        line += " at " + summary.commit->substr(0, 12);
    }
    line += ": " + std::to_string(summary.files) + " files (" +
            std::to_string(summary.files_changed) + " parsed, " +
            std::to_string(summary.files_removed) + " removed), " +
            std::to_string(summary.symbols) + " symbols, " + std::to_string(summary.chunks) +
            " chunks, " + std::to_string(summary.imports_resolved) + " imports resolved in " +
            seconds + " s";
    return line;
}

// Gives the new chunks vectors when EMBEDDINGS_BASE_URL is set; returns what the summary line
// adds. A failing service leaves the text index as it is: a warning, not a failed command.
std::string EmbedChunks(const core::Config& config, store::Database& db,
                        const index::IndexSummary& summary, ProgressReporter& progress) {
    if (!config.embeddings.Enabled()) {
        return "";
    }
    auto client =
        http::MakeCurlClient({.user_agent = std::string("nectr/") + core::kVersion, .ca_file = {}});
    std::unique_ptr<index::Embedder> embedder = MakeConfiguredEmbedder(config, *client);
    auto before = index::ReadVectorSignature(db, summary.repository_id, embedder->Model());
    const std::size_t have = before ? static_cast<std::size_t>(before->count) : 0;
    const std::size_t missing = summary.chunks > have ? summary.chunks - have : 0;
    progress.Restart("chunks");
    const EmbeddingReport report = EmbedIndexedChunks(
        db, summary.repository_id, *embedder, static_cast<std::size_t>(config.embeddings.batch),
        [&progress, missing](std::size_t done) { progress.Update(done, std::max(done, missing)); });
    progress.Finish();
    const std::string embedded = ", embedded " + std::to_string(report.embedded) + " chunks";
    if (report.failure) {
        std::cerr << "nectr: warning: embedding failed, the text index is complete without "
                     "those vectors (run nectr index again to embed what is missing): "
                  << report.failure->detail << "\n";
        return embedded + " (embedding failed, text index kept)";
    }
    return embedded;
}

bool ValidRepositoryName(const std::string& name) {
    const auto slash = name.find('/');
    return slash != std::string::npos && slash > 0 && slash + 1 < name.size() &&
           name.find('/', slash + 1) == std::string::npos &&
           name.find_first_of(" \t\n") == std::string::npos;
}

// Imports the checkout's commits into the knowledge graph. Outside git there is no history:
// nothing to say. Returns the line for standard output, or nullopt after printing the failure.
std::optional<std::string> ImportHistory(store::Database& db, const index::IndexSummary& summary,
                                         const std::string& path) {
    if (!summary.commit) {
        return std::string();
    }
    const std::int64_t now = core::ToUnixMillis(core::SystemClock().Now());
    auto repository_id = graph::EnsureRepository(db, summary.repository_full_name, now);
    if (!repository_id) {
        std::cerr << "nectr: importing the history failed: " << repository_id.error().detail
                  << "\n";
        return std::nullopt;
    }
    auto report =
        graph::ImportGitHistory(db, *repository_id, path, std::nullopt, kMaxHistoryCommits, now);
    if (!report) {
        std::cerr << "nectr: importing the history failed: " << report.error().detail << "\n";
        return std::nullopt;
    }
    return "imported history of " + summary.repository_full_name + ": " +
           std::to_string(report->commits_read) + " commits read, " +
           std::to_string(report->commits_added) + " new";
}

}  // namespace

int RunIndex(core::Config config, const IndexCommandRequest& request) {
    if (!request.repo.empty() && !ValidRepositoryName(request.repo)) {
        std::cerr << "nectr: --repo must look like owner/name, not '" << request.repo << "'\n";
        return kExitUsage;
    }
    std::error_code ec;
    if (!std::filesystem::is_directory(request.path, ec)) {
        std::cerr << "nectr: " << request.path << " is not a directory\n";
        return kExitUsage;
    }
    auto db = PrepareAndOpenStore(config);
    if (!db) {
        std::cerr << "nectr: " << db.error().detail << "\n";
        return kExitFailed;
    }
    ProgressReporter progress(request.quiet, isatty(STDERR_FILENO) == 1);
    index::IndexRequest index_request;
    index_request.path = request.path;
    index_request.repository_full_name = request.repo;
    index_request.progress = [&progress](std::size_t done, std::size_t total) {
        progress.Update(done, total);
    };
    auto summary = index::IndexCheckout(**db, index_request);
    progress.Finish();
    if (!summary) {
        std::cerr << "nectr: indexing failed: " << summary.error().detail << "\n";
        return summary.error().code == core::Errc::kNotFound ? kExitUsage : kExitFailed;
    }
    for (const std::string& note : summary->notes) {
        progress.Say(note);
    }
    const std::string embedded = EmbedChunks(config, **db, *summary, progress);
    std::cout << Summary(*summary) << embedded << "\n";
    std::optional<std::string> history = ImportHistory(**db, *summary, request.path);
    if (!history) {
        return kExitFailed;
    }
    if (!history->empty()) {
        std::cout << *history << "\n";
    }
    return 0;
}

}  // namespace nectr::app
