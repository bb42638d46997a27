#include "mcp/project_map.hpp"

#include <boost/json.hpp>

namespace nectr::mcp {
namespace {

namespace json = boost::json;

constexpr std::string_view kScheme = "nectr://repos/";
constexpr std::string_view kSuffix = "/project-map";
constexpr std::int64_t kVerdictsShown = 10;

std::string StringOr(const json::value& value, std::string_view fallback) {
    return value.is_string() ? std::string(value.as_string()) : std::string(fallback);
}

// The Markdown of the default map, from ReviewReader's answers.
std::string RenderMap(const std::string& repo, const json::object& activity,
                      const json::object& recent) {
    std::string text = "# " + repo + "\n\n";
    text += "Reviews by Nectr: " + std::to_string(activity.at("total").as_int64()) + " runs on " +
            std::to_string(activity.at("pull_requests").as_int64()) + " pull requests";
    text +=
        ", " + std::to_string(activity.at("last_30_days").as_int64()) + " in the last 30 days.\n";
    const json::object& verdicts = activity.at("verdicts_all_time").as_object();
    text += "Verdicts of posted reviews: ";
    bool first = true;
    for (const auto& [verdict, count] : verdicts) {
        text += (first ? "" : ", ") + std::string(verdict) + " " + std::to_string(count.as_int64());
        first = false;
    }
    text += ".\n\n## Last verdicts\n\n";
    const json::array& reviews = recent.at("reviews").as_array();
    if (reviews.empty()) {
        text += "No reviews yet.\n";
    }
    for (const json::value& item : reviews) {
        const json::object& review = item.as_object();
        text += "- #" + std::to_string(review.at("number").as_int64());
        const std::string title = StringOr(review.at("title"), "");
        if (!title.empty()) {
            text += " " + title;
        }
        text += ": " + StringOr(review.at("verdict"), StringOr(review.at("status"), "unknown"));
        text += " (" + StringOr(review.at("created_at"), "") + ")\n";
    }
    text +=
        "\nA map of the code (modules, hotspots, owners) appears here once the code index "
        "and the knowledge graph are connected.\n";
    return text;
}

}  // namespace

std::string ProjectMapUri(std::string_view repo) {
    return std::string(kScheme) + std::string(repo) + std::string(kSuffix);
}

std::optional<std::string> RepositoryOfProjectMapUri(std::string_view uri) {
    if (!uri.starts_with(kScheme) || !uri.ends_with(kSuffix)) {
        return std::nullopt;
    }
    std::string_view repo =
        uri.substr(kScheme.size(), uri.size() - kScheme.size() - kSuffix.size());
    const std::size_t slash = repo.find('/');
    if (repo.empty() || slash == std::string_view::npos || slash == 0 || slash + 1 == repo.size() ||
        repo.find('/', slash + 1) != std::string_view::npos) {
        return std::nullopt;
    }
    return std::string(repo);
}

ReviewProjectMap::ReviewProjectMap(const ReviewReader& reader, core::BlockingPool& pool)
    : reader_(reader), pool_(pool) {}

net::awaitable<core::Result<std::string>> ReviewProjectMap::ProjectMap(std::string repo,
                                                                       Access access) {
    std::function<core::Result<std::string>()> read = [this, &repo,
                                                       &access]() -> core::Result<std::string> {
        core::Result<json::object> activity = reader_.ReviewActivity(access, repo);
        if (!activity) {
            return activity.error();
        }
        core::Result<json::object> recent = reader_.RecentReviews(access, repo, kVerdictsShown);
        if (!recent) {
            return recent.error();
        }
        return RenderMap(repo, *activity, *recent);
    };
    core::Result<std::string> text = co_await pool_.Call(std::move(read));
    co_return text;
}

ProjectMapResources::ProjectMapResources(const ReviewReader& reader, core::BlockingPool& pool,
                                         ProjectMapSource& source)
    : reader_(reader), pool_(pool), source_(source) {}

net::awaitable<core::Result<std::vector<ResourceEntry>>> ProjectMapResources::List(Access access) {
    std::function<core::Result<std::vector<std::string>>()> list = [this, &access] {
        return reader_.Repositories(access);
    };
    core::Result<std::vector<std::string>> repos = co_await pool_.Call(std::move(list));
    if (!repos) {
        co_return repos.error();
    }
    std::vector<ResourceEntry> entries;
    for (const std::string& repo : *repos) {
        entries.push_back({ProjectMapUri(repo), repo + " project map", repo + ": project map",
                           "What Nectr knows of " + repo +
                               ": reviews, verdicts and the map of "
                               "its code",
                           "text/markdown"});
    }
    co_return entries;
}

std::vector<ResourceTemplateEntry> ProjectMapResources::Templates() const {
    return {{std::string(kProjectMapTemplate), "project-map", "Project map",
             "What Nectr knows of a connected repository, in Markdown", "text/markdown"}};
}

net::awaitable<core::Result<ResourceContents>> ProjectMapResources::Read(std::string uri,
                                                                         Access access) {
    std::optional<std::string> repo = RepositoryOfProjectMapUri(uri);
    if (!repo) {
        co_return core::MakeError(core::Errc::kNotFound, "no such resource");
    }
    std::function<core::Result<void>()> check = [this, &access, &repo] {
        return reader_.CheckReach(access, *repo);
    };
    core::Result<void> reach = co_await pool_.Call(std::move(check));
    if (!reach) {
        co_return reach.error();  // kNotFound: another user's repository reads as no resource
    }
    net::awaitable<core::Result<std::string>> pending = source_.ProjectMap(*repo, access);
    core::Result<std::string> text = co_await std::move(pending);
    if (!text) {
        co_return text.error();
    }
    co_return ResourceContents{uri, "text/markdown", std::move(*text)};
}

}  // namespace nectr::mcp
