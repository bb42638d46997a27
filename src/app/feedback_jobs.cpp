#include "app/feedback_jobs.hpp"


#include <boost/json.hpp>
#include <functional>
#include <set>

#include "analyzers/finding.hpp"
#include "app/job_input.hpp"
#include "core/log.hpp"
#include "memory/feedback.hpp"
#include "memory/memory_store.hpp"
#include "queue/job_store.hpp"
#include "review/pull_request_source.hpp"

namespace nectr::app {
namespace {

namespace json = boost::json;

// The repository's memory, on the blocking pool.
struct Learner {
    ReviewServices& services;
    std::string repository;

    net::awaitable<core::Result<std::optional<memory::AddResult>>> FromReply(
        memory::ReplyFacts facts) {
        std::function<core::Result<std::optional<memory::AddResult>>()> learn = [this, &facts] {
            memory::MemoryStore store(services.database, services.clock);
            return memory::LearnFromReply(store, repository, facts);
        };
        co_return co_await services.pool.Call(learn);
    }

    net::awaitable<core::Result<memory::ReactionResult>> FromReaction(memory::CommentFacts facts,
                                                                      std::string reaction) {
        std::function<core::Result<memory::ReactionResult>()> learn = [this, &facts, &reaction] {
            memory::MemoryStore store(services.database, services.clock);
            return memory::LearnFromReaction(store, repository, facts, reaction);
        };
        co_return co_await services.pool.Call(learn);
    }
};

net::awaitable<core::Result<void>> LearnFromReplyJob(ReviewServices& services,
                                                     const queue::Job& job) {
    auto input = ReadInput(job);
    if (!input) {
        co_return input.error();
    }
    const std::optional<std::int64_t> parent_id = PayloadInt(job, "in_reply_to_id");
    if (!input->comment_id || !parent_id) {
        co_return core::MakeError(core::Errc::kInvalidInput, "the job names no reply");
    }
    auto client = co_await services.GitHubFor(input->installation_id, input->repository);
    if (!client) {
        co_return client.error();
    }
    const auto repo = review::SplitRepoName(input->repository);
    if (!repo) {
        co_return core::MakeError(core::Errc::kInvalidInput,
                                  "not owner/name: " + input->repository);
    }
    auto parent = co_await (*client)->GetPullComment(*repo, *parent_id);
    if (!parent) {
        co_return parent.error();
    }
    const std::optional<NectrComment> nectr = ReadNectrComment(parent->body);
    if (!nectr) {
        NECTR_LOG_INFO("feedback.not_nectrs", "repo={} comment={}", input->repository, *parent_id);
        co_return core::Result<void>();
    }
    auto reply = co_await (*client)->GetPullComment(*repo, *input->comment_id);
    if (!reply) {
        co_return reply.error();
    }
    Learner learner{services, input->repository};
    // Named before the co_await: g++ 12 mishandles temporaries inside a co_await expression.
    memory::ReplyFacts facts{nectr->text, parent->path,      nectr->category,
                             reply->body, reply->user_login, std::to_string(parent->id)};
    auto learning = learner.FromReply(std::move(facts));
    auto learnt = co_await std::move(learning);
    if (!learnt) {
        co_return learnt.error();
    }
    NECTR_LOG_INFO("feedback.reply", "repo={} comment={} learnt={}", input->repository, *parent_id,
                   learnt->has_value() ? "accepted_false_positive" : "nothing");
    co_return core::Result<void>();
}

net::awaitable<core::Result<void>> PollReactionsJob(ReviewServices& services,
                                                    const queue::Job& job) {
    auto input = ReadInput(job);
    if (!input) {
        co_return input.error();
    }
    const std::optional<std::int64_t> review_id = PayloadInt(job, "review_id");
    const auto repo = review::SplitRepoName(input->repository);
    if (!review_id || !repo) {
        co_return core::MakeError(core::Errc::kInvalidInput, "the job names no posted review");
    }
    auto client = co_await services.GitHubFor(input->installation_id, input->repository);
    if (!client) {
        co_return client.error();
    }
    auto comments = co_await (*client)->ListReviewComments(*repo, input->pr_number, *review_id);
    if (!comments) {
        co_return comments.error();
    }
    Learner learner{services, input->repository};
    std::size_t learnt = 0;
    for (const github::PullComment& comment : comments->items) {
        const std::optional<NectrComment> nectr = ReadNectrComment(comment.body);
        if (!nectr) {
            continue;
        }
        auto reactions = co_await (*client)->ListPullCommentReactions(*repo, comment.id);
        if (!reactions) {
            co_return reactions.error();
        }
        // One lesson per kind of reaction: several thumbs are one opinion about one comment.
        std::set<std::string> contents;
        for (const github::Reaction& reaction : reactions->items) {
            if (reaction.user_login != comment.user_login) {
                contents.insert(reaction.content);
            }
        }
        for (const std::string& content : contents) {
            memory::CommentFacts facts{nectr->text, comment.path, nectr->category,
                                       std::to_string(comment.id)};
            auto learning = learner.FromReaction(std::move(facts), content);
            auto result = co_await std::move(learning);
            if (!result) {
                co_return result.error();
            }
            learnt += result->outcome == memory::ReactionOutcome::kIgnored ? 0 : 1;
        }
    }
    NECTR_LOG_INFO("feedback.reactions", "repo={} pr={} review={} comments={} learnt={}",
                   input->repository, input->pr_number, *review_id, comments->items.size(), learnt);
    co_return core::Result<void>();
}

}  // namespace

std::optional<NectrComment> ReadNectrComment(std::string_view body) {
    constexpr std::string_view kDot = " \xC2\xB7 ";
    if (!body.starts_with("**")) {
        return std::nullopt;
    }
    const std::size_t severity_end = body.find("**", 2);
    if (severity_end == std::string_view::npos ||
        !analyzers::ParseSeverity(body.substr(2, severity_end - 2)) ||
        body.substr(severity_end + 2, kDot.size()) != kDot) {
        return std::nullopt;
    }
    const std::size_t category_start = severity_end + 2 + kDot.size();
    const std::size_t category_end = body.find("\n\n", category_start);
    if (category_end == std::string_view::npos) {
        return std::nullopt;
    }
    NectrComment comment;
    comment.category = std::string(body.substr(category_start, category_end - category_start));
    std::string_view text = body.substr(category_end + 2);
    // A suggestion block is the fix, not the finding.
    if (const std::size_t fence = text.find("\n\n```suggestion"); fence != std::string_view::npos) {
        text = text.substr(0, fence);
    }
    comment.text = std::string(text);
    return comment;
}

queue::JobHandler MakeLearnFeedbackHandler(ReviewServices& services) {
    return [&services](const queue::Job& job) -> net::awaitable<core::Result<void>> {
        co_return co_await LearnFromReplyJob(services, job);
    };
}

queue::JobHandler MakePollFeedbackHandler(ReviewServices& services) {
    return [&services](const queue::Job& job) -> net::awaitable<core::Result<void>> {
        co_return co_await PollReactionsJob(services, job);
    };
}

std::size_t DropAcceptedFalsePositives(store::Database& db, const core::Clock& clock,
                                       const std::string& repository,
                                       review::ReviewReport& report) {
    memory::MemoryStore store(db, clock);
    std::vector<review::ReviewComment> kept;
    std::size_t dropped = 0;
    for (review::ReviewComment& comment : report.output.comments) {
        auto match =
            memory::SuppressionFor(store, repository, comment.path, comment.category, comment.body);
        if (!match) {
            NECTR_LOG_WARN("review.suppression_unread", "repo={} error=\"{}\"", repository,
                           match.error().detail);
        } else if (*match) {
            report.output.repairs.push_back("dropped a comment on " + comment.path +
                                            ": accepted as intended (memory " +
                                            std::to_string(**match) + ")");
            ++dropped;
            continue;
        }
        kept.push_back(std::move(comment));
    }
    report.output.comments = std::move(kept);
    return dropped;
}

}  // namespace nectr::app
