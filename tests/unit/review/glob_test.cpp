#include "review/glob.hpp"

#include <gtest/gtest.h>

#include <string>

namespace nectr::review {
namespace {

struct Case {
    const char* pattern;
    const char* path;
    bool match;
};

TEST(GlobMatchTest, StarAndQuestionMarkStayWithinOneSegment) {
    for (const Case& c : {
             Case{"*.md", "README.md", true},
             Case{"*.md", "docs/README.md", false},
             Case{"docs/*.md", "docs/README.md", true},
             Case{"docs/*.md", "docs/a/README.md", false},
             Case{"docs/*", "docs/", true},
             Case{"*", "", true},
             Case{"*", "a/b", false},
             Case{"a*b*c", "abc", true},
             Case{"a*b*c", "aXXbYYc", true},
             Case{"a*b*c", "aXXbYY", false},
             Case{"a*b", "a/b", false},
             Case{"?.go", "a.go", true},
             Case{"?.go", "ab.go", false},
             Case{"a?b", "a/b", false},
             Case{"", "", true},
             Case{"", "a", false},
             Case{"abc", "abc", true},
             Case{"abc", "abcd", false},
         }) {
        EXPECT_EQ(GlobMatch(c.pattern, c.path), c.match) << c.pattern << " vs " << c.path;
    }
}

TEST(GlobMatchTest, DoubleStarCrossesFolders) {
    for (const Case& c : {
             Case{"**", "a/b/c.txt", true},
             Case{"**", "", true},
             Case{"**/*.snap", "x.snap", true},
             Case{"**/*.snap", "a/b/x.snap", true},
             Case{"**/*.snap", "a/b/x.snapx", false},
             Case{"docs/**", "docs/a.md", true},
             Case{"docs/**", "docs/a/b/c.md", true},
             Case{"docs/**", "docs", false},
             Case{"docs/**", "documents/a.md", false},
             Case{"src/**/gen/*.go", "src/gen/a.go", true},
             Case{"src/**/gen/*.go", "src/a/b/gen/a.go", true},
             Case{"src/**/gen/*.go", "src/a/b/gen/x/a.go", false},
             Case{"src/**/gen/*.go", "srcx/gen/a.go", false},
             Case{"src/**/gen/*.go", "src/agen/a.go", false},
             Case{"a**b", "aXb", true},
             Case{"a**b", "a/b", false},
             Case{"**/a/**/b", "x/a/y/z/b", true},
             Case{"**/a/**/b", "a/b", true},
         }) {
        EXPECT_EQ(GlobMatch(c.pattern, c.path), c.match) << c.pattern << " vs " << c.path;
    }
}

TEST(GlobMatchTest, ClassesAndEscapes) {
    for (const Case& c : {
             Case{"[abc].txt", "b.txt", true},
             Case{"[abc].txt", "d.txt", false},
             Case{"[a-c].txt", "c.txt", true},
             Case{"[!a-c].txt", "c.txt", false},
             Case{"[!a-c].txt", "d.txt", true},
             Case{"[^a-c].txt", "d.txt", true},
             Case{"[]].txt", "].txt", true},
             Case{"a[/]b", "a/b", false},
             Case{"[!x]", "/", false},
             Case{"file[.txt", "file[.txt", true},
             Case{"\\*.txt", "*.txt", true},
             Case{"\\*.txt", "a.txt", false},
             Case{"a\\?", "a?", true},
             Case{"a\\?", "ab", false},
         }) {
        EXPECT_EQ(GlobMatch(c.pattern, c.path), c.match) << c.pattern << " vs " << c.path;
    }
}

TEST(GlobMatchTest, ManyStarsOnALongPathStayFast) {
    const std::string path = std::string(4000, 'a') + "b";
    EXPECT_FALSE(GlobMatch("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*c", path));
    EXPECT_TRUE(GlobMatch("**/*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", path));
}

TEST(PathMatchesGlobTest, NamesWithoutASlashMatchAtAnyDepth) {
    EXPECT_TRUE(PathMatchesGlob("*.snap", "a/b/c.snap"));
    EXPECT_TRUE(PathMatchesGlob("*.snap", "c.snap"));
    EXPECT_TRUE(PathMatchesGlob("node_modules", "web/node_modules/react/index.js"));
    EXPECT_TRUE(PathMatchesGlob("CHANGELOG.md", "packages/x/CHANGELOG.md"));
    EXPECT_FALSE(PathMatchesGlob("*.snap", "a/b/c.snapshot"));
    EXPECT_FALSE(PathMatchesGlob("node_modules", "web/node_modules_backup/x.js"));
}

TEST(PathMatchesGlobTest, PatternsWithASlashAreAnchoredAtTheRoot) {
    EXPECT_TRUE(PathMatchesGlob("docs/**", "docs/guide/intro.md"));
    EXPECT_FALSE(PathMatchesGlob("docs/**", "site/docs/intro.md"));
    EXPECT_TRUE(PathMatchesGlob("src/legacy/*.c", "src/legacy/old.c"));
    EXPECT_FALSE(PathMatchesGlob("src/legacy/*.c", "lib/src/legacy/old.c"));
    EXPECT_TRUE(PathMatchesGlob("/build", "build/out.js"));
    EXPECT_FALSE(PathMatchesGlob("/build", "web/build/out.js"));
    EXPECT_TRUE(PathMatchesGlob("./docs/*.md", "docs/a.md"));
    EXPECT_TRUE(PathMatchesGlob("**/fixtures/*.json", "tests/unit/fixtures/a.json"));
}

TEST(PathMatchesGlobTest, AMatchingFolderCoversEverythingInside) {
    EXPECT_TRUE(PathMatchesGlob("docs", "docs/a/b.md"));
    EXPECT_TRUE(PathMatchesGlob("src/gen", "src/gen/deep/x.go"));
    EXPECT_TRUE(PathMatchesGlob("src/*/gen", "src/api/gen/x.go"));
    EXPECT_FALSE(PathMatchesGlob("src/gen", "src/generated/x.go"));
}

TEST(PathMatchesGlobTest, ATrailingSlashMatchesFoldersOnly) {
    EXPECT_TRUE(PathMatchesGlob("migrations/", "db/migrations/0001.sql"));
    EXPECT_FALSE(PathMatchesGlob("migrations/", "db/migrations"));
    EXPECT_TRUE(PathMatchesGlob("db/migrations/", "db/migrations/0001.sql"));
    EXPECT_FALSE(PathMatchesGlob("tmp/", "tmp"));
}

TEST(PathMatchesGlobTest, EmptyAndNegatedPatternsMatchNothing) {
    EXPECT_FALSE(PathMatchesGlob("", "a.txt"));
    EXPECT_FALSE(PathMatchesGlob("/", "a.txt"));
    EXPECT_FALSE(PathMatchesGlob("!a.txt", "a.txt"));
}

}  // namespace
}  // namespace nectr::review
