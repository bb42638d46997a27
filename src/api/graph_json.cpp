#include "api/graph_json.hpp"

#include <boost/json.hpp>
#include <boost/url/params_view.hpp>
#include <boost/url/parse_query.hpp>
#include <cmath>

#include "api/json_values.hpp"
#include "api/query_params.hpp"
#include "core/time_format.hpp"

namespace nectr::api {
namespace {

namespace json = boost::json;

json::array Strings(const std::vector<std::string>& texts) {
    json::array array;
    array.reserve(texts.size());
    for (const std::string& text : texts) {
        array.emplace_back(text);
    }
    return array;
}

json::object Envelope(const std::string& repository, bool indexed) {
    return json::object{{"repository", repository}, {"indexed", indexed}};
}

json::value TextOrNull(const std::string& text) {
    return text.empty() ? json::value(nullptr) : json::value(text);
}

json::object HotFileJson(const graph::HotFile& file) {
    return json::object{{"path", file.path},
                        {"changes", file.changes},
                        {"churn", file.churn},
                        {"authors", file.authors},
                        {"last_changed_at", core::FormatUtcMillis(file.last_changed_at_ms)}};
}

json::array HotFilesJson(const std::vector<graph::HotFile>& files) {
    json::array array;
    array.reserve(files.size());
    for (const graph::HotFile& file : files) {
        array.push_back(HotFileJson(file));
    }
    return array;
}

}  // namespace

core::Result<std::vector<std::string>> ParsePathParams(const http::Request& request) {
    if (!boost::urls::parse_query(request.query)) {
        return BadParameter("the query is not valid percent-encoding");
    }
    boost::urls::encoding_opts options;
    options.space_as_plus = true;
    std::vector<std::string> paths;
    for (const auto& param : boost::urls::params_view(request.query, options)) {
        if (param.key != "path" || !param.has_value || param.value.empty()) {
            continue;
        }
        if (param.value.size() > kMaxGraphPathBytes) {
            return BadParameter("a path is at most 1024 bytes");
        }
        paths.push_back(param.value);
        if (paths.size() > kMaxGraphPaths) {
            return BadParameter("at most 100 paths at once");
        }
    }
    if (paths.empty()) {
        return BadParameter("name the files with path=, as in ?path=src/main.cpp&path=README.md");
    }
    return paths;
}

std::string RenderGraphHealth(const std::string& repository, bool indexed,
                              const graph::HealthReport& report) {
    json::array weeks;
    for (const graph::VerdictWeek& week : report.verdict_trend) {
        json::object verdicts;
        for (const auto& [verdict, count] : week.verdicts) {
            verdicts[verdict] = count;
        }
        weeks.push_back(json::object{{"week_start", core::FormatUtcMillis(week.starts_at_ms)},
                                     {"total", week.total},
                                     {"verdicts", std::move(verdicts)}});
    }
    json::array directories;
    for (const graph::DirectoryBusFactor& directory : report.bus_factor) {
        directories.push_back(json::object{{"directory", directory.directory},
                                           {"bus_factor", directory.bus_factor},
                                           {"changes", directory.changes},
                                           {"developers", directory.developers},
                                           {"owners", Strings(directory.owners)}});
    }
    json::object body = Envelope(repository, indexed);
    body["verdict_trend"] = std::move(weeks);
    body["hot_files"] = HotFilesJson(report.hot_files);
    body["bus_factor"] = std::move(directories);
    return json::serialize(body);
}

std::string RenderGraphExperts(const std::string& repository, bool indexed,
                               const std::vector<std::string>& paths,
                               const std::vector<graph::Expert>& experts) {
    json::array list;
    for (const graph::Expert& expert : experts) {
        list.push_back(
            json::object{{"login", expert.login},
                         {"name", TextOrNull(expert.name)},
                         {"github", expert.is_github},
                         {"score", std::round(expert.score * 10'000.0) / 10'000.0},
                         {"changes", expert.changes},
                         {"files", Strings(expert.files)},
                         {"last_changed_at", core::FormatUtcMillis(expert.last_changed_at_ms)}});
    }
    json::object body = Envelope(repository, indexed);
    body["paths"] = Strings(paths);
    body["experts"] = std::move(list);
    return json::serialize(body);
}

std::string RenderGraphHotFiles(const std::string& repository, bool indexed, std::int64_t since_ms,
                                const std::vector<graph::HotFile>& files) {
    json::object body = Envelope(repository, indexed);
    body["since"] = core::FormatUtcMillis(since_ms);
    body["files"] = HotFilesJson(files);
    return json::serialize(body);
}

std::string RenderGraphPullRequests(const std::string& repository, bool indexed,
                                    const std::vector<std::string>& paths,
                                    const std::vector<graph::RelatedPullRequest>& pulls) {
    json::array list;
    for (const graph::RelatedPullRequest& pull : pulls) {
        list.push_back(json::object{{"number", pull.number},
                                    {"title", pull.title},
                                    {"state", pull.state},
                                    {"author", TextOrNull(pull.author)},
                                    {"verdict", TextOrNull(pull.verdict)},
                                    {"merged_at", JsonTimeOrNull(pull.merged_at_ms)},
                                    {"updated_at", core::FormatUtcMillis(pull.updated_at_ms)},
                                    {"overlap", pull.overlap}});
    }
    json::object body = Envelope(repository, indexed);
    body["paths"] = Strings(paths);
    body["pull_requests"] = std::move(list);
    return json::serialize(body);
}

}  // namespace nectr::api
