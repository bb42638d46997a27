#pragma once

// One review as a job runs it, minus the network: parse the diff, run the pipeline, compose the
// GitHub review. With the in-process fakes below it measures Nectr's own work; with the real
// provider it is what each of the reviews in flight does.
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <string>

#include "llm/provider.hpp"
#include "review/change.hpp"
#include "synthetic_pr.hpp"

namespace nectr::bench {

namespace net = boost::asio;

// The review the model "writes" for `pr`: a summary, a walkthrough, a verdict and comments on
// added lines of several files (one with a suggestion, one on a line outside the diff, which
// goes into the body, and one on a file outside the change, which validation drops). JSON
// text in the schema of review/review_output.hpp.
std::string ModelReviewFor(const SyntheticPr& pr);

// An OpenAI-compatible chat completion response (the wire body) whose message is `content`.
std::string ChatCompletionBody(const std::string& content);
// The same with one read_file tool call instead of content.
std::string ToolCallBody(const std::string& path);

// The files at the head of the change, from memory.
class MemoryHost final : public review::CodeHost {
public:
    explicit MemoryHost(const std::map<std::string, std::string>& files) : files_(files) {}
    net::awaitable<core::Result<std::string>> ReadFile(std::string path, std::string) override;

private:
    const std::map<std::string, std::string>& files_;
};

// A model that answers at once. It still does what the real OpenAI-compatible provider does
// besides waiting: encodes each request to the wire JSON and decodes a wire response. The
// first turn of a conversation gets a read_file tool call, later turns the review, so every
// part goes through the tool loop once.
class InstantProvider final : public llm::Provider {
public:
    InstantProvider(const std::string& first_path, const SyntheticPr& pr);

    net::awaitable<core::Result<llm::Completion>> Complete(llm::CompletionRequest request) override;
    std::string_view Name() const override { return "openai"; }
    const std::string& Model() const override { return model_; }

    std::int64_t request_bytes = 0;          // encoded request bodies, summed
    std::chrono::nanoseconds codec_time{0};  // encoding requests and decoding answers, summed

private:
    std::string model_ = "instant-model";
    std::string tool_body_;
    std::string answer_body_;
};

struct ReviewTimes {
    std::chrono::nanoseconds parse{0};
    std::chrono::nanoseconds pipeline{0};
    std::chrono::nanoseconds compose{0};
};

struct ReviewOutcome {
    bool ok = false;
    std::string error;
    int parts = 0;
    int model_calls = 0;
    std::size_t findings = 0;
    std::size_t skipped = 0;
    std::size_t not_covered = 0;
    std::size_t inline_comments = 0;
    std::size_t body_comments = 0;
    std::size_t review_body_bytes = 0;
    ReviewTimes times;
};

review::ChangeInfo ChangeFor(const SyntheticPr& pr, std::int64_t number);

// Parses `pr.diff_text`, runs the pipeline with the repository defaults and composes the
// review GitHub would get. Never throws; a failure is in the outcome.
net::awaitable<ReviewOutcome> ReviewOnce(const SyntheticPr& pr, std::int64_t number,
                                         llm::Provider& provider, review::CodeHost& host);

}  // namespace nectr::bench
