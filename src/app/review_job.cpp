#include "app/review_job.hpp"

#include <boost/json.hpp>

#include "app/code_context.hpp"
#include "app/feedback_jobs.hpp"
#include "app/index_jobs.hpp"
#include "app/job_input.hpp"
#include "app/repository_tools.hpp"
#include "app/review_context.hpp"
#include "core/json_fields.hpp"
#include "core/log.hpp"
#include "queue/review_intents.hpp"
#include "review/github_review.hpp"
#include "review/pipeline.hpp"
#include "review/pull_request_source.hpp"
#include "review/review_output.hpp"
#include "review/review_store.hpp"

namespace nectr::app {

namespace json = boost::json;
namespace net = boost::asio;

namespace {

// Nectr's review of this head, if an earlier attempt posted it before crashing.
net::awaitable<core::Result<std::optional<std::int64_t>>> FindPostedReview(
    github::GitHubClient& client, const github::RepoName& repo, int number,
    const std::string& marker) {
    auto reviews = co_await client.ListReviews(repo, number);
    if (!reviews) {
        co_return reviews.error();
    }
    for (const auto& review : reviews->items) {
        if (review.body.find(marker) != std::string::npos) {
            co_return std::optional<std::int64_t>(review.id);
        }
    }
    co_return std::optional<std::int64_t>();
}

// Posts the review; when GitHub refuses the inline comments (a line it does not accept), posts
// it again with every comment in the body rather than losing the review.
net::awaitable<core::Result<std::int64_t>> PostReview(github::GitHubClient& client,
                                                      const github::RepoName& repo, int number,
                                                      review::PostableReview postable,
                                                      const std::string& head_sha) {
    auto created =
        co_await client.CreateReview(repo, number, review::ToNewReview(postable, head_sha, true));
    if (created) {
        co_return created->id;
    }
    if (created.error().code != core::Errc::kInvalidInput || postable.comments.empty()) {
        co_return created.error();
    }
    NECTR_LOG_WARN("review.inline_refused", "pr={}#{} error={}", repo.owner + "/" + repo.name,
                   number, created.error().detail);
    std::string extra = "\n### Inline comments\n";
    for (const auto& comment : postable.comments) {
        extra +=
            "- `" + comment.path + ":" + std::to_string(comment.line) + "`: " + comment.body + "\n";
    }
    const auto marker_at = postable.body.rfind("<!-- nectr:review");
    postable.body.insert(marker_at == std::string::npos ? postable.body.size() : marker_at, extra);
    auto retried =
        co_await client.CreateReview(repo, number, review::ToNewReview(postable, head_sha, false));
    if (!retried) {
        co_return retried.error();
    }
    co_return retried->id;
}

class ReviewJob {
public:
    ReviewJob(ReviewServices& services, const queue::Job& job)
        : services_(services),
          job_(job),
          intents_(services.database, services.clock),
          store_(services.database, services.clock) {}

    net::awaitable<core::Result<void>> Run();

private:
    net::awaitable<core::Result<void>> ReviewAndPost(github::GitHubClient& client,
                                                     review::FetchedPullRequest& fetched);
    net::awaitable<core::Result<void>> Post(github::GitHubClient& client,
                                            const review::FetchedPullRequest& fetched,
                                            std::int64_t review_id,
                                            const review::PostableReview& postable);
    // Where the posting of this job's review is recorded in the ledger, and the marker that
    // finds it on GitHub. A review someone asked for ("/nectr review") is one of its own, apart
    // from the automatic review of the same commit: the help promises that it runs again.
    std::string PostingKey(const std::string& head) const;
    std::string Marker(const std::string& head) const;

    // Reacts with "eyes" to the /nectr review comment, so its author sees it was heard; a
    // failure to react is logged, not fatal.
    net::awaitable<void> Acknowledge(github::GitHubClient& client);
    // Stores what each MCP integration contributed; a failure to store is logged only.
    net::awaitable<void> RecordContextSources(std::int64_t review_id,
                                              const std::vector<ContextSourceOutcome>& outcomes);

