#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace nectr::app {

enum class Command { kServe, kWorker, kMigrate, kDoctor, kJobs, kReview, kIndex, kMcp, kVersion };

// `nectr jobs list|retry|cancel`.
struct JobsRequest {
    std::string action;  // "list", "retry" or "cancel"
    std::string state;   // list: filter by state
    std::string kind;    // list: filter by kind
    int limit = 50;
    std::int64_t job_id = 0;  // retry and cancel
    bool as_json = false;
};

// `nectr review`: one review without a server.
struct ReviewCommandRequest {
    std::string repo_path = ".";  // --repo (default: the current directory)
    bool repo_given = false;
    std::string base;       // --base REF
    std::string head;       // --head REF
    std::string diff_file;  // --diff FILE ("-" for standard input)
    std::string root;       // --root DIR: where a diff's files can be read
    std::string pr;         // --pr OWNER/REPO#N
    std::string format = "markdown";
    std::string fail_on;      // --fail-on SEVERITY
    std::string output_file;  // --output FILE
    bool offline = false;     // --offline: no model even when one is configured
    bool quiet = false;       // --quiet: no progress on standard error
};

// `nectr index`: build or refresh the code index of a local checkout.
struct IndexCommandRequest {
    std::string path = ".";  // the checkout (default: the current directory)
    std::string repo;        // --repo owner/name; empty: from the origin remote
    bool quiet = false;      // --quiet: no progress on standard error
};

// What the command line asked for. Flags are kept under their configuration key names
// (PORT, HOST, ...) so that core::LoadConfig applies them with the highest precedence.
struct Invocation {
    Command command = Command::kServe;
    std::map<std::string, std::string> flags;
    std::optional<std::string> env_file;  // --env-file; otherwise ./.env when present
    bool migrate_status_only = false;     // nectr migrate --status
    bool doctor_json = false;             // nectr doctor --json
    JobsRequest jobs;
    ReviewCommandRequest review;
    IndexCommandRequest index;
};

// The outcome of parsing: an invocation to run, or an exit code with text already printed
// (help, or a one-line error on standard error).
struct ParseOutcome {
    std::optional<Invocation> invocation;
    int exit_code = 0;
};

ParseOutcome ParseCommandLine(int argc, char** argv);

}  // namespace nectr::app
