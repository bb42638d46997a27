#pragma once

// Plain values that the GitHub client returns and accepts: only the fields Nectr reads, copied
// out of GitHub's JSON so that callers never see a JSON type. Timestamps stay in GitHub's
// ISO 8601 form ("2011-01-26T19:01:12Z"); ParseTimestamp in github/json_fields.hpp reads them.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace nectr::github {

// owner/name of a repository, as in the URL.
struct RepoName {
    std::string owner;
    std::string name;
};

// A list that the client gathered over several pages. `truncated` says the page bound
// (ClientOptions::max_pages) or a broken Link chain stopped it before GitHub's last page.
template <typename T>
struct Listing {
    std::vector<T> items;
    bool truncated = false;
};

struct User {
    std::int64_t id = 0;
    std::string login;
    std::string type;  // "User", "Bot", "Organization"
};

// The head or base of a pull request.
struct BranchRef {
    std::string ref;  // branch name
    std::string sha;
    std::string label;           // "owner:branch"
    std::string repo_full_name;  // empty when the fork was deleted
};

struct PullRequest {
    std::int64_t id = 0;
    int number = 0;
    std::string state;  // "open", "closed"
    std::string title;
    std::string body;  // empty when GitHub sends null
    bool draft = false;
    bool merged = false;
    User user;
    BranchRef head;
    BranchRef base;
    std::string html_url;
    int commits = 0;
    int additions = 0;
    int deletions = 0;
    int changed_files = 0;
    std::string created_at;
    std::string updated_at;
    std::string merged_at;  // empty unless merged
};

// One file of a pull request or a comparison.
struct ChangedFile {
    std::string filename;
    std::string previous_filename;  // set for "renamed" (and "copied")
    std::string
        status;       // "added", "removed", "modified", "renamed", "copied", "changed", "unchanged"
    std::string sha;  // blob SHA; empty for some removed files
    int additions = 0;
    int deletions = 0;
    int changes = 0;
    // The unified-diff hunks of this file; GitHub leaves it out for binary files and for
    // diffs too large to show, hence `has_patch`.
    std::string patch;
    bool has_patch = false;
};

// A file read at a ref, its bytes decoded from GitHub's base64.
struct FileContent {
    std::string path;
    std::string sha;
    std::int64_t size = 0;
    std::string content;
};

struct TreeEntry {
    std::string path;
    std::string mode;  // "100644", "100755", "040000", "160000", "120000"
    std::string type;  // "blob", "tree", "commit"
    std::string sha;
    std::optional<std::int64_t> size;  // blobs only
};

struct Tree {
    std::string sha;
    std::vector<TreeEntry> entries;
    bool truncated = false;  // GitHub's own limit (100,000 entries or 7 MB) was reached
};

struct Commit {
    std::string sha;
    std::string message;
    std::string author_name;
    std::string author_email;
    std::string author_date;
    std::string author_login;  // empty when the e-mail maps to no GitHub account
    std::vector<std::string> parent_shas;
};

// GET /repos/{owner}/{repo}/compare/{base}...{head}
struct Comparison {
    std::string status;  // "ahead", "behind", "diverged", "identical"
    int ahead_by = 0;
    int behind_by = 0;
    int total_commits = 0;
    std::string merge_base_sha;
    std::vector<Commit> commits;     // GitHub returns at most 250 here
    std::vector<ChangedFile> files;  // GitHub returns at most 300 here
};

// Wire values for reviews. Kept as strings because they are GitHub's vocabulary, checked by
// GitHub (and the client checks the sides, which GitHub's published description leaves open).
inline constexpr const char* kEventComment = "COMMENT";
inline constexpr const char* kEventApprove = "APPROVE";
inline constexpr const char* kEventRequestChanges = "REQUEST_CHANGES";
inline constexpr const char* kSideLeft = "LEFT";    // the old file (a deleted or context line)
inline constexpr const char* kSideRight = "RIGHT";  // the new file (an added or context line)

// An inline comment of a new review. One line: `line` and `side`. Several lines: `start_line`
// and `start_side` name the first, `line` and `side` the last.
struct NewReviewComment {
    std::string path;
    int line = 0;
    std::string side = kSideRight;
    std::optional<int> start_line;
    std::optional<std::string> start_side;
    std::string body;
};

struct NewReview {
    std::string commit_id;  // the head SHA the comments refer to
    std::string body;
    std::string event = kEventComment;
    std::vector<NewReviewComment> comments;
};

struct Review {
    std::int64_t id = 0;
    std::string state;  // "COMMENTED", "APPROVED", "CHANGES_REQUESTED", "DISMISSED", "PENDING"
    std::string body;
    std::string commit_id;
    std::string user_login;
    std::string submitted_at;
    std::string html_url;
};

struct IssueComment {
    std::int64_t id = 0;
    std::string body;
    std::string user_login;
    std::string html_url;
    std::string created_at;
};

// An inline comment of a pull request review.
struct PullComment {
    std::int64_t id = 0;
    std::string body;
    std::string path;
    std::string user_login;
    std::optional<std::int64_t> in_reply_to_id;  // set on a reply in a comment's thread
};

struct Reaction {
    std::int64_t id = 0;
    std::string content;  // "+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"
    std::string user_login;
};

// What a repository webhook should be; used to create and to update one.
struct WebhookSpec {
    std::string url;                    // where GitHub delivers
    std::string secret;                 // signs deliveries; never logged
    std::string content_type = "json";  // "json" or "form"
    bool insecure_ssl = false;
    std::vector<std::string> events = {"pull_request"};
    bool active = true;
};

struct Webhook {
    std::int64_t id = 0;
    std::string name;  // "web"
    bool active = false;
    std::vector<std::string> events;
    std::string url;  // config.url
    std::string content_type;
    std::string created_at;
    std::string updated_at;
};

struct Repository {
    std::int64_t id = 0;
    std::string name;
    std::string full_name;
    std::string owner_login;
    bool is_private = false;
    bool fork = false;
    bool archived = false;
    std::string default_branch;
    std::string html_url;
    bool can_admin = false;  // permissions.admin: may manage webhooks
    bool can_push = false;
};

// An installation access token of a GitHub App.
struct InstallationToken {
    std::string token;       // secret
    std::string expires_at;  // ISO 8601
};

}  // namespace nectr::github
