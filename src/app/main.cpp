#include <iostream>

#include "app/cli.hpp"
#include "app/commands.hpp"
#include "app/settings.hpp"
#include "core/log.hpp"
#include "core/version.hpp"

int main(int argc, char** argv) {
    using namespace nectr;
    app::ParseOutcome parsed = app::ParseCommandLine(argc, argv);
    if (!parsed.invocation) {
        return parsed.exit_code;
    }
    const app::Invocation& invocation = *parsed.invocation;
    if (invocation.command == app::Command::kVersion) {
        std::cout << core::kServiceName << " " << core::kVersion << "\n";
        return 0;
    }
    auto config = app::LoadSettings(invocation);
    if (!config) {
        std::cerr << "nectr: invalid configuration: " << config.error().detail << "\n";
        return 2;
    }
    core::InitLogging(config->log_level);
    switch (invocation.command) {
        case app::Command::kServe:
            return app::RunServe(std::move(*config));
        case app::Command::kWorker:
            return app::RunWorker(std::move(*config));
        case app::Command::kMigrate:
            return app::RunMigrate(std::move(*config), invocation.migrate_status_only);
        case app::Command::kDoctor:
            return app::RunDoctor(std::move(*config), invocation.doctor_json);
        case app::Command::kJobs:
            return app::RunJobs(std::move(*config), invocation.jobs);
        case app::Command::kReview:
            return app::RunReviewCommand(std::move(*config), invocation.review);
        case app::Command::kMcp:
            return app::RunMcp(std::move(*config));
        case app::Command::kIndex:
            return app::RunIndex(std::move(*config), invocation.index);
        case app::Command::kVersion:
            break;
    }
    return 0;
}
