#include "review/repo_config.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace nectr::review {
namespace {

std::string ErrorOf(std::string_view text) {
    auto config = ParseRepoConfig(text);
    EXPECT_FALSE(config.has_value()) << "expected an error for: " << text;
    return config.has_value() ? std::string() : config.error().detail;
}

// The first ```toml block of docs/nectr-toml.md: the documented example must stay valid.
std::string DocumentedExample() {
    const auto path = std::filesystem::path(NECTR_SOURCE_DIR) / "docs" / "nectr-toml.md";
    std::ifstream in(path);
    std::stringstream whole;
    whole << in.rdbuf();
    const std::string text = whole.str();
    const std::size_t start = text.find("```toml\n");
    const std::size_t end = text.find("```", start + 8);
    if (start == std::string::npos || end == std::string::npos) {
        ADD_FAILURE() << "no toml example in " << path;
        return {};
    }
    return text.substr(start + 8, end - start - 8);
}

TEST(RepoConfigTest, EmptyTextGivesTheDefaults) {
    for (std::string_view text : {"", "\n\n", "# only a comment\n"}) {
        auto config = ParseRepoConfig(text);
        ASSERT_TRUE(config.has_value()) << config.error().detail;
        EXPECT_TRUE(config->ignore_paths.empty());
        EXPECT_EQ(config->instructions, "");
        EXPECT_EQ(config->profile, Profile::kChill);
        EXPECT_EQ(config->max_comments, 20);
        EXPECT_EQ(config->language, "en");
        EXPECT_FALSE(config->allow_approve);
        EXPECT_FALSE(config->allow_request_changes);
        EXPECT_FALSE(config->review_drafts);
        EXPECT_TRUE(config->auto_review);
    }
}

TEST(RepoConfigTest, ParsesTheDocumentedExample) {
    const std::string example = DocumentedExample();
    ASSERT_FALSE(example.empty());
    auto config = ParseRepoConfig(example);
    ASSERT_TRUE(config.has_value()) << config.error().detail;
    EXPECT_EQ(config->profile, Profile::kAssertive);
    EXPECT_EQ(config->max_comments, 15);
    EXPECT_EQ(config->language, "en");
    EXPECT_EQ(config->ignore_paths,
              (std::vector<std::string>{"docs/**", "**/*.snap", "migrations/", "src/legacy/*.c"}));
    EXPECT_NE(config->instructions.find("idempotency"), std::string::npos);
    EXPECT_TRUE(config->auto_review);
    EXPECT_FALSE(config->review_drafts);
}

TEST(RepoConfigTest, ReadsEverySetting) {
    auto config = ParseRepoConfig(R"(
profile = "chill"
language = "pt-BR"
max_comments = 100
ignore_paths = []
instructions = "Be brief."
auto_review = false
review_drafts = true
allow_approve = true
allow_request_changes = true
)");
    ASSERT_TRUE(config.has_value()) << config.error().detail;
    EXPECT_EQ(config->language, "pt-BR");
    EXPECT_EQ(config->max_comments, 100);
    EXPECT_EQ(config->instructions, "Be brief.");
    EXPECT_FALSE(config->auto_review);
    EXPECT_TRUE(config->review_drafts);
    EXPECT_TRUE(config->allow_approve);
    EXPECT_TRUE(config->allow_request_changes);
}

TEST(RepoConfigTest, NamesTheKeyAndLineOfAValueOutOfRange) {
    for (std::string_view value : {"0", "101", "-3", "20.0", "\"20\"", "true"}) {
        const std::string text =
            "profile = \"chill\"\n\nmax_comments = " + std::string(value) + "\n";
        EXPECT_EQ(ErrorOf(text),
                  ".nectr.toml line 3: \"max_comments\" must be an integer between 1 and 100")
            << value;
    }
    auto config = ParseRepoConfig("max_comments = 0");
    ASSERT_FALSE(config.has_value());
    EXPECT_EQ(config.error().code, core::Errc::kInvalidInput);
}

TEST(RepoConfigTest, RejectsWrongTypesForEveryKey) {
    EXPECT_EQ(ErrorOf("profile = \"strict\""),
              ".nectr.toml line 1: \"profile\" must be \"chill\" or \"assertive\"");
    EXPECT_EQ(ErrorOf("profile = \"Chill\""),
              ".nectr.toml line 1: \"profile\" must be \"chill\" or \"assertive\"");
    EXPECT_NE(ErrorOf("language = \"english language\"").find("\"language\" must be"),
              std::string::npos);
    EXPECT_NE(ErrorOf("language = 7").find("line 1: \"language\""), std::string::npos);
    EXPECT_EQ(ErrorOf("auto_review = \"yes\""),
              ".nectr.toml line 1: \"auto_review\" must be true or false");
    EXPECT_EQ(ErrorOf("allow_approve = 1"),
              ".nectr.toml line 1: \"allow_approve\" must be true or false");
    EXPECT_EQ(ErrorOf("instructions = [\"a\"]"),
              ".nectr.toml line 1: \"instructions\" must be a string");
    EXPECT_EQ(ErrorOf("ignore_paths = \"docs/**\""),
              ".nectr.toml line 1: \"ignore_paths\" must be an array of glob strings");
    EXPECT_EQ(ErrorOf("ignore_paths = [\n  \"docs/**\",\n  42,\n]"),
              ".nectr.toml line 3: each of \"ignore_paths\" must be a non-empty glob string");
    EXPECT_NE(ErrorOf("ignore_paths = [\"\"]").find("non-empty"), std::string::npos);
}

TEST(RepoConfigTest, RejectsUnknownKeysAndSuggestsTheClosestOne) {
    EXPECT_EQ(ErrorOf("\n\nignore_path = [\"a\"]"),
              ".nectr.toml line 3: unknown key \"ignore_path\" (did you mean \"ignore_paths\"?)");
    EXPECT_EQ(ErrorOf("colour = \"blue\""), ".nectr.toml line 1: unknown key \"colour\"");
    EXPECT_NE(ErrorOf("[review]\nprofile = \"chill\"").find("unknown table \"review\""),
              std::string::npos);
}

TEST(RepoConfigTest, ListsEveryProblemInFileOrder) {
    const std::string detail = ErrorOf("profile = \"loud\"\nmax_comments = 0\nzzz = 1\n");
    EXPECT_EQ(detail,
              ".nectr.toml line 1: \"profile\" must be \"chill\" or \"assertive\"\n"
              ".nectr.toml line 2: \"max_comments\" must be an integer between 1 and 100\n"
              ".nectr.toml line 3: unknown key \"zzz\"");
}

TEST(RepoConfigTest, ReportsSyntaxErrorsWithTheirPosition) {
    const std::string detail = ErrorOf("profile = \"chill\"\nmax_comments = \n");
    EXPECT_TRUE(detail.starts_with(".nectr.toml line 2, column ")) << detail;
    EXPECT_NE(ErrorOf("a = 1\na = 2").find("line 2"), std::string::npos)
        << "a duplicate key is a syntax error";
    EXPECT_NE(ErrorOf("profile = \"chill").find("line 1"), std::string::npos);
    EXPECT_NE(ErrorOf(std::string("instructions = \"\xff\xfe\"")).find(".nectr.toml line 1"),
              std::string::npos)
        << "invalid UTF-8 is an error, not a crash";
}

TEST(RepoConfigTest, RefusesOversizedFilesAndValues) {
    auto big = ParseRepoConfig(std::string(kMaxRepoConfigBytes + 1, '#'));
    ASSERT_FALSE(big.has_value());
    EXPECT_EQ(big.error().code, core::Errc::kTooLarge);
    const std::string long_text =
        "instructions = \"" + std::string(kMaxInstructionsBytes + 1, 'a') + "\"";
    EXPECT_NE(ErrorOf(long_text).find("\"instructions\" must be at most 10000 bytes"),
              std::string::npos);
    std::string many = "ignore_paths = [";
    for (std::size_t i = 0; i <= kMaxIgnorePaths; ++i) {
        many += "\"p" + std::to_string(i) + "\",";
    }
    many += "]";
    EXPECT_NE(ErrorOf(many).find("at most 200 patterns"), std::string::npos);
}

TEST(RepoConfigTest, ProfileNamesAreTheFileSpelling) {
    EXPECT_EQ(ProfileName(Profile::kChill), "chill");
    EXPECT_EQ(ProfileName(Profile::kAssertive), "assertive");
}

}  // namespace
}  // namespace nectr::review