    ReviewServices& services_;
    const queue::Job& job_;
    ReviewJobInput input_;
    queue::ReviewIntents intents_;
    review::ReviewStore store_;
};

net::awaitable<void> ReviewJob::RecordContextSources(
    std::int64_t review_id, const std::vector<ContextSourceOutcome>& outcomes) {
    if (outcomes.empty()) {
        co_return;
    }
    auto& store = store_;
    std::function<void()> record = [&store, &outcomes, review_id] {
        for (const ContextSourceOutcome& outcome : outcomes) {
            auto done = store.RecordContextSource(review_id, outcome.name, outcome.status,
                                                  outcome.items, outcome.detail);
            if (!done) {
                NECTR_LOG_WARN("review.context_source_not_recorded", "source={} error={}",
                               outcome.name, done.error().detail);
            }
        }
    };
    co_await services_.pool.Run(record);
}

net::awaitable<void> ReviewJob::Acknowledge(github::GitHubClient& client) {
    auto repo = review::SplitRepoName(input_.repository);
    if (!repo) {
        co_return;
    }
    auto reacted = co_await client.AddIssueCommentReaction(*repo, *input_.comment_id, "eyes");
    if (!reacted) {
        NECTR_LOG_WARN("review.reaction_failed", "repo={} comment={} error={}", input_.repository,
                       *input_.comment_id, reacted.error().detail);
    }
}

net::awaitable<core::Result<void>> ReviewJob::Run() {
    auto input = ReadInput(job_);
    if (!input) {
        co_return input.error();
    }
    input_ = std::move(*input);
    auto client = co_await services_.GitHubFor(input_.installation_id, input_.repository);
    if (!client) {
        co_return client.error();
    }
    if (input_.comment_id) {
        co_await Acknowledge(**client);
    }
    auto fetched = co_await review::FetchPullRequest(**client, input_.repository, input_.pr_number);
    if (!fetched) {
        co_return fetched.error();
    }
    const std::string& head = fetched->info.head_sha;
    if (!input_.head_sha.empty() && input_.head_sha != head) {
        // A newer push has its own job; this one would review a head that is gone.
        NECTR_LOG_INFO("review.superseded", "pr={} job_head={} current_head={}",
                       fetched->info.subject, input_.head_sha, head);
        co_return core::Result<void>();
    }
    const bool command = input_.comment_id.has_value();
    if (fetched->info.draft && !fetched->config.review_drafts && !command) {
        NECTR_LOG_INFO("review.draft_skipped", "pr={}", fetched->info.subject);
        co_return core::Result<void>();
    }
    if (!fetched->config.auto_review && !command) {
        // The repository asked for reviews on request only (/nectr review).
        NECTR_LOG_INFO("review.auto_review_off", "pr={}", fetched->info.subject);
        co_return core::Result<void>();
    }
    auto& intents = intents_;
    const std::string key = PostingKey(head);
    std::function<core::Result<bool>()> is_posted = [&] {
        return intents.IsPosted(input_.repository, input_.pr_number, key);
    };
    auto posted = co_await services_.pool.Call(is_posted);
    if (!posted) {
        co_return posted.error();
    }
    if (*posted) {
        NECTR_LOG_INFO("review.already_posted", "pr={} head={}", fetched->info.subject, head);
        co_return core::Result<void>();
    }
    co_return co_await ReviewAndPost(**client, *fetched);
}

net::awaitable<core::Result<void>> ReviewJob::ReviewAndPost(github::GitHubClient& client,
                                                            review::FetchedPullRequest& fetched) {
    review::PipelineOptions options;
    const auto& review_config = services_.config.review;
    options.max_tool_steps = review_config.max_tool_steps;
    options.specialist_passes = review_config.specialist_passes;
    options.packing.part_token_budget = review_config.part_token_budget;
    std::string incremental_from;
    auto& store = store_;
    std::function<core::Result<std::optional<review::PreviousReview>>()> last_posted = [&] {
        return store.LastPosted(input_.repository, input_.pr_number);
    };
    auto previous = co_await services_.pool.Call(last_posted);
    if (!previous) {
        co_return previous.error();
    }
    if (!input_.comment_id && *previous && (*previous)->head_sha == fetched.info.head_sha) {
        // Someone asked for a review of this commit and has it; an event adds nothing.
        NECTR_LOG_INFO("review.already_posted", "pr={} head={}", fetched.info.subject,
                       fetched.info.head_sha);
        co_return core::Result<void>();
    }
    if (*previous && input_.action == "synchronize") {
        auto paths = co_await review::PathsChangedSince(
            client, input_.repository, (*previous)->head_sha, fetched.info.head_sha);
        if (paths && *paths) {
            options.only_paths = std::move(**paths);
            options.earlier_comments = (*previous)->comments;
            incremental_from = (*previous)->head_sha;
        }
    }
    std::function<core::Result<std::int64_t>()> begin = [&] {
        return store.Begin(fetched.info, job_.event_id, incremental_from);
    };
    auto review_id = co_await services_.pool.Call(begin);
    if (!review_id) {
        co_return review_id.error();
    }
    const std::string provider_name =
        services_.provider ? std::string(services_.provider->Name()) : std::string();
    auto& pool = services_.pool;
    const std::int64_t id = *review_id;
    // The record is written on the pool after this call returns, possibly after the job has
    // ended: it must not refer to this job's objects, so it carries a store of its own.
    review::ReviewStore recorder(services_.database, services_.clock);
    options.on_model_call = [&pool, recorder, id, provider_name](const llm::CallRecord& call) {
        pool.Post([recorder, id, provider_name, call]() mutable {
            auto recorded = recorder.RecordModelCall(id, provider_name, call);
            if (!recorded) {
                NECTR_LOG_WARN("review.call_not_recorded", "error={}", recorded.error().detail);
            }
        });
    };
    auto code = review::GitHubCodeHost(client, *review::SplitRepoName(input_.repository));
    GraphContextSource graph_context(services_.database, services_.pool, services_.clock);
    MemoryContextSource memory_context(services_.database, services_.pool, services_.clock);
    CodeContextSource code_context(services_.database, services_.pool, services_.embedder.get());
    IntegrationContext integrations(services_.http, services_.integrations,
                                    &services_.integration_board, services_.clock);
    SearchRepositoryTool search_repository(services_.database, services_.pool, input_.repository,
                                           services_.embedder.get());
    FileHistoryTool file_history(services_.database, services_.pool, services_.clock,
                                 input_.repository, input_.pr_number);
    SearchMemoryTool search_memory(services_.database, services_.pool, services_.clock,
                                   input_.repository);
    review::PipelineDeps deps{code,
                              services_.provider,
                              {&graph_context, &memory_context, &code_context},
                              {&search_repository, &file_history, &search_memory}};
    if (!services_.integrations.empty()) {
        deps.context_sources.push_back(&integrations);
    }
    auto report = co_await review::RunReviewPipeline(fetched.info, fetched.diff, fetched.config,
                                                     deps, std::move(options));
    co_await RecordContextSources(id, integrations.Outcomes());
    if (!report) {
        const std::string reason = report.error().detail;
        std::function<void()> mark_failed = [&] { (void)store.MarkFailed(id, reason); };
        co_await services_.pool.Run(mark_failed);
        co_return report.error();
    }
    for (auto& note : fetched.notes) {
        report->notes.push_back(note);
    }
    std::function<std::size_t()> drop_accepted = [&] {
        return DropAcceptedFalsePositives(services_.database, services_.clock, input_.repository,
                                          *report);
    };
    const std::size_t dropped = co_await services_.pool.Call(drop_accepted);
    if (dropped > 0) {
        NECTR_LOG_INFO("review.accepted_dropped", "pr={} comments={}", fetched.info.subject,
                       dropped);
    }
    for (const ContextSourceOutcome& outcome : integrations.Outcomes()) {
        if (outcome.status == "failed") {
            report->notes.push_back("Context from " + outcome.name +
                                    " is missing from this review: " + outcome.detail);
        }
    }
    review::ComposeOptions compose{Marker(fetched.info.head_sha), incremental_from};
    review::PostableReview postable =
        review::ComposeGitHubReview(*report, fetched.diff.files, fetched.config, compose);
    std::function<core::Result<void>()> save = [&] {
        return store.SaveResult(id, *report, postable, provider_name);
    };
    auto saved = co_await services_.pool.Call(save);
    if (!saved) {
        co_return saved.error();
    }
    auto posted = co_await Post(client, fetched, id, postable);
    if (posted) {
        std::function<void()> learn = [&] {
            LearnFromReview(services_.database, services_.clock, fetched.info, *report, id);
        };
        co_await services_.pool.Run(learn);
        co_await IndexReviewedPullRequest(services_, client, input_.repository, input_.pr_number,
                                          std::string(review::VerdictName(report->output.verdict)));
    }
    co_return posted;
}

net::awaitable<core::Result<void>> ReviewJob::Post(github::GitHubClient& client,
                                                   const review::FetchedPullRequest& fetched,
                                                   std::int64_t review_id,
                                                   const review::PostableReview& postable) {
    const std::string& head = fetched.info.head_sha;
    const std::string key = PostingKey(head);
    auto& intents = intents_;
    auto& store = store_;
    std::function<core::Result<queue::IntentState>()> begin_posting = [&] {
        return intents.BeginPosting(input_.repository, input_.pr_number, key, job_.id);
    };
    auto intent = co_await services_.pool.Call(begin_posting);
    if (!intent) {
        co_return intent.error();
    }
    const auto repo = *review::SplitRepoName(input_.repository);
    std::optional<std::int64_t> github_id;
    if (intent->action == queue::PostingAction::kAlreadyPosted) {
        github_id = intent->github_review_id;
    } else if (intent->action == queue::PostingAction::kResume) {
        // An earlier attempt meant to post and crashed: look before posting again.
        const std::string marker = Marker(head);
        auto found = co_await FindPostedReview(client, repo, input_.pr_number, marker);
        if (!found) {
            co_return found.error();
        }
        github_id = *found;
    }
    if (!github_id) {
        auto created = co_await PostReview(client, repo, input_.pr_number, postable, head);
        if (!created) {
            co_return created.error();
        }
        github_id = *created;
    }
    const std::int64_t posted_id = *github_id;
    std::function<core::Result<void>()> mark_posted = [&]() -> core::Result<void> {
        auto done = intents.MarkPosted(input_.repository, input_.pr_number, key, posted_id);
        if (!done) {
            return done;
        }
        return store.MarkPosted(review_id, posted_id);
    };
    auto marked = co_await services_.pool.Call(mark_posted);
    if (!marked) {
        co_return marked.error();
    }
    NECTR_LOG_INFO("review.posted", "pr={} head={} github_review_id={} event={} comments={}",
                   fetched.info.subject, head, posted_id, postable.event, postable.comments.size());
    const int poll_hours = services_.config.review.feedback_poll_hours;
    if (poll_hours > 0 && !postable.comments.empty()) {
        // Reactions come later than the review: read them once people had time to react.
        std::function<core::Result<void>()> schedule = [&] {
            return SchedulePollFeedback(services_.database, input_.repository, input_.pr_number,
                                        posted_id, input_.installation_id, poll_hours,
                                        core::ToUnixMillis(services_.clock.Now()));
        };
        auto scheduled = co_await services_.pool.Call(schedule);
        if (!scheduled) {
            NECTR_LOG_WARN("review.feedback_poll_not_queued", "pr={} error=\"{}\"",
                           fetched.info.subject, scheduled.error().detail);
        }
    }
    co_return core::Result<void>();
}

std::string ReviewJob::PostingKey(const std::string& head) const {
    if (!input_.comment_id) {
        return head;
    }
    return head + " request=" + std::to_string(*input_.comment_id);
}

std::string ReviewJob::Marker(const std::string& head) const {
    if (!input_.comment_id) {
        return review::ReviewMarker(head);
    }
    return review::RequestedReviewMarker(head, *input_.comment_id);
}

}  // namespace

queue::JobHandler MakeReviewJobHandler(ReviewServices& services) {
    return [&services](const queue::Job& job) -> net::awaitable<core::Result<void>> {
        ReviewJob run(services, job);
        co_return co_await run.Run();
    };
}

}  // namespace nectr::app
