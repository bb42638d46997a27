// Where a repository's clone lives under the data directory, and removing it after a purge.
#include "app/git_checkout.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace nectr::app {
namespace {

namespace fs = std::filesystem;

class RemoveCheckoutTest : public ::testing::Test {
protected:
    void SetUp() override {
        data_dir = fs::temp_directory_path() /
                   ("nectr-checkout-test-" + std::to_string(::getpid()) + "-" +
                    ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(data_dir);
    }
    void TearDown() override { fs::remove_all(data_dir); }

    void MakeFile(const fs::path& path) {
        fs::create_directories(path.parent_path());
        std::ofstream(path) << "x";
    }

    fs::path data_dir;
};

TEST_F(RemoveCheckoutTest, DeletesTheCloneAndAClonesCutShortButNothingElse) {
    MakeFile(data_dir / "repos/acme/widgets/.git/HEAD");
    MakeFile(data_dir / "repos/acme/widgets.partial/.git/HEAD");
    MakeFile(data_dir / "repos/acme/gadgets/.git/HEAD");
    MakeFile(data_dir / "nectr.db");

    auto removed = RemoveCheckout(data_dir.string(), "acme/widgets");
    ASSERT_TRUE(removed) << removed.error().detail;
    EXPECT_FALSE(fs::exists(data_dir / "repos/acme/widgets"));
    EXPECT_FALSE(fs::exists(data_dir / "repos/acme/widgets.partial"));
    EXPECT_TRUE(fs::exists(data_dir / "repos/acme/gadgets/.git/HEAD"));
    EXPECT_TRUE(fs::exists(data_dir / "nectr.db"));
}

TEST_F(RemoveCheckoutTest, ARepositoryNeverClonedIsFine) {
    EXPECT_TRUE(RemoveCheckout(data_dir.string(), "acme/widgets"));
}

TEST_F(RemoveCheckoutTest, RefusesANameThatWouldLeaveTheReposFolder) {
    MakeFile(data_dir / "nectr.db");
    for (const char* name : {"..", "../..", "acme/..", "acme", "/etc/passwd", ""}) {
        auto removed = RemoveCheckout((data_dir / "repos" / "x").string(), name);
        ASSERT_FALSE(removed) << name;
        EXPECT_EQ(removed.error().code, core::Errc::kInvalidInput) << name;
    }
    EXPECT_TRUE(fs::exists(data_dir / "nectr.db"));
}

}  // namespace
}  // namespace nectr::app
