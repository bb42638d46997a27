// Reading installation changes from GitHub's own example payloads.
#include "webhooks/installation_change.hpp"

#include <gtest/gtest.h>

#include "webhook_examples.hpp"

namespace nectr::webhooks {
namespace {

using testing::ExampleOf;

InstallationChange MustRead(std::string_view event, std::string_view action) {
    const std::string payload = boost::json::serialize(ExampleOf(event, action));
    core::Result<InstallationChange> change = ParseInstallationChange(event, action, payload);
    if (!change) {
        ADD_FAILURE() << event << "." << action << ": " << change.error().detail;
        return {};
    }
    return *change;
}

std::vector<std::string> Names(const std::vector<InstallationRepository>& repositories) {
    std::vector<std::string> names;
    for (const InstallationRepository& repository : repositories) {
        names.push_back(repository.full_name);
    }
    return names;
}

TEST(InstallationChangeTest, CreatedAddsTheListedRepositoriesOfAnActiveInstallation) {
    InstallationChange change = MustRead("installation", "created");
    EXPECT_EQ(change.installation_id, 957387);
    EXPECT_EQ(change.account_login, "Codertocat");
    EXPECT_EQ(change.account_type, "User");
    EXPECT_EQ(change.repository_selection, "selected");
    EXPECT_EQ(change.status, "active");
    ASSERT_EQ(change.added.size(), 1u);
    EXPECT_EQ(change.added[0].id, 186853002);
    EXPECT_EQ(change.added[0].full_name, "Codertocat/Hello-World");
    EXPECT_TRUE(change.removed.empty());
    EXPECT_FALSE(change.remove_all);
}

TEST(InstallationChangeTest, DeletedRemovesEverything) {
    InstallationChange change = MustRead("installation", "deleted");
    EXPECT_EQ(change.installation_id, 2);
    EXPECT_EQ(change.status, "deleted");
    EXPECT_TRUE(change.remove_all);
    EXPECT_EQ(Names(change.removed), std::vector<std::string>{"octocat/Hello-World"});
    EXPECT_TRUE(change.added.empty());
}

TEST(InstallationChangeTest, SuspendAndUnsuspendChangeOnlyTheStatus) {
    InstallationChange suspended = MustRead("installation", "suspend");
    EXPECT_EQ(suspended.installation_id, 16598467);
    EXPECT_EQ(suspended.status, "suspended");
    EXPECT_EQ(suspended.repository_selection, "all");
    EXPECT_TRUE(suspended.added.empty() && suspended.removed.empty() && !suspended.remove_all);
    EXPECT_EQ(MustRead("installation", "unsuspend").status, "active");
}

TEST(InstallationChangeTest, NewPermissionsAcceptedKeepsCoverageAndAddsWhatIsListed) {
    InstallationChange change = MustRead("installation", "new_permissions_accepted");
    EXPECT_EQ(change.status, "active") << "suspended_at is null in the example";
    EXPECT_EQ(Names(change.added), std::vector<std::string>{"Codertocat/Hello-World"});
    EXPECT_FALSE(change.remove_all);
}

TEST(InstallationChangeTest, InstallationRepositoriesAddsAndRemoves) {
    InstallationChange added = MustRead("installation_repositories", "added");
    EXPECT_EQ(added.installation_id, 957387);
    EXPECT_EQ(added.repository_selection, "selected");
    ASSERT_EQ(added.added.size(), 1u);
    EXPECT_EQ(added.added[0].id, 186853007);
    EXPECT_EQ(added.added[0].full_name, "Codertocat/Space");
    EXPECT_TRUE(added.removed.empty());

    InstallationChange removed = MustRead("installation_repositories", "removed");
    EXPECT_EQ(removed.installation_id, 2);
    EXPECT_EQ(Names(removed.removed), std::vector<std::string>{"octocat/Hello-World"});
    EXPECT_TRUE(removed.added.empty());
    EXPECT_FALSE(removed.remove_all) << "removing some repositories is not an uninstall";
}

TEST(InstallationChangeTest, SkipsRepositoryEntriesWithoutIdOrName) {
    const char* payload = R"({"action":"added","installation":{"id":5},
        "repositories_added":[{"id":1,"full_name":"a/one"},{"full_name":"a/no-id"},
                              {"id":3},{"id":-4,"full_name":"a/negative"},"junk"]})";
    core::Result<InstallationChange> change =
        ParseInstallationChange("installation_repositories", "added", payload);
    ASSERT_TRUE(change) << change.error().detail;
    EXPECT_EQ(Names(change->added), std::vector<std::string>{"a/one"});
    EXPECT_EQ(change->status, "") << "no suspended_at: the status is left as recorded";
}

TEST(InstallationChangeTest, RefusesWhatIsNotAnInstallationChange) {
    for (const auto& [event, payload] : std::vector<std::pair<std::string, std::string>>{
             {"installation", "{not json"},
             {"installation", "[1,2]"},
             {"installation", R"({"action":"created"})"},
             {"installation", R"({"installation":{"id":"12"}})"},
             {"pull_request", R"({"installation":{"id":12}})"}}) {
        core::Result<InstallationChange> change =
            ParseInstallationChange(event, "created", payload);
        ASSERT_FALSE(change) << event << " " << payload;
        EXPECT_EQ(change.error().code, core::Errc::kInvalidInput);
    }
}

}  // namespace
}  // namespace nectr::webhooks
