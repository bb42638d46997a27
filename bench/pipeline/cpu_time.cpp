// Part A: Nectr's own time per review, with a model that answers at once and files read from
// memory, so that only the pipeline's work is on the clock.
#include "cpu_time.hpp"

#include <fmt/format.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <exception>

#include "analyzers/analyze.hpp"
#include "bench_review.hpp"
#include "process_stats.hpp"
#include "review/diff_parser.hpp"
#include "review/file_filter.hpp"
#include "review/packing.hpp"
#include "review/pipeline.hpp"
#include "review/prompt.hpp"
#include "review/review_output.hpp"

namespace nectr::bench {
namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::duration duration) {
    return std::chrono::duration<double, std::milli>(duration).count();
}

// Samples of one measure over the runs.
struct Series {
    std::vector<double> ms;
    double Median() { return Percentile(ms, 50); }
    double P95() { return Percentile(ms, 95); }
};

struct StageSeries {
    Series total, parse, pipeline, compose, analyze, pack, prompt, output, codec;
};

ReviewOutcome RunOnce(const SyntheticPr& pr, llm::Provider& provider, review::CodeHost& host) {
    net::io_context io;
    ReviewOutcome outcome;
    net::co_spawn(io, ReviewOnce(pr, 42, provider, host),
                  [&outcome](const std::exception_ptr& error, ReviewOutcome result) {
                      if (error) {
                          std::rethrow_exception(error);
                      }
                      outcome = std::move(result);
                  });
    io.run();
    return outcome;
}

// The pipeline's main steps again, one at a time, to show where its time goes. They repeat
// what RunReviewPipeline does (select, analyze, pack, build the prompts, read the answer),
// with the same inputs, outside it.
void TimeStages(const SyntheticPr& pr, const std::string& answer, StageSeries& series) {
    auto diff = review::ParseUnifiedDiff(pr.diff_text);
    const review::RepoConfig config;
    std::vector<review::FileDiff> reviewed;
    std::vector<std::string> paths;
    std::map<std::string, std::string> contents;
    for (const auto& file : diff->files) {
        if (!review::WhySkipped(file.Path(), file.binary, config)) {
            reviewed.push_back(file);
            paths.push_back(file.Path());
            auto text = pr.new_files.find(file.Path());
            if (text != pr.new_files.end() && contents.size() < 40) {
                contents.emplace(text->first, text->second);
            }
        }
    }
    auto start = Clock::now();
    const auto findings = analyzers::Analyze(review::ToChangedFiles(reviewed));
    auto end = Clock::now();
    series.analyze.ms.push_back(Ms(end - start));
    start = end;
    const auto plan = review::PackIntoParts(reviewed, contents, {});
    end = Clock::now();
    series.pack.ms.push_back(Ms(end - start));
    start = end;
    const review::ChangeInfo change = ChangeFor(pr, 42);
    const std::vector<review::ContextItem> context;
    std::size_t prompt_bytes = review::BuildSystemPrompt(config).size();
    for (std::size_t i = 0; i < plan.parts.size(); ++i) {
        review::PromptInput input{change,
                                  config,
                                  plan.parts[i],
                                  static_cast<int>(i),
                                  static_cast<int>(plan.parts.size()),
                                  paths,
                                  findings,
                                  context};
        prompt_bytes += review::BuildUserPrompt(input).size();
    }
    end = Clock::now();
    series.prompt.ms.push_back(prompt_bytes > 0 ? Ms(end - start) : 0);
    start = end;
    for (std::size_t i = 0; i < plan.parts.size(); ++i) {
        (void)review::ParseReviewOutput(answer, paths);
    }
    series.output.ms.push_back(Ms(Clock::now() - start));
}

