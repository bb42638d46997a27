// The memory store on SQLite and PostgreSQL: CRUD, deduplication, listing and ranked search.
#include "memory/memory_store.hpp"

#include <gtest/gtest.h>

#include "memory_fixture.hpp"

namespace nectr::memory::test {
namespace {

constexpr const char* kRepo = "acme/widgets";

using MemoryStoreTest = MemoryDbTest;

TEST_P(MemoryStoreTest, AddsGetsUpdatesAndDeletesAMemory) {
    NewMemory memory;
    memory.repo_full_name = kRepo;
    memory.scope = MemoryScope::kDeveloper;
    memory.developer_login = "alice";
    memory.type = MemoryType::kDeveloperHabit;
    memory.content = "  Alice's changes often forget to close file handles.  ";
    memory.source = MemorySource::kReview;
    memory.source_ref = "pr:7";
    memory.confidence = 0.25;
    auto added = Store().Add(memory);
    ASSERT_TRUE(added) << added.error().detail;
    EXPECT_FALSE(added->deduplicated);
    EXPECT_EQ(added->memory.content, "Alice's changes often forget to close file handles.")
        << "surrounding whitespace is not part of a memory";

    auto got = Store().Get(added->memory.id);
    ASSERT_TRUE(got) << got.error().detail;
    EXPECT_EQ(got->repo_full_name, kRepo);
    EXPECT_EQ(got->scope, MemoryScope::kDeveloper);
    EXPECT_EQ(got->developer_login, "alice");
    EXPECT_EQ(got->type, MemoryType::kDeveloperHabit);
    EXPECT_EQ(got->source, MemorySource::kReview);
    EXPECT_EQ(got->source_ref, "pr:7");
    EXPECT_DOUBLE_EQ(got->confidence, 0.25);
    EXPECT_EQ(got->hits, 0);
    EXPECT_EQ(got->created_at, kStartMs);
    EXPECT_FALSE(got->last_used_at);

    clock_.Advance(kDayMs);
    MemoryChanges changes;
    changes.content = "Alice's changes often leave file handles open.";
    changes.confidence = 0.75;
    auto updated = Store().Update(added->memory.id, changes);
    ASSERT_TRUE(updated) << updated.error().detail;
    got = Store().Get(added->memory.id);
    ASSERT_TRUE(got);
    EXPECT_EQ(got->content, "Alice's changes often leave file handles open.");
    EXPECT_DOUBLE_EQ(got->confidence, 0.75);
    EXPECT_EQ(got->type, MemoryType::kDeveloperHabit) << "an unset change keeps the type";
    EXPECT_EQ(got->updated_at, kStartMs + kDayMs);
    EXPECT_EQ(got->created_at, kStartMs);

    ASSERT_TRUE(Store().Delete(added->memory.id));
    auto gone = Store().Get(added->memory.id);
    ASSERT_FALSE(gone);
    EXPECT_EQ(gone.error().code, core::Errc::kNotFound);
    auto again = Store().Delete(added->memory.id);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, core::Errc::kNotFound);
}

TEST_P(MemoryStoreTest, RefusesInvalidMemories) {
    NewMemory memory;
    memory.repo_full_name = kRepo;
    memory.content = "   ";
    EXPECT_EQ(Store().Add(memory).error().code, core::Errc::kInvalidInput) << "empty content";
    memory.content = std::string(kMaxContentBytes + 1, 'x');
    EXPECT_EQ(Store().Add(memory).error().code, core::Errc::kInvalidInput) << "too long";
    memory.content = "Fine.";
    memory.confidence = 1.5;
    EXPECT_EQ(Store().Add(memory).error().code, core::Errc::kInvalidInput) << "confidence";
    memory.confidence = 0.5;
    memory.scope = MemoryScope::kDeveloper;
    EXPECT_EQ(Store().Add(memory).error().code, core::Errc::kInvalidInput) << "no developer";
    memory.scope = MemoryScope::kRepository;
    memory.developer_login = "bob";
    EXPECT_EQ(Store().Add(memory).error().code, core::Errc::kInvalidInput)
        << "a developer on a repository memory";
    EXPECT_EQ(CountMemories(), 0);

    const auto stored = Remember(kRepo, "Keep handlers small.");
    EXPECT_EQ(Store().Update(stored.memory.id, {}).error().code, core::Errc::kInvalidInput)
        << "an update that changes nothing";
    MemoryChanges bad;
    bad.confidence = -0.1;
    EXPECT_EQ(Store().Update(stored.memory.id, bad).error().code, core::Errc::kInvalidInput);
    EXPECT_EQ(Store().Update(stored.memory.id + 100, MemoryChanges{"x", {}, {}}).error().code,
              core::Errc::kNotFound);
}

TEST_P(MemoryStoreTest, TheSameTextDifferentlyCasedAndPunctuatedUpdatesTheMemory) {
    const auto first = Remember(kRepo, "Never log request bodies", MemoryType::kProjectRule, 0.5);
    clock_.Advance(kDayMs);
    const auto second =
        Remember(kRepo, "NEVER log request bodies!!!", MemoryType::kProjectRule, 0.6);
    EXPECT_TRUE(second.deduplicated);
    EXPECT_EQ(second.memory.id, first.memory.id);
    EXPECT_EQ(CountMemories(), 1);

    auto stored = Store().Get(first.memory.id);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->content, "NEVER log request bodies!!!")
        << "the longer content is kept (here the newer one)";
    EXPECT_DOUBLE_EQ(stored->confidence, 0.7) << "the higher confidence plus 0.1";
    EXPECT_EQ(stored->updated_at, kStartMs + kDayMs);
    EXPECT_EQ(stored->created_at, kStartMs);
}

