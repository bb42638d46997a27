#include "review/local_git.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/subprocess.hpp"

namespace nectr::review {

namespace {

core::Result<std::string> Git(const std::string& repo, std::vector<std::string> args) {
    std::vector<std::string> argv = {"git", "-C", repo};
    argv.insert(argv.end(), args.begin(), args.end());
    auto run = core::RunProcess(argv);
    if (!run) {
        if (run.error().code == core::Errc::kNotFound) {
            return core::MakeError(core::Errc::kUnavailable, "git is not installed");
        }
        return run.error();
    }
    if (run->exit_code != 0) {
        std::string message = run->err.empty() ? "git failed" : run->err;
        while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) {
            message.pop_back();
        }
        return core::MakeError(core::Errc::kNotFound, "git " + args.front() + ": " + message);
    }
    return std::move(run->out);
}

std::string FirstLine(std::string text) {
    auto end = text.find('\n');
    return end == std::string::npos ? text : text.substr(0, end);
}

// A path inside the repository: relative, without "..".
bool IsSafeRelativePath(const std::string& path) {
    std::filesystem::path p(path);
    if (path.empty() || p.is_absolute()) {
        return false;
    }
    for (const auto& part : p) {
        if (part == "..") {
            return false;
        }
    }
    return true;
}

core::Result<std::string> ReadWholeFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return core::MakeError(core::Errc::kNotFound, path.string() + ": no such file");
    }
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

}  // namespace

core::Result<LocalChange> LoadLocalChange(const std::string& repo_path,
                                          const std::optional<std::string>& base,
                                          const std::optional<std::string>& head) {
    auto top = Git(repo_path, {"rev-parse", "--show-toplevel"});
    if (!top) {
        return core::MakeError(top.error().code,
                               repo_path + " is not a git repository (" + top.error().detail + ")");
    }
    const std::string root = FirstLine(*top);
    LocalChange change;
    ChangeInfo& info = change.info;
    const std::vector<std::string> diff_flags = {"diff", "--no-color",      "--no-ext-diff",
                                                 "-M",   "--src-prefix=a/", "--dst-prefix=b/"};
    if (!base) {
        auto diff = Git(root, {"diff", "--no-color", "--no-ext-diff", "-M", "--src-prefix=a/",
                               "--dst-prefix=b/", "HEAD"});
        if (!diff) {
            return diff.error();
        }
        change.diff_text = std::move(*diff);
        info.subject = "uncommitted changes";
        info.base_ref = "HEAD";
        auto sha = Git(root, {"rev-parse", "HEAD"});
        info.base_sha = sha ? FirstLine(*sha) : "";
        // head_ref and head_sha stay empty: files are read from the working tree.
        return change;
    }
    const std::string head_ref = head.value_or("HEAD");
    auto head_sha = Git(root, {"rev-parse", "--verify", head_ref + "^{commit}"});
    if (!head_sha) {
        return core::MakeError(core::Errc::kNotFound, "unknown head ref " + head_ref);
    }
    auto base_sha = Git(root, {"merge-base", *base, head_ref});
    if (!base_sha) {
        return core::MakeError(core::Errc::kNotFound,
                               "no common ancestor of " + *base + " and " + head_ref);
    }
    auto args = diff_flags;
    args.push_back(*base + "..." + head_ref);
    auto diff = Git(root, args);
    if (!diff) {
        return diff.error();
    }
    change.diff_text = std::move(*diff);
    info.subject = *base + "..." + head_ref;
    info.base_ref = *base;
    info.base_sha = FirstLine(*base_sha);
    info.head_ref = head_ref;
    info.head_sha = FirstLine(*head_sha);
    auto title = Git(root, {"log", "-1", "--format=%s", info.head_sha});
    info.title = title ? FirstLine(*title) : "";
    auto messages = Git(root, {"log", "--format=%B", "--max-count=50", *base + ".." + head_ref});
    info.description = messages ? *messages : "";
    auto author = Git(root, {"log", "-1", "--format=%an", info.head_sha});
    info.author = author ? FirstLine(*author) : "";
    return change;
}

LocalGitHost::LocalGitHost(std::string repo_path) : repo_path_(std::move(repo_path)) {}

net::awaitable<core::Result<std::string>> LocalGitHost::ReadFile(std::string path,
                                                                 std::string ref) {
    if (!IsSafeRelativePath(path)) {
        co_return core::MakeError(core::Errc::kInvalidInput,
                                  path + ": not a path inside the repository");
    }
    if (ref.empty()) {
        auto top = Git(repo_path_, {"rev-parse", "--show-toplevel"});
        if (!top) {
            co_return top.error();
        }
        co_return ReadWholeFile(std::filesystem::path(FirstLine(*top)) / path);
    }
    co_return Git(repo_path_, {"show", ref + ":" + path});
}

DirectoryHost::DirectoryHost(std::string root) : root_(std::move(root)) {}

net::awaitable<core::Result<std::string>> DirectoryHost::ReadFile(std::string path, std::string) {
    if (root_.empty()) {
        co_return core::MakeError(core::Errc::kNotFound, path + ": no directory to read from");
    }
    if (!IsSafeRelativePath(path)) {
        co_return core::MakeError(core::Errc::kInvalidInput,
                                  path + ": not a path inside the directory");
    }
    co_return ReadWholeFile(std::filesystem::path(root_) / path);
}

}  // namespace nectr::review
