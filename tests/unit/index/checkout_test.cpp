// Listing a checkout's files, naming its repository, hashing content as git does.
#include "index/checkout.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/subprocess.hpp"
#include "support/process.hpp"

namespace nectr::index {
namespace {

void Write(const std::string& path, const std::string& text) {
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

void Git(const std::string& dir, std::vector<std::string> args) {
    args.insert(args.begin(), {"git", "-C", dir, "-c", "user.name=t", "-c", "user.email=t@x"});
    auto run = core::RunProcess(args);
    ASSERT_TRUE(run) << run.error().detail;
    ASSERT_EQ(run->exit_code, 0) << run->err;
}

std::vector<std::string> PathsOf(const CheckoutListing& listing) {
    std::vector<std::string> paths;
    for (const ListedFile& file : listing.files) {
        paths.push_back(file.path);
    }
    return paths;
}

TEST(RepositoryNameFromUrlTest, ReadsOwnerAndNameFromCommonRemoteForms) {
    EXPECT_EQ(RepositoryNameFromUrl("https://github.com/owner/repo.git"), "owner/repo");
    EXPECT_EQ(RepositoryNameFromUrl("https://github.com/owner/repo\n"), "owner/repo");
    EXPECT_EQ(RepositoryNameFromUrl("git@github.com:owner/repo.git"), "owner/repo");
    EXPECT_EQ(RepositoryNameFromUrl("ssh://git@ghe.example.com:2222/team/tool"), "team/tool");
    EXPECT_EQ(RepositoryNameFromUrl("/srv/mirrors/team/tool.git"), "team/tool");
    EXPECT_EQ(RepositoryNameFromUrl("git@github.com:repo.git"), std::nullopt);
    EXPECT_EQ(RepositoryNameFromUrl("repo"), std::nullopt);
}

TEST(GitBlobShaTest, MatchesGitHashObject) {
    testing::TempDir dir;
    const std::string content = "int main() {\n  return 0;\n}\n";
    Write(dir.Path() + "/a.c", content);
    auto run = core::RunProcess({"git", "hash-object", dir.Path() + "/a.c"});
    ASSERT_TRUE(run) << run.error().detail;
    ASSERT_EQ(run->exit_code, 0) << run->err;
    EXPECT_EQ(GitBlobSha(content) + "\n", run->out);
    EXPECT_EQ(GitBlobSha(""), "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
}

TEST(ListCheckoutTest, ListsTrackedFilesWithTheirBlobIds) {
    testing::TempDir dir;
    Git(dir.Path(), {"init", "-q"});
    Write(dir.Path() + "/src/a.c", "int a;\n");
    Write(dir.Path() + "/b.py", "x = 1\n");
    Write(dir.Path() + "/untracked.txt", "not added\n");
    Git(dir.Path(), {"add", "src/a.c", "b.py"});
    Git(dir.Path(), {"commit", "-q", "-m", "first"});
    auto listing = ListCheckout(dir.Path());
    ASSERT_TRUE(listing) << listing.error().detail;
    EXPECT_TRUE(listing->is_git);
    ASSERT_TRUE(listing->head_sha);
    EXPECT_EQ(listing->head_sha->size(), 40u);
    EXPECT_EQ(PathsOf(*listing), (std::vector<std::string>{"b.py", "src/a.c"}));
    EXPECT_EQ(listing->files[1].blob_sha, GitBlobSha("int a;\n"));
}

TEST(ListCheckoutTest, AFileModifiedInTheWorkingTreeHasNoKnownBlobId) {
    testing::TempDir dir;
    Git(dir.Path(), {"init", "-q"});
    Write(dir.Path() + "/a.c", "int a;\n");
    Git(dir.Path(), {"add", "a.c"});
    Write(dir.Path() + "/a.c", "int a = 2;\n");
    auto listing = ListCheckout(dir.Path());
    ASSERT_TRUE(listing) << listing.error().detail;
    ASSERT_EQ(listing->files.size(), 1u);
    EXPECT_EQ(listing->files[0].blob_sha, "") << "the staged blob is not what is on disk";
    EXPECT_FALSE(listing->head_sha) << "no commit yet";
}

TEST(ListCheckoutTest, WalksADirectoryThatIsNotARepository) {
    testing::TempDir dir;
    Write(dir.Path() + "/src/a.c", "int a;\n");
    Write(dir.Path() + "/node_modules/lib/index.js", "x\n");
    Write(dir.Path() + "/.hidden/secret.txt", "x\n");
    Write(dir.Path() + "/README.md", "# hi\n");
    auto listing = ListCheckout(dir.Path());
    ASSERT_TRUE(listing) << listing.error().detail;
    EXPECT_FALSE(listing->is_git);
    EXPECT_EQ(PathsOf(*listing), (std::vector<std::string>{"README.md", "src/a.c"}));
    EXPECT_EQ(listing->files[0].blob_sha, "");
}

TEST(ListCheckoutTest, AMissingDirectoryIsNotFound) {
    auto listing = ListCheckout("/nonexistent/checkout");
    ASSERT_FALSE(listing);
    EXPECT_EQ(listing.error().code, core::Errc::kNotFound);
}

TEST(DeriveRepositoryNameTest, UsesOriginOrFallsBackToTheDirectoryName) {
    testing::TempDir dir;
    const std::string repo = dir.Path() + "/my-tool";
    std::filesystem::create_directories(repo);
    EXPECT_EQ(DeriveRepositoryName(repo), "local/my-tool");
    Git(repo, {"init", "-q"});
    EXPECT_EQ(DeriveRepositoryName(repo), "local/my-tool") << "a repository without origin";
    Git(repo, {"remote", "add", "origin", "git@github.com:acme/widgets.git"});
    EXPECT_EQ(DeriveRepositoryName(repo), "acme/widgets");
}

}  // namespace
}  // namespace nectr::index
