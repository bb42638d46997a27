// `nectr review`: one review without a server, of a local git range, a diff file or a pull
// request, printed as Markdown, JSON or SARIF.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/commands.hpp"
#include "app/embedder_setup.hpp"
#include "app/llm_setup.hpp"
#include "app/review_command_context.hpp"
#include "core/clock.hpp"
#include "core/version.hpp"
#include "github/client.hpp"
#include "index/checkout.hpp"
#include "review/diff_parser.hpp"
#include "review/local_git.hpp"
#include "review/pipeline.hpp"
#include "review/pull_request_source.hpp"
#include "review/report_format.hpp"

namespace nectr::app {

namespace {

namespace net = boost::asio;

// Exit codes: 0 done, 1 failed, 2 bad usage, 3 findings reached --fail-on.
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kExitFindings = 3;

struct LoadedChange {
    review::ChangeInfo info;
    review::Diff diff;
    review::RepoConfig config;
    std::vector<std::string> notes;
    std::unique_ptr<review::CodeHost> code;
};

core::Result<std::string> ReadInputFile(const std::string& path) {
    if (path == "-") {
        std::ostringstream text;
        text << std::cin.rdbuf();
        return text.str();
    }
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        return core::MakeError(core::Errc::kInvalidInput, path + " is a directory, not a file");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return core::MakeError(core::Errc::kNotFound, "cannot read " + path);
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) {
        return core::MakeError(core::Errc::kUnavailable, "reading " + path + " failed");
    }
    return text.str();
}

// The repository's .nectr.toml, read where the change cannot have altered it (the base).
void ApplyRepoConfig(LoadedChange& change, const core::Result<std::string>& text) {
    if (!text) {
        return;  // no .nectr.toml: defaults
    }
    auto parsed = review::ParseRepoConfig(*text);
    if (parsed) {
        change.config = std::move(*parsed);
    } else {
        // One problem per line in the error; a note is one line.
        std::string problems = parsed.error().detail;
        for (auto at = problems.find('\n'); at != std::string::npos; at = problems.find('\n')) {
            problems.replace(at, 1, "; ");
        }
        change.notes.push_back(".nectr.toml is invalid (" + problems + "); the defaults were used");
    }
}

core::Result<LoadedChange> LoadFromRepo(const ReviewCommandRequest& request) {
    auto local = review::LoadLocalChange(
        request.repo_path, request.base.empty() ? std::nullopt : std::optional(request.base),
        request.head.empty() ? std::nullopt : std::optional(request.head));
    if (!local) {
        return local.error();
    }
    auto diff = review::ParseUnifiedDiff(local->diff_text);
    if (!diff) {
        return diff.error();
    }
    LoadedChange change;
    change.info = std::move(local->info);
    change.diff = std::move(*diff);
    change.notes = std::move(local->notes);
    change.code = std::make_unique<review::LocalGitHost>(request.repo_path);
    if (change.info.base_sha.empty()) {
        return change;  // no commit yet, so no .nectr.toml the change did not write itself
    }
    net::io_context context;
    std::optional<core::Result<std::string>> config_text;
    net::co_spawn(context, change.code->ReadFile(".nectr.toml", change.info.base_sha),
                  [&](const std::exception_ptr&, core::Result<std::string> text) {
                      config_text.emplace(std::move(text));
                  });
    context.run();
    ApplyRepoConfig(change, *config_text);
    return change;
}

core::Result<LoadedChange> LoadFromDiffFile(const ReviewCommandRequest& request) {
    auto text = ReadInputFile(request.diff_file);
    if (!text) {
        return text.error();
    }
    auto diff = review::ParseUnifiedDiff(*text);
    if (!diff) {
        return core::MakeError(diff.error().code, request.diff_file + " is not a unified diff: " +
                                                      diff.error().detail);
    }
    LoadedChange change;
    change.info.subject = request.diff_file == "-" ? "standard input" : request.diff_file;
    change.diff = std::move(*diff);
    change.code = std::make_unique<review::DirectoryHost>(request.root);
    if (!request.root.empty()) {
        ApplyRepoConfig(change, ReadInputFile(request.root + "/.nectr.toml"));
    }
    return change;
}

// "owner/repo#12".
core::Result<std::pair<std::string, int>> ParsePullRequestName(const std::string& text) {
    const auto hash = text.rfind('#');
    if (hash == std::string::npos || hash + 1 == text.size()) {
        return core::MakeError(core::Errc::kInvalidInput,
                               "--pr must look like owner/repo#12, not '" + text + "'");
    }
    const std::string repo = text.substr(0, hash);
    int number = 0;
    try {
        std::size_t used = 0;
        number = std::stoi(text.substr(hash + 1), &used);
        if (used != text.size() - hash - 1 || number <= 0) {
            number = 0;
        }
    } catch (const std::exception&) {
        number = 0;
    }
    if (number == 0 || !review::SplitRepoName(repo)) {
        return core::MakeError(core::Errc::kInvalidInput,
                               "--pr must look like owner/repo#12, not '" + text + "'");
    }
    return std::make_pair(repo, number);
}

core::Result<LoadedChange> LoadFromPullRequest(const core::Config& config, const std::string& pr,
                                               http::Client& http, const core::Clock& clock,
                                               std::unique_ptr<github::GitHubClient>& client) {
    auto name = ParsePullRequestName(pr);
    if (!name) {
        return name.error();
    }
    if (config.github.token.empty()) {
        return core::MakeError(core::Errc::kInvalidInput,
                               "--pr needs a GitHub token: set GITHUB_TOKEN");
    }
    github::ClientOptions options;
    options.api_url = config.github.api_url;
    client = std::make_unique<github::GitHubClient>(
        http,
        github::MakeTokenCredentials(github::TokenKind::kPersonalAccessToken, config.github.token),
        std::move(options), clock);
    net::io_context context;
    std::optional<core::Result<review::FetchedPullRequest>> fetched;
    net::co_spawn(
        context, review::FetchPullRequest(*client, name->first, name->second),
        [&](const std::exception_ptr& error, core::Result<review::FetchedPullRequest> result) {
            if (error) {
                result = core::MakeError(core::Errc::kInternal, "fetching crashed");
            }
            fetched.emplace(std::move(result));
        });
    context.run();
    if (!*fetched) {
        return fetched->error();
    }
    LoadedChange change;
    change.info = std::move((*fetched)->info);
    change.diff = std::move((*fetched)->diff);
    change.config = std::move((*fetched)->config);
    change.notes = std::move((*fetched)->notes);
    change.code =
        std::make_unique<review::GitHubCodeHost>(*client, *review::SplitRepoName(name->first));
    return change;
}

// Options that belong to another source than the one chosen; nullopt when all fit.
std::optional<std::string> MisusedOption(const ReviewCommandRequest& request) {
    const bool other_source = !request.diff_file.empty() || !request.pr.empty();
    if (other_source && (!request.base.empty() || !request.head.empty())) {
        return "--base and --head go with --repo, not with --diff or --pr";
    }
    if (!request.head.empty() && request.base.empty()) {
        return "--head needs --base (without --base the uncommitted changes are reviewed)";
    }
    if (!request.root.empty() && request.diff_file.empty()) {
        return "--root goes with --diff";
    }
    return std::nullopt;
}

void Progress(bool quiet, std::string_view line) {
    if (!quiet) {
        std::cerr << "nectr: " << line << "\n";
    }
}

core::Result<review::ReviewReport> RunPipeline(const core::Config& config,
                                               const ReviewCommandRequest& request,
                                               LoadedChange& change, llm::Provider* provider,
                                               store::Database* db, index::Embedder* embedder) {
    review::PipelineOptions options;
    if (request.offline) {
        options.offline_note = "--offline: this review ran the offline analyzers only.";
    }
    options.max_tool_steps = config.review.max_tool_steps;
    options.specialist_passes = config.review.specialist_passes;
    options.packing.part_token_budget = config.review.part_token_budget;
    const bool quiet = request.quiet;
    options.progress = [quiet](std::string_view line) { Progress(quiet, line); };
    net::io_context context;
    std::optional<core::Result<review::ReviewReport>> report;
    review::PipelineDeps deps{*change.code, provider, {}, {}};
    core::SystemClock clock;
    std::unique_ptr<RepositoryContext> repository;
    if (db != nullptr && !change.info.repo_full_name.empty()) {
        repository = std::make_unique<RepositoryContext>(*db, clock, change.info.repo_full_name,
                                                         change.info.number, embedder);
        repository->AddTo(deps);
    }
    net::co_spawn(context,
                  review::RunReviewPipeline(change.info, change.diff, change.config, deps,
                                            std::move(options)),
                  [&](const std::exception_ptr& error, core::Result<review::ReviewReport> result) {
                      if (error) {
                          result = core::MakeError(core::Errc::kInternal, "the review crashed");
                      }
                      report.emplace(std::move(result));
                  });
    context.run();
    if (*report) {
        for (auto& note : change.notes) {
            (**report).notes.push_back(note);
        }
    }
    return std::move(*report);
}

std::string Render(review::ReportFormat format, const review::ReviewReport& report) {
    switch (format) {
        case review::ReportFormat::kMarkdown:
            return review::RenderMarkdown(report);
        case review::ReportFormat::kJson:
            return review::RenderJson(report);
        case review::ReportFormat::kSarif:
            return review::RenderSarif(report, core::kVersion);
    }
    return {};
}

// Standard output, or the --output file; false (after saying why) when it cannot be written.
bool WriteReport(const ReviewCommandRequest& request, const std::string& rendered) {
    if (request.output_file.empty()) {
        std::cout << rendered << std::flush;
        return static_cast<bool>(std::cout);
    }
    std::ofstream out(request.output_file, std::ios::binary | std::ios::trunc);
    out << rendered;
    out.close();  // a full disk shows only when the last bytes are written
    if (!out) {
        std::cerr << "nectr: cannot write " << request.output_file << "\n";
        return false;
    }
    return true;
}

// What is wrong with the options as a whole; nullopt when they can be run.
std::optional<std::string> UsageProblem(const ReviewCommandRequest& request) {
    if (!review::ParseReportFormat(request.format)) {
        return "--format must be markdown, json or sarif";
    }
    if (!request.fail_on.empty() && !analyzers::ParseSeverity(request.fail_on)) {
        return "--fail-on must be critical, high, medium, low or info";
    }
    const int sources = (!request.diff_file.empty() ? 1 : 0) + (!request.pr.empty() ? 1 : 0) +
                        (request.repo_given ? 1 : 0);
    if (sources > 1) {
        return "give one of --repo, --diff or --pr";
    }
    return MisusedOption(request);
}

core::Result<LoadedChange> LoadChange(const core::Config& config,
                                      const ReviewCommandRequest& request, http::Client& http,
                                      const core::Clock& clock,
                                      std::unique_ptr<github::GitHubClient>& github_client) {
    if (!request.pr.empty()) {
        return LoadFromPullRequest(config, request.pr, http, clock, github_client);
    }
    if (!request.diff_file.empty()) {
        return LoadFromDiffFile(request);
    }
    return LoadFromRepo(request);
}

}  // namespace

