// What a review is told from memory, on both engines.
#include "memory/review_context.hpp"

#include <gtest/gtest.h>

#include "memory/feedback.hpp"
#include "memory_fixture.hpp"

namespace nectr::memory::test {
namespace {

constexpr const char* kRepo = "acme/widgets";

using ReviewContextTest = MemoryDbTest;

std::vector<std::int64_t> Ids(const std::vector<ScoredMemory>& memories) {
    std::vector<std::int64_t> ids;
    ids.reserve(memories.size());
    for (const auto& scored : memories) {
        ids.push_back(scored.memory.id);
    }
    return ids;
}

TEST_P(ReviewContextTest, RulesComeFirstThenWhatRelatesToTheChange) {
    const auto rule = Remember(kRepo, "Never log tokens.", MemoryType::kProjectRule, 0.9);
    const auto related =
        Remember(kRepo, "Exporters stream rows instead of buffering.", MemoryType::kConvention);
    Remember(kRepo, "The dashboard uses Tailwind.", MemoryType::kConvention);
    NewMemory habit;
    habit.repo_full_name = kRepo;
    habit.scope = MemoryScope::kDeveloper;
    habit.developer_login = "alice";
    habit.type = MemoryType::kDeveloperHabit;
    habit.content = "Alice's exporters often forget pagination.";
    const auto alice = Store().Add(habit);
    ASSERT_TRUE(alice);
    habit.developer_login = "bob";
    habit.content = "Bob's exporters often forget pagination.";
    ASSERT_TRUE(Store().Add(habit));
    ASSERT_TRUE(LearnFromReply(Store(), kRepo,
                               ReplyFacts{"Exporters should buffer rows.", "src/export.cpp",
                                          "performance", "intentional", "carol", "5"}));

    ReviewContextRequest request;
    request.repo_full_name = kRepo;
    request.author_login = "alice";
    request.query_text = "Add CSV exporters src/export/csv.cpp";
    auto memories = MemoriesForReview(Store(), request);
    ASSERT_TRUE(memories) << memories.error().detail;
    const auto ids = Ids(*memories);
    ASSERT_EQ(ids.size(), 3u) << FormatMemories(*memories);
    EXPECT_EQ(ids[0], rule.memory.id) << "standing rules always come first";
    EXPECT_NE(std::find(ids.begin(), ids.end(), related.memory.id), ids.end());
    EXPECT_NE(std::find(ids.begin(), ids.end(), alice->memory.id), ids.end())
        << "the author's habits are included, other developers' are not";

    auto used = Store().Get(rule.memory.id);
    ASSERT_TRUE(used);
    EXPECT_EQ(used->hits, 1) << "what a review was told counts as used";

    const std::string text = FormatMemories(*memories);
    EXPECT_EQ(text.substr(0, text.find('\n')), "- [project_rule] Never log tokens.");
    EXPECT_NE(text.find("- [developer_habit] (@alice) Alice's exporters often forget pagination."),
              std::string::npos)
        << text;
}

INSTANTIATE_TEST_SUITE_P(Engines, ReviewContextTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgres),
                         testing::EngineParamName);

}  // namespace
}  // namespace nectr::memory::test
