// GET /api/v1/repos over loopback, on both engines, against GitHub's API description served by
// Prism; and that every repository route wants a caller. Also the list's merge on its own.
#include "api/repos_list.hpp"

#include <gtest/gtest.h>

#include "repos_fixture.hpp"

namespace nectr::api::repos_testing {
namespace {

using store::Engine;

class RepoListTest : public RepoApiTest {
protected:
    // The entry of one repository in a list answer; an empty object when absent.
    static json::object EntryOf(const json::object& list, const std::string& full_name) {
        for (const json::value& entry : list.at("repositories").as_array()) {
            if (entry.at("full_name") == full_name.c_str()) {
                return entry.as_object();
            }
        }
        ADD_FAILURE() << full_name << " is not in the list";
        return {};
    }
};

TEST_P(RepoListTest, ListsWhatGitHubShowsTheCallerWithTheConnectionOfEach) {
    ASSERT_EQ(Install(alice, kWidgets).status, 201);
    auto stored = InstallationOf(alice, kWidgets);

    auto result = Send("GET", "/api/v1/repos", &alice);
    ASSERT_EQ(result.status, 200) << result.body;
    json::object list = JsonOf(result);
    EXPECT_EQ(list["repositories"].as_array().size(), 2U);
    EXPECT_EQ(list["truncated"], false);

    json::object widgets = EntryOf(list, kWidgets);
    EXPECT_EQ(widgets["connected"], true);
    EXPECT_EQ(widgets["on_github"], true);
    EXPECT_EQ(widgets["github_id"], kWidgetsId);
    EXPECT_EQ(widgets["private"], false);
    EXPECT_EQ(widgets["html_url"], "https://github.com/acme/widgets");
    EXPECT_EQ(widgets["default_branch"], "master") << "Prism's example repository's branch";
    EXPECT_EQ(widgets["permissions"].as_object()["admin"], true);
    json::object installation = widgets["installation"].as_object();
    EXPECT_EQ(installation["id"], stored->id);
    EXPECT_EQ(installation["webhook_id"], kPrismHookId);
    EXPECT_EQ(installation["active"], true);
    EXPECT_EQ(installation["installed_at"], kNow);

    json::object index = widgets["index"].as_object();
    EXPECT_EQ(index["state"], "queued") << "connecting queued the first scan";
    EXPECT_TRUE(index["commit"].is_null());
    EXPECT_TRUE(index["finished_at"].is_null());

    json::object gadgets = EntryOf(list, kGadgets);
    EXPECT_EQ(gadgets["connected"], false);
    EXPECT_TRUE(gadgets["installation"].is_null());
    EXPECT_TRUE(gadgets["index"].is_null()) << "never scanned";
    EXPECT_EQ(gadgets["private"], true);
    EXPECT_EQ(gadgets["permissions"].as_object()["admin"], false);

    auto listed = stand_in->ExchangesOf("GET", "/user/repos");
    ASSERT_FALSE(listed.empty());
    EXPECT_EQ(listed.back().token, alice.token) << "GitHub is asked with the caller's token";
    stand_in->ExpectEveryRequestValid();
}

TEST_P(RepoListTest, FlagsAConnectedRepositoryGitHubNoLongerLists) {
    InsertInstallation(alice, "acme/retired", true);
    InsertInstallation(alice, "acme/gone-and-disconnected", false);

    auto result = Send("GET", "/api/v1/repos", &alice);
    ASSERT_EQ(result.status, 200) << result.body;
    json::object list = JsonOf(result);
    json::object retired = EntryOf(list, "acme/retired");
    EXPECT_EQ(retired["on_github"], false);
    EXPECT_EQ(retired["connected"], true);
    EXPECT_EQ(retired["github_id"], 99);
    EXPECT_TRUE(retired["permissions"].is_null());
    EXPECT_EQ(list["repositories"].as_array().size(), 3U)
        << "a disconnected repository GitHub no longer lists is not shown";
}

TEST_P(RepoListTest, ShowsOnlyTheCallersOwnConnections) {
    ASSERT_EQ(Install(bob, kWidgets).status, 201);
    auto result = Send("GET", "/api/v1/repos", &alice);
    ASSERT_EQ(result.status, 200) << result.body;
    json::object widgets = EntryOf(JsonOf(result), kWidgets);
    EXPECT_EQ(widgets["connected"], false) << "bob's connection is not alice's";
    EXPECT_TRUE(widgets["installation"].is_null());
}

TEST_P(RepoListTest, EveryRouteWantsACaller) {
    InsertInstallation(alice, kWidgets, true);
    const std::vector<std::pair<std::string, std::string>> routes = {
        {"GET", "/api/v1/repos"},
        {"POST", "/api/v1/repos/acme/widgets/install"},
        {"DELETE", "/api/v1/repos/acme/widgets/install"},
        {"POST", "/api/v1/repos/acme/widgets/rescan"},
        {"PUT", "/api/v1/repos/acme/widgets/settings"},
    };
    for (const auto& [method, path] : routes) {
        const std::string body = method == "PUT" ? R"({"max_concurrent_reviews":2})" : "";
        auto result = Send(method, path, nullptr, body);
        EXPECT_EQ(result.status, 401) << method << " " << path << ": " << result.body;
        EXPECT_EQ(result.headers["www-authenticate"], "Bearer realm=\"nectr\"")
            << method << " " << path << ": a 401 says how to authenticate, as the other APIs do";
    }
    EXPECT_TRUE(stand_in->Exchanges().empty()) << "nothing may reach GitHub without a caller";
    EXPECT_EQ(ScanJobs(kWidgets), 0);
    auto stored = InstallationOf(alice, kWidgets);
    EXPECT_TRUE(stored->active);
    EXPECT_FALSE(stored->max_concurrent_reviews);
}

TEST_P(RepoListTest, AUserWithoutAGitHubTokenIsAskedToSignInAgain) {
    auto result = Send("GET", "/api/v1/repos", &carol);
    EXPECT_EQ(result.status, 401) << result.body;
    EXPECT_NE(ErrorMessage(result).find("sign in"), std::string::npos) << result.body;
}

TEST_P(RepoListTest, AGitHubOutageIsABadGateway) {
    stand_in->SetAnswer("GET", "/user/repos", 503, R"({"message":"Service Unavailable"})");
    auto result = Send("GET", "/api/v1/repos", &alice);
    EXPECT_EQ(result.status, 502) << result.body;
}

INSTANTIATE_TEST_SUITE_P(Engines, RepoListTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         nectr::testing::EngineParamName);

github::Repository Listed(const std::string& full_name, std::int64_t id) {
    github::Repository repo;
    repo.id = id;
    repo.full_name = full_name;
    return repo;
}

InstallationRow Row(const std::string& full_name, bool active) {
    InstallationRow row;
    row.id = 7;
    row.repo_full_name = full_name;
    row.active = active;
    return row;
}

TEST(RenderRepositoryListTest, MatchesNamesWithoutCase) {
    github::Listing<github::Repository> listing;
    listing.items = {Listed("Acme/Widgets", 1)};
    json::object list = RenderRepositoryList(listing, {Row("acme/widgets", true)});
    ASSERT_EQ(list["repositories"].as_array().size(), 1U);
    EXPECT_EQ(list["repositories"].as_array()[0].as_object()["connected"], true);
}

TEST(RenderRepositoryListTest, CannotTellWhetherAnUnlistedRepositoryIsGoneWhenTheListIsCut) {
    github::Listing<github::Repository> listing;
    listing.items = {Listed("acme/one", 1)};
    listing.truncated = true;
    json::object list = RenderRepositoryList(listing, {Row("acme/two", true)});
    ASSERT_EQ(list["repositories"].as_array().size(), 2U);
    EXPECT_TRUE(list["repositories"].as_array()[1].as_object()["on_github"].is_null());
    EXPECT_EQ(list["truncated"], true);
}

TEST_P(RepoListTest, ShowsWhereEachRepositorysIndexStands) {
    InsertInstallation(alice, "acme/retired", true);
    Select(
        "INSERT INTO repository_scans (repo_full_name, state, kind, commit_sha, files, symbols, "
        "chunks, error, started_at, finished_at, updated_at) VALUES ('acme/retired', 'failed', "
        "'push', 'abc123', 12, 40, 30, 'git fetch of acme/retired was refused', 1000, 2000, "
        "2000)");
    Select(
        "INSERT INTO repository_scans (repo_full_name, state, files, updated_at) VALUES "
        "('someone/elses', 'done', 5, 1)");
    auto result = Send("GET", "/api/v1/repos", &alice);
    ASSERT_EQ(result.status, 200) << result.body;
    json::object list = JsonOf(result);
    json::object index = EntryOf(list, "acme/retired")["index"].as_object();
    EXPECT_EQ(index["state"], "failed");
    EXPECT_EQ(index["kind"], "push");
    EXPECT_EQ(index["commit"], "abc123") << "what the index still reflects";
    EXPECT_EQ(index["files"], 12);
    EXPECT_EQ(index["symbols"], 40);
    EXPECT_EQ(index["chunks"], 30);
    EXPECT_EQ(index["error"], "git fetch of acme/retired was refused");
    EXPECT_EQ(index["started_at"], "1970-01-01T00:00:01.000Z");
    EXPECT_EQ(index["finished_at"], "1970-01-01T00:00:02.000Z");
    EXPECT_EQ(result.body.find("someone/elses"), std::string::npos)
        << "only the caller's repositories";
}

TEST(RenderRepositoryListTest, MatchesScanStatusesWithoutCase) {
    github::Listing<github::Repository> listing;
    listing.items = {Listed("Acme/Widgets", 1)};
    index::ScanStatus scan;
    scan.repository = "acme/widgets";
    scan.state = "done";
    scan.files = 3;
    json::object list = RenderRepositoryList(listing, {}, {scan});
    json::object entry = list["repositories"].as_array()[0].as_object();
    EXPECT_EQ(entry["index"].as_object()["state"], "done");
    EXPECT_EQ(entry["index"].as_object()["files"], 3);
}

TEST(RenderRepositoryListTest, PrefersTheActiveRowOfOneName) {
    github::Listing<github::Repository> listing;
    listing.items = {Listed("acme/one", 1)};
    InstallationRow old_row = Row("Acme/One", false);
    old_row.updated_at_ms = 5;
    InstallationRow active_row = Row("acme/one", true);
    active_row.updated_at_ms = 1;
    json::object list = RenderRepositoryList(listing, {old_row, active_row});
    EXPECT_EQ(list["repositories"].as_array()[0].as_object()["connected"], true);
}

}  // namespace
}  // namespace nectr::api::repos_testing