TEST_P(MemoryStoreTest, ASimilarSentenceMergesAndKeepsTheLongerContent) {
    const auto first = Remember(kRepo, "Do not use exceptions in the core module, ever.",
                                MemoryType::kProjectRule, 0.95);
    const auto second =
        Remember(kRepo, "Don't use exceptions in core module", MemoryType::kProjectRule, 0.5);
    EXPECT_TRUE(second.deduplicated);
    EXPECT_EQ(second.memory.id, first.memory.id);
    auto stored = Store().Get(first.memory.id);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->content, "Do not use exceptions in the core module, ever.")
        << "the shorter newcomer does not replace the longer sentence";
    EXPECT_DOUBLE_EQ(stored->confidence, 1.0) << "confidence is capped at 1";
}

TEST_P(MemoryStoreTest, ADifferentRuleIsAddedNotMerged) {
    Remember(kRepo, "Never use raw pointers in new code.", MemoryType::kProjectRule);
    const auto opposite =
        Remember(kRepo, "Always use raw pointers in new code.", MemoryType::kProjectRule);
    EXPECT_FALSE(opposite.deduplicated) << "opposite rules share words but not meaning";
    const auto other_type =
        Remember(kRepo, "Never use raw pointers in new code.", MemoryType::kConvention);
    EXPECT_FALSE(other_type.deduplicated) << "another type is another memory";
    const auto other_repo =
        Remember("acme/other", "Never use raw pointers in new code.", MemoryType::kProjectRule);
    EXPECT_FALSE(other_repo.deduplicated) << "another repository is another memory";
    EXPECT_EQ(CountMemories(), 4);
}

TEST_P(MemoryStoreTest, DeveloperMemoriesMergeOnlyForTheSameDeveloper) {
    NewMemory memory;
    memory.repo_full_name = kRepo;
    memory.scope = MemoryScope::kDeveloper;
    memory.developer_login = "alice";
    memory.type = MemoryType::kDeveloperHabit;
    memory.content = "Often forgets tests for error paths.";
    ASSERT_TRUE(Store().Add(memory));
    memory.developer_login = "bob";
    auto bob = Store().Add(memory);
    ASSERT_TRUE(bob);
    EXPECT_FALSE(bob->deduplicated);
    memory.developer_login = "alice";
    memory.content = "often forgets tests for error paths";
    auto alice_again = Store().Add(memory);
    ASSERT_TRUE(alice_again);
    EXPECT_TRUE(alice_again->deduplicated);
    EXPECT_EQ(CountMemories(), 2);
}

