// Memories proposed without a model: stated rules, repeated categories, the author's habits.
#include "memory/rule_proposer.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace nectr::memory {
namespace {

ReviewFacts Facts() {
    ReviewFacts facts;
    facts.repo_full_name = "acme/widgets";
    facts.pr_number = 12;
    facts.author_login = "alice";
    facts.pr_title = "Add the export endpoint";
    return facts;
}

ReviewCommentFacts Comment(std::string path, std::string category, std::string severity) {
    return {std::move(path), std::move(severity), std::move(category), "Something to fix."};
}

std::vector<std::string> Contents(const std::vector<MemoryProposal>& proposals, MemoryType type) {
    std::vector<std::string> out;
    for (const auto& proposal : proposals) {
        if (proposal.type == type) {
            out.push_back(proposal.content);
        }
    }
    return out;
}

TEST(StatedRulesTest, FindsInstructionsInTheDescription) {
    const std::string description =
        "This adds the export endpoint.\n"
        "\n"
        "- we always validate query parameters in the handler, never in the store\n"
        "* Never call the GitHub API from a request handler.\n"
        "Please don\xE2\x80\x99t add new singletons. Thanks!\n"
        "Do not log tokens; they end up in support tickets.\n";
    EXPECT_EQ(StatedRules(description),
              (std::vector<std::string>{
                  "We always validate query parameters in the handler, never in the store.",
                  "Never call the GitHub API from a request handler.",
                  "Please don\xE2\x80\x99t add new singletons.",
                  "Do not log tokens; they end up in support tickets."}));
}

TEST(StatedRulesTest, SkipsTemplatesCodeQuotesAndTheChangeAtHand) {
    const std::string description =
        "<!-- Please don't forget to describe your change.\n"
        "     We always review templates. -->\n"
        "```\n"
        "// never do this in production code\n"
        "```\n"
        "> We never use tabs, said someone else.\n"
        "- [ ] We always run the linter\n"
        "Please don't merge this until the migration is out.\n"
        "Never mind.\n"
        "We always ship on Fridays for now.\n";
    EXPECT_TRUE(StatedRules(description).empty())
        << "templates, code, quotes, checklists, short and ephemeral sentences are not rules";
}

TEST(StatedRulesTest, StatesEachRuleOnceAndAtMostFive) {
    std::string description = "We never use tabs in Go files.\nwe never use tabs in go files\n";
    EXPECT_EQ(StatedRules(description).size(), 1u);
    for (int i = 0; i < 8; ++i) {
        description += "Never touch subsystem number " + std::to_string(i) + " directly.\n";
    }
    EXPECT_EQ(StatedRules(description).size(), 5u);
}

TEST(ProposeMemoriesTest, StatedRulesBecomeProjectRules) {
    ReviewFacts facts = Facts();
    facts.pr_description = "We prefer composition over inheritance in the UI layer.";
    const auto proposals = ProposeMemories(facts);
    ASSERT_EQ(proposals.size(), 1u);
    EXPECT_EQ(proposals[0].op, ProposalOp::kAdd);
    EXPECT_EQ(proposals[0].type, MemoryType::kProjectRule);
    EXPECT_EQ(proposals[0].scope, MemoryScope::kRepository);
    EXPECT_EQ(proposals[0].content, "We prefer composition over inheritance in the UI layer.");
    EXPECT_DOUBLE_EQ(proposals[0].confidence, kStatedRuleConfidence);
}

TEST(ProposeMemoriesTest, ACategoryRepeatedAcrossCommentsBecomesAConvention) {
    ReviewFacts facts = Facts();
    facts.comments = {Comment("src/api/users.cpp", "Security", "low"),
                      Comment("src/api/orders.cpp", "security", "info"),
                      Comment("src/api/v2/export.cpp", "security", "low"),
                      Comment("src/core/log.cpp", "style", "low"),
                      Comment("README.md", "documentation", "info")};
    const auto proposals = ProposeMemories(facts);
    EXPECT_EQ(Contents(proposals, MemoryType::kConvention),
              (std::vector<std::string>{
                  "Changes under src/api/ repeatedly draw security review comments."}));
    EXPECT_TRUE(Contents(proposals, MemoryType::kDeveloperHabit).empty())
        << "low and info comments say nothing about the author's habits";
}

TEST(ProposeMemoriesTest, WeightyCommentsOfOneCategoryBecomeTheAuthorsHabit) {
    ReviewFacts facts = Facts();
    facts.comments = {Comment("src/a.cpp", "testing", "medium"),
                      Comment("lib/b.cpp", "testing", "high"),
                      Comment("lib/c.cpp", "testing", "high")};
    const auto proposals = ProposeMemories(facts);
    ASSERT_EQ(proposals.size(), 2u);
    const auto habit = std::find_if(proposals.begin(), proposals.end(), [](const auto& p) {
        return p.type == MemoryType::kDeveloperHabit;
    });
    ASSERT_NE(habit, proposals.end());
    EXPECT_EQ(habit->scope, MemoryScope::kDeveloper);
    EXPECT_EQ(habit->developer_login, "alice");
    EXPECT_EQ(habit->content, "Changes by @alice often need attention to testing.");
    EXPECT_EQ(Contents(proposals, MemoryType::kConvention),
              (std::vector<std::string>{
                  "Changes to this repository repeatedly draw testing review comments."}))
        << "paths with no common directory name the repository";

    facts.author_login = "dependabot[bot]";
    EXPECT_TRUE(Contents(ProposeMemories(facts), MemoryType::kDeveloperHabit).empty())
        << "a bot has no habits worth remembering";
}

TEST(ProposeMemoriesTest, AnOrdinaryReviewProposesNothing) {
    ReviewFacts facts = Facts();
    facts.pr_description = "Adds an endpoint. Tested locally.";
    facts.comments = {Comment("src/a.cpp", "correctness", "high"),
                      Comment("src/b.cpp", "performance", "medium")};
    EXPECT_TRUE(ProposeMemories(facts).empty());
}

}  // namespace
}  // namespace nectr::memory
