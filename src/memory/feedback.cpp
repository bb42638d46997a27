#include "memory/feedback.hpp"

#include <algorithm>
#include <array>

#include "memory/false_positive.hpp"
#include "memory/text.hpp"

namespace nectr::memory {
namespace {

constexpr std::array<std::string_view, 16> kDismissals = {
    "intentional",       "intentionally",      "false positive", "by design",
    "on purpose",        "not an issue",       "not a problem",  "not a bug",
    "won't fix",         "wont fix",           "will not fix",   "as intended",
    "expected behavior", "expected behaviour", "as designed",    "ignore this"};
constexpr std::array<std::string_view, 9> kNegators = {"not",    "no",    "never",  "isn't", "isnt",
                                                       "wasn't", "wasnt", "hardly", "aren't"};
// How many memories a thumbs-up looks at, and how much of a memory the comment must cover.
constexpr std::int64_t kThumbsUpCandidates = 5;
constexpr double kAppliedShare = 0.6;
constexpr std::int64_t kSuppressionCandidates = 20;

bool IsWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'' ||
           static_cast<unsigned char>(c) >= 0x80;
}

// The last `count` words before `end` within its clause, nearest first.
std::vector<std::string_view> WordsBefore(std::string_view text, std::size_t end,
                                          std::size_t count) {
    std::vector<std::string_view> words;
    std::size_t i = end;
    while (words.size() < count && i > 0) {
        while (i > 0 && !IsWordChar(text[i - 1])) {
            if (std::string_view(".!?,;:").find(text[i - 1]) != std::string_view::npos) {
                return words;  // another clause: "No, this is intentional."
            }
            --i;
        }
        const std::size_t word_end = i;
        while (i > 0 && IsWordChar(text[i - 1])) {
            --i;
        }
        if (word_end > i) {
            words.push_back(text.substr(i, word_end - i));
        }
    }
    return words;
}

bool Negated(std::string_view text, std::size_t at) {
    for (const std::string_view word : WordsBefore(text, at, 3)) {
        if (word.ends_with("n't") ||
            std::find(kNegators.begin(), kNegators.end(), word) != kNegators.end()) {
            return true;
        }
    }
    return false;
}

// True when the sentence around `at` ends with a question mark.
bool InQuestion(std::string_view text, std::size_t at) {
    const std::size_t end = text.find_first_of(".!?\n", at);
    return end != std::string_view::npos && text[end] == '?';
}

std::string Lowered(std::string_view text) {
    std::string lower = LowerAscii(text);
    for (std::size_t at = lower.find("\xE2\x80\x99"); at != std::string::npos;
         at = lower.find("\xE2\x80\x99")) {
        lower.replace(at, 3, "'");
    }
    return lower;
}

core::Result<AddResult> RecordFalsePositive(MemoryStore& store, std::string_view repo,
                                            const CommentFacts& comment, double confidence) {
    if (NormalizeText(comment.body).empty()) {
        return core::MakeError(core::Errc::kInvalidInput, "the comment has no text");
    }
    NewMemory memory;
    memory.repo_full_name = std::string(repo);
    memory.type = MemoryType::kAcceptedFalsePositive;
    memory.content =
        FalsePositiveContent(DescribeFinding(comment.category, comment.path, comment.body));
    memory.source = MemorySource::kFeedback;
    if (!comment.comment_id.empty()) {
        memory.source_ref = "comment:" + comment.comment_id;
    }
    memory.confidence = confidence;
    return store.Add(memory);
}

// "+1": the memories the comment applied gain confidence.
core::Result<std::vector<std::int64_t>> Strengthen(MemoryStore& store, std::string_view repo,
                                                   const CommentFacts& comment) {
    SearchOptions options;
    options.limit = kThumbsUpCandidates;
    core::Result<std::vector<ScoredMemory>> found = store.Search(repo, comment.body, options);
    if (!found) {
        return found.error();
    }
    const std::set<std::string> words = ContentWords(comment.body);
    std::vector<std::int64_t> raised;
    for (const ScoredMemory& scored : *found) {
        const Memory& memory = scored.memory;
        if (memory.type == MemoryType::kAcceptedFalsePositive ||
            Containment(ContentWords(memory.content), words) < kAppliedShare) {
            continue;
        }
        MemoryChanges changes;
        changes.confidence = std::min(1.0, memory.confidence + kThumbsUpBoost);
        core::Result<Memory> updated = store.Update(memory.id, changes);
        if (!updated) {
            return updated.error();
        }
        raised.push_back(memory.id);
    }
    return raised;
}

}  // namespace