TEST_P(MemoryStoreTest, ListsNewestFirstWithFiltersAndPages) {
    std::vector<std::int64_t> ids;
    ids.reserve(5);
    for (int i = 0; i < 5; ++i) {
        ids.push_back(Remember(kRepo, "Convention number " + std::to_string(i) + " of " +
                                          std::string(static_cast<std::size_t>(i + 1), 'z'))
                          .memory.id);
    }
    const auto rule = Remember(kRepo, "Squash before merging.", MemoryType::kProjectRule);
    Remember("acme/other", "Not in this repository.");

    MemoryFilter filter;
    filter.limit = 4;
    auto page = Store().List(kRepo, filter);
    ASSERT_TRUE(page) << page.error().detail;
    ASSERT_EQ(page->memories.size(), 4u);
    EXPECT_EQ(page->memories[0].id, rule.memory.id);
    EXPECT_EQ(page->memories[1].id, ids[4]);
    ASSERT_TRUE(page->next_before_id);
    filter.before_id = page->next_before_id;
    auto next = Store().List(kRepo, filter);
    ASSERT_TRUE(next);
    ASSERT_EQ(next->memories.size(), 2u);
    EXPECT_EQ(next->memories[0].id, ids[1]);
    EXPECT_EQ(next->memories[1].id, ids[0]);
    EXPECT_FALSE(next->next_before_id) << "the last page says so";

    MemoryFilter rules;
    rules.type = MemoryType::kProjectRule;
    auto only_rules = Store().List(kRepo, rules);
    ASSERT_TRUE(only_rules);
    ASSERT_EQ(only_rules->memories.size(), 1u);
    EXPECT_EQ(only_rules->memories[0].id, rule.memory.id);

    MemoryFilter too_many;
    too_many.limit = kMaxPage + 1;
    EXPECT_EQ(Store().List(kRepo, too_many).error().code, core::Errc::kInvalidInput);
}

TEST_P(MemoryStoreTest, SearchRanksByRelevanceConfidenceAndRecency) {
    // Filler memories give the search words their weight (rare words count more).
    for (int i = 0; i < 6; ++i) {
        Remember(kRepo, "Unrelated filler sentence about topic " + std::to_string(i * 7919));
    }
    const auto exact = Remember(kRepo, "Hold the cache mutex while rebuilding the index.",
                                MemoryType::kConvention, 0.9);
    const auto partial =
        Remember(kRepo, "The cache lives in memory only.", MemoryType::kConvention, 0.9);
    const auto doubtful = Remember(kRepo, "Hold the cache mutex while rebuilding, maybe.",
                                   MemoryType::kConvention, 0.1);
    Remember("acme/other", "Hold the cache mutex while rebuilding the index.");

    SearchOptions options;
    auto found = Store().Search(kRepo, "rebuilding the cache index under the mutex", options);
    ASSERT_TRUE(found) << found.error().detail;
    ASSERT_EQ(found->size(), 3u) << "only memories of this repository that share a word";
    EXPECT_EQ((*found)[0].memory.id, exact.memory.id);
    EXPECT_EQ((*found)[1].memory.id, partial.memory.id)
        << "a close match with little confidence ranks below a weaker match that is trusted";
    EXPECT_EQ((*found)[2].memory.id, doubtful.memory.id);
    EXPECT_GT((*found)[0].score, (*found)[1].score);
    EXPECT_LE((*found)[0].score, 1.0);

    // A year without updates or use weighs an equal memory down.
    const auto fresh_twin = Remember(kRepo, "Hold the cache mutex while rebuilding the index!",
                                     MemoryType::kPreference, 0.9);
    clock_.Advance(365 * kDayMs);
    const auto newer = Remember(kRepo, "Hold the cache mutex while rebuilding the index.",
                                MemoryType::kProjectRule, 0.9);
    found = Store().Search(kRepo, "cache mutex rebuilding index", options);
    ASSERT_TRUE(found);
    ASSERT_GE(found->size(), 2u);
    EXPECT_EQ((*found)[0].memory.id, newer.memory.id) << "the recent one comes first";
    EXPECT_NE((*found)[0].memory.id, fresh_twin.memory.id);
}

