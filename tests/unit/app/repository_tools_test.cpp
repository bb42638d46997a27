// The model's tools over the code index, the knowledge graph and memory, on a real database of
// each engine: their answers and the errors the model reads for bad arguments.
#include "app/repository_tools.hpp"

#include <gtest/gtest.h>

#include "memory/memory_store.hpp"
#include "unit/app/repository_fixture.hpp"

namespace nectr::app::test {
namespace {

using Answer = core::Result<std::string>;

class RepositoryToolsTest : public RepositoryContextTest {
protected:
    Answer Call(review::ContextTool& tool, const std::string& arguments) {
        return RunAwaitable(tool.Call(arguments));
    }

    // The error's detail for a call that must fail with kInvalidInput.
    std::string Refusal(review::ContextTool& tool, const std::string& arguments) {
        Answer answer = Call(tool, arguments);
        EXPECT_FALSE(answer) << arguments << " was accepted: " << *answer;
        if (answer) {
            return {};
        }
        EXPECT_EQ(answer.error().code, core::Errc::kInvalidInput) << arguments;
        return answer.error().detail;
    }

    FixedClock clock_;
};

TEST_P(RepositoryToolsTest, SearchRepositoryFindsCodeOutsideTheChangedFiles) {
    SearchRepositoryTool tool(Db(), pool_, kRepo);
    EXPECT_EQ(tool.Spec().name, "search_repository");
    Answer answer = Call(tool, R"({"query":"total with tax"})");
    ASSERT_TRUE(answer) << answer.error().detail;
    EXPECT_EQ(answer->rfind("src/billing/invoice.py:4-", 0), 0u) << *answer;
    EXPECT_NE(answer->find("total_with_tax"), std::string::npos) << *answer;

    Answer one = Call(tool, R"({"query":"compute_tax_rate","limit":1})");
    ASSERT_TRUE(one) << one.error().detail;
    EXPECT_EQ(one->rfind("src/billing/tax.py:1-", 0), 0u) << *one;
    EXPECT_EQ(one->find(".py:", one->find('\n')), std::string::npos) << "one hit only: " << *one;

    Answer none = Call(tool, R"({"query":"frobnicate"})");
    ASSERT_TRUE(none) << none.error().detail;
    EXPECT_EQ(*none, "No indexed code of acme/billing matches \"frobnicate\".");
}

TEST_P(RepositoryToolsTest, SearchRepositorySaysWhenTheRepositoryWasNeverIndexed) {
    SearchRepositoryTool tool(Db(), pool_, "acme/elsewhere");
    Answer answer = Call(tool, R"({"query":"compute_tax_rate"})");
    ASSERT_TRUE(answer) << answer.error().detail;
    EXPECT_NE(answer->find("does not hold acme/elsewhere"), std::string::npos) << *answer;
}

TEST_P(RepositoryToolsTest, SearchRepositoryRefusesBadArguments) {
    SearchRepositoryTool tool(Db(), pool_, kRepo);
    EXPECT_EQ(Refusal(tool, "not json"), "search_repository needs its arguments as a JSON object");
    EXPECT_EQ(Refusal(tool, "[]"), "search_repository needs its arguments as a JSON object");
    EXPECT_EQ(Refusal(tool, "{}"), "search_repository needs a query: a non-empty string");
    EXPECT_EQ(Refusal(tool, R"({"query":""})"),
              "search_repository needs a query: a non-empty string");
    EXPECT_EQ(Refusal(tool, R"({"query":7})"),
              "search_repository needs a query: a non-empty string");
    EXPECT_EQ(Refusal(tool, R"({"query":")" + std::string(501, 'a') + R"("})"),
              "search_repository needs a query of at most 500 bytes");
    const std::string limit_error = "search_repository's limit must be an integer from 1 to 20";
    EXPECT_EQ(Refusal(tool, R"({"query":"tax","limit":0})"), limit_error);
    EXPECT_EQ(Refusal(tool, R"({"query":"tax","limit":21})"), limit_error);
    EXPECT_EQ(Refusal(tool, R"({"query":"tax","limit":"3"})"), limit_error);
    EXPECT_EQ(Refusal(tool, R"({"query":"tax","limit":2.5})"), limit_error);
}

TEST_P(RepositoryToolsTest, FileHistoryTellsWhoChangedTheFilesAndWhatChangesWithThem) {
    FileHistoryTool tool(Db(), pool_, clock_, kRepo, 7);
    EXPECT_EQ(tool.Spec().name, "file_history");
    Answer answer = Call(tool, R"({"paths":["src/billing/tax.py"]})");
    ASSERT_TRUE(answer) << answer.error().detail;
    EXPECT_NE(answer->find("## Who knows these files\n"), std::string::npos) << *answer;
    EXPECT_NE(answer->find("ada"), std::string::npos) << *answer;
    EXPECT_NE(answer->find("## Files that usually change with these"), std::string::npos)
        << *answer;
    EXPECT_NE(answer->find("src/reports/report.py changed with src/billing/tax.py"),
              std::string::npos)
        << *answer;
    EXPECT_EQ(answer->find("src/archive/report.py"), std::string::npos) << *answer;

    FileHistoryTool elsewhere(Db(), pool_, clock_, "acme/elsewhere");
    Answer empty = Call(elsewhere, R"({"paths":["src/billing/tax.py"]})");
    ASSERT_TRUE(empty) << empty.error().detail;
    EXPECT_EQ(*empty, "The knowledge graph has no history of these files in acme/elsewhere.");
}

TEST_P(RepositoryToolsTest, FileHistoryRefusesBadPaths) {
    FileHistoryTool tool(Db(), pool_, clock_, kRepo);
    const std::string missing = "file_history needs paths: a non-empty array of file paths";
    EXPECT_EQ(Refusal(tool, "{}"), missing);
    EXPECT_EQ(Refusal(tool, R"({"paths":[]})"), missing);
    EXPECT_EQ(Refusal(tool, R"({"paths":"src/a.py"})"), missing);
    const std::string bad = "file_history needs each path as a relative file path, like src/a.cpp";
    EXPECT_EQ(Refusal(tool, R"({"paths":[1]})"), bad);
    EXPECT_EQ(Refusal(tool, R"({"paths":[""]})"), bad);
    EXPECT_EQ(Refusal(tool, R"({"paths":["/etc/passwd"]})"), bad);
    EXPECT_EQ(Refusal(tool, R"({"paths":["a\nb"]})"), bad);
    std::string many = R"({"paths":[)";
    for (int i = 0; i < 21; ++i) {
        many += (i == 0 ? "" : ",") + std::string("\"f") + std::to_string(i) + ".py\"";
    }
    EXPECT_EQ(Refusal(tool, many + "]}"), "file_history takes at most 20 paths");
}

TEST_P(RepositoryToolsTest, SearchMemoryFindsTheRepositorysMatchingMemories) {
    memory::MemoryStore store(Db(), clock_);
    memory::NewMemory rule;
    rule.repo_full_name = kRepo;
    rule.type = memory::MemoryType::kProjectRule;
    rule.content = "Tax rates are rounded half up to three decimals.";
    ASSERT_TRUE(store.Add(rule));
    memory::NewMemory other = rule;
    other.repo_full_name = "acme/elsewhere";
    other.content = "Tax rates elsewhere are never rounded.";
    ASSERT_TRUE(store.Add(other));

    SearchMemoryTool tool(Db(), pool_, clock_, kRepo);
    EXPECT_EQ(tool.Spec().name, "search_memory");
    Answer answer = Call(tool, R"({"query":"how are tax rates rounded"})");
    ASSERT_TRUE(answer) << answer.error().detail;
    EXPECT_EQ(*answer, "- [project_rule] Tax rates are rounded half up to three decimals.\n");

    Answer none = Call(tool, R"({"query":"logging"})");
    ASSERT_TRUE(none) << none.error().detail;
    EXPECT_EQ(*none, "No memory of acme/billing matches \"logging\".");

    EXPECT_EQ(Refusal(tool, "{}"), "search_memory needs a query: a non-empty string");
    EXPECT_EQ(Refusal(tool, R"({"query":")" + std::string(600, 'q') + R"("})"),
              "search_memory needs a query of at most 500 bytes");
}

TEST(CapAnswerTest, CutsLongAnswersAtALineEndAndSaysSo) {
    EXPECT_EQ(CapAnswer("short\n", 100), "short\n");
    EXPECT_EQ(CapAnswer("one\ntwo\nthree\n", 9), "one\ntwo\n[answer cut at 9 bytes]\n");
    // No line end to cut at: the cut never splits a UTF-8 character ("é" is two bytes).
    EXPECT_EQ(CapAnswer("aé" + std::string(10, 'b'), 2), "a\n[answer cut at 2 bytes]\n");
}

INSTANTIATE_TEST_SUITE_P(Engines, RepositoryToolsTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgres),
                         testing::EngineParamName);

}  // namespace
}  // namespace nectr::app::test
