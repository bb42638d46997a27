#include "http/static_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/process.hpp"
#include "unit/http/server_fixture.hpp"

namespace nectr::http {
namespace {

namespace fs = std::filesystem;

constexpr const char* kIndex = "<!doctype html><title>Nectr dashboard</title>";
constexpr const char* kHtml = "text/html";

void Write(const fs::path& path, const std::string& content) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
}

// A built site in one temporary directory, and a secret file beside it that no request may
// reach.
class StaticSiteTest : public ServerFixture {
protected:
    void SetUp() override {
        root = fs::path(dir.Path()) / "dist";
        Write(root / "index.html", kIndex);
        Write(root / "assets" / "app-3f2a.js", "console.log('app');");
        Write(root / "assets" / "app-3f2a.css", "body{}");
        Write(root / "favicon.svg", "<svg/>");
        Write(fs::path(dir.Path()) / "secret.txt", "top secret");
        fs::create_symlink(fs::path(dir.Path()) / "secret.txt", root / "assets" / "link.txt");
        auto site = StaticSite::Load(root);
        ASSERT_TRUE(site) << site.error().detail;
        router.Add({"GET", "/", MakeStaticSiteHandler(*site)});
        router.Add({"GET", "/health", Reply(Response::Text(200, "ok"))});
        router.Add({"POST", "/api/v1/things", Reply(Response::Text(201, "made"))});
        router.SetFallback({"GET", "/{page...}", MakeStaticSiteHandler(*site)});
        StartServer();
    }

    nectr::testing::HttpResult Navigate(std::string_view path) {
        return Get(path, {{"Accept", "text/html,application/xhtml+xml,*/*;q=0.8"}});
    }

    // The raw bytes of a request line, bypassing the client's own path normalisation.
    std::optional<nectr::testing::RawResponse> RawGet(const std::string& target) {
        nectr::testing::RawConnection connection(port);
        EXPECT_TRUE(connection.Connected());
        connection.Send("GET " + target +
                        " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n"
                        "Connection: close\r\n\r\n");
        return connection.ReadResponse(5s);
    }

    nectr::testing::TempDir dir;
    fs::path root;
};

TEST_F(StaticSiteTest, ServesIndexAtRootWithoutCaching) {
    auto result = Get("/");
    EXPECT_EQ(result.status, 200);
    EXPECT_EQ(result.body, kIndex);
    EXPECT_NE(result.headers["content-type"].find(kHtml), std::string::npos);
    EXPECT_EQ(result.headers["cache-control"], "no-cache");
}

TEST_F(StaticSiteTest, ServesHashedAssetsWithLongCacheAndTheirTypes) {
    auto script = Get("/assets/app-3f2a.js");
    EXPECT_EQ(script.status, 200);
    EXPECT_EQ(script.body, "console.log('app');");
    EXPECT_EQ(script.headers["content-type"], "text/javascript; charset=utf-8");
    EXPECT_EQ(script.headers["cache-control"], "public, max-age=31536000, immutable");
    EXPECT_EQ(Get("/assets/app-3f2a.css").headers["content-type"], "text/css; charset=utf-8");
    auto icon = Get("/favicon.svg");
    EXPECT_EQ(icon.headers["content-type"], "image/svg+xml");
    EXPECT_EQ(icon.headers["cache-control"], "no-cache");
}

TEST_F(StaticSiteTest, ClientSideRoutesGetTheIndexOnNavigation) {
    auto page = Navigate("/reviews/42");
    EXPECT_EQ(page.status, 200);
    EXPECT_EQ(page.body, kIndex);
    EXPECT_EQ(page.headers["cache-control"], "no-cache");
    // HEAD is served by the fallback too.
    EXPECT_EQ(nectr::testing::HttpRequest("HEAD", Url("/settings"), "", {{"Accept", kHtml}}).status,
              200);
}

TEST_F(StaticSiteTest, MissingAssetsAndServerPathsAre404NotTheIndex) {
    for (const char* path : {"/assets/missing-1234.js", "/assets/", "/api/v1/nothing",
                             "/auth/nothing", "/mcp/x", "/metrics/x", "/robots.txt"}) {
        auto result = Navigate(path);
        EXPECT_EQ(result.status, 404) << path;
        EXPECT_EQ(result.body.find("Nectr dashboard"), std::string::npos) << path;
    }
    // Scripts that ask for JSON get the plain 404 on unknown pages.
    EXPECT_EQ(Get("/no-such-page").status, 404);
}

TEST_F(StaticSiteTest, OtherMethodsAndDeclaredRoutesKeepTheirAnswers) {
    EXPECT_EQ(Navigate("/health").body, "ok");
    EXPECT_EQ(nectr::testing::HttpRequest("POST", Url("/no-such-page")).status, 404);
    EXPECT_EQ(nectr::testing::HttpRequest("GET", Url("/api/v1/things")).status, 405);
}

TEST_F(StaticSiteTest, NoPathReachesOutsideTheDirectory) {
    for (const std::string& target : std::vector<std::string>{
             "/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt",
             "/assets/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt", "/assets/..%5c..%5csecret.txt",
             "//secret.txt", "/assets/link.txt", "/" + root.string() + "/../secret.txt"}) {
        auto response = RawGet(target);
        if (!response) {
            continue;  // the server refused the target outright
        }
        EXPECT_EQ(response->body.find("top secret"), std::string::npos) << target;
        EXPECT_NE(response->status, 500) << target;
    }
}

TEST(StaticSiteLoad, DirectoryWithoutIndexIsNotFound) {
    nectr::testing::TempDir dir;
    auto site = StaticSite::Load(dir.Path());
    ASSERT_FALSE(site);
    EXPECT_EQ(site.error().code, core::Errc::kNotFound);
    EXPECT_FALSE(StaticSite::Load(std::string(dir.Path()) + "/missing"));
}

TEST(StaticSiteTypes, ContentTypesByExtension) {
    EXPECT_EQ(ContentTypeFor("index.html"), "text/html; charset=utf-8");
    EXPECT_EQ(ContentTypeFor("a.woff2"), "font/woff2");
    EXPECT_EQ(ContentTypeFor("a.unknown"), "application/octet-stream");
    EXPECT_EQ(ContentTypeFor(".js"), "application/octet-stream");
    EXPECT_TRUE(IsServerPath("/api"));
    EXPECT_TRUE(IsServerPath("/auth/me"));
    EXPECT_FALSE(IsServerPath("/apis"));
    EXPECT_FALSE(IsServerPath("/repositories"));
}

}  // namespace
}  // namespace nectr::http
