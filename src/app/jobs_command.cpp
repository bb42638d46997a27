#include <boost/json.hpp>
#include <cstdio>
#include <iostream>

#include "app/commands.hpp"
#include "app/storage_setup.hpp"
#include "core/clock.hpp"
#include "queue/job_store.hpp"

namespace nectr::app {
namespace {

int ExitCodeFor(const core::Error& error) {
    return error.code == core::Errc::kNotFound || error.code == core::Errc::kConflict ? 3 : 1;
}

std::string Describe(const queue::Job& job) {
    std::string subject = job.repo_full_name;
    if (job.pr_number) {
        subject = queue::PullRequestName(job.repo_full_name, *job.pr_number);
    }
    char line[512];
    std::snprintf(line, sizeof line, "%-8lld %-18s %-10.10s %3lld/%-3lld %-32.32s %s",
                  static_cast<long long>(job.id), job.kind.c_str(),
                  std::string(queue::JobStateName(job.state)).c_str(),
                  static_cast<long long>(job.attempts), static_cast<long long>(job.max_attempts),
                  subject.c_str(), job.last_error.value_or("").c_str());
    return line;
}

boost::json::object ToJson(const queue::Job& job) {
    boost::json::object o{{"id", job.id},
                          {"kind", job.kind},
                          {"state", queue::JobStateName(job.state)},
                          {"attempts", job.attempts},
                          {"max_attempts", job.max_attempts},
                          {"priority", job.priority},
                          {"repository", job.repo_full_name},
                          {"run_at_ms", job.run_at_ms},
                          {"created_at_ms", job.created_at_ms}};
    if (job.pr_number) {
        o["pr_number"] = *job.pr_number;
    }
    if (job.head_sha) {
        o["head_sha"] = *job.head_sha;
    }
    if (job.last_error) {
        o["last_error"] = *job.last_error;
    }
    if (job.event_id) {
        o["event_id"] = *job.event_id;
    }
    return o;
}

int ListJobs(queue::JobQueue& jobs, const JobsRequest& request) {
    queue::JobFilter filter;
    if (!request.state.empty()) {
        filter.state = queue::ParseJobState(request.state);
        if (!filter.state) {
            std::cerr << "nectr: unknown job state \"" << request.state
                      << "\" (queued, running, succeeded, dead or cancelled)\n";
            return 2;
        }
    }
    filter.kind = request.kind;
    filter.limit = request.limit;
    auto listed = jobs.List(filter);
    if (!listed) {
        std::cerr << "nectr: cannot list jobs: " << listed.error().detail << "\n";
        return 1;
    }
    if (request.as_json) {
        for (const queue::Job& job : *listed) {
            std::cout << boost::json::serialize(ToJson(job)) << "\n";
        }
        return 0;
    }
    std::printf("%-8s %-18s %-10s %-7s %-32s %s\n", "ID", "KIND", "STATE", "TRIES", "SUBJECT",
                "LAST ERROR");
    for (const queue::Job& job : *listed) {
        std::cout << Describe(job) << "\n";
    }
    if (listed->empty()) {
        std::cout << "(no jobs)\n";
    }
    return 0;
}

}  // namespace

int RunJobs(core::Config config, const JobsRequest& request) {
    auto db = PrepareAndOpenStore(config);
    if (!db) {
        std::cerr << "nectr: " << db.error().detail << "\n";
        return 1;
    }
    core::SystemClock clock;
    queue::JobQueue jobs(**db, clock);
    if (request.action == "list") {
        return ListJobs(jobs, request);
    }
    if (request.action == "retry") {
        auto retried = jobs.Retry(request.job_id);
        if (!retried) {
            std::cerr << "nectr: cannot retry job " << request.job_id << ": "
                      << retried.error().detail << "\n";
            return ExitCodeFor(retried.error());
        }
        std::cout << "Job " << request.job_id << " is queued again.\n";
        return 0;
    }
    auto cancelled = jobs.Cancel(request.job_id);
    if (!cancelled) {
        std::cerr << "nectr: cannot cancel job " << request.job_id << ": "
                  << cancelled.error().detail << "\n";
        return ExitCodeFor(cancelled.error());
    }
    std::cout << (*cancelled == queue::CancelOutcome::kCancelled
                      ? "Job " + std::to_string(request.job_id) + " is cancelled.\n"
                      : "Job " + std::to_string(request.job_id) +
                            " is running; its worker was asked to stop.\n");
    return 0;
}

}  // namespace nectr::app