bool IsDismissal(std::string_view reply) {
    const std::string text = Lowered(reply);
    for (const std::string_view phrase : kDismissals) {
        for (std::size_t at = text.find(phrase); at != std::string::npos;
             at = text.find(phrase, at + 1)) {
            const std::size_t end = at + phrase.size();
            const bool bounded = (at == 0 || !IsWordChar(text[at - 1])) &&
                                 (end == text.size() || !IsWordChar(text[end]));
            if (bounded && !Negated(text, at) && !InQuestion(text, at)) {
                return true;
            }
        }
    }
    return false;
}

core::Result<std::optional<AddResult>> LearnFromReply(MemoryStore& store,
                                                      std::string_view repo_full_name,
                                                      const ReplyFacts& reply) {
    if (!IsDismissal(reply.reply)) {
        return std::optional<AddResult>();
    }
    const CommentFacts comment{reply.comment_body, reply.path, reply.category, reply.comment_id};
    core::Result<AddResult> added =
        RecordFalsePositive(store, repo_full_name, comment, kReplyConfidence);
    if (!added) {
        return added.error();
    }
    return std::optional<AddResult>(std::move(*added));
}

core::Result<ReactionResult> LearnFromReaction(MemoryStore& store, std::string_view repo_full_name,
                                               const CommentFacts& comment,
                                               std::string_view reaction) {
    ReactionResult result;
    if (reaction == "-1") {
        core::Result<AddResult> added =
            RecordFalsePositive(store, repo_full_name, comment, kThumbsDownConfidence);
        if (!added) {
            return added.error();
        }
        result.outcome = ReactionOutcome::kFalsePositiveRecorded;
        result.memory_ids.push_back(added->memory.id);
        return result;
    }
    if (reaction != "+1") {
        return result;
    }
    core::Result<std::vector<std::int64_t>> raised = Strengthen(store, repo_full_name, comment);
    if (!raised) {
        return raised.error();
    }
    if (!raised->empty()) {
        result.outcome = ReactionOutcome::kConfidenceRaised;
        result.memory_ids = std::move(*raised);
        return result;
    }
    NewMemory memory;
    memory.repo_full_name = std::string(repo_full_name);
    memory.type = MemoryType::kPreference;
    memory.content =
        PreferenceContent(DescribeFinding(comment.category, comment.path, comment.body));
    memory.source = MemorySource::kFeedback;
    if (!comment.comment_id.empty()) {
        memory.source_ref = "comment:" + comment.comment_id;
    }
    memory.confidence = kThumbsUpPreferenceConfidence;
    core::Result<AddResult> added = store.Add(memory);
    if (!added) {
        return added.error();
    }
    result.outcome = ReactionOutcome::kPreferenceRecorded;
    result.memory_ids.push_back(added->memory.id);
    return result;
}

core::Result<std::optional<std::int64_t>> SuppressionFor(MemoryStore& store,
                                                         std::string_view repo_full_name,
                                                         std::string_view path,
                                                         std::string_view category,
                                                         std::string_view text) {
    SearchOptions options;
    options.limit = kSuppressionCandidates;
    options.type = MemoryType::kAcceptedFalsePositive;
    const std::string query = std::string(text) + " " + std::string(category);
    core::Result<std::vector<ScoredMemory>> found = store.Search(repo_full_name, query, options);
    if (!found) {
        return found.error();
    }
    std::optional<std::int64_t> best;
    double best_similarity = 0;
    for (const ScoredMemory& scored : *found) {
        if (scored.memory.confidence < kMinSuppressingConfidence) {
            continue;
        }
        const std::optional<double> similarity =
            MatchesAcceptedFinding(scored.memory.content, category, path, text);
        if (similarity && *similarity > best_similarity) {
            best_similarity = *similarity;
            best = scored.memory.id;
        }
    }
    if (best) {
        const std::int64_t used[] = {*best};
        if (core::Result<void> marked = store.MarkUsed(used); !marked) {
            return marked.error();
        }
    }
    return best;
}

}  // namespace nectr::memory
