#include "review/merge.hpp"

#include <algorithm>
#include <cstdlib>
#include <set>
#include <tuple>

namespace nectr::review {

namespace {

int VerdictRank(Verdict verdict) {
    switch (verdict) {
        case Verdict::kApprove:
            return 0;
        case Verdict::kNeedsDiscussion:
            return 1;
        case Verdict::kRequestChanges:
            return 2;
    }
    return 1;
}

bool IsNear(int a, int b) { return std::abs(a - b) <= 1; }

}  // namespace

ReviewOutput MergePartOutputs(std::vector<ReviewOutput> parts) {
    if (parts.size() == 1) {
        return std::move(parts.front());
    }
    ReviewOutput merged;
    merged.verdict = Verdict::kApprove;
    std::set<std::tuple<std::string, int, std::string>> seen;
    std::set<std::string> walked;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        ReviewOutput& part = parts[i];
        if (!part.summary.empty()) {
            merged.summary += (merged.summary.empty() ? "" : "\n\n") + std::string("**Part ") +
                              std::to_string(i + 1) + ":** " + part.summary;
        }
        if (VerdictRank(part.verdict) > VerdictRank(merged.verdict)) {
            merged.verdict = part.verdict;
        }
        for (auto& comment : part.comments) {
            if (seen.insert({comment.path, comment.line, comment.body}).second) {
                merged.comments.push_back(std::move(comment));
            }
        }
        for (auto& file : part.walkthrough) {
            if (walked.insert(file.path).second) {
                merged.walkthrough.push_back(std::move(file));
            }
        }
        for (auto& repair : part.repairs) {
            merged.repairs.push_back(std::move(repair));
        }
    }
    if (parts.empty()) {
        merged.verdict = Verdict::kNeedsDiscussion;
    }
    return merged;
}

void AddAnalyzerComments(ReviewOutput& output, const std::vector<analyzers::Finding>& findings) {
    for (const auto& finding : findings) {
        if (finding.line <= 0) {
            continue;
        }
        const bool covered =
            std::any_of(output.comments.begin(), output.comments.end(), [&](const auto& c) {
                return c.path == finding.path && c.side == Side::kRight &&
                       IsNear(c.line, finding.line);
            });
        if (covered) {
            continue;
        }
        ReviewComment comment;
        comment.path = finding.path;
        comment.line = finding.line;
        comment.severity = finding.severity;
        comment.category = IsKnownCategory(finding.category) ? finding.category : "maintainability";
        comment.body = finding.message;
        comment.source = "analyzer:" + finding.rule;
        output.comments.push_back(std::move(comment));
    }
}

void LimitComments(ReviewOutput& output, int max_comments) {
    if (max_comments < 0 || output.comments.size() <= static_cast<std::size_t>(max_comments)) {
        return;
    }
    std::stable_sort(output.comments.begin(), output.comments.end(),
                     [](const ReviewComment& a, const ReviewComment& b) {
                         return static_cast<int>(a.severity) > static_cast<int>(b.severity);
                     });
    const std::size_t dropped = output.comments.size() - static_cast<std::size_t>(max_comments);
    output.comments.resize(static_cast<std::size_t>(max_comments));
    output.repairs.push_back("kept the " + std::to_string(max_comments) +
                             " most severe comments; " + std::to_string(dropped) +
                             " less severe ones were left out");
}

void DropRepeatedComments(ReviewOutput& output, const std::vector<EarlierComment>& earlier) {
    std::erase_if(output.comments, [&](const ReviewComment& comment) {
        return std::any_of(earlier.begin(), earlier.end(), [&](const EarlierComment& old) {
            return old.path == comment.path && IsNear(old.line, comment.line) &&
                   (old.category == comment.category || old.body == comment.body);
        });
    });
}

Verdict OfflineVerdict(const std::vector<analyzers::Finding>& findings) {
    const bool severe = std::any_of(findings.begin(), findings.end(), [](const auto& finding) {
        return finding.severity >= analyzers::Severity::kHigh;
    });
    return severe ? Verdict::kRequestChanges : Verdict::kNeedsDiscussion;
}

}  // namespace nectr::review
