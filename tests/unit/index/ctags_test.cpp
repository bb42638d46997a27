// Symbols from universal-ctags: parsing its JSON lines and running it once over many files.
#include "index/ctags.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "support/process.hpp"

namespace nectr::index {
namespace {

TEST(ParseCtagsJsonTest, ReadsNameKindLinesScopeAndSignature) {
    const std::string output =
        R"j({"_type": "tag", "name": "Run", "path": "a.go", "pattern": "/^func$/", "line": 12, )j"
        R"j("kind": "func", "signature": "()", "scope": "main.Server", "scopeKind": "struct", "end": 15})j"
        "\n"
        R"j({"_type": "tag", "name": "x", "path": "b.rs", "line": 4, "kind": "field"})j"
        "\n";
    const SymbolsByPath symbols = ParseCtagsJson(output);
    ASSERT_EQ(symbols.size(), 2u);
    const Symbol& run = symbols.at("a.go").at(0);
    EXPECT_EQ(run.name, "Run");
    EXPECT_EQ(run.kind, "func");
    EXPECT_EQ(run.scope, "main.Server");
    EXPECT_EQ(run.signature, "()");
    EXPECT_EQ(run.start_line, 12);
    EXPECT_EQ(run.end_line, 15);
    EXPECT_EQ(symbols.at("b.rs").at(0).end_line, std::nullopt);
}

TEST(ParseCtagsJsonTest, SkipsNoiseAnonymousSymbolsNamespacesAndBrokenLines) {
    const std::string output =
        "ctags: Notice: something\n"
        R"j({"_type": "ptag", "name": "JSON_OUTPUT_VERSION", "path": "0.0", "pattern": "x"})j"
        "\n"
        R"j({"_type": "tag", "name": "__anon1234", "path": "a.c", "line": 3, "kind": "struct"})j"
        "\n"
        R"j({"_type": "tag", "name": "boost", "path": "a.c", "line": 2, "kind": "namespace"})j"
        "\n"
        R"j({"_type": "tag", "name": "broken", "path": )j"
        "\n"
        R"j({"_type": "tag", "name": "ok", "path": "a.c", "line": 9, "kind": "function", "end": 11})j"
        "\n";
    const SymbolsByPath symbols = ParseCtagsJson(output);
    ASSERT_EQ(symbols.size(), 1u);
    ASSERT_EQ(symbols.at("a.c").size(), 1u);
    EXPECT_EQ(symbols.at("a.c")[0].name, "ok");
}

TEST(ParseCtagsJsonTest, NamesInInvalidUtf8AreRepaired) {
    const std::string output = std::string(R"j({"_type": "tag", "name": "caf)j") + "\xE9" +
                               R"j(", "path": "a.c", "line": 1, "kind": "function"})j" + "\n";
    const SymbolsByPath symbols = ParseCtagsJson(output);
    ASSERT_EQ(symbols.at("a.c").size(), 1u);
    EXPECT_EQ(symbols.at("a.c")[0].name, "caf\xEF\xBF\xBD");
}

TEST(RunCtagsTest, TagsManyFilesInOneRun) {
    testing::TempDir dir;
    std::ofstream(dir.Path() + "/a.py") << "def top_level(a, b):\n    return a + b\n";
    std::ofstream(dir.Path() + "/b.go") << "package main\n\nfunc main() {\n}\n";
    std::ofstream(dir.Path() + "/with space.c") << "int helper(void) {\n  return 1;\n}\n";
    auto symbols = RunCtags(dir.Path(), {"a.py", "b.go", "with space.c"});
    ASSERT_TRUE(symbols) << symbols.error().detail;
    ASSERT_TRUE(symbols->contains("a.py"));
    EXPECT_EQ(symbols->at("a.py").at(0).name, "top_level");
    EXPECT_EQ(symbols->at("a.py").at(0).end_line, 2);
    ASSERT_TRUE(symbols->contains("with space.c"));
    EXPECT_EQ(symbols->at("with space.c").at(0).name, "helper");
    bool found_main = false;
    for (const Symbol& symbol : symbols->at("b.go")) {
        found_main = found_main || (symbol.name == "main" && symbol.kind == "func");
    }
    EXPECT_TRUE(found_main);
}

TEST(RunCtagsTest, NoFilesNoRun) {
    auto symbols = RunCtags("/nonexistent-directory", {});
    ASSERT_TRUE(symbols) << "an empty list must not even start ctags";
    EXPECT_TRUE(symbols->empty());
}

}  // namespace
}  // namespace nectr::index
