// The read_file tool as the model calls it: the path and ref are untrusted (a diff can ask the
// model for anything), so nothing outside the repository may reach the code host.
#include "review/review_tools.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <climits>
#include <string>
#include <vector>

namespace nectr::review {
namespace {

// Records every read and answers with a ten-line file.
class RecordingHost final : public CodeHost {
public:
    net::awaitable<core::Result<std::string>> ReadFile(std::string path, std::string ref) override {
        reads.push_back(path + "@" + ref);
        std::string text;
        for (int i = 1; i <= 10; ++i) {
            text += "line " + std::to_string(i) + "\n";
        }
        co_return text;
    }
    std::vector<std::string> reads;
};

class ReviewToolsTest : public ::testing::Test {
protected:
    ReviewToolsTest() { change_.head_sha = "abc123"; }

    core::Result<std::string> ReadFile(const std::string& arguments) {
        net::io_context context;
        std::optional<core::Result<std::string>> out;
        net::co_spawn(context, toolbox_.Execute({"call-1", "read_file", arguments}),
                      [&](std::exception_ptr error, core::Result<std::string> result) {
                          ASSERT_FALSE(error) << "read_file must not throw";
                          out.emplace(std::move(result));
                      });
        context.run();
        return std::move(*out);
    }

    RecordingHost host_;
    ChangeInfo change_;
    std::vector<FileDiff> files_;
    std::map<std::string, std::string> contents_;
    ReviewToolbox toolbox_{host_, change_, files_, contents_};
};

TEST_F(ReviewToolsTest, ReadsAFileInsideTheRepositoryAtTheHeadCommit) {
    auto text = ReadFile(R"({"path":"src/a.cpp","start":2,"end":3})");
    ASSERT_TRUE(text) << text.error().detail;
    EXPECT_EQ(*text, "2: line 2\n3: line 3\n");
    EXPECT_EQ(host_.reads, std::vector<std::string>{"src/a.cpp@abc123"});
}

TEST_F(ReviewToolsTest, RefusesPathsThatLeaveTheRepositoryWithoutReadingAnything) {
    for (const char* path : {"../../etc/passwd", "/etc/passwd", "src/../../secrets", "./src/a.cpp",
                             "src//a.cpp", "..", "src/a.cpp/..", "a\\\\..\\\\b"}) {
        auto text = ReadFile(std::string(R"({"path":")") + path + R"("})");
        ASSERT_FALSE(text) << path << " must be refused";
        EXPECT_EQ(text.error().code, core::Errc::kInvalidInput) << path;
    }
    // A path GitHub's client would send as /repos/o/r/contents/../../other/private/...
    auto other = ReadFile(R"({"path":"../../other/private/contents/key.pem"})");
    EXPECT_FALSE(other);
    EXPECT_TRUE(host_.reads.empty()) << "a refused path must not reach the code host";
}

TEST_F(ReviewToolsTest, RefusesRefsThatGitWouldReadAsAnOptionOrAnotherObject) {
    for (const char* ref :
         {"--output=/tmp/pwned", "-p", "HEAD:../x", "main..evil", "a b", "HEAD~1^{tree}"}) {
        auto text = ReadFile(std::string(R"({"path":"src/a.cpp","ref":")") + ref + R"("})");
        EXPECT_FALSE(text) << ref << " must be refused";
    }
    EXPECT_TRUE(host_.reads.empty());
    EXPECT_TRUE(ReadFile(R"({"path":"src/a.cpp","ref":"refs/heads/feature-1"})"));
    EXPECT_EQ(host_.reads, std::vector<std::string>{"src/a.cpp@refs/heads/feature-1"});
}

TEST_F(ReviewToolsTest, HandlesExtremeLineNumbersWithoutOverflow) {
    // start near INT_MAX once overflowed start + 399 (a crash under UBSan).
    auto huge = ReadFile(R"({"path":"src/a.cpp","start":2147483647})");
    EXPECT_FALSE(huge);
    auto past = ReadFile(R"({"path":"src/a.cpp","start":9223372036854775807,"end":-5})");
    EXPECT_FALSE(past);
    auto negative = ReadFile(R"({"path":"src/a.cpp","start":-9223372036854775807,"end":1})");
    ASSERT_TRUE(negative) << negative.error().detail;
    EXPECT_EQ(*negative, "1: line 1\n");
    auto wide = ReadFile(R"({"path":"src/a.cpp","start":9,"end":9223372036854775807})");
    ASSERT_TRUE(wide);
    // The text ends with a newline, which NumberedLines shows as an empty line 11.
    EXPECT_EQ(*wide, "9: line 9\n10: line 10\n11: \n");
}

}  // namespace
}  // namespace nectr::review
