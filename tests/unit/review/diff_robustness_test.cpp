// Hostile input: truncated, mutated and random text must give either a consistent Diff or a
// kInvalidInput error naming a line, never a crash (this suite runs under ASan and UBSan).
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "review/diff_anchor.hpp"
#include "review/diff_parser.hpp"
#include "review/diff_render.hpp"
#include "unit/review/diff_test_support.hpp"

namespace nectr::review {
namespace {

constexpr std::uint32_t kSeed = 7;

std::vector<std::string> Seeds() {
    return {
        testing::ReadFixture("vcpkg-3fd-fix-cmake.patch"),
        testing::ReadFixture("vcpkg-aliyun-oss-dependency-and-targets.patch"),
        testing::ReadFixture("vcpkg-abseil-missing-include-random.patch"),
        testing::Lines({"diff --git \"a/q\\tx\" b/y",
                        "similarity index 50%",
                        "rename from \"q\\tx\"",
                        "rename to y",
                        "GIT binary patch",
                        "literal 1",
                        "IcmZPo000310RR91",
                        "",
                        "diff --git a/n b/n",
                        "new file mode 100644",
                        "--- /dev/null",
                        "+++ b/n",
                        "@@ -0,0 +1,2 @@",
                        "+a",
                        "+b",
                        "\\ No newline at end of file",
                        "--- old/p\t2024-01-01",
                        "+++ new/p",
                        "@@ -3 +2,0 @@",
                        "-z"}),
    };
}

// What every successful parse must satisfy, whatever the input was.
void ExpectConsistent(const Diff& diff) {
    for (const FileDiff& file : diff.files) {
        ASSERT_FALSE(file.old_path.empty());
        ASSERT_FALSE(file.new_path.empty());
        int additions = 0;
        int deletions = 0;
        for (const Hunk& hunk : file.hunks) {
            int old_lines = 0;
            int new_lines = 0;
            int old_next = hunk.old_count > 0 ? hunk.old_start : hunk.old_start + 1;
            int new_next = hunk.new_count > 0 ? hunk.new_start : hunk.new_start + 1;
            for (const DiffLine& line : hunk.lines) {
                ASSERT_EQ(line.text.find('\n'), std::string::npos);
                if (line.old_line) {
                    ASSERT_EQ(*line.old_line, old_next++);
                    ++old_lines;
                }
                if (line.new_line) {
                    ASSERT_EQ(*line.new_line, new_next++);
                    ++new_lines;
                }
                additions += line.kind == LineKind::kAdded ? 1 : 0;
                deletions += line.kind == LineKind::kRemoved ? 1 : 0;
            }
            ASSERT_EQ(old_lines, hunk.old_count);
            ASSERT_EQ(new_lines, hunk.new_count);
        }
        ASSERT_EQ(file.additions, additions);
        ASSERT_EQ(file.deletions, deletions);
        // The other entry points must cope with whatever the parser accepted.
        for (int line = -1; line < 8; ++line) {
            (void)AnchorComment(file, {line, line + 2, Side::kRight});
            (void)LineText(file, line, Side::kLeft);
            (void)SliceHunk(file, {line, line, Side::kLeft}, 2);
        }
        auto again = ParseUnifiedDiff(RenderFile(file));
        ASSERT_TRUE(again) << again.error().detail << "\n" << RenderFile(file);
        ASSERT_EQ(again->files.size(), 1u) << RenderFile(file);
        EXPECT_EQ(again->files[0].hunks, file.hunks);
        EXPECT_EQ(again->files[0].status, file.status) << RenderFile(file);
        EXPECT_EQ(again->files[0].Path(), file.Path()) << RenderFile(file);
    }
}

// Parses `text` and checks the outcome; true when it parsed.
bool Check(std::string_view text) {
    auto diff = ParseUnifiedDiff(text);
    if (diff) {
        ExpectConsistent(*diff);
        return true;
    }
    EXPECT_EQ(diff.error().code, core::Errc::kInvalidInput);
    EXPECT_TRUE(diff.error().detail.starts_with("line ")) << diff.error().detail;
    return false;
}

// Cut points: every line boundary (and one byte either side), plus a sample of the rest.
std::vector<std::size_t> CutPoints(const std::string& text) {
    std::vector<std::size_t> cuts;
    const std::size_t stride = text.size() / 500 + 1;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        const bool near_newline = (i < text.size() && text[i] == '\n') ||
                                  (i > 0 && text[i - 1] == '\n') ||
                                  (i + 1 < text.size() && text[i + 1] == '\n');
        if (near_newline || i % stride == 0 || i == text.size()) {
            cuts.push_back(i);
        }
    }
    return cuts;
}

TEST(DiffRobustnessTest, EveryTruncationOfARealDiffParsesOrFailsCleanly) {
    int failures = 0;
    for (const std::string& seed : Seeds()) {
        for (std::size_t length : CutPoints(seed)) {
            failures += Check(std::string_view(seed).substr(0, length)) ? 0 : 1;
            if (::testing::Test::HasFatalFailure()) {
                return;
            }
        }
    }
    EXPECT_GT(failures, 0) << "cutting hunks short must be noticed";
}

std::string Mutate(std::string text, std::mt19937& rng) {
    static constexpr std::string_view kAlphabet = "\n\r @-+\\\",0123456789abdf/\t";
    for (int edits = 1 + static_cast<int>(rng() % 4); edits > 0 && !text.empty(); --edits) {
        const std::size_t at = rng() % text.size();
        switch (rng() % 4) {
            case 0:
                text.erase(at, 1 + rng() % 3);
                break;
            case 1:
                text.insert(at, 1, kAlphabet[rng() % kAlphabet.size()]);
                break;
            case 2:
                text[at] = kAlphabet[rng() % kAlphabet.size()];
                break;
            default:
                text.insert(at, text.substr(rng() % text.size(), rng() % 40));
                break;
        }
    }
    return text;
}

TEST(DiffRobustnessTest, MutatedDiffsParseOrFailCleanly) {
    std::mt19937 rng(kSeed);
    const std::vector<std::string> seeds = Seeds();
    int parsed = 0;
    int rejected = 0;
    for (int round = 0; round < 2000; ++round) {
        const std::string text = Mutate(seeds[rng() % seeds.size()], rng);
        SCOPED_TRACE(text);
        (Check(text) ? parsed : rejected) += 1;
        if (::testing::Test::HasFailure()) {
            return;
        }
    }
    // Both outcomes must be common, or the mutations test only one path.
    EXPECT_GT(parsed, 200);
    EXPECT_GT(rejected, 200);
}

TEST(DiffRobustnessTest, RandomBytesParseOrFailCleanly) {
    std::mt19937 rng(kSeed);
    for (int round = 0; round < 2000; ++round) {
        std::string text(rng() % 200, '\0');
        for (char& c : text) {
            c = static_cast<char>(rng() % 4 == 0 ? "@-+ \\\n"[rng() % 6] : rng() % 256);
        }
        Check(text);
        auto patch = ParsePatch("f", FileStatus::kModified, "@@ -1,3 +1,3 @@\n" + text);
        if (!patch) {
            EXPECT_TRUE(patch.error().detail.starts_with("line ")) << patch.error().detail;
        }
        if (::testing::Test::HasFailure()) {
            return;
        }
    }
}

}  // namespace
}  // namespace nectr::review
