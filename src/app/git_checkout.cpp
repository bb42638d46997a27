#include "app/git_checkout.hpp"

#include <openssl/evp.h>

#include <filesystem>
#include <system_error>

#include "core/subprocess.hpp"
#include "graph/git_log.hpp"

namespace nectr::app {
namespace {

namespace fs = std::filesystem;

bool IsNamePart(std::string_view part) {
    if (part.empty() || part == "." || part == ".." || part.size() > 100) {
        return false;
    }
    for (const char c : part) {
        const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                             (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
        if (!allowed) {
            return false;
        }
    }
    return true;
}

// Standard base64 with padding, as HTTP Basic credentials want it, by OpenSSL.
std::string EncodeBase64(std::string_view bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                        reinterpret_cast<const unsigned char*>(bytes.data()),
                                        static_cast<int>(bytes.size()));
    out.resize(written > 0 ? static_cast<std::size_t>(written) : 0);
    return out;
}

std::string BasicCredentials(std::string_view token) {
    return EncodeBase64("x-access-token:" + std::string(token));
}

// The last non-empty line git printed on standard error: its "fatal: ..." reason.
std::string LastLine(std::string_view text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
        text.remove_suffix(1);
    }
    const std::size_t start = text.rfind('\n');
    return std::string(start == std::string_view::npos ? text : text.substr(start + 1));
}

core::Error GitFailure(std::string_view what, const std::string& repository,
                       const core::ProcessResult& result, std::string_view token) {
    const std::string said = Redact(LastLine(result.err), token);
    const bool refused = said.find("Authentication failed") != std::string::npos ||
                         said.find("could not read Username") != std::string::npos ||
                         said.find("could not read Password") != std::string::npos ||
                         said.find(" 401") != std::string::npos ||
                         said.find(" 403") != std::string::npos;
    if (refused) {
        return core::MakeError(core::Errc::kForbidden,
                               std::string(what) + " of " + repository +
                                   " was refused: the GitHub token has no access to it (" + said +
                                   ")");
    }
    if (said.find("not found") != std::string::npos || said.find(" 404") != std::string::npos) {
        return core::MakeError(core::Errc::kNotFound, std::string(what) + " of " + repository +
                                                          " failed: no such "
                                                          "repository (" +
                                                          said + ")");
    }
    return core::MakeError(core::Errc::kUnavailable,
                           std::string(what) + " of " + repository + " failed: " + said);
}

core::Result<core::ProcessResult> Git(std::vector<std::string> args, std::string_view token) {
    args.insert(args.begin(), "git");
    core::ProcessOptions options;
    options.environment = GitEnvironment(token);
    core::Result<core::ProcessResult> result = core::RunProcess(args, options);
    if (!result && result.error().code == core::Errc::kNotFound) {
        return core::MakeError(core::Errc::kUnavailable, "git is not installed");
    }
    return result;
}

core::Result<std::string> HeadOf(const std::string& path) {
    auto result = Git({"-C", path, "rev-parse", "HEAD"}, "");
    if (!result) {
        return result.error();
    }
    if (result->exit_code != 0) {
        return core::MakeError(core::Errc::kUnavailable, "git rev-parse HEAD failed in " + path +
                                                             ": " + LastLine(result->err));
    }
    return LastLine(result->out);
}

core::Result<void> Clone(const std::string& url, const std::string& repository,
                         const std::string& path, const std::string& token) {
    const std::string partial = path + ".partial";
    std::error_code ec;
    fs::remove_all(partial, ec);
    fs::create_directories(fs::path(path).parent_path(), ec);
    if (ec) {
        return core::MakeError(core::Errc::kInternal,
                               "cannot create the folder of " + path + ": " + ec.message());
    }
    auto cloned = Git({"clone", "--quiet", "--no-tags", "--", url, partial}, token);
    if (!cloned) {
        return cloned.error();
    }
    if (cloned->exit_code != 0) {
        fs::remove_all(partial, ec);
        return GitFailure("git clone", repository, *cloned, token);
    }
    fs::rename(partial, path, ec);
    if (ec) {
        return core::MakeError(core::Errc::kInternal,
                               "cannot move the clone to " + path + ": " + ec.message());
    }
    return {};
}

core::Result<void> Fetch(const std::string& repository, const std::string& path,
                         const std::string& token) {
    // The remote's HEAD is its default branch, whatever it is called now.
    auto fetched = Git(
        {"-C", path, "fetch", "--quiet", "--no-tags", "--force", "origin", "+HEAD:refs/nectr/head"},
        token);
    if (!fetched) {
        return fetched.error();
    }
    if (fetched->exit_code != 0) {
        return GitFailure("git fetch", repository, *fetched, token);
    }
    auto reset = Git({"-C", path, "reset", "--quiet", "--hard", "refs/nectr/head"}, "");
    if (!reset) {
        return reset.error();
    }
    if (reset->exit_code != 0) {
        return GitFailure("git reset", repository, *reset, token);
    }
    return {};
}

}  // namespace

