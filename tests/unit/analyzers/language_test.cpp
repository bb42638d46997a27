#include "analyzers/language.hpp"

#include <gtest/gtest.h>

namespace nectr::analyzers {
namespace {

TEST(LanguageOfTest, RecognisesLanguagesByExtensionAndName) {
    EXPECT_EQ(LanguageOf("src/app/main.py"), Language::kPython);
    EXPECT_EQ(LanguageOf("web/src/App.tsx"), Language::kJavaScript);
    EXPECT_EQ(LanguageOf("lib/index.MJS"), Language::kJavaScript);
    EXPECT_EQ(LanguageOf("cmd/server/main.go"), Language::kGo);
    EXPECT_EQ(LanguageOf("src/review/diff.hpp"), Language::kCpp);
    EXPECT_EQ(LanguageOf("kernel/fork.c"), Language::kC);
    EXPECT_EQ(LanguageOf("src/lib.rs"), Language::kRust);
    EXPECT_EQ(LanguageOf("app/Http/Kernel.php"), Language::kPhp);
    EXPECT_EQ(LanguageOf("Dockerfile"), Language::kShell);
    EXPECT_EQ(LanguageOf("deploy/Dockerfile.prod"), Language::kShell);
    EXPECT_EQ(LanguageOf("README.md"), Language::kDocumentation);
    EXPECT_EQ(LanguageOf(".github/workflows/ci.yml"), Language::kConfig);
    EXPECT_EQ(LanguageOf(".env.production"), Language::kConfig);
    EXPECT_EQ(LanguageOf("assets/logo.png"), Language::kUnknown);
    EXPECT_EQ(LanguageOf("Makefile"), Language::kConfig);
    EXPECT_EQ(LanguageOf("no_extension"), Language::kUnknown);
    EXPECT_EQ(LanguageOf("trailing."), Language::kUnknown);
}

TEST(LanguageOfTest, CodeExcludesDocumentationConfigurationAndUnknown) {
    EXPECT_TRUE(IsCode(Language::kPython));
    EXPECT_TRUE(IsCode(Language::kShell));
    EXPECT_FALSE(IsCode(Language::kDocumentation));
    EXPECT_FALSE(IsCode(Language::kConfig));
    EXPECT_FALSE(IsCode(Language::kUnknown));
}

TEST(IsTestPathTest, RecognisesTheCommonConventions) {
    for (const char* path :
         {"test/parser.cpp", "tests/unit/review/diff_test.cpp", "src/__tests__/App.jsx",
          "pkg/server/handler_test.go", "web/src/api.test.ts", "web/src/api.spec.js",
          "tests/test_views.py", "app/test_models.py", "app/models_test.py", "conftest.py",
          "src/test/java/org/acme/ParserTest.java", "src/FooTests.cs", "spec/models/user_spec.rb",
          "core/parser_unittest.cc", "e2e/login.e2e-spec.ts", "pkg/testdata/input.json",
          "lib/ParserSpec.scala"}) {
        EXPECT_TRUE(IsTestPath(path)) << path;
    }
}

TEST(IsTestPathTest, LeavesOrdinarySourcesAlone) {
    for (const char* path : {"src/parser.cpp", "src/contest.py", "src/latest.ts",
                             "src/attestation.go", "src/Contest.java", "src/testimony/app.py",
                             "docs/testing.md", "src/test", "src/protest.rs", "src/Test.java"}) {
        EXPECT_FALSE(IsTestPath(path)) << path;
    }
}

TEST(BaseNameTest, IsThePartAfterTheLastSlash) {
    EXPECT_EQ(BaseName("a/b/c.txt"), "c.txt");
    EXPECT_EQ(BaseName("c.txt"), "c.txt");
    EXPECT_EQ(BaseName("a/b/"), "");
}

}  // namespace
}  // namespace nectr::analyzers