int RunReviewCommand(core::Config config, const ReviewCommandRequest& request) {
    if (auto problem = UsageProblem(request)) {
        std::cerr << "nectr: " << *problem << "\n";
        return kExitUsage;
    }
    auto http =
        http::MakeCurlClient({.user_agent = std::string("nectr/") + core::kVersion, .ca_file = {}});
    std::unique_ptr<llm::Provider> provider;
    if (!request.offline) {
        auto made = MakeConfiguredProvider(config, *http);
        if (!made) {
            std::cerr << "nectr: " << made.error().detail << "\n";
            return kExitUsage;
        }
        provider = std::move(*made);
    }
    core::SystemClock clock;
    std::unique_ptr<github::GitHubClient> github_client;
    auto change = LoadChange(config, request, *http, clock, github_client);
    if (!change) {
        std::cerr << "nectr: " << change.error().detail << "\n";
        // A file, repository, ref or pull request that is not there was named on the command
        // line: bad usage, as for any other wrong argument. Git missing or GitHub down is not.
        const core::Errc code = change.error().code;
        return code == core::Errc::kInvalidInput || code == core::Errc::kNotFound ? kExitUsage
                                                                                  : kExitFailed;
    }
    Progress(request.quiet,
             "reviewing " + change->info.subject + " (" +
                 std::to_string(change->diff.files.size()) + " files, +" +
                 std::to_string(change->diff.Additions()) + " -" +
                 std::to_string(change->diff.Deletions()) + ")" +
                 (provider ? " with " + DescribeProvider(config) : std::string(" offline")));
    std::unique_ptr<store::Database> db = OpenExistingStore(config, request.quiet);
    if (db && change->info.repo_full_name.empty() && request.diff_file.empty()) {
        // A local checkout: the name `nectr index` gave it.
        change->info.repo_full_name = index::DeriveRepositoryName(request.repo_path);
    }
    // --offline promises no network beyond the change itself: no embeddings either.
    std::unique_ptr<index::Embedder> embedder =
        db && !request.offline ? MakeConfiguredEmbedder(config, *http) : nullptr;
    auto report = RunPipeline(config, request, *change, provider.get(), db.get(), embedder.get());
    if (!report) {
        std::cerr << "nectr: the review failed: " << report.error().detail << "\n";
        return kExitFailed;
    }
    if (!WriteReport(request, Render(*review::ParseReportFormat(request.format), *report))) {
        return kExitFailed;
    }
    Progress(request.quiet, std::to_string(report->output.comments.size()) + " comments, " +
                                std::to_string(report->findings.size()) + " offline findings");
    const auto fail_on = analyzers::ParseSeverity(request.fail_on);
    if (fail_on && review::ReachesSeverity(*report, *fail_on)) {
        Progress(request.quiet, "findings reach --fail-on " + request.fail_on);
        return kExitFindings;
    }
    return 0;
}

}  // namespace nectr::app
