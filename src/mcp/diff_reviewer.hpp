#pragma once

// Reviewing a pasted unified diff for the review_diff tool: nothing is fetched and nothing is
// posted. The interface lets the tool be tested with a stand-in; PipelineDiffReviewer runs the
// real review pipeline.
#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "review/pipeline.hpp"

namespace nectr::mcp {

namespace net = boost::asio;

struct DiffComment {
    std::string path;
    int line = 0;
    std::string severity;  // critical, high, medium, low, info
    std::string category;
    std::string body;
    std::string source;  // "model" or "analyzer:<rule>"
    std::optional<std::string> suggestion;
};

struct DiffReview {
    std::string summary;
    std::string verdict;  // APPROVE, REQUEST_CHANGES, NEEDS_DISCUSSION
    std::vector<DiffComment> comments;
    std::vector<std::string> files;        // the files the diff changes
    std::vector<std::string> notes;        // e.g. that no model is configured
    std::vector<std::string> not_covered;  // what the review could not look at
    bool used_model = false;
    std::string model;
};

class DiffReviewer {
public:
    virtual ~DiffReviewer() = default;
    // kInvalidInput for text that is not a unified diff; the pipeline's errors otherwise.
    virtual net::awaitable<core::Result<DiffReview>> Review(std::string diff) = 0;
};

// Runs review::RunReviewPipeline on the diff with no code host (files beyond the diff cannot
// be read) and the default repository settings. Without a provider, the offline analyzers
// run and the review says so.
class PipelineDiffReviewer final : public DiffReviewer {
public:
    // `provider` may be null; it must outlive the reviewer.
    PipelineDiffReviewer(llm::Provider* provider, review::PipelineOptions options);
    net::awaitable<core::Result<DiffReview>> Review(std::string diff) override;

private:
    llm::Provider* provider_;
    review::PipelineOptions options_;
};

// The review as the tool reports it. Pure.
DiffReview ToDiffReview(const review::ReviewReport& report, const review::Diff& diff);

}  // namespace nectr::mcp
