#pragma once

#include "app/cli.hpp"
#include "core/config.hpp"

namespace nectr::app {

// Each returns the process exit code: 0 success, 1 runtime failure (reason printed).
int RunServe(core::Config config);
int RunWorker(core::Config config);
int RunMigrate(core::Config config, bool status_only);
int RunDoctor(core::Config config, bool as_json);
int RunJobs(core::Config config, const JobsRequest& request);
int RunReviewCommand(core::Config config, const ReviewCommandRequest& request);
// `nectr mcp`: the MCP server on standard input and output until input ends.
int RunMcp(core::Config config);
int RunIndex(core::Config config, const IndexCommandRequest& request);

}  // namespace nectr::app
