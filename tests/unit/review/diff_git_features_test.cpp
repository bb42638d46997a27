// Each header form the parser handles, as the real git binary prints it.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "review/diff_parser.hpp"
#include "unit/review/diff_test_support.hpp"
#include "unit/review/git_repo.hpp"

namespace nectr::review {
namespace {

namespace fs = std::filesystem;

const std::string kTabName = "tab\tname.txt";
const std::string kUtf8Name = "caf\xc3\xa9.txt";
const std::string kMovedName = "dir with space/stay moved.txt";

std::string Numbered(int count, const std::string& word) {
    std::string out;
    for (int i = 1; i <= count; ++i) {
        out += word + " " + std::to_string(i) + "\n";
    }
    return out;
}

class DiffGitFeaturesTest : public ::testing::Test {
protected:
    void SetUp() override {
        repo.Write("bin.dat", std::string("\0\1\2abc", 6));
        repo.Write("script.sh", "echo hi\n");
        repo.Write(kTabName, "a\n");
        repo.Write(kUtf8Name, "x\n");
        repo.Write("src.txt", Numbered(20, "source"));
        repo.Write("stay.txt", Numbered(10, "stay"));
        repo.Write("gone.txt", "bye\n");
        repo.Write("emptydel.txt", "");
        base = repo.CommitAll("base");

        repo.Write("bin.dat", std::string("\0\1\2abd", 6));
        fs::permissions(fs::path(repo.Path()) / "script.sh", fs::perms::owner_exec,
                        fs::perm_options::add);
        repo.Write(kTabName, "b\n");
        repo.Write(kUtf8Name, "y");
        repo.Write("copy.txt", Numbered(20, "source") + "one more\n");
        repo.Remove("stay.txt");
        repo.Write(kMovedName, Numbered(10, "stay"));
        repo.Remove("gone.txt");
        repo.Remove("emptydel.txt");
        repo.Write("empty.txt", "");
        head = repo.CommitAll("head");
    }

    std::string GitDiff(std::vector<std::string> options) {
        options.insert(options.begin(), "diff");
        options.push_back(base);
        options.push_back(head);
        return repo.Git(options);
    }

    testing::GitRepo repo;
    std::string base;
    std::string head;
};

const FileDiff& Find(const Diff& diff, const std::string& path) {
    const FileDiff* file = FindFile(diff, path);
    EXPECT_NE(file, nullptr) << "no file " << path;
    static const FileDiff none;
    return file == nullptr ? none : *file;
}

TEST_F(DiffGitFeaturesTest, ReadsEveryHeaderFormGitPrints) {
    const std::string text = GitDiff({"-M", "-C", "--find-copies-harder"});
    ASSERT_NE(text.find("Binary files a/bin.dat and b/bin.dat differ"), std::string::npos);
    ASSERT_NE(text.find("\"a/tab\\tname.txt\""), std::string::npos) << "git quoted the name";
    ASSERT_NE(text.find("copy from src.txt"), std::string::npos);
    const Diff diff = testing::MustParse(text);
    EXPECT_EQ(diff.files.size(), 8u);

    const FileDiff& binary = Find(diff, "bin.dat");
    EXPECT_TRUE(binary.binary);
    EXPECT_EQ(binary.status, FileStatus::kModified);
    EXPECT_TRUE(binary.hunks.empty());

    const FileDiff& script = Find(diff, "script.sh");
    EXPECT_EQ(script.old_mode, "100644");
    EXPECT_EQ(script.new_mode, "100755");
    EXPECT_TRUE(script.hunks.empty());

    const FileDiff& tab = Find(diff, kTabName);
    ASSERT_EQ(tab.hunks.size(), 1u);
    EXPECT_EQ(tab.hunks[0].lines[1].text, "b");

    const FileDiff& utf8 = Find(diff, kUtf8Name);
    ASSERT_EQ(utf8.hunks.size(), 1u);
    EXPECT_TRUE(utf8.hunks[0].lines[1].no_newline_at_end);

    const FileDiff& copy = Find(diff, "copy.txt");
    EXPECT_EQ(copy.status, FileStatus::kCopied);
    EXPECT_EQ(copy.old_path, "src.txt");
    EXPECT_EQ(copy.additions, 1);
    EXPECT_EQ(copy.deletions, 0);
    ASSERT_EQ(copy.hunks.size(), 1u);
    EXPECT_EQ(copy.hunks[0].lines.back().new_line, 21);

    const FileDiff& moved = Find(diff, kMovedName);
    EXPECT_EQ(moved.status, FileStatus::kRenamed);
    EXPECT_EQ(moved.old_path, "stay.txt");
    EXPECT_EQ(moved.similarity, 100);
    EXPECT_TRUE(moved.hunks.empty());

    EXPECT_EQ(Find(diff, "gone.txt").status, FileStatus::kDeleted);
    EXPECT_EQ(Find(diff, "gone.txt").deletions, 1);
    // With -M git pairs the deleted empty file with the new empty one.
    EXPECT_EQ(Find(diff, "empty.txt").status, FileStatus::kRenamed);
    EXPECT_EQ(Find(diff, "empty.txt").old_path, "emptydel.txt");
}

TEST_F(DiffGitFeaturesTest, SkipsTheDataOfAGitBinaryPatch) {
    const std::string text = GitDiff({"--binary", "--no-renames"});
    ASSERT_NE(text.find("GIT binary patch"), std::string::npos);
    const Diff diff = testing::MustParse(text);
    const FileDiff& binary = Find(diff, "bin.dat");
    EXPECT_TRUE(binary.binary);
    EXPECT_TRUE(binary.hunks.empty());
    EXPECT_EQ(diff.files.size(), 10u) << "the rename is a deletion and an addition here";
    EXPECT_EQ(diff.files.at(0).Path(), "bin.dat") << "git sorts by path";
    EXPECT_EQ(diff.files.at(1).Path(), kUtf8Name) << "the file after the binary data";
    EXPECT_EQ(Find(diff, "emptydel.txt").status, FileStatus::kDeleted);
    EXPECT_TRUE(Find(diff, "emptydel.txt").hunks.empty());
    EXPECT_EQ(Find(diff, "empty.txt").status, FileStatus::kAdded);
    EXPECT_TRUE(Find(diff, "empty.txt").hunks.empty());
    EXPECT_EQ(Find(diff, kMovedName).status, FileStatus::kAdded);
    EXPECT_EQ(Find(diff, "stay.txt").status, FileStatus::kDeleted);
}

}  // namespace
}  // namespace nectr::review
