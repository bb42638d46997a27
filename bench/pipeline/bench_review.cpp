#include "bench_review.hpp"

#include <boost/json.hpp>

#include "github/request_bodies.hpp"
#include "llm/openai_codec.hpp"
#include "review/diff_parser.hpp"
#include "review/github_review.hpp"
#include "review/pipeline.hpp"

namespace nectr::bench {
namespace json = boost::json;

namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kSeverities[] = {"high", "medium", "low", "medium", "critical", "info"};
constexpr const char* kCategories[] = {"correctness", "security", "performance", "maintainability",
                                       "testing"};

json::object Comment(const AddedLine& at, std::size_t n) {
    json::object comment;
    comment["path"] = at.path;
    comment["line"] = at.line;
    comment["side"] = "RIGHT";
    comment["severity"] = kSeverities[n % std::size(kSeverities)];
    comment["category"] = kCategories[n % std::size(kCategories)];
    comment["body"] =
        "This path no longer checks the result of the lookup before using it. When the entry "
        "is missing (a cold cache after a restart), the handler dereferences an empty value. "
        "Check the result and return the not-found error the callers already handle.";
    return comment;
}

// What the job does between ComposeGitHubReview and the GitHub client: the request body of
// POST /repos/{owner}/{repo}/pulls/{n}/reviews.
std::size_t EncodeForGitHub(const review::PostableReview& postable, const std::string& head) {
    const github::NewReview out = review::ToNewReview(postable, head);
    auto body = github::ReviewRequestBody(out);
    return body ? body->size() : 0;
}

}  // namespace

std::string ModelReviewFor(const SyntheticPr& pr) {
    json::object review;
    review["summary"] =
        "Moves retry and validation out of the handlers. Two lookups lost their checks for a "
        "missing entry, and one new query runs once per item in a loop.";
    json::array walkthrough;
    for (std::size_t i = 0; i < pr.paths.size() && i < 30; ++i) {
        walkthrough.push_back(json::object{
            {"path", pr.paths[i]},
            {"summary", "Moves the validation into the shared helper and updates the callers."}});
    }
    review["walkthrough"] = std::move(walkthrough);
    review["verdict"] = "REQUEST_CHANGES";
    json::array comments;
    const std::size_t wanted = 12;
    const std::size_t step = std::max<std::size_t>(1, pr.added_lines.size() / wanted);
    for (std::size_t i = 0; i < pr.added_lines.size() && comments.size() < wanted; i += step) {
        json::object comment = Comment(pr.added_lines[i], comments.size());
        if (comments.size() == 1) {
            comment["suggestion"] = pr.added_lines[i].text + "  // checked above";
        }
        comments.push_back(std::move(comment));
    }
    if (!pr.modified_paths.empty()) {
        // Line 1 of a modified file is never inside one of its hunks here.
        json::object outside = Comment({pr.modified_paths.front(), 1, ""}, 3);
        comments.push_back(std::move(outside));
    }
    comments.push_back(Comment({"src/not/in/this/change.cpp", 3, ""}, 2));
    review["comments"] = std::move(comments);
    return json::serialize(review);
}

std::string ChatCompletionBody(const std::string& content) {
    json::object message{{"role", "assistant"}, {"content", content}};
    json::object body{
        {"id", "chatcmpl-bench"},
        {"object", "chat.completion"},
        {"created", 1700000000},
        {"model", "bench-model"},
        {"choices",
         json::array{json::object{{"index", 0}, {"message", message}, {"finish_reason", "stop"}}}},
        {"usage", json::object{{"prompt_tokens", 12000}, {"completion_tokens", 900}}}};
    return json::serialize(body);
}

