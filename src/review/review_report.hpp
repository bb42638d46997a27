#pragma once

// Everything one review produced: the model's structured review (or none), the offline
// findings, what was skipped or not covered, and what it cost. The pipeline fills it; the
// GitHub poster, the CLI formats and storage read it.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "analyzers/finding.hpp"
#include "review/review_output.hpp"

namespace nectr::review {

struct SkippedFile {
    std::string path;
    std::string reason;  // "lockfile", "generated", "ignored by .nectr.toml", ...
};

struct ReviewUsage {
    std::int64_t input_tokens = 0;
    std::int64_t output_tokens = 0;
    double cost_usd = 0;
    int model_calls = 0;
};

struct ReviewReport {
    std::string subject;  // "owner/repo#12", "main..feature", "changes.diff"
    std::string head_sha;
    ReviewOutput output;  // summary, verdict, comments (model and analyzer ones)
    std::vector<analyzers::Finding> findings;  // offline analyzers, before merging into comments
    std::vector<SkippedFile> skipped;
    // Files or hunks the review could not cover (budget, parts that failed), said in the body.
    std::vector<std::string> not_covered;
    std::vector<std::string> notes;  // e.g. "no model configured: offline analyzers only"
    bool used_model = false;
    std::string model;  // provider/model, empty without one
    int parts = 0;      // how many separate model reviews a large change was split into
    ReviewUsage usage;
    std::chrono::milliseconds duration{0};
};

}  // namespace nectr::review
