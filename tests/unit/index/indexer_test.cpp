// Indexing a checkout on both engines: files, symbols, chunks, imports, incremental refresh.
#include "index/indexer.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <tuple>

#include "index/search.hpp"
#include "support/process.hpp"
#include "unit/index/fixture_repo.hpp"
#include "unit/index/index_test_base.hpp"

namespace nectr::index {
namespace {

using store::Query;
using store::Value;

constexpr Query kFiles{"test.files",
                       "SELECT path, language FROM files WHERE repository_id = $1 ORDER BY path",
                       "SELECT path, language FROM files WHERE repository_id = $1 ORDER BY path"};

#define NECTR_SYMBOL_SQL                                                                   \
    "SELECT s.id, s.start_line, s.end_line, s.kind FROM symbols s JOIN files f ON f.id = " \
    "s.file_id WHERE f.repository_id = $1 AND f.path = $2 AND s.name = $3 ORDER BY s.id"
constexpr Query kSymbol{"test.symbol", NECTR_SYMBOL_SQL, NECTR_SYMBOL_SQL};

#define NECTR_CHUNKS_SQL                                                                      \
    "SELECT c.id, c.start_line, c.end_line, c.kind, COALESCE(s.name, '') FROM chunks c JOIN " \
    "files f ON f.id = c.file_id LEFT JOIN symbols s ON s.id = c.symbol_id WHERE "            \
    "f.repository_id = $1 AND f.path = $2 ORDER BY c.start_line, c.id"
constexpr Query kChunks{"test.chunks", NECTR_CHUNKS_SQL, NECTR_CHUNKS_SQL};

#define NECTR_IMPORT_SQL                                                                      \
    "SELECT COALESCE(t.path, '') FROM file_imports i JOIN files f ON f.id = i.file_id LEFT "  \
    "JOIN files t ON t.id = i.target_file_id WHERE f.repository_id = $1 AND f.path = $2 AND " \
    "i.target = $3"
constexpr Query kImport{"test.import", NECTR_IMPORT_SQL, NECTR_IMPORT_SQL};

constexpr Query kRepository{
    "test.repository", "SELECT full_name, indexed_sha, indexed_at FROM repositories WHERE id = $1",
    "SELECT full_name, indexed_sha, indexed_at FROM repositories WHERE id = $1"};

// Chunks whose full-text entry holds the word: on SQLite straight from the FTS5 index, so that
// an entry its chunk's deletion left behind would count.
constexpr Query kFullTextCount{
    "test.full_text_count", "SELECT COUNT(*) FROM chunks_fts WHERE chunks_fts MATCH $1",
    "SELECT COUNT(*) FROM chunks WHERE search_vector @@ to_tsquery('simple', $1)"};

class IndexCheckoutTest : public IndexTest {
protected:
    void SetUp() override {
        IndexTest::SetUp();
        root = dir.Path() + "/fixture";
        fixture::CreateRepository(root);
    }

    std::vector<std::string> IndexedPaths(std::int64_t repository_id) {
        std::vector<std::string> paths;
        for (const auto& row : MustRun(kFiles, {repository_id}).rows) {
            paths.push_back(store::AsText(row[0]).value_or(""));
        }
        return paths;
    }

    // (start, end, kind, symbol) of each chunk of a file.
    using ChunkRow = std::tuple<std::int64_t, std::int64_t, std::string, std::string>;
    std::vector<ChunkRow> ChunksOf(std::int64_t repository_id, const std::string& path) {
        std::vector<ChunkRow> chunks;
        for (const auto& row : MustRun(kChunks, {repository_id, path}).rows) {
            chunks.emplace_back(store::AsInt(row[1]).value_or(0), store::AsInt(row[2]).value_or(0),
                                store::AsText(row[3]).value_or(""),
                                store::AsText(row[4]).value_or(""));
        }
        return chunks;
    }

    std::optional<std::string> ImportTarget(std::int64_t repository_id, const std::string& path,
                                            const std::string& target) {
        store::Rows rows = MustRun(kImport, {repository_id, path, target});
        if (rows.empty()) {
            return std::nullopt;
        }
        return store::AsText(rows.rows[0][0]).value_or("");
    }