void PrintRow(const SyntheticPr& pr, const ReviewOutcome& last, int runs, std::int64_t bytes,
              StageSeries& s, std::FILE* json) {
    fmt::print(
        "{:<7} {:>5} {:>7} {:>7} {:>8.0f} {:>5} {:>5} {:>4}/{:<4} {:>5} {:>9.2f} {:>8.2f}"
        " {:>7.2f} {:>8.2f} {:>7.2f}\n",
        pr.name, pr.paths.size(), pr.additions, pr.deletions,
        static_cast<double>(pr.diff_text.size()) / 1024.0, last.parts, last.model_calls,
        last.inline_comments, last.body_comments, runs, s.total.Median(), s.total.P95(),
        s.parse.Median(), s.pipeline.Median(), s.compose.Median());
    if (json == nullptr) {
        return;
    }
    fmt::print(json,
               "{{\"part\":\"cpu\",\"size\":\"{}\",\"files\":{},\"additions\":{},"
               "\"deletions\":{},\"diff_bytes\":{},\"parts\":{},\"model_calls\":{},"
               "\"inline_comments\":{},\"body_comments\":{},\"findings\":{},\"skipped\":{},"
               "\"runs\":{},\"median_ms\":{:.3f},\"p95_ms\":{:.3f},\"parse_ms\":{:.3f},"
               "\"pipeline_ms\":{:.3f},\"compose_ms\":{:.3f},\"analyze_ms\":{:.3f},"
               "\"pack_ms\":{:.3f},\"prompt_ms\":{:.3f},\"output_parse_ms\":{:.3f},"
               "\"model_codec_ms\":{:.3f},"
               "\"model_request_bytes\":{}}}\n",
               pr.name, pr.paths.size(), pr.additions, pr.deletions, pr.diff_text.size(),
               last.parts, last.model_calls, last.inline_comments, last.body_comments,
               last.findings, last.skipped, runs, s.total.Median(), s.total.P95(), s.parse.Median(),
               s.pipeline.Median(), s.compose.Median(), s.analyze.Median(), s.pack.Median(),
               s.prompt.Median(), s.output.Median(), s.codec.Median(), bytes);
}

}  // namespace

int RunCpuTime(const std::vector<PrShape>& shapes, int runs_override, std::FILE* json) {
    fmt::print(
        "{:<7} {:>5} {:>7} {:>7} {:>8} {:>5} {:>5} {:>9} {:>5} {:>9} {:>8} {:>7} {:>8} "
        "{:>7}\n",
        "size", "files", "+lines", "-lines", "diff KiB", "parts", "calls", "inl/body", "runs",
        "median ms", "p95 ms", "parse", "pipeline", "compose");
    std::vector<std::pair<std::string, StageSeries>> all;
    for (const auto& shape : shapes) {
        const SyntheticPr pr = MakeSyntheticPr(shape);
        const int runs = runs_override > 0            ? runs_override
                         : shape.changed_lines < 500  ? 500
                         : shape.changed_lines < 5000 ? 100
                                                      : 30;
        MemoryHost host(pr.new_files);
        const std::string& first =
            pr.modified_paths.empty() ? pr.paths.front() : pr.modified_paths.front();
        InstantProvider provider(first, pr);
        const std::string answer = ModelReviewFor(pr);
        ReviewOutcome last;
        StageSeries series;
        for (int i = 0; i < 2; ++i) {  // warm-up: allocator, RE2 caches, page faults
            last = RunOnce(pr, provider, host);
        }
        provider.request_bytes = 0;
        for (int i = 0; i < runs; ++i) {
            const auto codec_before = provider.codec_time;
            last = RunOnce(pr, provider, host);
            series.codec.ms.push_back(Ms(provider.codec_time - codec_before));
            if (!last.ok) {
                fmt::print(stderr, "{}: the review failed: {}\n", pr.name, last.error);
                return 1;
            }
            const auto& t = last.times;
            series.total.ms.push_back(Ms(t.parse + t.pipeline + t.compose));
            series.parse.ms.push_back(Ms(t.parse));
            series.pipeline.ms.push_back(Ms(t.pipeline));
            series.compose.ms.push_back(Ms(t.compose));
            TimeStages(pr, answer, series);
        }
        PrintRow(pr, last, runs, provider.request_bytes / runs, series, json);
        all.emplace_back(pr.name, std::move(series));
    }
    fmt::print("\nInside the pipeline column, each step timed alone (median ms):\n");
    fmt::print("{:<7} {:>9} {:>9} {:>9} {:>12} {:>12}\n", "size", "analyze", "pack", "prompts",
               "model JSON", "read answer");
    for (auto& [name, s] : all) {
        fmt::print("{:<7} {:>9.2f} {:>9.2f} {:>9.2f} {:>12.2f} {:>12.2f}\n", name,
                   s.analyze.Median(), s.pack.Median(), s.prompt.Median(), s.codec.Median(),
                   s.output.Median());
    }
    return 0;
}

}  // namespace nectr::bench
