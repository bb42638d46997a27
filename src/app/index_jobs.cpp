#include "app/index_jobs.hpp"

#include "app/job_input.hpp"
#include "core/log.hpp"
#include "graph/github_index.hpp"

namespace nectr::app {

queue::JobHandler MakeIndexPullRequestHandler(ReviewServices& services) {
    return [&services](const queue::Job& job) -> net::awaitable<core::Result<void>> {
        auto input = ReadInput(job);
        if (!input) {
            co_return input.error();
        }
        auto client = co_await services.GitHubFor(input->installation_id, input->repository);
        if (!client) {
            co_return client.error();
        }
        const std::int64_t now = core::ToUnixMillis(services.clock.Now());
        auto indexed = co_await graph::IndexPullRequestFromGitHub(
            **client, services.pool, services.database, input->repository, input->pr_number,
            std::nullopt, now);
        if (!indexed) {
            co_return indexed.error();
        }
        NECTR_LOG_INFO("graph.pull_request_indexed", "repo={} pr={} closes={}", input->repository,
                       input->pr_number, indexed->closes.size());
        co_return core::Result<void>();
    };
}

net::awaitable<void> IndexReviewedPullRequest(ReviewServices& services,
                                              github::GitHubClient& client, std::string repository,
                                              int number, std::string verdict) {
    const std::int64_t now = core::ToUnixMillis(services.clock.Now());
    auto indexed = co_await graph::IndexPullRequestFromGitHub(
        client, services.pool, services.database, repository, number,
        std::optional<std::string>(std::move(verdict)), now);
    if (!indexed) {
        NECTR_LOG_WARN("graph.pull_request_not_indexed", "repo={} pr={} error=\"{}\"", repository,
                       number, indexed.error().detail);
    }
}

}  // namespace nectr::app
