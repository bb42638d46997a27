#include "review/pull_request_source.hpp"

#include "core/log.hpp"
#include "review/diff_parser.hpp"

namespace nectr::review {

namespace {

FileStatus StatusFromGitHub(std::string_view status) {
    if (status == "added") {
        return FileStatus::kAdded;
    }
    if (status == "removed") {
        return FileStatus::kDeleted;
    }
    if (status == "renamed") {
        return FileStatus::kRenamed;
    }
    if (status == "copied") {
        return FileStatus::kCopied;
    }
    return FileStatus::kModified;
}

// GitHub refuses the diff of a very large pull request; its files' patches still come.
net::awaitable<core::Result<Diff>> DiffFromFiles(github::GitHubClient& client,
                                                 github::RepoName repo, int number) {
    auto files = co_await client.ListPullRequestFiles(repo, number);
    if (!files) {
        co_return files.error();
    }
    Diff diff;
    for (const auto& file : files->items) {
        auto parsed = ParsePatch(file.filename, StatusFromGitHub(file.status), file.patch,
                                 file.previous_filename);
        if (!parsed) {
            co_return parsed.error();
        }
        if (!file.has_patch) {
            parsed->binary = true;  // binary, or too large for GitHub to show
        }
        diff.files.push_back(std::move(*parsed));
    }
    co_return diff;
}

}  // namespace

core::Result<github::RepoName> SplitRepoName(std::string_view full_name) {
    const auto slash = full_name.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 == full_name.size() ||
        full_name.find('/', slash + 1) != std::string_view::npos) {
        return core::MakeError(core::Errc::kInvalidInput,
                               "'" + std::string(full_name) + "' is not owner/repo");
    }
    return github::RepoName{std::string(full_name.substr(0, slash)),
                            std::string(full_name.substr(slash + 1))};
}

net::awaitable<core::Result<FetchedPullRequest>> FetchPullRequest(github::GitHubClient& client,
                                                                  std::string full_name,
                                                                  int number) {
    auto repo = SplitRepoName(full_name);
    if (!repo) {
        co_return repo.error();
    }
    auto pr = co_await client.GetPullRequest(*repo, number);
    if (!pr) {
        co_return pr.error();
    }
    FetchedPullRequest fetched;
    ChangeInfo& info = fetched.info;
    info.subject = full_name + "#" + std::to_string(number);
    info.repo_full_name = full_name;
    info.number = number;
    info.title = pr->title;
    info.description = pr->body;
    info.author = pr->user.login;
    info.base_ref = pr->base.ref;
    info.base_sha = pr->base.sha;
    info.head_ref = pr->head.ref;
    info.head_sha = pr->head.sha;
    info.draft = pr->draft;

    auto diff_text = co_await client.GetPullRequestDiff(*repo, number);
    if (diff_text) {
        auto parsed = ParseUnifiedDiff(*diff_text);
        if (!parsed) {
            co_return parsed.error();
        }
        fetched.diff = std::move(*parsed);
    } else if (diff_text.error().code == core::Errc::kUpstream) {
        NECTR_LOG_INFO("review.diff_from_files", "pr={} reason=\"{}\"", info.subject,
                       diff_text.error().detail);
        auto assembled = co_await DiffFromFiles(client, *repo, number);
        if (!assembled) {
            co_return assembled.error();
        }
        fetched.diff = std::move(*assembled);
    } else {
        co_return diff_text.error();
    }

    auto config_file = co_await client.GetFileContent(*repo, ".nectr.toml", info.base_sha);
    if (config_file) {
        auto config = ParseRepoConfig(config_file->content);
        if (config) {
            fetched.config = std::move(*config);
        } else {
            fetched.notes.push_back(".nectr.toml is invalid (" + config.error().detail +
                                    "); the defaults were used");
        }
    } else if (config_file.error().code != core::Errc::kNotFound) {
        co_return config_file.error();
    }
    co_return fetched;
}

net::awaitable<core::Result<std::optional<std::set<std::string>>>> PathsChangedSince(
    github::GitHubClient& client, std::string full_name, std::string old_head,
    std::string new_head) {
    auto repo = SplitRepoName(full_name);
    if (!repo) {
        co_return repo.error();
    }
    auto comparison = co_await client.CompareCommits(*repo, old_head, new_head);
    if (!comparison) {
        if (comparison.error().code == core::Errc::kNotFound) {
            co_return std::optional<std::set<std::string>>();  // the old head is gone
        }
        co_return comparison.error();
    }
    if (comparison->status != "ahead" || comparison->files.size() >= 300) {
        co_return std::optional<std::set<std::string>>();
    }
    std::set<std::string> paths;
    for (const auto& file : comparison->files) {
        paths.insert(file.filename);
    }
    co_return std::optional<std::set<std::string>>(std::move(paths));
}

GitHubCodeHost::GitHubCodeHost(github::GitHubClient& client, github::RepoName repo)
    : client_(client), repo_(std::move(repo)) {}

net::awaitable<core::Result<std::string>> GitHubCodeHost::ReadFile(std::string path,
                                                                   std::string ref) {
    auto file = co_await client_.GetFileContent(repo_, std::move(path), std::move(ref));
    if (!file) {
        co_return file.error();
    }
    co_return std::move(file->content);
}

}  // namespace nectr::review
