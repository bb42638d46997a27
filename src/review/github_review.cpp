#include "review/github_review.hpp"

#include <fmt/core.h>

#include <map>

namespace nectr::review {

namespace {

const FileDiff* FindFile(const std::vector<FileDiff>& files, std::string_view path) {
    for (const auto& file : files) {
        if (file.Path() == path) {
            return &file;
        }
    }
    return nullptr;
}

std::string Location(const ReviewComment& comment) {
    std::string where = comment.path + ":";
    if (comment.start_line) {
        where += std::to_string(*comment.start_line) + "-";
    }
    where += std::to_string(comment.line);
    return where;
}

std::string VerdictLine(const ReviewReport& report) {
    if (!report.used_model) {
        return "**Offline checks only** (no model configured)";
    }
    return fmt::format("Verdict: **{}**", VerdictName(report.output.verdict));
}

void AppendWalkthrough(std::string& body, const ReviewReport& report) {
    if (report.output.walkthrough.empty()) {
        return;
    }
    body += "\n<details>\n<summary>Walkthrough</summary>\n\n| File | Change |\n|---|---|\n";
    for (const auto& file : report.output.walkthrough) {
        std::string summary = file.summary;
        for (auto& c : summary) {
            if (c == '\n' || c == '|') {
                c = ' ';
            }
        }
        body += "| `" + file.path + "` | " + summary + " |\n";
    }
    body += "\n</details>\n";
}

void AppendList(std::string& body, std::string_view title, const std::vector<std::string>& items) {
    if (items.empty()) {
        return;
    }
    body += "\n### " + std::string(title) + "\n";
    for (const auto& item : items) {
        body += "- " + item + "\n";
    }
}

std::string Footer(const ReviewReport& report) {
    std::string footer = "\n---\n<sub>Nectr";
    if (report.used_model) {
        footer += fmt::format(" · {} · {} in / {} out tokens · ${:.4f}", report.model,
                              report.usage.input_tokens, report.usage.output_tokens,
                              report.usage.cost_usd);
    }
    if (report.parts > 1) {
        footer += fmt::format(" · reviewed in {} parts", report.parts);
    }
    footer +=
        fmt::format(" · {:.1f} s</sub>\n", static_cast<double>(report.duration.count()) / 1000.0);
    return footer;
}

}  // namespace

std::string_view ReviewEventFor(Verdict verdict, const RepoConfig& config) {
    if (verdict == Verdict::kApprove && config.allow_approve) {
        return "APPROVE";
    }
    if (verdict == Verdict::kRequestChanges && config.allow_request_changes) {
        return "REQUEST_CHANGES";
    }
    return "COMMENT";
}

std::string ReviewMarker(std::string_view head_sha) {
    return fmt::format("<!-- nectr:review head={} -->", head_sha);
}

std::string RequestedReviewMarker(std::string_view head_sha, std::int64_t comment_id) {
    return fmt::format("<!-- nectr:review head={} request={} -->", head_sha, comment_id);
}

github::NewReview ToNewReview(const PostableReview& postable, const std::string& head_sha,
                              bool with_comments) {
    github::NewReview out;
    out.commit_id = head_sha;
    out.body = postable.body;
    out.event = postable.event;
    if (!with_comments) {
        return out;
    }
    for (const auto& comment : postable.comments) {
        github::NewReviewComment item;
        item.path = comment.path;
        item.line = comment.line;
        item.side = SideName(comment.side);
        item.start_line = comment.start_line;
        if (comment.start_side) {
            item.start_side = std::string(SideName(*comment.start_side));
        }
        item.body = comment.body;
        out.comments.push_back(std::move(item));
    }
    return out;
}

std::string CommentMarkdown(const ReviewComment& comment) {
    std::string body = fmt::format("**{}** · {}\n\n{}", analyzers::SeverityName(comment.severity),
                                   comment.category, comment.body);
    if (comment.suggestion && comment.side == Side::kRight) {
        std::string fence = "```";
        while (comment.suggestion->find(fence) != std::string::npos) {
            fence += '`';
        }
        body += "\n\n" + fence + "suggestion\n" + *comment.suggestion;
        if (!comment.suggestion->empty() && comment.suggestion->back() != '\n') {
            body += '\n';
        }
        body += fence;
    }
    return body;
}

PostableReview ComposeGitHubReview(const ReviewReport& report, const std::vector<FileDiff>& files,
                                   const RepoConfig& config, const ComposeOptions& options) {
    PostableReview review;
    review.event = std::string(ReviewEventFor(report.output.verdict, config));
    std::vector<std::string> outside;
    for (const auto& comment : report.output.comments) {
        const FileDiff* file = FindFile(files, comment.path);
        std::optional<CommentAnchor> anchor;
        if (file != nullptr) {
            anchor = AnchorComment(*file, LineRange{comment.start_line.value_or(comment.line),
                                                    comment.line, comment.side});
        }
        if (!anchor) {
            review.posted_inline.push_back(false);
            outside.push_back(fmt::format("`{}` ({}, {}): {}", Location(comment),
                                          analyzers::SeverityName(comment.severity),
                                          comment.category, comment.body));
            continue;
        }
        review.posted_inline.push_back(true);
        review.comments.push_back(PostableComment{anchor->path, anchor->line, anchor->side,
                                                  anchor->start_line, anchor->start_side,
                                                  CommentMarkdown(comment)});
    }
    std::string& body = review.body;
    body = "## Nectr review\n\n" + VerdictLine(report) + "\n";
    if (!options.incremental_from.empty()) {
        body += fmt::format("\nIncremental review of the commits since `{}`.\n",
                            options.incremental_from.substr(0, 12));
    }
    if (!report.output.summary.empty()) {
        body += "\n" + report.output.summary + "\n";
    }
    AppendWalkthrough(body, report);
    AppendList(body, "Comments on lines outside the diff", outside);
    std::vector<std::string> file_findings;
    for (const auto& finding : report.findings) {
        if (finding.line == 0) {
            file_findings.push_back(fmt::format("`{}` ({}): {}", finding.path,
                                                analyzers::SeverityName(finding.severity),
                                                finding.message));
        }
    }
    AppendList(body, "Offline checks", file_findings);
    std::vector<std::string> skipped;
    for (const auto& file : report.skipped) {
        skipped.push_back(fmt::format("`{}` ({})", file.path, file.reason));
    }
    AppendList(body, "Not reviewed", skipped);
    AppendList(body, "Not covered", report.not_covered);
    AppendList(body, "Notes", report.notes);
    body += Footer(report);
    body += options.marker + "\n";
    return review;
}

}  // namespace nectr::review
