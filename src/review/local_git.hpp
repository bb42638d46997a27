#pragma once

// A change in a local git repository, for `nectr review --repo PATH`: the diff of a range (or
// of uncommitted work) and the files at any ref, read with the git command line.
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "review/change.hpp"

namespace nectr::review {

struct LocalChange {
    ChangeInfo info;
    std::string diff_text;
    std::vector<std::string> notes;  // for the review's notes, e.g. untracked files left out
};

// base and head: any refs git understands. Both given: the commits of head since it left base
// (`base...head`). Only base: base...HEAD. Neither: the uncommitted changes against HEAD,
// staged or not, and the files git does not track yet unless .gitignore excludes them (in a
// repository without commits, everything). Never changes the repository or its index.
// Errors: kNotFound (not a git repository, unknown ref; the detail is one line),
// kUnavailable (git not installed).
core::Result<LocalChange> LoadLocalChange(const std::string& repo_path,
                                          const std::optional<std::string>& base,
                                          const std::optional<std::string>& head);

// Reads files with `git show ref:path`, or from the working tree when ref is empty. Blocks on
// git: meant for the command line, not for the server's event loop.
class LocalGitHost final : public CodeHost {
public:
    explicit LocalGitHost(std::string repo_path);
    net::awaitable<core::Result<std::string>> ReadFile(std::string path, std::string ref) override;

private:
    std::string repo_path_;
};

// Reads files from a directory (the working copy a diff file applies to), or nothing when
// `root` is empty. Paths that leave the directory are refused.
class DirectoryHost final : public CodeHost {
public:
    explicit DirectoryHost(std::string root);
    net::awaitable<core::Result<std::string>> ReadFile(std::string path, std::string) override;

private:
    std::string root_;
};

}  // namespace nectr::review
