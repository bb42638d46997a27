#pragma once

// What a local checkout holds: its files (from git when it is a repository, from the
// directory otherwise), its commit and the name of the repository it is a clone of.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace nectr::index {

using core::Result;

struct ListedFile {
    std::string path;  // relative to the checkout, '/'-separated
    // The git blob SHA-1 of the content when git knows it and the working tree agrees;
    // empty when the content must be read and hashed to know (a directory walk, or a file
    // modified since it was staged).
    std::string blob_sha;
};

struct CheckoutListing {
    bool is_git = false;
    std::optional<std::string> head_sha;  // nullopt outside git or before the first commit
    std::vector<ListedFile> files;        // sorted by path; symlinks and submodules left out
};

// Lists the files of the checkout at `root`: `git ls-files -s -z` (tracked files with their
// blob ids) when `root` is in a git work tree, a walk of the directory otherwise (hidden
// folders and vendored ones are not entered). Blocks. Errors: kNotFound when `root` is not a
// directory, kUnavailable when git fails in a work tree.
Result<CheckoutListing> ListCheckout(const std::string& root);

// "owner/repo" from the URL of the checkout's `origin` remote (https, ssh or scp-like);
// "local/<directory name>" when there is no such remote. Blocks (runs git).
std::string DeriveRepositoryName(const std::string& root);

// "owner/repo" from a remote URL such as https://github.com/owner/repo.git or
// git@github.com:owner/repo.git; nullopt when it does not end in two path parts. Pure.
std::optional<std::string> RepositoryNameFromUrl(std::string_view url);

// The id git gives `content` as a blob: SHA-1 of "blob <size>\0" + content, in hex.
std::string GitBlobSha(std::string_view content);

// The commit checked out at `root`, or nullopt outside git or before the first commit.
std::optional<std::string> HeadCommit(const std::string& root);

}  // namespace nectr::index
