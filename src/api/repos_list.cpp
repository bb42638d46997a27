#include "api/repos_list.hpp"

#include <boost/json.hpp>
#include <map>
#include <set>
#include <string>

#include "api/read_handler.hpp"
#include "api/repos_common.hpp"
#include "core/time_format.hpp"

namespace nectr::api {
namespace {

namespace json = boost::json;

json::value OptionalTime(const std::optional<std::int64_t>& unix_ms) {
    return unix_ms ? json::value(core::FormatUtcMillis(*unix_ms)) : json::value(nullptr);
}

json::value ScanJson(const index::ScanStatus* scan) {
    if (scan == nullptr) {
        return nullptr;
    }
    return json::object{
        {"state", scan->state},
        {"kind", scan->kind},
        {"commit", scan->commit ? json::value(*scan->commit) : json::value(nullptr)},
        {"files", scan->files},
        {"symbols", scan->symbols},
        {"chunks", scan->chunks},
        {"started_at", OptionalTime(scan->started_at_ms)},
        {"finished_at", OptionalTime(scan->finished_at_ms)},
        {"error", scan->error ? json::value(*scan->error) : json::value(nullptr)},
    };
}

json::object GitHubEntry(const github::Repository& repo, const InstallationRow* installation) {
    return json::object{
        {"full_name", repo.full_name},
        {"name", repo.name},
        {"owner", repo.owner_login},
        {"github_id", repo.id},
        {"private", repo.is_private},
        {"archived", repo.archived},
        {"default_branch", repo.default_branch},
        {"html_url", repo.html_url},
        {"permissions", json::object{{"admin", repo.can_admin}, {"push", repo.can_push}}},
        {"on_github", true},
        {"connected", installation != nullptr && installation->active},
        {"installation",
         installation != nullptr ? json::value(InstallationJson(*installation)) : nullptr},
    };
}

// A connected repository that the listing lacks: only what the row knows.
json::object StoredEntry(const InstallationRow& installation, bool listing_complete) {
    const github::RepoName name = ToRepoName(installation.repo_full_name);
    json::value github_id = nullptr;
    if (installation.github_repo_id) {
        github_id = *installation.github_repo_id;
    }
    return json::object{
        {"full_name", installation.repo_full_name},
        {"name", name.name},
        {"owner", name.owner},
        {"github_id", github_id},
        {"private", nullptr},
        {"archived", nullptr},
        {"default_branch", nullptr},
        {"html_url", nullptr},
        {"permissions", nullptr},
        {"on_github", listing_complete ? json::value(false) : json::value(nullptr)},
        {"connected", true},
        {"installation", InstallationJson(installation)},
    };
}

}  // namespace

json::object RenderRepositoryList(const github::Listing<github::Repository>& listing,
                                  const std::vector<InstallationRow>& installations,
                                  const std::vector<index::ScanStatus>& scans) {
    std::map<std::string, const index::ScanStatus*> scan_by_name;
    for (const index::ScanStatus& scan : scans) {
        scan_by_name[LowerName(scan.repository)] = &scan;
    }
    auto scan_of = [&scan_by_name](const std::string& key) {
        auto found = scan_by_name.find(key);
        return ScanJson(found == scan_by_name.end() ? nullptr : found->second);
    };
    // Several rows of one name (a case change on GitHub's side) are possible: prefer the
    // active one, then the newest, as FindUserInstallation does.
    std::map<std::string, const InstallationRow*> by_name;
    for (const InstallationRow& installation : installations) {
        const InstallationRow*& slot = by_name[LowerName(installation.repo_full_name)];
        if (slot == nullptr || (installation.active && !slot->active) ||
            (installation.active == slot->active &&
             installation.updated_at_ms > slot->updated_at_ms)) {
            slot = &installation;
        }
    }
    json::array entries;
    std::set<std::string> listed;
    for (const github::Repository& repo : listing.items) {
        std::string key = LowerName(repo.full_name);
        auto found = by_name.find(key);
        json::object entry = GitHubEntry(repo, found == by_name.end() ? nullptr : found->second);
        entry["index"] = scan_of(key);
        entries.push_back(std::move(entry));
        listed.insert(std::move(key));
    }
    for (const auto& [key, installation] : by_name) {
        if (installation->active && !listed.contains(key)) {
            json::object entry = StoredEntry(*installation, !listing.truncated);
            entry["index"] = scan_of(key);
            entries.push_back(std::move(entry));
        }
    }
    return json::object{{"repositories", std::move(entries)}, {"truncated", listing.truncated}};
}

namespace {

net::awaitable<http::Response> ListRepos(const RepoApiDeps* deps, http::Request request) {
    core::Result<auth::Caller> caller = co_await deps->authenticate(request);
    if (!caller) {
        co_return AuthFailure(caller.error());
    }
    auto client_awaitable = deps->github_for(*caller);
    core::Result<std::shared_ptr<github::GitHubClient>> client =
        co_await std::move(client_awaitable);
    if (!client) {
        co_return http::ErrorResponse(client.error());
    }
    auto listing = co_await (*client)->ListMyRepositories();
    if (!listing) {
        co_return http::ErrorResponse(GitHubFailure(listing.error(), "listing your repositories"));
    }
    const std::int64_t user_id = caller->user_id;
    std::function<core::Result<std::vector<InstallationRow>>()> load = [deps, user_id] {
        return ListUserInstallations(*deps->db, user_id);
    };
    auto installations =
        co_await deps->pool->Call<core::Result<std::vector<InstallationRow>>>(std::move(load));
    if (!installations) {
        co_return http::ErrorResponse(installations.error());
    }
    std::function<core::Result<std::vector<index::ScanStatus>>()> load_scans = [deps, user_id] {
        return index::ScanStatusesOfUser(*deps->db, user_id);
    };
    auto scans = co_await deps->pool->Call<core::Result<std::vector<index::ScanStatus>>>(
        std::move(load_scans));
    if (!scans) {
        co_return http::ErrorResponse(scans.error());
    }
    co_return JsonAnswer(200, RenderRepositoryList(*listing, *installations, *scans));
}

}  // namespace

http::Handler MakeListReposHandler(const std::shared_ptr<const RepoApiDeps>& deps) {
    return [deps](http::Request request) -> net::awaitable<http::Response> {
        return ListRepos(deps.get(), std::move(request));
    };
}

}  // namespace nectr::api
