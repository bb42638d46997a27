#include "app/cli.hpp"

#include <CLI/CLI.hpp>
#include <cstdint>
#include <iostream>

#include "core/version.hpp"

namespace nectr::app {
namespace {

constexpr const char* kDescription =
    "Nectr: a self-hosted AI reviewer for GitHub pull requests.\n"
    "Configuration comes from flags, then environment variables, then a .env file.\n"
    "With no configuration, `nectr serve` runs in development mode on a SQLite file\n"
    "in ./nectr-data.";

// Options whose values become configuration keys when given.
struct FlagTargets {
    std::string host;
    std::uint16_t port = 0;
    std::string data_dir;
    std::string database_url;
    int workers = 0;
    int poll_interval = 0;
    std::string log_level;
    std::string env_file;
};

void AddDataOptions(CLI::App& command, FlagTargets& targets) {
    command.add_option("--data-dir", targets.data_dir,
                       "Directory for the SQLite file and generated keys (DATA_DIR, default "
                       "./nectr-data)");
    command.add_option("--database-url", targets.database_url,
                       "sqlite:///path.db or postgresql://user:pass@host:port/db (DATABASE_URL)");
}

void AddPollOption(CLI::App& command, FlagTargets& targets) {
    command
        .add_option("--poll-interval", targets.poll_interval,
                    "Seconds an idle worker waits before looking for work unwoken "
                    "(WORKER_POLL_INTERVAL)")
        ->check(CLI::Range(1, 3600));
}

void CollectFlag(CLI::App& app, const char* option, const char* key, std::string value,
                 Invocation& invocation) {
    for (CLI::App* sub : app.get_subcommands()) {
        for (const CLI::Option* opt : sub->get_options()) {
            if (opt->check_lname(option + 2) && opt->count() > 0) {
                invocation.flags[key] = value;
            }
        }
    }
    if (const CLI::Option* opt = app.get_option_no_throw(option);
        opt != nullptr && opt->count() > 0) {
        invocation.flags[key] = value;
    }
}

void AddReviewOptions(CLI::App& command, ReviewCommandRequest& request) {
    command.add_option("--repo", request.repo_path,
                       "A local git repository (default: the current directory)");
    command.add_option("--base", request.base,
                       "Review the commits since this ref (with --repo); without it, the "
                       "uncommitted changes");
    command.add_option("--head", request.head, "The last commit to review (default HEAD)");
    command.add_option("--diff", request.diff_file,
                       "A unified diff file to review, or - for standard input");
    command.add_option("--root", request.root,
                       "With --diff: the directory the diff applies to, for reading whole files");
    command.add_option("--pr", request.pr,
                       "A pull request on GitHub, OWNER/REPO#N (needs GITHUB_TOKEN)");
    command.add_option("--format", request.format, "markdown (default), json or sarif")
        ->check(CLI::IsMember({"markdown", "md", "json", "sarif"}));
    command
        .add_option("--fail-on", request.fail_on,
                    "Exit with 3 when a finding is at least this severe: critical, high, "
                    "medium, low or info")
        ->check(CLI::IsMember({"critical", "high", "medium", "low", "info"}));
    command.add_option("--output", request.output_file, "Write the review here, not to stdout");
    command.add_flag("--offline", request.offline,
                     "Run the offline analyzers only, even when a model is configured");
    command.add_flag("--quiet", request.quiet, "No progress lines on standard error");
}

}  // namespace

ParseOutcome ParseCommandLine(int argc, char** argv) {
    CLI::App app{kDescription, "nectr"};
    app.require_subcommand(1);
    app.fallthrough();
    FlagTargets targets;
    app.add_option("--env-file", targets.env_file, "Read settings from this file instead of ./.env")
        ->check(CLI::ExistingFile);
    app.add_option("--log-level", targets.log_level, "debug, info, warn, error or off (LOG_LEVEL)");

    CLI::App* serve = app.add_subcommand(
        "serve", "Run the HTTP server (webhooks, API, dashboard) with in-process workers");
    serve->add_option(
        "--host", targets.host,
        "Address to listen on (HOST; 127.0.0.1 in development, 0.0.0.0 in production)");
    serve->add_option("--port", targets.port,
                      "Port to listen on, 0 for any free port (PORT, 8000)");
    serve
        ->add_option("--workers", targets.workers,
                     "In-process review workers, 0 for none (WORKERS, 2)")
        ->check(CLI::Range(0, 2048));
    AddPollOption(*serve, targets);
    AddDataOptions(*serve, targets);

    CLI::App* worker = app.add_subcommand("worker", "Run queue workers only (no HTTP server)");
    worker->add_option("--workers", targets.workers, "Concurrent jobs in this process (WORKERS, 2)")
        ->check(CLI::Range(0, 2048));
    AddPollOption(*worker, targets);
    AddDataOptions(*worker, targets);

    Invocation invocation;
    CLI::App* migrate = app.add_subcommand("migrate", "Apply pending database migrations and exit");
    migrate->add_flag("--status", invocation.migrate_status_only,
                      "Only show the current and latest schema versions");
    AddDataOptions(*migrate, targets);

    CLI::App* doctor = app.add_subcommand(
        "doctor",
        "Check configuration and connectivity; print the effective settings (secrets masked)");
    doctor->add_flag("--json", invocation.doctor_json, "Print the report as JSON");
    AddDataOptions(*doctor, targets);

    CLI::App* jobs = app.add_subcommand("jobs", "List, retry or cancel queued jobs");
    jobs->require_subcommand(1);
    AddDataOptions(*jobs, targets);
    CLI::App* jobs_list = jobs->add_subcommand("list", "List jobs, newest first");
    jobs_list->add_option("--state", invocation.jobs.state,
                          "queued, running, succeeded, dead or cancelled");
    jobs_list->add_option("--kind", invocation.jobs.kind, "review, index_pr, reindex_push, ...");
    jobs_list->add_option("--limit", invocation.jobs.limit, "At most this many (default 50)")
        ->check(CLI::Range(1, 10000));
    jobs_list->add_flag("--json", invocation.jobs.as_json, "One JSON object per line");
    CLI::App* jobs_retry = jobs->add_subcommand("retry", "Queue a dead or cancelled job again");
    jobs_retry->add_option("id", invocation.jobs.job_id, "The job id")->required();
    CLI::App* jobs_cancel = jobs->add_subcommand("cancel", "Cancel a queued or running job");
    jobs_cancel->add_option("id", invocation.jobs.job_id, "The job id")->required();

    CLI::App* review = app.add_subcommand(
        "review",
        "Review a local git range, a diff file or a pull request without a server, and print "
        "the review (Markdown, JSON or SARIF). Exit codes: 0 done, 1 failed, 2 bad usage, "
        "3 findings reached --fail-on");
    AddReviewOptions(*review, invocation.review);

    CLI::App* mcp = app.add_subcommand(
        "mcp",
        "Serve MCP (Model Context Protocol) over standard input and output for a local agent or "
        "editor; sees every repository in the local database");
    AddDataOptions(*mcp, targets);
    CLI::App* index = app.add_subcommand(
        "index",
        "Build or refresh the code index of a local checkout (symbols, imports, searchable "
        "chunks) in the configured database. Exit codes: 0 done, 1 failed, 2 bad usage");
    index->add_option("path", invocation.index.path,
                      "The checkout to index (default: the current directory)");
    index->add_option("--repo", invocation.index.repo,
                      "The repository's name, owner/name (default: from the origin remote, "
                      "else local/<directory>)");
    index->add_flag("--quiet", invocation.index.quiet, "No progress on standard error");
    AddDataOptions(*index, targets);

    app.add_subcommand("version", "Print the version and exit");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& help) {
        return ParseOutcome{std::nullopt, app.exit(help)};
    } catch (const CLI::CallForAllHelp& help) {
        return ParseOutcome{std::nullopt, app.exit(help)};
    } catch (const CLI::ParseError& error) {
        std::string what = error.what();
        if (what.empty() || error.get_name() == "RequiredError") {
            what =
                "a command is required: serve, worker, review, index, mcp, migrate, doctor, jobs "
                "or "
                "version";
        }
        std::cerr << "nectr: " << what << " (see nectr --help)\n";
        return ParseOutcome{std::nullopt, 2};
    }

