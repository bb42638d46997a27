#pragma once

// The project-map resource: nectr://repos/{owner}/{repo}/project-map, one per repository the
// session reaches, in Markdown. Its text comes from a ProjectMapSource: by default a summary of
// the stored reviews; the code index and the graph can supply a real map of the code later.
#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/blocking_pool.hpp"
#include "mcp/review_reader.hpp"
#include "mcp/tool.hpp"

namespace nectr::mcp {

inline constexpr std::string_view kProjectMapTemplate = "nectr://repos/{owner}/{repo}/project-map";

// "nectr://repos/owner/name/project-map".
std::string ProjectMapUri(std::string_view repo);
// The repository a project-map URI names; nullopt for any other URI. Pure.
std::optional<std::string> RepositoryOfProjectMapUri(std::string_view uri);

class ProjectMapSource {
public:
    virtual ~ProjectMapSource() = default;
    // Markdown about `repo`, which the caller reaches (checked before the call).
    virtual net::awaitable<core::Result<std::string>> ProjectMap(std::string repo,
                                                                 Access access) = 0;
};

// The default map: the repository's name, how many reviews it had, and the last verdicts.
class ReviewProjectMap final : public ProjectMapSource {
public:
    // Both must outlive this.
    ReviewProjectMap(const ReviewReader& reader, core::BlockingPool& pool);
    net::awaitable<core::Result<std::string>> ProjectMap(std::string repo, Access access) override;

private:
    const ReviewReader& reader_;
    core::BlockingPool& pool_;
};

// The resources of the server: the project map of each reachable repository.
class ProjectMapResources final : public ResourceCatalog {
public:
    // All must outlive this.
    ProjectMapResources(const ReviewReader& reader, core::BlockingPool& pool,
                        ProjectMapSource& source);
    net::awaitable<core::Result<std::vector<ResourceEntry>>> List(Access access) override;
    std::vector<ResourceTemplateEntry> Templates() const override;
    net::awaitable<core::Result<ResourceContents>> Read(std::string uri, Access access) override;

private:
    const ReviewReader& reader_;
    core::BlockingPool& pool_;
    ProjectMapSource& source_;
};

}  // namespace nectr::mcp