core::Result<std::string> CheckoutPath(std::string_view data_dir, std::string_view repository) {
    const std::size_t slash = repository.find('/');
    if (slash == std::string_view::npos || !IsNamePart(repository.substr(0, slash)) ||
        !IsNamePart(repository.substr(slash + 1))) {
        return core::MakeError(core::Errc::kInvalidInput,
                               "not a repository name (owner/name): " + std::string(repository));
    }
    std::string root(data_dir);
    while (root.size() > 1 && root.back() == '/') {
        root.pop_back();
    }
    return root + "/repos/" + std::string(repository);
}

core::Result<void> RemoveCheckout(std::string_view data_dir, std::string_view repository) {
    core::Result<std::string> path = CheckoutPath(data_dir, repository);
    if (!path) {
        return path.error();
    }
    for (const std::string& folder : {*path, *path + ".partial"}) {
        std::error_code ec;
        fs::remove_all(folder, ec);
        if (ec) {
            return core::MakeError(core::Errc::kUnavailable,
                                   "cannot remove " + folder + ": " + ec.message());
        }
    }
    return {};
}

std::string RemoteUrl(std::string_view git_url, std::string_view repository) {
    std::string base(git_url);
    while (!base.empty() && base.back() == '/') {
        base.pop_back();
    }
    return base + "/" + std::string(repository) + ".git";
}

std::vector<std::pair<std::string, std::string>> GitEnvironment(std::string_view token) {
    std::vector<std::pair<std::string, std::string>> env = {
        {"GIT_TERMINAL_PROMPT", "0"},
        {"GIT_CONFIG_NOSYSTEM", "1"},
        {"GIT_CONFIG_COUNT", token.empty() ? "1" : "2"},
        {"GIT_CONFIG_KEY_0", "credential.helper"},
        {"GIT_CONFIG_VALUE_0", ""},
    };
    if (!token.empty()) {
        env.emplace_back("GIT_CONFIG_KEY_1", "http.extraHeader");
        env.emplace_back("GIT_CONFIG_VALUE_1", "Authorization: Basic " + BasicCredentials(token));
    }
    return env;
}

std::string Redact(std::string text, std::string_view secret) {
    if (secret.empty()) {
        return text;
    }
    for (const std::string& needle : {std::string(secret), BasicCredentials(secret)}) {
        for (std::size_t at = text.find(needle); at != std::string::npos;
             at = text.find(needle, at)) {
            text.replace(at, needle.size(), "[redacted]");
        }
    }
    return text;
}

core::Result<SyncedCheckout> SyncCheckout(const std::string& git_url, const std::string& repository,
                                          const std::string& path, const std::string& token) {
    SyncedCheckout synced;
    synced.path = path;
    std::error_code ec;
    if (fs::exists(path + "/.git", ec)) {
        if (auto fetched = Fetch(repository, path, token); !fetched) {
            return fetched.error();
        }
    } else {
        fs::remove_all(path, ec);
        if (auto cloned = Clone(RemoteUrl(git_url, repository), repository, path, token); !cloned) {
            return cloned.error();
        }
        synced.cloned = true;
    }
    core::Result<std::string> head = HeadOf(path);
    if (!head) {
        return head.error();
    }
    synced.head = std::move(*head);
    return synced;
}

core::Result<ChangedFiles> DiffCommits(const std::string& path, const std::string& from,
                                       const std::string& to) {
    if (!graph::IsCommitName(from) || !graph::IsCommitName(to)) {
        return core::MakeError(core::Errc::kInvalidInput, "not a commit name: " + from + ".." + to);
    }
    auto known = Git({"-C", path, "cat-file", "-e", from + "^{commit}"}, "");
    if (!known) {
        return known.error();
    }
    if (known->exit_code != 0) {
        return core::MakeError(core::Errc::kNotFound, "the clone has no commit " + from);
    }
    auto diff = Git({"-C", path, "diff", "--name-status", "-z", "--no-renames", from, to}, "");
    if (!diff) {
        return diff.error();
    }
    if (diff->exit_code != 0) {
        return core::MakeError(core::Errc::kUnavailable, "git diff failed: " + LastLine(diff->err));
    }
    // Records are "<status>\0<path>\0".
    ChangedFiles files;
    const std::string& out = diff->out;
    std::size_t at = 0;
    while (at < out.size()) {
        const std::size_t status_end = out.find('\0', at);
        if (status_end == std::string::npos) {
            break;
        }
        const std::size_t path_end = out.find('\0', status_end + 1);
        if (path_end == std::string::npos) {
            break;
        }
        std::string file = out.substr(status_end + 1, path_end - status_end - 1);
        if (out[at] == 'D') {
            files.removed.push_back(std::move(file));
        } else {
            files.changed.push_back(std::move(file));
        }
        at = path_end + 1;
    }
    return files;
}

}  // namespace nectr::app
