#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace nectr::app {

enum class Command { kServe, kWorker, kMigrate, kDoctor, kJobs, kVersion };

// `nectr jobs list|retry|cancel`.
struct JobsRequest {
    std::string action;  // "list", "retry" or "cancel"
    std::string state;   // list: filter by state
    std::string kind;    // list: filter by kind
    int limit = 50;
    std::int64_t job_id = 0;  // retry and cancel
    bool as_json = false;
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
};

// The outcome of parsing: an invocation to run, or an exit code with text already printed
// (help, or a one-line error on standard error).
struct ParseOutcome {
    std::optional<Invocation> invocation;
    int exit_code = 0;
};

ParseOutcome ParseCommandLine(int argc, char** argv);

}  // namespace nectr::app
