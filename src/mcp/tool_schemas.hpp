#pragma once

// The JSON Schemas of Nectr's MCP tools: arguments and structured output. Clients validate a
// tool's structuredContent against its outputSchema, so these follow what the tools return.
#include <boost/json/object.hpp>
#include <string_view>

namespace nectr::mcp::schemas {

// Parses one of the schema texts below; they are ours, so a parse failure is a bug (aborts).
boost::json::object Parse(std::string_view text);

extern const std::string_view kRecentReviewsInput;
extern const std::string_view kRecentReviewsOutput;
extern const std::string_view kContributorStatsInput;
extern const std::string_view kContributorStatsOutput;
extern const std::string_view kPrVerdictInput;
extern const std::string_view kPrVerdictOutput;
extern const std::string_view kRepoHealthInput;
extern const std::string_view kRepoHealthOutput;
extern const std::string_view kSearchMemoryInput;
extern const std::string_view kSearchMemoryOutput;
extern const std::string_view kFileExpertsInput;
extern const std::string_view kFileExpertsOutput;
extern const std::string_view kReviewDiffInput;
extern const std::string_view kReviewDiffOutput;

}  // namespace nectr::mcp::schemas
