#pragma once

// One review, from a parsed change to a report: select the files, run the offline analyzers,
// gather context, pack the change into the model's budget, let the model review each part
// with tools, and merge. Fetching the change and posting the result are the caller's (the
// review job, `nectr review`), so the same pipeline serves GitHub, local git and diff files.
#include <boost/asio/awaitable.hpp>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/changed_file.hpp"
#include "core/error.hpp"
#include "llm/provider.hpp"
#include "llm/tool_loop.hpp"
#include "review/change.hpp"
#include "review/context_tool.hpp"
#include "review/merge.hpp"
#include "review/packing.hpp"
#include "review/repo_config.hpp"
#include "review/review_report.hpp"

namespace nectr::review {

struct PipelineDeps {
    CodeHost& code;
    llm::Provider* provider = nullptr;  // null: offline analyzers only, and the report says so
    std::vector<ContextSource*> context_sources;
    std::vector<ContextTool*> tools;  // offered to the model beside read_file and search_code
};

struct PipelineOptions {
    PackingOptions packing;
    int max_tool_steps = 6;
    // Extra passes per part that each look for one kind of problem (security, correctness,
    // performance, maintainability), merged and de-duplicated. Costs four more model calls
    // per part.
    bool specialist_passes = false;
    std::size_t max_full_files = 40;  // changed files whose full text is loaded for context
    std::size_t max_full_file_bytes = std::size_t{200} * 1024;
    // Incremental review: only these paths (changed since the last reviewed head) are looked
    // at, and comments repeating `earlier_comments` are dropped.
    std::optional<std::set<std::string>> only_paths;
    std::vector<EarlierComment> earlier_comments;
    // What the report says when there is no provider.
    std::string offline_note =
        "No model is configured: this review ran the offline analyzers only.";
    // Progress lines for a terminal ("reviewing part 2 of 3"); may be empty.
    std::function<void(std::string_view)> progress;
    // Every model call, as it happens, for persistence of usage and cost.
    std::function<void(const llm::CallRecord&)> on_model_call;
};

// Errors: the model provider's (after its retries), so that a job can try again later. A
// model answer that cannot be read is not an error: that part is reported as not covered.
net::awaitable<core::Result<ReviewReport>> RunReviewPipeline(ChangeInfo change, Diff diff,
                                                             RepoConfig config, PipelineDeps deps,
                                                             PipelineOptions options);

// The analyzers' view of the files: added lines with their new numbers.
std::vector<analyzers::ChangedFile> ToChangedFiles(const std::vector<FileDiff>& files);

}  // namespace nectr::review
