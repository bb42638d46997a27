#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/review_summary.hpp"
#include "core/error.hpp"
#include "store/database.hpp"

namespace nectr::api {

// One comment of a review as stored (posted inline or folded into the review's body).
struct ReviewCommentView {
    std::int64_t id = 0;
    std::string path;
    std::optional<std::int64_t> line;
    std::optional<std::int64_t> start_line;
    std::string side;  // LEFT or RIGHT
    std::string severity;
    std::optional<std::string> category;
    std::string body;
    std::optional<std::string> suggestion;
    bool posted_inline = false;
    std::string source;  // model, analyzer, ...
    std::int64_t created_at_ms = 0;
};

struct LlmCallView {
    std::int64_t id = 0;
    std::string provider;
    std::string model;
    std::int64_t input_tokens = 0;
    std::int64_t output_tokens = 0;
    double cost_usd = 0;
    std::int64_t latency_ms = 0;
    std::optional<std::string> stop_reason;
    std::int64_t created_at_ms = 0;
};

// What one MCP integration contributed to the review.
struct ContextSourceView {
    std::string name;
    std::string status;  // "ok", "skipped", "failed"
    std::int64_t items = 0;
    std::string detail;
};

struct ReviewDetail {
    ReviewSummary summary;               // comment counts computed from `comments`
    std::optional<std::string> body;     // as posted on GitHub
    std::optional<std::string> details;  // JSON as stored: skipped files, notes, findings, ...
    std::optional<std::string> provider;
    std::int64_t parts = 0;
    std::optional<std::string> review_event;
    std::optional<std::int64_t> github_review_id;
    std::optional<std::string> incremental_from_sha;
    std::optional<std::string> error;
    std::vector<ReviewCommentView> comments;
    std::vector<LlmCallView> llm_calls;
    std::vector<ContextSourceView> context_sources;
};

// Review `review_id` with its comments and model calls, when user `user_id` reaches its
// repository. kNotFound, with the same message, for a review that does not exist and for one
// the user may not see. Store errors as they come. Blocks.
core::Result<ReviewDetail> GetReview(store::Database& database, std::int64_t user_id,
                                     std::int64_t review_id);

// RenderReviewSummary (the whole summary) plus "body", "details" (the stored JSON as JSON;
// a string when it does not parse, null when absent), "provider", "parts", "review_event",
// "github_review_id", "incremental_from_sha", "error", "comments": [{"id", "path", "line",
// "start_line", "side", "severity", "category", "body", "suggestion", "posted_inline",
// "source", "created_at"}], "llm_calls": [{"id", "provider", "model", "input_tokens",
// "output_tokens", "cost_usd", "latency_ms", "stop_reason", "created_at"}], "context_sources":
// [{"name", "status", "items", "detail"}] (the MCP integrations asked for context). Pure.
std::string RenderReviewDetail(const ReviewDetail& review, std::string_view web_url);

}  // namespace nectr::api
