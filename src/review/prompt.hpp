#pragma once

// The words sent to the model. Everything that comes from the change (diff, description, file
// contents, context) is fenced and labelled as data: text in a diff never changes what Nectr
// is allowed to do, and the verdict the model gives is only advice (see github_review.hpp).
#include <string>
#include <vector>

#include "analyzers/finding.hpp"
#include "review/change.hpp"
#include "review/packing.hpp"
#include "review/repo_config.hpp"
#include "review/review_output.hpp"

namespace nectr::review {

struct PromptInput {
    const ChangeInfo& change;
    const RepoConfig& config;
    const ReviewPart& part;
    int part_index = 0;  // 0-based
    int part_count = 1;
    const std::vector<std::string>& changed_paths;    // every file under review
    const std::vector<analyzers::Finding>& findings;  // offline hints for this part's files
    const std::vector<ContextItem>& context;
};

std::string BuildSystemPrompt(const RepoConfig& config);
std::string BuildUserPrompt(const PromptInput& input);

// The tools offered to the model, as name, description and JSON schema.
struct ToolDefinition {
    std::string name;
    std::string description;
    std::string input_schema;
};
std::vector<ToolDefinition> ReviewTools();

}  // namespace nectr::review