std::string ToolCallBody(const std::string& path) {
    json::object arguments{{"path", path}, {"start", 1}, {"end", 80}};
    json::object call{{"id", "call_1"},
                      {"type", "function"},
                      {"function", json::object{{"name", "read_file"},
                                                {"arguments", json::serialize(arguments)}}}};
    json::object message{
        {"role", "assistant"}, {"content", nullptr}, {"tool_calls", json::array{call}}};
    json::object body{
        {"id", "chatcmpl-bench-tool"},
        {"object", "chat.completion"},
        {"model", "bench-model"},
        {"choices", json::array{json::object{
                        {"index", 0}, {"message", message}, {"finish_reason", "tool_calls"}}}},
        {"usage", json::object{{"prompt_tokens", 11000}, {"completion_tokens", 40}}}};
    return json::serialize(body);
}

net::awaitable<core::Result<std::string>> MemoryHost::ReadFile(std::string path, std::string) {
    auto found = files_.find(path);
    if (found == files_.end()) {
        co_return core::MakeError(core::Errc::kNotFound, path + ": not in this change");
    }
    co_return found->second;
}

InstantProvider::InstantProvider(const std::string& first_path, const SyntheticPr& pr)
    : tool_body_(ToolCallBody(first_path)), answer_body_(ChatCompletionBody(ModelReviewFor(pr))) {}

net::awaitable<core::Result<llm::Completion>> InstantProvider::Complete(
    llm::CompletionRequest request) {
    const auto started = Clock::now();
    auto encoded = llm::EncodeOpenAiRequest(request, model_, 4096);
    if (!encoded) {
        co_return encoded.error();
    }
    request_bytes += static_cast<std::int64_t>(encoded->size());
    const std::string& body = request.messages.size() == 1 ? tool_body_ : answer_body_;
    auto completion = llm::DecodeOpenAiResponse(body);
    codec_time += Clock::now() - started;
    if (completion) {
        completion->attempts = 1;
    }
    co_return completion;
}

review::ChangeInfo ChangeFor(const SyntheticPr& pr, std::int64_t number) {
    review::ChangeInfo change;
    change.repo_full_name = "octo-org/storefront";
    change.number = number;
    change.subject = change.repo_full_name + "#" + std::to_string(number);
    change.title = pr.title;
    change.description = pr.description;
    change.author = "mona";
    change.base_ref = "main";
    change.base_sha = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
    change.head_ref = "feature/retries";
    change.head_sha = "e5bd3914e2e596debea16f433f57875b5b90bcd6";
    return change;
}

net::awaitable<ReviewOutcome> ReviewOnce(const SyntheticPr& pr, std::int64_t number,
                                         llm::Provider& provider, review::CodeHost& host) {
    ReviewOutcome outcome;
    const review::ChangeInfo change = ChangeFor(pr, number);
    const auto started = Clock::now();
    auto diff = review::ParseUnifiedDiff(pr.diff_text);
    const auto parsed = Clock::now();
    outcome.times.parse = parsed - started;
    if (!diff) {
        outcome.error = "diff: " + diff.error().detail;
        co_return outcome;
    }
    const review::RepoConfig config;
    review::PipelineDeps deps{host, &provider, {}, {}};
    auto report = co_await review::RunReviewPipeline(change, *diff, config, deps, {});
    const auto reviewed = Clock::now();
    outcome.times.pipeline = reviewed - parsed;
    if (!report) {
        outcome.error = report.error().detail;
        co_return outcome;
    }
    const review::ComposeOptions compose{review::ReviewMarker(change.head_sha), ""};
    const auto postable = review::ComposeGitHubReview(*report, diff->files, config, compose);
    outcome.review_body_bytes = EncodeForGitHub(postable, change.head_sha);
    outcome.times.compose = Clock::now() - reviewed;
    outcome.ok = outcome.review_body_bytes > 0;
    if (!outcome.ok) {
        outcome.error = "the composed review was refused by the GitHub body encoder";
    }
    outcome.parts = report->parts;
    outcome.model_calls = report->usage.model_calls;
    outcome.findings = report->findings.size();
    outcome.skipped = report->skipped.size();
    outcome.not_covered = report->not_covered.size();
    for (bool posted_inline : postable.posted_inline) {
        ++(posted_inline ? outcome.inline_comments : outcome.body_comments);
    }
    co_return outcome;
}

}  // namespace nectr::bench
