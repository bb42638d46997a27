#include "review/pipeline.hpp"

#include <chrono>
#include <iterator>

#include "analyzers/analyze.hpp"
#include "analyzers/mask.hpp"
#include "analyzers/secrets.hpp"
#include "core/log.hpp"
#include "review/file_filter.hpp"
#include "review/prompt.hpp"
#include "review/review_tools.hpp"

namespace nectr::review {

namespace {

using Clock = std::chrono::steady_clock;

struct Selection {
    std::vector<FileDiff> reviewed;
    std::vector<SkippedFile> skipped;
};

Selection SelectFiles(const Diff& diff, const RepoConfig& config,
                      const std::optional<std::set<std::string>>& only_paths) {
    Selection selection;
    for (const auto& file : diff.files) {
        if (only_paths && !only_paths->contains(file.Path())) {
            continue;
        }
        if (auto reason = WhySkipped(file.Path(), file.binary, config)) {
            selection.skipped.push_back({file.Path(), std::string(SkipReasonText(*reason))});
            continue;
        }
        selection.reviewed.push_back(file);
    }
    return selection;
}

void Progress(const PipelineOptions& options, std::string_view line) {
    if (options.progress) {
        options.progress(line);
    }
}

// The new text of the changed files the budget can use, read at the head of the change.
net::awaitable<std::map<std::string, std::string>> LoadContents(CodeHost& code,
                                                                const ChangeInfo& change,
                                                                const std::vector<FileDiff>& files,
                                                                const PipelineOptions& options) {
    std::map<std::string, std::string> contents;
    const std::string ref = !change.head_sha.empty() ? change.head_sha : change.head_ref;
    for (const auto& file : files) {
        if (contents.size() >= options.max_full_files) {
            break;
        }
        if (file.status == FileStatus::kDeleted || file.binary) {
            continue;
        }
        auto text = co_await code.ReadFile(file.Path(), ref);
        if (text && text->size() <= options.max_full_file_bytes) {
            contents.emplace(file.Path(), std::move(*text));
        }
    }
    co_return contents;
}

net::awaitable<std::vector<ContextItem>> GatherContext(const ChangeInfo& change,
                                                       const std::vector<FileDiff>& files,
                                                       const PipelineDeps& deps) {
    std::vector<ContextItem> items;
    const auto issues = LinkedIssueNumbers(change.description);
    if (!issues.empty()) {
        std::string text = "The description refers to:";
        for (auto number : issues) {
            text += " #" + std::to_string(number);
        }
        items.push_back({"pull_request", "Linked issues", text});
    }
    ContextQuery query{change, files};
    for (ContextSource* source : deps.context_sources) {
        auto gathered = co_await source->Gather(query);
        if (!gathered) {
            NECTR_LOG_WARN("review.context_failed", "source={} error={}", source->Name(),
                           gathered.error().detail);
            continue;
        }
        for (auto& item : *gathered) {
            items.push_back(std::move(item));
        }
    }
    co_return items;
}

std::vector<analyzers::Finding> FindingsFor(const ReviewPart& part,
                                            const std::vector<analyzers::Finding>& findings) {
    std::vector<analyzers::Finding> out;
    for (const auto& finding : findings) {
        for (const auto& file : part.files) {
            if (file.path == finding.path) {
                out.push_back(finding);
                break;
            }
        }
    }
    return out;
}

const std::vector<std::pair<std::string, std::string>>& SpecialistFocuses() {
    static const std::vector<std::pair<std::string, std::string>> kFocuses = {
        {"security", "injection, authentication and authorisation, secrets, unsafe input"},
        {"correctness", "logic errors, edge cases, error handling, concurrency"},
        {"performance", "needless work, allocations, queries in loops, blocking calls"},
        {"maintainability", "unclear code, duplication, missing tests, misleading names"},
    };
    return kFocuses;
}

// One model conversation over one part; a second, tool-less turn repairs an unreadable answer.
// nullopt: the answer stayed unreadable. Errors are the provider's.
net::awaitable<core::Result<std::optional<ReviewOutput>>> AskModel(
    llm::Provider& provider, ReviewToolbox& toolbox, std::string system, std::string prompt,
    const std::vector<std::string>& paths, const PipelineOptions& options) {
    llm::CompletionRequest request;
    request.system = std::move(system);
    request.messages.push_back(llm::Message::User(std::move(prompt)));
    request.tools = toolbox.Specs();
    request.json_output = true;
    llm::LoopOptions loop_options;
    loop_options.max_steps = options.max_tool_steps;
    // What the tools send back is held to about what one part may carry (REVIEW_PART_TOKENS),
    // so that a model set up for small parts gets small tool output too: 192 KB at the
    // default 48,000.
    loop_options.max_total_tool_result_chars = options.packing.part_token_budget * kBytesPerToken;
    loop_options.on_call = options.on_model_call;
    llm::ToolExecutor execute = [&toolbox](llm::ToolCall call) {
        return toolbox.Execute(std::move(call));
    };
    auto loop = co_await llm::RunToolLoop(provider, request, execute, loop_options);
    if (!loop) {
        co_return loop.error();
    }
    if (loop->tool_output_limit_reached || loop->step_limit_reached) {
        NECTR_LOG_INFO("review.tools_spent", "tool_calls={} limit={}", loop->tool_calls_executed,
                       loop->tool_output_limit_reached ? "tool_output" : "steps");
    }
    auto parsed = ParseReviewOutput(loop->final.text, paths);
    if (parsed) {
        co_return std::optional<ReviewOutput>(std::move(*parsed));
    }
    llm::CompletionRequest repair;
    repair.system = request.system;
    repair.messages = loop->messages;
    repair.messages.push_back(
        llm::Message::User("Your answer could not be used: " + parsed.error().detail +
                           ". Reply again with only the JSON object that follows the schema."));
    repair.tools = request.tools;
    repair.tool_choice = llm::ToolChoice::kNone;
    repair.json_output = true;
    auto second = co_await provider.Complete(std::move(repair));
    if (!second) {
        co_return second.error();
    }
    if (options.on_model_call) {
        llm::CallRecord record;
        record.step = loop_options.max_steps + 2;
        record.model = second->model;
        record.usage = second->usage;
        record.cost_usd = second->cost_usd;
        record.cost_known = second->cost_known;
        record.latency = second->latency;
        record.attempts = second->attempts;
        record.stop_reason = second->stop_reason;
        options.on_model_call(record);
    }
    auto reparsed = ParseReviewOutput(second->text, paths);
    if (!reparsed) {
        NECTR_LOG_WARN("review.unreadable_answer", "error={}", reparsed.error().detail);
        co_return std::optional<ReviewOutput>();
    }
    co_return std::optional<ReviewOutput>(std::move(*reparsed));
}

// The model sees the diff, secrets included, and may quote them back ("`TOKEN = \"ghp_...\"`
// leaks"). Whatever it wrote goes through the same masking as the analyzers' own messages.
void MaskQuotedSecrets(ReviewOutput& output, const std::vector<analyzers::ChangedFile>& files) {
    std::vector<std::string> values;
    for (const auto& file : files) {
        auto found = analyzers::SecretValues(file);
        values.insert(values.end(), std::make_move_iterator(found.begin()),
                      std::make_move_iterator(found.end()));
    }
    if (values.empty()) {
        return;
    }
    auto mask = [&values](std::string& text) {
        text = analyzers::MaskSecretValues(std::move(text), values);
    };
    mask(output.summary);
    for (auto& file : output.walkthrough) {
        mask(file.summary);
    }
    for (auto& comment : output.comments) {
        mask(comment.body);
        if (comment.suggestion) {
            mask(*comment.suggestion);
        }
    }
}

}  // namespace

std::vector<analyzers::ChangedFile> ToChangedFiles(const std::vector<FileDiff>& files) {
    std::vector<analyzers::ChangedFile> out;
    out.reserve(files.size());
    for (const auto& file : files) {
        analyzers::ChangedFile changed;
        changed.path = file.Path();
        changed.added = file.status == FileStatus::kAdded;
        changed.deleted = file.status == FileStatus::kDeleted;
        changed.binary = file.binary;
        changed.additions = file.additions;
        changed.deletions = file.deletions;
        for (const auto& hunk : file.hunks) {
            for (const auto& line : hunk.lines) {
                if (line.kind == LineKind::kAdded && line.new_line) {
                    changed.added_lines.push_back({*line.new_line, line.text});
                }
            }
        }
        out.push_back(std::move(changed));
    }
    return out;
}

net::awaitable<core::Result<ReviewReport>> RunReviewPipeline(ChangeInfo change, Diff diff,
                                                             RepoConfig config, PipelineDeps deps,
                                                             PipelineOptions options) {
    const auto started = Clock::now();
    ReviewReport report;
    auto forward_call = std::move(options.on_model_call);
    options.on_model_call = [&report, forward_call](const llm::CallRecord& call) {
        report.usage.input_tokens += call.usage.TotalInputTokens();
        report.usage.output_tokens += call.usage.output_tokens;
        report.usage.cost_usd += call.cost_usd;
        report.usage.model_calls += 1;
        if (forward_call) {
            forward_call(call);
        }
    };
    report.subject = change.subject;
    report.head_sha = change.head_sha;
    Selection selection = SelectFiles(diff, config, options.only_paths);
    report.skipped = std::move(selection.skipped);
    std::vector<std::string> paths;
    for (const auto& file : selection.reviewed) {
        paths.push_back(file.Path());
    }
    Progress(options, "analyzing " + std::to_string(paths.size()) + " files offline");
    const auto changed_files = ToChangedFiles(selection.reviewed);
    report.findings = analyzers::Analyze(changed_files);

    std::vector<ReviewOutput> outputs;
    if (deps.provider == nullptr) {
        report.notes.push_back(options.offline_note);
        ReviewOutput offline;
        offline.verdict = OfflineVerdict(report.findings);
        offline.summary = report.findings.empty()
                              ? "The offline analyzers found nothing to report."
                              : "The offline analyzers found " +
                                    std::to_string(report.findings.size()) + " issue(s).";
        outputs.push_back(std::move(offline));
    } else {
        report.used_model = true;
        report.model = std::string(deps.provider->Name()) + "/" + deps.provider->Model();
        Progress(options, "loading context");
        auto contents = co_await LoadContents(deps.code, change, selection.reviewed, options);
        auto context = co_await GatherContext(change, selection.reviewed, deps);
        PackingPlan plan = PackIntoParts(selection.reviewed, contents, options.packing);
        report.not_covered = std::move(plan.not_covered);
        report.parts = static_cast<int>(plan.parts.size());
        ReviewToolbox toolbox(deps.code, change, selection.reviewed, contents, deps.tools);
        const std::string system = BuildSystemPrompt(config);
        for (std::size_t i = 0; i < plan.parts.size(); ++i) {
            const ReviewPart& part = plan.parts[i];
            Progress(options, "reviewing part " + std::to_string(i + 1) + " of " +
                                  std::to_string(plan.parts.size()) + " (" +
                                  std::to_string(part.files.size()) + " files)");
            const auto part_findings = FindingsFor(part, report.findings);
            PromptInput input{change,
                              config,
                              part,
                              static_cast<int>(i),
                              static_cast<int>(plan.parts.size()),
                              paths,
                              part_findings,
                              context};
            std::string prompt = BuildUserPrompt(input);
            std::vector<std::string> passes = {""};
            if (options.specialist_passes) {
                for (const auto& [name, focus] : SpecialistFocuses()) {
                    passes.push_back("\nFocus of this pass: " + name + " (" + focus +
                                     "). Report only problems of that kind.\n");
                }
            }
            for (const auto& pass : passes) {
                auto output = co_await AskModel(*deps.provider, toolbox, system, prompt + pass,
                                                paths, options);
                if (!output) {
                    co_return output.error();
                }
                if (!output->has_value()) {
                    for (const auto& file : part.files) {
                        report.not_covered.push_back(file.path +
                                                     " (the model's answer could not be read)");
                    }
                    continue;
                }
                outputs.push_back(std::move(**output));
            }
        }
    }
    report.output = MergePartOutputs(std::move(outputs));
    MaskQuotedSecrets(report.output, changed_files);
    AddAnalyzerComments(report.output, report.findings);
    DropRepeatedComments(report.output, options.earlier_comments);
    LimitComments(report.output, config.max_comments);
    report.duration = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
    co_return report;
}

}  // namespace nectr::review
