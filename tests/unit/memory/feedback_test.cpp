// Learning from replies and reactions, and dropping comments people accepted as intended, on
// both engines.
#include "memory/feedback.hpp"

#include <gtest/gtest.h>

#include "memory_fixture.hpp"

namespace nectr::memory::test {
namespace {

constexpr const char* kRepo = "acme/widgets";

ReplyFacts Reply(std::string reply) {
    ReplyFacts facts;
    facts.comment_body = "Copying the vector in the loop is slow. Reserve or move instead.";
    facts.path = "src/db/pool.cpp";
    facts.category = "performance";
    facts.reply = std::move(reply);
    facts.replier_login = "bob";
    facts.comment_id = "991";
    return facts;
}

using FeedbackTest = MemoryDbTest;

TEST_P(FeedbackTest, ADismissingReplyStopsTheSameFindingLater) {
    auto learnt = LearnFromReply(Store(), kRepo, Reply("This is intentional: rows are tiny."));
    ASSERT_TRUE(learnt) << learnt.error().detail;
    ASSERT_TRUE(*learnt) << "the reply dismisses the finding";
    const Memory& memory = (*learnt)->memory;
    EXPECT_EQ(memory.type, MemoryType::kAcceptedFalsePositive);
    EXPECT_EQ(memory.source, MemorySource::kFeedback);
    EXPECT_EQ(memory.source_ref, "comment:991");
    EXPECT_DOUBLE_EQ(memory.confidence, kReplyConfidence);
    EXPECT_EQ(memory.content,
              "Accepted as intended (performance) in src/db/*.cpp: \"Copying the vector in the "
              "loop is slow.\"");

    auto suppressed = SuppressionFor(Store(), kRepo, "src/db/pool.cpp", "performance",
                                     "Copying the vector in this loop is slow; use reserve().");
    ASSERT_TRUE(suppressed) << suppressed.error().detail;
    EXPECT_EQ(*suppressed, memory.id);
    auto used = Store().Get(memory.id);
    ASSERT_TRUE(used);
    EXPECT_EQ(used->hits, 1) << "a suppression counts as a use";

    auto other_category = SuppressionFor(Store(), kRepo, "src/db/pool.cpp", "correctness",
                                         "Copying the vector in the loop is slow.");
    ASSERT_TRUE(other_category);
    EXPECT_FALSE(*other_category);
    auto other_finding = SuppressionFor(Store(), kRepo, "src/db/pool.cpp", "performance",
                                        "This query runs once per row.");
    ASSERT_TRUE(other_finding);
    EXPECT_FALSE(*other_finding);
    auto other_repo = SuppressionFor(Store(), "acme/other", "src/db/pool.cpp", "performance",
                                     "Copying the vector in the loop is slow.");
    ASSERT_TRUE(other_repo);
    EXPECT_FALSE(*other_repo) << "what one repository accepted says nothing about another";
}

TEST_P(FeedbackTest, OtherRepliesWriteNothingAndRepeatsMerge) {
    auto thanks = LearnFromReply(Store(), kRepo, Reply("Good catch, fixed."));
    ASSERT_TRUE(thanks);
    EXPECT_FALSE(*thanks);
    auto negated = LearnFromReply(Store(), kRepo, Reply("This is not intentional."));
    ASSERT_TRUE(negated);
    EXPECT_FALSE(*negated);
    EXPECT_EQ(CountMemories(), 0);

    auto first = LearnFromReply(Store(), kRepo, Reply("false positive"));
    ASSERT_TRUE(first && *first);
    ReplyFacts again = Reply("Won't fix, by design.");
    again.comment_id = "1204";
    again.path = "src/db/conn.cpp";
    auto second = LearnFromReply(Store(), kRepo, again);
    ASSERT_TRUE(second && *second);
    EXPECT_TRUE((*second)->deduplicated) << "the same finding in the same place is one memory";
    EXPECT_EQ((*second)->memory.id, (*first)->memory.id);
    EXPECT_EQ(CountMemories(), 1);
}

TEST_P(FeedbackTest, AThumbsDownSuppressesUntilItsConfidenceIsLowered) {
    const CommentFacts comment{"Magic number 42 should be a named constant.", "src/ui/grid.cpp",
                               "style", "55"};
    auto reacted = LearnFromReaction(Store(), kRepo, comment, "-1");
    ASSERT_TRUE(reacted) << reacted.error().detail;
    EXPECT_EQ(reacted->outcome, ReactionOutcome::kFalsePositiveRecorded);
    ASSERT_EQ(reacted->memory_ids.size(), 1u);
    auto memory = Store().Get(reacted->memory_ids[0]);
    ASSERT_TRUE(memory);
    EXPECT_EQ(memory->type, MemoryType::kAcceptedFalsePositive);
    EXPECT_DOUBLE_EQ(memory->confidence, kThumbsDownConfidence);
    EXPECT_LT(kThumbsDownConfidence, kReplyConfidence) << "a click says less than words";

    auto suppressed = SuppressionFor(Store(), kRepo, "src/ui/grid.cpp", "style",
                                     "Magic number 42 should be a named constant.");
    ASSERT_TRUE(suppressed);
    EXPECT_EQ(*suppressed, memory->id);

    ASSERT_TRUE(Store().Update(memory->id, MemoryChanges{{}, {}, 0.2}));
    suppressed = SuppressionFor(Store(), kRepo, "src/ui/grid.cpp", "style",
                                "Magic number 42 should be a named constant.");
    ASSERT_TRUE(suppressed);
    EXPECT_FALSE(*suppressed) << "a memory turned down no longer suppresses";
}

TEST_P(FeedbackTest, AThumbsUpStrengthensMatchingMemoriesOrRecordsAPreference) {
    const auto rule =
        Remember(kRepo, "Validate the limit parameter.", MemoryType::kProjectRule, 0.5);
    const auto unrelated =
        Remember(kRepo, "Parameters are documented in the README.", MemoryType::kConvention, 0.5);
    const CommentFacts applied{"Validate the limit parameter before the query runs.",
                               "src/api/list.cpp", "security", "77"};
    auto raised = LearnFromReaction(Store(), kRepo, applied, "+1");
    ASSERT_TRUE(raised) << raised.error().detail;
    EXPECT_EQ(raised->outcome, ReactionOutcome::kConfidenceRaised);
    EXPECT_EQ(raised->memory_ids, std::vector<std::int64_t>{rule.memory.id});
    auto stored = Store().Get(rule.memory.id);
    ASSERT_TRUE(stored);
    EXPECT_NEAR(stored->confidence, 0.5 + kThumbsUpBoost, 1e-9);
    auto untouched = Store().Get(unrelated.memory.id);
    ASSERT_TRUE(untouched);
    EXPECT_DOUBLE_EQ(untouched->confidence, 0.5);

    const CommentFacts novel{"This lock is held across an await.", "src/queue/worker.cpp",
                             "correctness", "78"};
    auto preference = LearnFromReaction(Store(), kRepo, novel, "+1");
    ASSERT_TRUE(preference) << preference.error().detail;
    EXPECT_EQ(preference->outcome, ReactionOutcome::kPreferenceRecorded);
    ASSERT_EQ(preference->memory_ids.size(), 1u);
    auto recorded = Store().Get(preference->memory_ids[0]);
    ASSERT_TRUE(recorded);
    EXPECT_EQ(recorded->type, MemoryType::kPreference);
    EXPECT_EQ(recorded->content,
              "Welcomed (correctness) in src/queue/*.cpp: \"This lock is held across an await.\"");

    const std::int64_t before = CountMemories();
    auto heart = LearnFromReaction(Store(), kRepo, novel, "heart");
    ASSERT_TRUE(heart);
    EXPECT_EQ(heart->outcome, ReactionOutcome::kIgnored);
    EXPECT_EQ(CountMemories(), before);
}

INSTANTIATE_TEST_SUITE_P(Engines, FeedbackTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgres),
                         testing::EngineParamName);

}  // namespace
}  // namespace nectr::memory::test
