#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace nectr::review {

// How much the reviewer says: chill comments on bugs, security and clear mistakes only;
// assertive also on design, naming, tests and maintainability.
enum class Profile { kChill, kAssertive };

// "chill" or "assertive", as written in .nectr.toml.
std::string_view ProfileName(Profile profile);

// A repository's own settings, from the .nectr.toml at the root of its default branch.
// docs/nectr-toml.md describes the file; the defaults here are what an absent file means.
struct RepoConfig {
    std::vector<std::string> ignore_paths;  // globs of files never reviewed (review/glob.hpp)
    std::string instructions;               // added to the reviewer's prompt
    Profile profile = Profile::kChill;
    int max_comments = 20;        // inline comments per review, 1..100
    std::string language = "en";  // language of the review text, a BCP 47 tag
    bool allow_approve = false;   // may the review approve the PR?
    bool allow_request_changes = false;
    bool review_drafts = false;  // review draft PRs too
    bool auto_review = true;     // review on open and push; false: only when asked
};

inline constexpr std::size_t kMaxRepoConfigBytes = std::size_t{64} * 1024;
inline constexpr std::size_t kMaxInstructionsBytes = 10'000;
inline constexpr std::size_t kMaxIgnorePaths = 200;
inline constexpr int kMaxCommentsLimit = 100;

// Parses the text of a .nectr.toml. Empty text (or only comments) gives the defaults. Errors:
// kTooLarge over kMaxRepoConfigBytes; kInvalidInput for TOML syntax, an unknown key, a value of
// the wrong type or out of range, each named with its line, e.g.
// `.nectr.toml line 3: "max_comments" must be an integer between 1 and 100`; when there are
// several problems the detail lists each on its own line. Pure; never throws.
core::Result<RepoConfig> ParseRepoConfig(std::string_view toml_text);

}  // namespace nectr::review
