#pragma once

// Putting reviews together: the parts of a large change, the offline findings, and what an
// earlier review of the same pull request already said.
#include <string>
#include <vector>

#include "analyzers/finding.hpp"
#include "review/review_output.hpp"

namespace nectr::review {

// One review out of several parts: summaries joined, the most severe verdict, comments
// concatenated without duplicates (same file, line and body).
ReviewOutput MergePartOutputs(std::vector<ReviewOutput> parts);

// Adds line findings of the offline analyzers as comments, unless the model already commented
// on that line; file-level findings (line 0) stay in the report for the body.
void AddAnalyzerComments(ReviewOutput& output, const std::vector<analyzers::Finding>& findings);

// Keeps the `max_comments` most severe comments (stable among equals) and notes the rest.
void LimitComments(ReviewOutput& output, int max_comments);

struct EarlierComment {
    std::string path;
    int line = 0;
    std::string category;
    std::string body;
};

// Drops comments that repeat one already made on the same file near the same line with the
// same category or body, so that an incremental review does not say things twice.
void DropRepeatedComments(ReviewOutput& output, const std::vector<EarlierComment>& earlier);

// A verdict from the offline findings alone: REQUEST_CHANGES for high or critical findings,
// NEEDS_DISCUSSION otherwise (an offline pass cannot vouch for a change).
Verdict OfflineVerdict(const std::vector<analyzers::Finding>& findings);

}  // namespace nectr::review
