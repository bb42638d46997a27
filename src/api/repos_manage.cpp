#include "api/repos_manage.hpp"

#include <fmt/core.h>

#include <boost/json.hpp>

#include "api/read_handler.hpp"
#include "api/repos_common.hpp"
#include "api/repos_install.hpp"
#include "api/repos_store.hpp"
#include "core/log.hpp"

namespace nectr::api {
namespace {

namespace json = boost::json;

constexpr std::string_view kSettingName = "max_concurrent_reviews";

core::Error BadSettings(std::string_view why) {
    return core::MakeError(
        core::Errc::kInvalidInput,
        fmt::format("{}: send {{\"max_concurrent_reviews\": N}} with N from {} to {}, or null "
                    "for no limit",
                    why, kMinConcurrentReviews, kMaxConcurrentReviews));
}

// The caller and their active installation of the repository in the path, or the answer
// that ends the request.
struct Target {
    std::optional<InstallationRow> installation;
    std::optional<http::Response> refusal;
    std::optional<auth::Caller> caller;
};

net::awaitable<Target> FindTarget(const RepoApiDeps* deps, http::Request request) {
    core::Result<auth::Caller> caller = co_await deps->authenticate(request);
    if (!caller) {
        co_return Target{std::nullopt, AuthFailure(caller.error()), std::nullopt};
    }
    core::Result<std::string> full_name = RepoFullNameFromPath(request);
    if (!full_name) {
        co_return Target{std::nullopt, http::ErrorResponse(full_name.error()), std::nullopt};
    }
    const std::int64_t user_id = caller->user_id;
    std::function<core::Result<std::optional<InstallationRow>>()> find = [deps, &full_name,
                                                                          user_id] {
        return FindUserInstallation(*deps->db, user_id, *full_name);
    };
    auto found =
        co_await deps->pool->Call<core::Result<std::optional<InstallationRow>>>(std::move(find));
    if (!found) {
        co_return Target{std::nullopt, http::ErrorResponse(found.error()), std::nullopt};
    }
    if (!*found || !(*found)->active) {
        co_return Target{
            std::nullopt,
            http::ErrorResponse(core::MakeError(core::Errc::kNotFound,
                                                *full_name + " is not connected to your account")),
            std::nullopt};
    }
    co_return Target{std::move(*found), std::nullopt, std::move(*caller)};
}

// Subscribes the repository's hook to every event Nectr reads, for hooks made before one of
// them was added (pull_request_review_comment came with feedback learning). Best effort: the
// answer says what happened, and a failure does not stop the scan.
net::awaitable<std::string> RefreshHookEvents(const RepoApiDeps* deps, const auth::Caller& caller,
                                              const InstallationRow& installation) {
    if (!installation.webhook_id) {
        co_return "not updated: no webhook is recorded for this repository";
    }
    auto client_awaitable = deps->github_for(caller);
    core::Result<std::shared_ptr<github::GitHubClient>> client =
        co_await std::move(client_awaitable);
    if (!client) {
        co_return "not updated: " + client.error().detail;
    }
    const std::vector<std::string> events(std::begin(kWebhookEvents), std::end(kWebhookEvents));
    const github::RepoName repo = ToRepoName(installation.repo_full_name);
    auto updated = co_await (*client)->AddWebhookEvents(repo, *installation.webhook_id, events);
    if (!updated) {
        NECTR_LOG_WARN("api.hook_events_not_updated", "repo={} hook={} error=\"{}\"",
                       installation.repo_full_name, *installation.webhook_id,
                       updated.error().detail);
        co_return "not updated: " + updated.error().detail;
    }
    co_return "updated";
}

net::awaitable<http::Response> Rescan(const RepoApiDeps* deps, http::Request request) {
    Target target = co_await FindTarget(deps, std::move(request));
    if (target.refusal) {
        co_return std::move(*target.refusal);
    }
    const InstallationRow& installation = *target.installation;
    std::function<core::Result<ScanRequest>()> scan = [deps, &installation] {
        return RequestScan(*deps->db, installation, core::ToUnixMillis(deps->clock->Now()));
    };
    core::Result<ScanRequest> queued =
        co_await deps->pool->Call<core::Result<ScanRequest>>(std::move(scan));
    if (!queued) {
        co_return http::ErrorResponse(queued.error());
    }
    if (queued->queued_now && deps->notify_workers) {
        deps->notify_workers();
    }
    std::string hook_events = co_await RefreshHookEvents(deps, *target.caller, installation);
    NECTR_LOG_INFO("api.repo_rescan", "user_id={} repo={} job_id={} already_queued={}",
                   installation.user_id, installation.repo_full_name, queued->job_id,
                   !queued->queued_now);
    co_return JsonAnswer(queued->queued_now ? 202 : 200,
                         json::object{{"job_id", queued->job_id},
                                      {"repository", installation.repo_full_name},
                                      {"state", "queued"},
                                      {"already_queued", !queued->queued_now},
                                      {"webhook_events", hook_events}});
}

net::awaitable<http::Response> UpdateSettings(const RepoApiDeps* deps, http::Request request) {
    std::string body = request.body;
    Target target = co_await FindTarget(deps, std::move(request));
    if (target.refusal) {
        co_return std::move(*target.refusal);
    }
    core::Result<std::optional<std::int64_t>> limit = ParseRepoSettings(body);
    if (!limit) {
        co_return http::ErrorResponse(limit.error());
    }
    const std::int64_t installation_id = target.installation->id;
    const std::optional<std::int64_t> wanted = *limit;
    std::function<core::Result<std::optional<std::int64_t>>()> store = [deps, installation_id,
                                                                        wanted] {
        return SetMaxConcurrentReviews(*deps->db, installation_id, wanted,
                                       core::ToUnixMillis(deps->clock->Now()));
    };
    auto stored =
        co_await deps->pool->Call<core::Result<std::optional<std::int64_t>>>(std::move(store));
    if (!stored) {
        co_return http::ErrorResponse(stored.error());
    }
    json::value stored_limit = nullptr;
    if (*stored) {
        stored_limit = **stored;
    }
    co_return JsonAnswer(200, json::object{{"repository", target.installation->repo_full_name},
                                           {kSettingName, stored_limit}});
}

}  // namespace

core::Result<std::optional<std::int64_t>> ParseRepoSettings(std::string_view body) {
    boost::system::error_code ec;
    const json::value parsed = json::parse(body, ec);
    if (ec || !parsed.is_object()) {
        return BadSettings("the body is not a JSON object");
    }
    const json::object& settings = parsed.as_object();
    for (const auto& entry : settings) {
        if (entry.key() != kSettingName) {
            return BadSettings(
                fmt::format("\"{}\" is not a repository setting", std::string_view(entry.key())));
        }
    }
    const json::value* limit = settings.if_contains(kSettingName);
    if (limit == nullptr) {
        return BadSettings("max_concurrent_reviews is missing");
    }
    if (limit->is_null()) {
        return std::optional<std::int64_t>();
    }
    if (limit->is_uint64()) {
        return BadSettings("max_concurrent_reviews is out of range");  // beyond int64
    }
    if (!limit->is_int64()) {
        return BadSettings("max_concurrent_reviews is not a whole number");
    }
    const std::int64_t value = limit->as_int64();
    if (value < kMinConcurrentReviews || value > kMaxConcurrentReviews) {
        return BadSettings("max_concurrent_reviews is out of range");
    }
    return std::optional<std::int64_t>(value);
}

http::Handler MakeRescanRepoHandler(const std::shared_ptr<const RepoApiDeps>& deps) {
    return [deps](http::Request request) -> net::awaitable<http::Response> {
        return Rescan(deps.get(), std::move(request));
    };
}

http::Handler MakeRepoSettingsHandler(const std::shared_ptr<const RepoApiDeps>& deps) {
    return [deps](http::Request request) -> net::awaitable<http::Response> {
        return UpdateSettings(deps.get(), std::move(request));
    };
}

}  // namespace nectr::api
