#include "api/repos_uninstall.hpp"

#include "api/read_handler.hpp"
#include "api/repos_common.hpp"
#include "api/repos_store.hpp"
#include "core/log.hpp"

namespace nectr::api {
namespace {

core::Result<bool> ParsePurge(const http::Request& request) {
    const std::optional<std::string> purge = request.QueryParam("purge");
    if (!purge || *purge == "false" || *purge == "0") {
        return false;
    }
    if (*purge == "true" || *purge == "1" || purge->empty()) {
        return true;
    }
    return core::MakeError(core::Errc::kInvalidInput, "purge must be true or false");
}

bool LeavesHookBehind(core::Errc code) {
    return code == core::Errc::kUnauthorized || code == core::Errc::kForbidden;
}

// Deletes the installation's hook on GitHub. Succeeds when it is gone, and when GitHub no
// longer lets the caller touch it (the hook stays; deliveries to it fail once no secret is
// left, which GitHub shows the repository's admins).
net::awaitable<core::Result<void>> RemoveHook(const RepoApiDeps* deps, auth::Caller caller,
                                              InstallationRow installation) {
    auto client_awaitable = deps->github_for(caller);
    core::Result<std::shared_ptr<github::GitHubClient>> client =
        co_await std::move(client_awaitable);
    core::Result<void> deleted;
    if (!client) {
        deleted = client.error();
    } else {
        const github::RepoName repo = ToRepoName(installation.repo_full_name);
        deleted = co_await (*client)->DeleteWebhook(repo, *installation.webhook_id);
    }
    if (deleted || deleted.error().code == core::Errc::kNotFound) {
        co_return core::Result<void>();
    }
    if (LeavesHookBehind(deleted.error().code)) {
        NECTR_LOG_WARN("api.webhook_left_behind", "user_id={} repo={} webhook_id={} reason=\"{}\"",
                       caller.user_id, installation.repo_full_name, *installation.webhook_id,
                       deleted.error().detail);
        co_return core::Result<void>();
    }
    co_return GitHubFailure(deleted.error(),
                            "removing the webhook of " + installation.repo_full_name);
}

net::awaitable<http::Response> Uninstall(const RepoApiDeps* deps, http::Request request) {
    core::Result<auth::Caller> caller = co_await deps->authenticate(request);
    if (!caller) {
        co_return AuthFailure(caller.error());
    }
    core::Result<std::string> full_name = RepoFullNameFromPath(request);
    if (!full_name) {
        co_return http::ErrorResponse(full_name.error());
    }
    core::Result<bool> purge = ParsePurge(request);
    if (!purge) {
        co_return http::ErrorResponse(purge.error());
    }
    const std::int64_t user_id = caller->user_id;
    std::function<core::Result<std::optional<InstallationRow>>()> find = [deps, &full_name,
                                                                          user_id] {
        return FindUserInstallation(*deps->db, user_id, *full_name);
    };
    auto existing =
        co_await deps->pool->Call<core::Result<std::optional<InstallationRow>>>(std::move(find));
    if (!existing) {
        co_return http::ErrorResponse(existing.error());
    }
    if (!*existing || !(*existing)->active) {
        co_return http::ErrorResponse(core::MakeError(
            core::Errc::kNotFound, *full_name + " is not connected to your account"));
    }
    const InstallationRow installation = **existing;
    std::function<core::Result<OtherConnections>()> count = [deps, &installation] {
        return CountOtherConnections(*deps->db, installation);
    };
    auto others = co_await deps->pool->Call<core::Result<OtherConnections>>(std::move(count));
    if (!others) {
        co_return http::ErrorResponse(others.error());
    }
    if (*purge && others->active > 0) {
        co_return http::ErrorResponse(StillConnectedByOthers(installation.repo_full_name));
    }
    if (installation.webhook_id && others->sharing_hook == 0) {
        core::Result<void> removed = co_await RemoveHook(deps, *caller, installation);
        if (!removed) {
            co_return http::ErrorResponse(removed.error());
        }
    }
    const bool purging = *purge;
    std::function<core::Result<void>()> disconnect = [deps, &installation, purging] {
        return Disconnect(*deps->db, installation, purging, core::ToUnixMillis(deps->clock->Now()));
    };
    core::Result<void> done = co_await deps->pool->Call<core::Result<void>>(std::move(disconnect));
    if (!done) {
        co_return http::ErrorResponse(done.error());
    }
    if (purging && deps->remove_local_copy) {
        const std::string& repo = installation.repo_full_name;
        std::function<core::Result<void>()> remove = [deps, &repo] {
            return deps->remove_local_copy(repo);
        };
        core::Result<void> removed =
            co_await deps->pool->Call<core::Result<void>>(std::move(remove));
        if (!removed) {
            // The database is purged already; the clone is logged for the operator to remove.
            NECTR_LOG_WARN("api.repo_clone_not_removed", "repo={} error=\"{}\"", repo,
                           removed.error().detail);
        }
    }
    NECTR_LOG_INFO("api.repo_disconnected", "user_id={} repo={} purged={}", user_id,
                   installation.repo_full_name, purging);
    co_return http::Response{204, {}, "", nullptr};
}

}  // namespace

http::Handler MakeUninstallRepoHandler(const std::shared_ptr<const RepoApiDeps>& deps) {
    return [deps](http::Request request) -> net::awaitable<http::Response> {
        return Uninstall(deps.get(), std::move(request));
    };
}

}  // namespace nectr::api
