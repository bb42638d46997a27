#include "api/repos_install.hpp"

#include <fmt/core.h>

#include <boost/json.hpp>

#include "api/read_handler.hpp"
#include "api/repos_common.hpp"
#include "api/repos_store.hpp"
#include "core/log.hpp"

namespace nectr::api {
namespace {

using ClientPtr = std::shared_ptr<github::GitHubClient>;

// The hook a new installation receives through.
struct HookChoice {
    std::int64_t webhook_id = 0;
    std::string sealed_secret;
    std::string how;               // "created", "shared" or "adopted"
    bool secret_replaced = false;  // an existing hook took a new secret
};

// The caller's repository as GitHub lists it. kNotFound when it is not listed.
net::awaitable<core::Result<github::Repository>> FindListedRepository(ClientPtr client,
                                                                      std::string full_name) {
    auto listing = co_await client->ListMyRepositories();
    if (!listing) {
        co_return GitHubFailure(listing.error(), "listing your repositories");
    }
    const std::string wanted = LowerName(full_name);
    for (github::Repository& repo : listing->items) {
        if (LowerName(repo.full_name) == wanted) {
            co_return std::move(repo);
        }
    }
    std::string detail =
        fmt::format("{} is not among the repositories GitHub shows you", full_name);
    if (listing->truncated) {
        detail += " (GitHub's list was cut short; it may be further down)";
    }
    co_return core::MakeError(core::Errc::kNotFound, std::move(detail));
}

core::Error CreateHookFailure(const core::Error& error, const std::string& full_name) {
    if (error.code == core::Errc::kForbidden) {
        return core::MakeError(
            core::Errc::kForbidden,
            fmt::format("GitHub did not let you add a webhook to {}: that needs admin rights on "
                        "the repository and a token with the admin:repo_hook scope ({})",
                        full_name, error.detail));
    }
    if (error.code == core::Errc::kNotFound) {
        return core::MakeError(
            core::Errc::kNotFound,
            fmt::format("GitHub did not find {} when adding its webhook: it was deleted or "
                        "renamed, or your token lacks the admin:repo_hook scope ({})",
                        full_name, error.detail));
    }
    return GitHubFailure(error, "creating the webhook of " + full_name);
}

// GitHub refused a second hook for Nectr's URL: the hook left from an earlier connection is
// taken over with the new secret. Returns its id.
net::awaitable<core::Result<std::int64_t>> AdoptLeftoverHook(ClientPtr client,
                                                             std::string full_name,
                                                             github::WebhookSpec spec,
                                                             core::Error refusal) {
    const github::RepoName repo = ToRepoName(full_name);
    auto hooks = co_await client->ListWebhooks(repo);
    if (!hooks) {
        co_return GitHubFailure(hooks.error(), "listing the webhooks of " + full_name);
    }
    std::optional<std::int64_t> leftover;
    for (const github::Webhook& hook : hooks->items) {
        if (hook.url == spec.url) {
            leftover = hook.id;
        }
    }
    if (!leftover) {
        co_return CreateHookFailure(refusal, full_name);
    }
    auto updated = co_await client->UpdateWebhook(repo, *leftover, spec);
    if (!updated) {
        co_return GitHubFailure(updated.error(), "updating the webhook of " + full_name);
    }
    co_return *leftover;
}

// A hook of another user's installation whose secret can still be opened, if any.
net::awaitable<core::Result<std::optional<HookChoice>>> FindSharedHookChoice(
    const RepoApiDeps* deps, std::string full_name, std::int64_t user_id) {
    std::function<core::Result<std::optional<InstallationRow>>()> find =
        [deps, &full_name, user_id] { return FindSharedHook(*deps->db, full_name, user_id); };
    auto shared =
        co_await deps->pool->Call<core::Result<std::optional<InstallationRow>>>(std::move(find));
    if (!shared) {
        co_return shared.error();
    }
    if (!*shared) {
        co_return std::optional<HookChoice>();
    }
    const InstallationRow& row = **shared;
    if (!deps->open_secret(*row.sealed_secret)) {
        // Sealed under a key that is gone: a fresh secret replaces it on the hook below.
        NECTR_LOG_WARN("api.webhook_secret_unreadable", "repo={} installation_id={}", full_name,
                       row.id);
        co_return std::optional<HookChoice>();
    }
    co_return std::optional<HookChoice>(HookChoice{*row.webhook_id, *row.sealed_secret, "shared"});
}

net::awaitable<core::Result<HookChoice>> ChooseHook(const RepoApiDeps* deps, ClientPtr client,
                                                    std::string full_name, std::int64_t user_id) {
    auto shared = co_await FindSharedHookChoice(deps, full_name, user_id);
    if (!shared) {
        co_return shared.error();
    }
    if (*shared) {
        co_return std::move(**shared);
    }
    core::Result<std::string> secret = NewWebhookSecret();
    if (!secret) {
        co_return secret.error();
    }
    github::WebhookSpec spec;
    spec.url = deps->webhook_url;
    spec.secret = *secret;
    spec.content_type = "json";
    spec.events.assign(std::begin(kWebhookEvents), std::end(kWebhookEvents));
    spec.active = true;
    auto created = co_await client->CreateWebhook(ToRepoName(full_name), spec);
    if (created) {
        co_return HookChoice{created->id, deps->seal_secret(*secret), "created"};
    }
    if (created.error().code != core::Errc::kInvalidInput) {
        co_return CreateHookFailure(created.error(), full_name);
    }
    auto adopted = co_await AdoptLeftoverHook(client, full_name, spec, created.error());
    if (!adopted) {
        co_return adopted.error();
    }
    co_return HookChoice{*adopted, deps->seal_secret(*secret), "adopted", true};
}

http::Response AlreadyConnected(const InstallationRow& installation) {
    return JsonAnswer(200, boost::json::object{{"installation", InstallationJson(installation)},
                                               {"scan_job_id", nullptr},
                                               {"webhook", "unchanged"}});
}

// Stores the connection; a hook created for it is removed again when that fails.
net::awaitable<core::Result<SavedConnection>> Save(const RepoApiDeps* deps, ClientPtr client,
                                                   NewConnection connection, bool hook_created) {
    std::function<core::Result<SavedConnection>()> save = [deps, &connection] {
        return SaveConnection(*deps->db, connection, core::ToUnixMillis(deps->clock->Now()));
    };
    auto saved = co_await deps->pool->Call<core::Result<SavedConnection>>(std::move(save));
    if (!saved && hook_created) {
        const github::RepoName repo = ToRepoName(connection.repo_full_name);
        auto removed = co_await client->DeleteWebhook(repo, connection.webhook_id);
        NECTR_LOG_WARN("api.repo_connect_rolled_back", "repo={} webhook_id={} hook_removed={}",
                       connection.repo_full_name, connection.webhook_id, removed.has_value());
    }
    co_return saved;
}

net::awaitable<http::Response> Install(const RepoApiDeps* deps, http::Request request) {
    core::Result<auth::Caller> caller = co_await deps->authenticate(request);
    if (!caller) {
        co_return AuthFailure(caller.error());
    }
    core::Result<std::string> full_name = RepoFullNameFromPath(request);
    if (!full_name) {
        co_return http::ErrorResponse(full_name.error());
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
    if (*existing && (*existing)->active) {
        co_return AlreadyConnected(**existing);
    }
    auto client_awaitable = deps->github_for(*caller);
    core::Result<ClientPtr> client = co_await std::move(client_awaitable);
    if (!client) {
        co_return http::ErrorResponse(client.error());
    }
    auto repo = co_await FindListedRepository(*client, *full_name);
    if (!repo) {
        co_return http::ErrorResponse(repo.error());
    }
    if (!repo->can_admin) {
        co_return http::ErrorResponse(core::MakeError(
            core::Errc::kForbidden,
            fmt::format("connecting {} needs admin rights on it (to add its webhook), and GitHub "
                        "says you have none; ask an owner of the repository to connect it",
                        repo->full_name)));
    }
    auto hook = co_await ChooseHook(deps, *client, repo->full_name, user_id);
    if (!hook) {
        co_return http::ErrorResponse(hook.error());
    }
    NewConnection connection{user_id,          repo->full_name,     repo->id,
                             hook->webhook_id, hook->sealed_secret, hook->secret_replaced};
    auto saved = co_await Save(deps, *client, std::move(connection), hook->how == "created");
    if (!saved) {
        co_return http::ErrorResponse(saved.error());
    }
    if (saved->scan.queued_now && deps->notify_workers) {
        deps->notify_workers();
    }
    NECTR_LOG_INFO("api.repo_connected", "user_id={} repo={} webhook_id={} webhook={} job_id={}",
                   user_id, repo->full_name, hook->webhook_id, hook->how, saved->scan.job_id);
    co_return JsonAnswer(
        201, boost::json::object{{"installation", InstallationJson(saved->installation)},
                                 {"scan_job_id", saved->scan.job_id},
                                 {"webhook", hook->how}});
}

}  // namespace

http::Handler MakeInstallRepoHandler(const std::shared_ptr<const RepoApiDeps>& deps) {
    return [deps](http::Request request) -> net::awaitable<http::Response> {
        return Install(deps.get(), std::move(request));
    };
}

}  // namespace nectr::api