TEST_P(MemoryStoreTest, SearchFindsWordPrefixesAndFollowsEdits) {
    const auto memory = Remember(kRepo, "Migrations must be reversible.");
    auto found = Store().Search(kRepo, "migration", {});
    ASSERT_TRUE(found) << found.error().detail;
    ASSERT_EQ(found->size(), 1u) << "a word finds its longer forms";

    ASSERT_TRUE(
        Store().Update(memory.memory.id, MemoryChanges{"Schema changes need a rollback.", {}, {}}));
    found = Store().Search(kRepo, "migration", {});
    ASSERT_TRUE(found);
    EXPECT_TRUE(found->empty()) << "the index follows an edit of the content";
    found = Store().Search(kRepo, "rollback", {});
    ASSERT_TRUE(found);
    EXPECT_EQ(found->size(), 1u);

    ASSERT_TRUE(Store().Delete(memory.memory.id));
    found = Store().Search(kRepo, "rollback", {});
    ASSERT_TRUE(found);
    EXPECT_TRUE(found->empty()) << "the index follows a delete";
}

TEST_P(MemoryStoreTest, SearchScopesDevelopersAndTypes) {
    Remember(kRepo, "Tests use the fake clock.", MemoryType::kConvention);
    NewMemory habit;
    habit.repo_full_name = kRepo;
    habit.scope = MemoryScope::kDeveloper;
    habit.developer_login = "alice";
    habit.type = MemoryType::kDeveloperHabit;
    habit.content = "Alice's tests sleep instead of using the fake clock.";
    ASSERT_TRUE(Store().Add(habit));
    habit.developer_login = "bob";
    habit.content = "Bob's tests skip the fake clock.";
    ASSERT_TRUE(Store().Add(habit));

    SearchOptions everyone;
    auto all = Store().Search(kRepo, "fake clock tests", everyone);
    ASSERT_TRUE(all);
    EXPECT_EQ(all->size(), 3u) << "without a developer, every scope";

    SearchOptions for_alice;
    for_alice.developer_login = "alice";
    auto alice = Store().Search(kRepo, "fake clock tests", for_alice);
    ASSERT_TRUE(alice);
    ASSERT_EQ(alice->size(), 2u) << "the repository's and Alice's, not Bob's";
    for (const auto& scored : *alice) {
        EXPECT_NE(scored.memory.developer_login, "bob");
    }

    SearchOptions habits;
    habits.type = MemoryType::kDeveloperHabit;
    auto only_habits = Store().Search(kRepo, "fake clock tests", habits);
    ASSERT_TRUE(only_habits);
    EXPECT_EQ(only_habits->size(), 2u);
}

TEST_P(MemoryStoreTest, SearchIgnoresQueriesWithoutWordsAndOddCharacters) {
    Remember(kRepo, "Caf\xC3\xA9 names stay in French.");
    auto nothing = Store().Search(kRepo, "the of ? !", {});
    ASSERT_TRUE(nothing) << nothing.error().detail;
    EXPECT_TRUE(nothing->empty());
    // Syntax of either engine's query language is data here, never syntax.
    auto odd = Store().Search(kRepo, "caf\xC3\xA9 \" OR * : | & ! ( ) NEAR \xE2\x80\x94", {});
    ASSERT_TRUE(odd) << odd.error().detail;
    EXPECT_EQ(odd->size(), 1u);
}

TEST_P(MemoryStoreTest, MarkUsedCountsHits) {
    const auto memory = Remember(kRepo, "Prefer early returns.");
    clock_.Advance(kDayMs);
    const std::int64_t ids[] = {memory.memory.id, memory.memory.id + 1000};
    ASSERT_TRUE(Store().MarkUsed(ids));
    ASSERT_TRUE(Store().MarkUsed(std::span<const std::int64_t>(ids, 1)));
    auto stored = Store().Get(memory.memory.id);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->hits, 2);
    EXPECT_EQ(stored->last_used_at, kStartMs + kDayMs);
}

INSTANTIATE_TEST_SUITE_P(Engines, MemoryStoreTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgres),
                         testing::EngineParamName);

}  // namespace
}  // namespace nectr::memory::test
