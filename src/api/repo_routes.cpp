#include "api/repo_routes.hpp"

#include "api/repos_install.hpp"
#include "api/repos_list.hpp"
#include "api/repos_manage.hpp"
#include "api/repos_uninstall.hpp"

namespace nectr::api {

namespace {

// The settings body is one small object; no other route here reads its body.
constexpr std::size_t kMaxBodyBytes = std::size_t{4} * 1024;

}  // namespace

void AddRepoApiRoutes(http::Router& router, const RepoApiDeps& deps) {
    auto shared = std::make_shared<const RepoApiDeps>(deps);
    router.Add({"GET", "/api/v1/repos", MakeListReposHandler(shared), kMaxBodyBytes});
    router.Add({"POST", "/api/v1/repos/{owner}/{repo}/install", MakeInstallRepoHandler(shared),
                kMaxBodyBytes});
    router.Add({"DELETE", "/api/v1/repos/{owner}/{repo}/install", MakeUninstallRepoHandler(shared),
                kMaxBodyBytes});
    router.Add({"POST", "/api/v1/repos/{owner}/{repo}/rescan", MakeRescanRepoHandler(shared),
                kMaxBodyBytes});
    router.Add({"PUT", "/api/v1/repos/{owner}/{repo}/settings", MakeRepoSettingsHandler(shared),
                kMaxBodyBytes});
}

}  // namespace nectr::api