    if (serve->parsed()) {
        invocation.command = Command::kServe;
    } else if (worker->parsed()) {
        invocation.command = Command::kWorker;
    } else if (migrate->parsed()) {
        invocation.command = Command::kMigrate;
    } else if (doctor->parsed()) {
        invocation.command = Command::kDoctor;
    } else if (review->parsed()) {
        invocation.command = Command::kReview;
        invocation.review.repo_given = review->get_option("--repo")->count() > 0;
    } else if (mcp->parsed()) {
        invocation.command = Command::kMcp;
    } else if (index->parsed()) {
        invocation.command = Command::kIndex;
    } else if (jobs->parsed()) {
        invocation.command = Command::kJobs;
        invocation.jobs.action = jobs_list->parsed()    ? "list"
                                 : jobs_retry->parsed() ? "retry"
                                                        : "cancel";
    } else {
        invocation.command = Command::kVersion;
    }
    CollectFlag(app, "--host", "HOST", targets.host, invocation);
    CollectFlag(app, "--port", "PORT", std::to_string(targets.port), invocation);
    CollectFlag(app, "--workers", "WORKERS", std::to_string(targets.workers), invocation);
    CollectFlag(app, "--poll-interval", "WORKER_POLL_INTERVAL",
                std::to_string(targets.poll_interval), invocation);
    CollectFlag(app, "--data-dir", "DATA_DIR", targets.data_dir, invocation);
    CollectFlag(app, "--database-url", "DATABASE_URL", targets.database_url, invocation);
    CollectFlag(app, "--log-level", "LOG_LEVEL", targets.log_level, invocation);
    if (!targets.env_file.empty()) {
        invocation.env_file = targets.env_file;
    }
    return ParseOutcome{invocation, 0};
}

}  // namespace nectr::app
