// What a change is about for the code index: its identifiers and its changed lines. Pure.
#include "review/change_query.hpp"

#include <gtest/gtest.h>

#include "review/diff_parser.hpp"

namespace nectr::review {
namespace {

std::vector<FileDiff> Files(const std::string& diff) {
    auto parsed = ParseUnifiedDiff(diff);
    EXPECT_TRUE(parsed) << parsed.error().detail;
    return parsed ? parsed->files : std::vector<FileDiff>{};
}

const std::string kDiff =
    "diff --git a/src/queue.cpp b/src/queue.cpp\n"
    "--- a/src/queue.cpp\n"
    "+++ b/src/queue.cpp\n"
    "@@ -10,4 +10,5 @@ Result<Job> JobQueue::LeaseNextJob(std::string_view worker)\n"
    "     auto job = store_.ClaimNext(worker);\n"
    "-    if (!job) {\n"
    "+    // retry the claim when the store is busy: if (again) return\n"
    "+    if (!job && RetryAfterBusy(job.error())) {\n"
    "         return job.error();\n"
    "     }\n"
    "@@ -40,2 +41,4 @@\n"
    "     const int kept = 1;\n"
    "+    kMaxLeaseAttempts = CountLeases(worker_id, lease_table, LEASE_TABLE_NAME);\n"
    "+    LEASE_CHECK_KEPT(kept);\n"
    "     return kept;\n";

TEST(ChangedIdentifiersTest, PrefersTheFunctionsTheChangeIsInAndCalls) {
    const std::vector<std::string> identifiers = ChangedIdentifiers(Files(kDiff), 10);
    ASSERT_GE(identifiers.size(), 4u);
    EXPECT_EQ(identifiers[0], "LeaseNextJob");
    EXPECT_EQ(identifiers[1], "RetryAfterBusy");
    EXPECT_EQ(identifiers[2], "CountLeases");
    // A macro's call counts less than a function's.
    EXPECT_EQ(identifiers[3], "LEASE_CHECK_KEPT");
    auto has = [&](const std::string& name) {
        return std::find(identifiers.begin(), identifiers.end(), name) != identifiers.end();
    };
    // Compound names that are only used still count, after the calls.
    EXPECT_TRUE(has("kMaxLeaseAttempts"));
    EXPECT_TRUE(has("lease_table"));
    EXPECT_TRUE(has("LEASE_TABLE_NAME"));
    // Keywords, plain words only used, context lines and comments do not.
    EXPECT_FALSE(has("if"));
    EXPECT_FALSE(has("return"));
    EXPECT_FALSE(has("error"));
    EXPECT_FALSE(has("job"));
    EXPECT_FALSE(has("ClaimNext")) << "a context line";
    EXPECT_FALSE(has("again")) << "a comment";
    EXPECT_EQ(ChangedIdentifiers(Files(kDiff), 2),
              (std::vector<std::string>{"LeaseNextJob", "RetryAfterBusy"}));
}

TEST(ChangedIdentifiersTest, AFunctionDefinedOnAContextLineCounts) {
    const std::vector<std::string> identifiers = ChangedIdentifiers(
        Files("diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n@@ -1,2 +1,2 @@\n"
              " def handle(request):\n-    return 1\n+    return 2\n"),
        5);
    EXPECT_EQ(identifiers, (std::vector<std::string>{"handle"}));
}

TEST(ChangedIdentifiersTest, NamesAfterADefiningKeywordCount) {
    const std::vector<std::string> identifiers = ChangedIdentifiers(
        Files("diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n@@ -1,0 +1,2 @@\n"
              "+class Ledger:\n+    total = 0\n"),
        5);
    EXPECT_EQ(identifiers, (std::vector<std::string>{"Ledger"}));
}

TEST(ChangedLineSpansTest, CoversRemovedLinesAndWhereLinesWereAdded) {
    const ChangedSpans spans = ChangedLineSpans(Files(kDiff));
    ASSERT_TRUE(spans.contains("src/queue.cpp"));
    // Old line 11 removed, lines added after it; old line 41 precedes an insertion.
    EXPECT_TRUE(OverlapsChange(spans, "src/queue.cpp", 11, 11));
    EXPECT_TRUE(OverlapsChange(spans, "src/queue.cpp", 1, 11));
    EXPECT_TRUE(OverlapsChange(spans, "src/queue.cpp", 41, 60));
    EXPECT_TRUE(OverlapsChange(spans, "src/queue.cpp", 42, 42)) << "added line 42 (new side)";
    EXPECT_FALSE(OverlapsChange(spans, "src/queue.cpp", 1, 10));
    EXPECT_FALSE(OverlapsChange(spans, "src/queue.cpp", 14, 39));
    EXPECT_FALSE(OverlapsChange(spans, "src/other.cpp", 11, 11));
}

}  // namespace
}  // namespace nectr::review
