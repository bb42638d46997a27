#include "review/local_git.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>

#include "core/subprocess.hpp"

namespace nectr::review {

namespace {

// More untracked files than this are a forgotten build or dependency folder, not work to review.
constexpr std::size_t kMaxUntrackedFiles = 500;

// git's error text on one line: "error: ...; fatal: ...".
std::string OneLine(const std::string& text) {
    std::string line;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos) {
            end = text.size();
        }
        std::string part = text.substr(start, end - start);
        while (!part.empty() && (part.back() == '\r' || part.back() == ' ')) {
            part.pop_back();
        }
        if (!part.empty()) {
            line += line.empty() ? part : "; " + part;
        }
        start = end + 1;
    }
    return line;
}

// Runs git in `repo`; an exit code outside `accepted` is an error that carries git's message.
core::Result<std::string> GitAccepting(const std::string& repo, std::vector<std::string> args,
                                       std::initializer_list<int> accepted) {
    std::vector<std::string> argv = {"git", "-C", repo};
    argv.insert(argv.end(), args.begin(), args.end());
    auto run = core::RunProcess(argv);
    if (!run) {
        if (run.error().code == core::Errc::kNotFound) {
            return core::MakeError(core::Errc::kUnavailable, "git is not installed");
        }
        return run.error();
    }
    if (std::find(accepted.begin(), accepted.end(), run->exit_code) == accepted.end()) {
        std::string message = OneLine(run->err);
        return core::MakeError(
            core::Errc::kNotFound,
            "git " + args.front() + ": " + (message.empty() ? std::string("failed") : message));
    }
    return std::move(run->out);
}

core::Result<std::string> Git(const std::string& repo, std::vector<std::string> args) {
    return GitAccepting(repo, std::move(args), {0});
}

std::string FirstLine(const std::string& text) {
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

const std::vector<std::string>& DiffFlags() {
    static const std::vector<std::string> flags = {"diff", "--no-color",      "--no-ext-diff",
                                                   "-M",   "--src-prefix=a/", "--dst-prefix=b/"};
    return flags;
}

// New files git does not track yet (and does not ignore): uncommitted work that `git diff HEAD`
// leaves out. Each is diffed against /dev/null; the index is never touched.
core::Result<std::string> UntrackedFilesDiff(const std::string& root, LocalChange& change) {
    auto listed = Git(root, {"ls-files", "--others", "--exclude-standard", "-z"});
    if (!listed) {
        return listed.error();
    }
    std::string diff;
    std::size_t count = 0;
    std::size_t start = 0;
    while (start < listed->size()) {
        auto end = listed->find('\0', start);
        if (end == std::string::npos) {
            end = listed->size();
        }
        const std::string path = listed->substr(start, end - start);
        start = end + 1;
        if (path.empty() || path.back() == '/') {
            continue;  // a nested repository shows as "dir/": not a file of this one
        }
        if (++count > kMaxUntrackedFiles) {
            change.notes.push_back("Only the first " + std::to_string(kMaxUntrackedFiles) +
                                   " untracked files were reviewed; add the others to git or "
                                   "to .gitignore.");
            break;
        }
        auto args = DiffFlags();
        args.insert(args.end(), {"--no-index", "--", "/dev/null", path});
        // `git diff --no-index` exits with 1 when the files differ, which they always do here.
        auto file_diff = GitAccepting(root, args, {0, 1});
        if (!file_diff) {
            return file_diff.error();
        }
        diff += *file_diff;
    }
    return diff;
}

core::Result<LocalChange> LoadUncommittedChange(const std::string& root) {
    LocalChange change;
    ChangeInfo& info = change.info;
    info.subject = "uncommitted changes";
    info.base_ref = "HEAD";
    auto head = Git(root, {"rev-parse", "--verify", "--quiet", "HEAD^{commit}"});
    // A repository without commits yet: everything in it is new, compared with the empty tree.
    std::string against = head ? FirstLine(*head) : std::string();
    if (against.empty()) {
        auto empty_tree = Git(root, {"hash-object", "-t", "tree", "/dev/null"});
        if (!empty_tree) {
            return empty_tree.error();
        }
        against = FirstLine(*empty_tree);
    } else {
        info.base_sha = against;
    }
    auto args = DiffFlags();
    args.push_back(against);
    auto diff = Git(root, args);
    if (!diff) {
        return diff.error();
    }
    auto untracked = UntrackedFilesDiff(root, change);
    if (!untracked) {
        return untracked.error();
    }
    change.diff_text = std::move(*diff) + *untracked;
    // head_ref and head_sha stay empty: files are read from the working tree.
    return change;
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
    if (!base) {
        return LoadUncommittedChange(root);
    }
    LocalChange change;
    ChangeInfo& info = change.info;
    auto base_commit = Git(root, {"rev-parse", "--verify", "--quiet", *base + "^{commit}"});
    if (!base_commit) {
        return core::MakeError(core::Errc::kNotFound, "unknown base ref " + *base);
    }
    const std::string head_ref = head.value_or("HEAD");
    auto head_sha = Git(root, {"rev-parse", "--verify", "--quiet", head_ref + "^{commit}"});
    if (!head_sha) {
        return core::MakeError(core::Errc::kNotFound, "unknown head ref " + head_ref);
    }
    auto base_sha = Git(root, {"merge-base", *base, head_ref});
    if (!base_sha) {
        return core::MakeError(core::Errc::kNotFound,
                               "no common ancestor of " + *base + " and " + head_ref);
    }
    auto args = DiffFlags();
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
