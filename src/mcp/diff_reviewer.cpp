#include "mcp/diff_reviewer.hpp"

#include "review/diff_parser.hpp"

namespace nectr::mcp {

PipelineDiffReviewer::PipelineDiffReviewer(llm::Provider* provider, review::PipelineOptions options)
    : provider_(provider), options_(std::move(options)) {}

net::awaitable<core::Result<DiffReview>> PipelineDiffReviewer::Review(std::string diff_text) {
    core::Result<review::Diff> diff = review::ParseUnifiedDiff(diff_text);
    if (!diff) {
        co_return core::MakeError(core::Errc::kInvalidInput,
                                  "diff is not a unified diff: " + diff.error().detail);
    }
    if (diff->files.empty()) {
        co_return core::MakeError(core::Errc::kInvalidInput,
                                  "diff holds no file changes: paste the output of git diff");
    }
    review::NoCodeHost code;
    review::ChangeInfo change;
    change.subject = "pasted diff";
    review::PipelineDeps deps{code, provider_, {}, {}};
    review::PipelineOptions options = options_;
    options.progress = nullptr;
    net::awaitable<core::Result<review::ReviewReport>> pending =
        review::RunReviewPipeline(change, *diff, review::RepoConfig{}, deps, std::move(options));
    core::Result<review::ReviewReport> report = co_await std::move(pending);
    if (!report) {
        co_return report.error();
    }
    co_return ToDiffReview(*report, *diff);
}

DiffReview ToDiffReview(const review::ReviewReport& report, const review::Diff& diff) {
    DiffReview review;
    review.summary = report.output.summary;
    review.verdict = std::string(review::VerdictName(report.output.verdict));
    for (const review::ReviewComment& comment : report.output.comments) {
        review.comments.push_back(
            {comment.path, comment.line, std::string(analyzers::SeverityName(comment.severity)),
             comment.category, comment.body, comment.source, comment.suggestion});
    }
    for (const review::FileDiff& file : diff.files) {
        review.files.push_back(file.Path());
    }
    review.notes = report.notes;
    review.not_covered = report.not_covered;
    review.used_model = report.used_model;
    review.model = report.model;
    return review;
}

}  // namespace nectr::mcp