    testing::TempDir dir;
    std::string root;
};

TEST_P(IndexCheckoutTest, IndexesFilesButNotVendoredOrBinaryOnes) {
    const IndexSummary summary = MustIndex(root);
    EXPECT_EQ(summary.files, fixture::kIndexedFiles);
    EXPECT_EQ(summary.files_changed, fixture::kIndexedFiles);
    EXPECT_EQ(summary.files_removed, 0u);
    EXPECT_GT(summary.symbols, 10u);
    EXPECT_GT(summary.chunks, 10u);
    const auto paths = IndexedPaths(summary.repository_id);
    EXPECT_EQ(paths.size(), fixture::kIndexedFiles);
    for (const char* skipped : {"vendor/lib/vendored.go", "assets/logo.png"}) {
        EXPECT_EQ(std::count(paths.begin(), paths.end(), skipped), 0) << skipped;
    }
    const auto files = MustRun(kFiles, {summary.repository_id});
    for (const auto& row : files.rows) {
        if (store::AsText(row[0]) == "src/diff/parser.ts") {
            EXPECT_EQ(store::AsText(row[1]), "javascript");
        }
    }
    const store::Rows repository = MustRun(kRepository, {summary.repository_id});
    ASSERT_EQ(repository.size(), 1u);
    EXPECT_EQ(store::AsText(repository.rows[0][0]), "acme/fixture");
    ASSERT_TRUE(summary.commit);
    EXPECT_EQ(store::AsText(repository.rows[0][1]), *summary.commit);
    EXPECT_GT(store::AsInt(repository.rows[0][2]).value_or(0), 0);
}

TEST_P(IndexCheckoutTest, FindsARepositoryByName) {
    const IndexSummary summary = MustIndex(root);
    auto found = FindRepositoryId(Db(), "acme/fixture");
    ASSERT_TRUE(found) << found.error().detail;
    EXPECT_EQ(*found, summary.repository_id);
    auto missing = FindRepositoryId(Db(), "acme/other");
    ASSERT_TRUE(missing) << missing.error().detail;
    EXPECT_EQ(*missing, std::nullopt);
}

TEST_P(IndexCheckoutTest, StoresSymbolsWithTheirLines) {
    const IndexSummary summary = MustIndex(root);
    const store::Rows hunk = MustRun(
        kSymbol,
        {summary.repository_id, std::string("src/diff/parser.ts"), std::string("parseDiffHunk")});
    ASSERT_EQ(hunk.size(), 1u);
    EXPECT_EQ(store::AsInt(hunk.rows[0][1]), fixture::kParseDiffHunkStart);
    EXPECT_EQ(store::AsInt(hunk.rows[0][2]), fixture::kParseDiffHunkEnd)
        << "ctags gives TypeScript no end line; the brace matcher must find it";
    EXPECT_EQ(store::AsText(hunk.rows[0][3]), "function");

    const store::Rows answer = MustRun(
        kSymbol, {summary.repository_id, std::string("src/api.c"), std::string("fixture_answer")});
    ASSERT_EQ(answer.size(), 1u);
    EXPECT_EQ(store::AsInt(answer.rows[0][1]), 4);
    EXPECT_EQ(store::AsInt(answer.rows[0][2]), 6);

    const store::Rows split = MustRun(
        kSymbol,
        {summary.repository_id, std::string("py/pkg/strings.py"), std::string("split_words")});
    ASSERT_EQ(split.size(), 1u);
    EXPECT_EQ(store::AsInt(split.rows[0][1]), 4);
    EXPECT_EQ(store::AsInt(split.rows[0][2]), 6);
}

TEST_P(IndexCheckoutTest, CutsChunksAtSymbolsAndWindowsElsewhere) {
    const IndexSummary summary = MustIndex(root);
    const auto parser = ChunksOf(summary.repository_id, "src/diff/parser.ts");
    const ChunkRow hunk{fixture::kParseDiffHunkComment, fixture::kParseDiffHunkEnd, "symbol",
                        "parseDiffHunk"};
    EXPECT_NE(std::find(parser.begin(), parser.end(), hunk), parser.end())
        << "one chunk from the comment above parseDiffHunk to its closing brace";
    const ChunkRow count{17, 19, "symbol", "countLines"};
    EXPECT_NE(std::find(parser.begin(), parser.end(), count), parser.end());

    const auto notes = ChunksOf(summary.repository_id, "docs/notes.txt");
    const std::vector<ChunkRow> windows = {
        {1, 60, "window", ""}, {51, 110, "window", ""}, {101, 130, "window", ""}};
    EXPECT_EQ(notes, windows);
}

TEST_P(IndexCheckoutTest, ResolvesImportsToFilesOfTheRepository) {
    const IndexSummary summary = MustIndex(root);
    const std::int64_t id = summary.repository_id;
    EXPECT_EQ(ImportTarget(id, "src/app.ts", "./diff/parser"), "src/diff/parser.ts");
    EXPECT_EQ(ImportTarget(id, "src/app.ts", "react"), "") << "a package stays unresolved";
    EXPECT_EQ(ImportTarget(id, "py/pkg/app.py", "pkg.strings"), "py/pkg/strings.py");
    EXPECT_EQ(ImportTarget(id, "py/pkg/app.py", ".strings"), "py/pkg/strings.py");
    EXPECT_EQ(ImportTarget(id, "main.go", "example.com/fixture/util"), "util/util.go");
    EXPECT_EQ(ImportTarget(id, "main.go", "fmt"), "");
    EXPECT_EQ(ImportTarget(id, "src/api.c", "fixture/api.h"), "include/fixture/api.h");
    EXPECT_EQ(ImportTarget(id, "src/api.c", "stdio.h"), "") << "a system header stays unresolved";
    EXPECT_EQ(ImportTarget(id, "rs/src/main.rs", "self::diff"), "rs/src/diff.rs");
    EXPECT_EQ(ImportTarget(id, "java/com/acme/App.java", "com.acme.util.Strings"),
              "java/com/acme/util/Strings.java");
    EXPECT_GE(summary.imports_resolved, 7u);
}

TEST_P(IndexCheckoutTest, SearchRanksTheDefiningFileFirst) {
    const IndexSummary summary = MustIndex(root);
    for (const char* query : {"parse diff hunk", "parseDiffHunk"}) {
        auto hits = SearchCode(Db(), summary.repository_id, query, 5);
        ASSERT_TRUE(hits) << hits.error().detail;
        ASSERT_FALSE(hits->empty()) << query;
        EXPECT_EQ((*hits)[0].path, "src/diff/parser.ts") << query;
        EXPECT_EQ((*hits)[0].symbol, "parseDiffHunk") << query;
        EXPECT_EQ((*hits)[0].start_line, fixture::kParseDiffHunkComment);
        EXPECT_EQ((*hits)[0].end_line, fixture::kParseDiffHunkEnd);
        EXPECT_NE((*hits)[0].snippet.find("parseDiffHunk"), std::string::npos)
            << (*hits)[0].snippet;
        bool caller_found = false;
        for (const CodeHit& hit : *hits) {
            caller_found = caller_found || hit.path == "src/app.ts";
        }
        EXPECT_TRUE(caller_found) << "the caller matches too, below the definition";
    }
    auto words = SearchCode(Db(), summary.repository_id, "split words", 3);
    ASSERT_TRUE(words) << words.error().detail;
    ASSERT_FALSE(words->empty());
    EXPECT_EQ((*words)[0].path, "py/pkg/strings.py");
}

TEST_P(IndexCheckoutTest, SearchFindsNothingForNoTermsOrAnotherRepository) {
    const IndexSummary summary = MustIndex(root);
    auto none = SearchCode(Db(), summary.repository_id, "?!", 5);
    ASSERT_TRUE(none) << none.error().detail;
    EXPECT_TRUE(none->empty());
    auto absent = SearchCode(Db(), summary.repository_id, "xylophone", 5);
    ASSERT_TRUE(absent) << absent.error().detail;
    EXPECT_TRUE(absent->empty());
    auto other = SearchCode(Db(), summary.repository_id + 1000, "parseDiffHunk", 5);
    ASSERT_TRUE(other) << other.error().detail;
    EXPECT_TRUE(other->empty()) << "search stays within the repository asked for";
}

TEST_P(IndexCheckoutTest, TheAnyWordFallbackCanBeTurnedOff) {
    const IndexSummary summary = MustIndex(root);
    auto some = SearchCode(Db(), summary.repository_id, "header xylophone", 5);
    ASSERT_TRUE(some) << some.error().detail;
    EXPECT_FALSE(some->empty()) << "chunks that hold one of the words follow";
    SearchOptions options;
    options.any_word_fallback = false;
    auto every = SearchCode(Db(), summary.repository_id, "header xylophone", 5, options);
    ASSERT_TRUE(every) << every.error().detail;
    EXPECT_TRUE(every->empty()) << "no chunk holds both words";
}

TEST_P(IndexCheckoutTest, SearchBoostsFilesNearTheChange) {
    const IndexSummary summary = MustIndex(root);
    // "return" names no symbol, so only the text ranking and the proximity boost count.
    auto plain = SearchCode(Db(), summary.repository_id, "return", 10);
    ASSERT_TRUE(plain) << plain.error().detail;
    ASSERT_GE(plain->size(), 2u);
    const CodeHit& last = plain->back();
    SearchOptions options;
    options.near_file_ids = {last.file_id};
    auto boosted = SearchCode(Db(), summary.repository_id, "return", 10, options);
    ASSERT_TRUE(boosted) << boosted.error().detail;
    ASSERT_FALSE(boosted->empty());
    EXPECT_EQ((*boosted)[0].file_id, last.file_id)
        << "a chunk of a file near the change outranks equally good matches elsewhere";
}

TEST_P(IndexCheckoutTest, RefreshReparsesOnlyChangedFilesAndRemovesDeletedOnes) {
    const IndexSummary first = MustIndex(root);
    const std::int64_t id = first.repository_id;
    const auto join_before =
        MustRun(kSymbol, {id, std::string("util/util.go"), std::string("Join")});
    ASSERT_EQ(join_before.size(), 1u);

    fixture::WriteFile(
        root, "src/diff/parser.ts",
        fixture::Files().at("src/diff/parser.ts") +
            "\nexport function parseDiffStat(line: string): number {\n  return 1;\n}\n");
    fixture::Git(root, {"rm", "-q", "README.md"});
    fixture::WriteFile(root, "src/extra.ts", "export const extraThing = 1;\n");
    fixture::Git(root, {"add", "-A"});
    fixture::Git(root, {"commit", "-q", "-m", "change"});

    const IndexSummary second = MustIndex(root);
    EXPECT_EQ(second.repository_id, id);
    EXPECT_EQ(second.files_changed, 2u) << "the changed file and the added one";
    EXPECT_EQ(second.files_removed, 1u);
    EXPECT_EQ(second.files, fixture::kIndexedFiles);
    EXPECT_NE(second.commit, first.commit);
    EXPECT_EQ(MustRun(kSymbol, {id, std::string("util/util.go"), std::string("Join")}).rows,
              join_before.rows)
        << "an unchanged file keeps its rows: it was not parsed again";
    EXPECT_EQ(
        MustRun(kSymbol, {id, std::string("src/diff/parser.ts"), std::string("parseDiffStat")})
            .size(),
        1u);
    EXPECT_EQ(Scalar(kFullTextCount, {std::string("zebra")}), 0)
        << "the deleted README's chunks are gone from the full-text index too";
    auto hits = SearchCode(Db(), id, "zebra crossing", 5);
    ASSERT_TRUE(hits) << hits.error().detail;
    EXPECT_TRUE(hits->empty());

    const IndexSummary third = MustIndex(root);
    EXPECT_EQ(third.files_changed, 0u) << "nothing changed since";
    EXPECT_EQ(third.files_removed, 0u);
}

TEST_P(IndexCheckoutTest, RefreshSeesUncommittedChangesInTheWorkingTree) {
    const IndexSummary first = MustIndex(root);
    fixture::WriteFile(root, "util/util.go",
                       fixture::Files().at("util/util.go") +
                           "\nfunc Split(s string) []string {\n\treturn nil\n}\n");
    const IndexSummary second = MustIndex(root);
    EXPECT_EQ(second.files_changed, 1u);
    EXPECT_EQ(
        MustRun(kSymbol, {first.repository_id, std::string("util/util.go"), std::string("Split")})
            .size(),
        1u);
}

TEST_P(IndexCheckoutTest, AReparsedFileIsReplacedNotDuplicated) {
    const IndexSummary first = MustIndex(root);
    fixture::WriteFile(root, "src/app.ts", fixture::Files().at("src/app.ts") + "// trailing\n");
    const IndexSummary second = MustIndex(root);
    EXPECT_EQ(second.files_changed, 1u);
    EXPECT_EQ(second.symbols, first.symbols);
    EXPECT_EQ(second.chunks, first.chunks);
    EXPECT_EQ(
        MustRun(kSymbol, {first.repository_id, std::string("src/app.ts"), std::string("render")})
            .size(),
        1u);
}

TEST_P(IndexCheckoutTest, ReportsProgressUpToTheTotal) {
    IndexRequest request;
    request.path = root;
    request.batch_files = 3;
    std::vector<std::pair<std::size_t, std::size_t>> calls;
    request.progress = [&calls](std::size_t done, std::size_t total) {
        calls.emplace_back(done, total);
    };
    auto summary = IndexCheckout(Db(), request);
    ASSERT_TRUE(summary) << summary.error().detail;
    ASSERT_GE(calls.size(), 2u);
    EXPECT_EQ(calls.back().first, calls.back().second);
    EXPECT_EQ(calls.back().second, fixture::kIndexedFiles)
        << "every file the path filter keeps is read once";
    EXPECT_EQ(summary->repository_full_name, "local/fixture") << "no origin remote";
}

TEST_P(IndexCheckoutTest, UpdateFilesReindexesOnlyTheNamedPaths) {
    const IndexSummary first = MustIndex(root);
    fixture::WriteFile(
        root, "src/api.c",
        "#include \"fixture/api.h\"\n\nint fixture_answer(void) {\n    return 43;\n}\n\n"
        "int fixture_other(void) {\n    return 1;\n}\n");
    std::filesystem::remove(root + "/rs/src/diff.rs");
    fixture::WriteFile(root, "src/app.ts", "// changed but not named\n");
    auto updated = UpdateFiles(Db(), first.repository_id, root, {"src/api.c", "gone/never.c"},
                               {"rs/src/diff.rs"});
    ASSERT_TRUE(updated) << updated.error().detail;
    EXPECT_EQ(updated->files_changed, 1u);
    EXPECT_EQ(updated->files_removed, 1u);
    EXPECT_EQ(updated->files, fixture::kIndexedFiles - 1);
    const std::int64_t id = first.repository_id;
    EXPECT_EQ(MustRun(kSymbol, {id, std::string("src/api.c"), std::string("fixture_other")}).size(),
              1u);
    EXPECT_EQ(MustRun(kSymbol, {id, std::string("src/app.ts"), std::string("render")}).size(), 1u)
        << "a path not named is left as it was";
    EXPECT_EQ(ImportTarget(id, "rs/src/main.rs", "self::diff"), "")
        << "an import of a removed file becomes unresolved";

    auto unknown = UpdateFiles(Db(), id + 1000, root, {"src/api.c"}, {});
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, core::Errc::kNotFound);
}

TEST_P(IndexCheckoutTest, IndexesADirectoryThatIsNotARepository) {
    const std::string plain = dir.Path() + "/plain";
    fixture::WriteAll(plain);
    const IndexSummary first = MustIndex(plain, "");
    EXPECT_EQ(first.repository_full_name, "local/plain");
    EXPECT_EQ(first.files, fixture::kIndexedFiles);
    EXPECT_FALSE(first.commit);
    auto hits = SearchCode(Db(), first.repository_id, "parseDiffHunk", 3);
    ASSERT_TRUE(hits) << hits.error().detail;
    ASSERT_FALSE(hits->empty());
    EXPECT_EQ((*hits)[0].path, "src/diff/parser.ts");

    const IndexSummary again = MustIndex(plain, "");
    EXPECT_EQ(again.repository_id, first.repository_id);
    EXPECT_EQ(again.files_changed, 0u) << "content hashes tell that nothing changed";
    fixture::WriteFile(plain, "main.go", "package main\n\nfunc main() {}\n");
    std::filesystem::remove(plain + "/README.md");
    const IndexSummary third = MustIndex(plain, "");
    EXPECT_EQ(third.files_changed, 1u);
    EXPECT_EQ(third.files_removed, 1u);
}

TEST_P(IndexCheckoutTest, AMissingCheckoutIsNotFound) {
    IndexRequest request;
    request.path = dir.Path() + "/nope";
    auto summary = IndexCheckout(Db(), request);
    ASSERT_FALSE(summary);
    EXPECT_EQ(summary.error().code, core::Errc::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Engines, IndexCheckoutTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgres),
                         testing::EngineParamName);

}  // namespace
}  // namespace nectr::index
