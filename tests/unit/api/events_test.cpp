// GET /api/v1/events over loopback on both engines: the operator token, filters, cursor
// pages, and that payloads never leave the store. Users' access: events_access_test.cpp.
#include "api/events.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <regex>
#include <set>

#include "core/metrics.hpp"
#include "http/server.hpp"
#include "queue/job_store.hpp"
#include "read_api_stack.hpp"
#include "support/http_client.hpp"
#include "support/test_database.hpp"

namespace nectr::api {
namespace {

namespace json = boost::json;
using store::Engine;
using testing::HttpRequest;
using testing::HttpResult;

constexpr const char* kToken = "operator-token-for-tests";
constexpr const char* kPayloadMarker = "PAYLOAD-MUST-NOT-LEAK";
constexpr std::int64_t kStartMs = 1'700'000'000'000;  // 2023-11-14T22:13:20.000Z

class EventsApiTest : public ::testing::TestWithParam<Engine> {
protected:
    void SetUp() override {
        auto created = testing::TestDatabase::Create(GetParam());
        ASSERT_TRUE(created) << created.error().detail;
        test_database_ = std::move(*created);
        auto opened = test_database_->OpenMigrated();
        ASSERT_TRUE(opened) << opened.error().detail;
        db_ = std::move(*opened);
        queue_ = std::make_unique<queue::JobQueue>(*db_, clock_);
        StartServer(kToken);
    }

    void TearDown() override {
        StopServer();
        queue_.reset();
        db_.reset();
        test_database_.reset();
    }

    // Without an authenticator only the operator token admits: the endpoint before accounts.
    void StartServer(std::string token, auth::Authenticator authenticate = {}) {
        router_ = std::make_unique<http::Router>();
        router_->Add({"GET", "/api/v1/events",
                      MakeEventsHandler(EventsDeps{db_.get(), &pool_, token, authenticate})});
        http::ServerOptions options;
        options.port = 0;
        server_ = std::make_unique<http::Server>(options, *router_, metrics_);
        auto port = server_->Start();
        ASSERT_TRUE(port) << port.error().detail;
        port_ = *port;
    }

    void StopServer() {
        if (server_) {
            server_->RequestStop();
            server_->Wait();
            server_.reset();
        }
    }

    HttpResult Get(const std::string& query, const std::string& token = kToken) {
        std::vector<std::pair<std::string, std::string>> headers;
        if (!token.empty()) {
            headers.emplace_back("Authorization", "Bearer " + token);
        }
        return HttpRequest("GET",
                           "http://127.0.0.1:" + std::to_string(port_) + "/api/v1/events" + query,
                           "", headers);
    }

    json::object GetJson(const std::string& query) {
        HttpResult result = Get(query);
        EXPECT_EQ(result.status, 200) << query << ": " << result.body;
        json::value parsed = json::parse(result.body);
        return parsed.is_object() ? parsed.as_object() : json::object();
    }

    // An event as ingest stores one, with a payload that must never be listed.
    std::int64_t InsertEvent(const std::string& type, const std::string& action,
                             const std::string& repo, const std::string& status,
                             const std::string& note = "") {
        static constexpr const char* kSql =
            "INSERT INTO events (event_type, action, delivery_id, repo_full_name, payload, "
            "payload_encoding, status, note, created_at, processed_at) "
            "VALUES ($1, $2, $3, $4, $5, 'identity', $6, $7, $8, $9) RETURNING id";
        const std::int64_t received = kStartMs + 1000 * next_;
        const store::Value params[] = {
            type,
            action,
            "delivery-" + std::to_string(next_++),
            repo,
            store::Blob{std::string("{\"secret\":\"") + kPayloadMarker + "\"}"},
            status,
            note.empty() ? store::Null() : store::Value(note),
            received,
            status == "pending" ? store::Null() : store::Value(received + 500)};
        auto rows = store::Execute(*db_, store::Query{"test.insert_event", kSql, kSql}, params);
        EXPECT_TRUE(rows) << rows.error().detail;
        return rows ? store::AsInt(rows->rows.front().front()).value_or(-1) : -1;
    }

    std::int64_t EnqueueFor(std::int64_t event_id, const std::string& kind) {
        queue::NewJob job;
        job.kind = kind;
        job.event_id = event_id;
        job.max_attempts = 1;
        auto id = queue_->Enqueue(job);
        EXPECT_TRUE(id) << id.error().detail;
        return id ? *id : -1;
    }

    std::vector<std::int64_t> Ids(const json::object& page) {
        std::vector<std::int64_t> ids;
        for (const json::value& event : page.at("events").as_array()) {
            ids.push_back(event.at("id").as_int64());
        }
        return ids;
    }

    std::unique_ptr<testing::TestDatabase> test_database_;
    std::unique_ptr<store::Database> db_;
    core::SystemClock clock_;
    std::unique_ptr<queue::JobQueue> queue_;
    core::BlockingPool pool_{2};
    core::Metrics metrics_;
    std::unique_ptr<http::Router> router_;
    std::unique_ptr<http::Server> server_;
    std::uint16_t port_ = 0;
    int next_ = 0;
};

TEST_P(EventsApiTest, RefusesRequestsWithoutTheOperatorToken) {
    InsertEvent("push", "", "octo/repo", "completed");
    HttpResult missing = Get("", "");
    EXPECT_EQ(missing.status, 401) << missing.body;
    EXPECT_EQ(missing.headers["www-authenticate"], "Bearer realm=\"nectr\"");
    EXPECT_NE(missing.body.find("\"code\":\"unauthorized\""), std::string::npos) << missing.body;
    HttpResult wrong = Get("", "not-the-token");
    EXPECT_EQ(wrong.status, 401) << wrong.body;
    EXPECT_EQ(wrong.body.find("octo/repo"), std::string::npos) << "nothing listed when refused";
}

TEST_P(EventsApiTest, StaysClosedWith403WhileNoOperatorTokenIsConfigured) {
    StopServer();
    StartServer("");
    HttpResult result = Get("", "anything");
    EXPECT_EQ(result.status, 403) << result.body;
    EXPECT_NE(result.body.find("ADMIN_API_TOKEN"), std::string::npos) << result.body;
}

TEST_P(EventsApiTest, WithAnAuthenticatorAndNoOperatorTokenSignedInUsersAreAdmitted) {
    InsertEvent("push", "", "octo/repo", "completed");
    StopServer();
    StartServer("", test::BearerUserAuthenticator());
    HttpResult user = Get("", "user-7");
    EXPECT_EQ(user.status, 200) << user.body;
    EXPECT_EQ(user.body.find("octo/repo"), std::string::npos)
        << "user 7 reaches no repository, so sees no event";
    HttpResult anonymous = Get("", "");
    EXPECT_EQ(anonymous.status, 401) << anonymous.body;
    EXPECT_EQ(anonymous.headers["www-authenticate"], "Bearer realm=\"nectr\"");
    EXPECT_EQ(Get("", "anything").status, 401) << "no operator token: nothing else admits";
}

TEST_P(EventsApiTest, ListsEventsNewestFirstWithTheirJobAndNeverThePayload) {
    const std::int64_t ignored = InsertEvent("pull_request", "labeled", "octo/repo", "completed",
                                             "pull_request.labeled is not handled");
    const std::int64_t reviewed = InsertEvent("pull_request", "opened", "octo/repo", "pending");
    const std::int64_t job_id = EnqueueFor(reviewed, "review");

    HttpResult result = Get("");
    ASSERT_EQ(result.status, 200) << result.body;
    EXPECT_EQ(result.body.find(kPayloadMarker), std::string::npos) << "payload leaked";
    EXPECT_EQ(result.headers["cache-control"], "no-store");
    json::object page = json::parse(result.body).as_object();
    EXPECT_EQ(Ids(page), (std::vector<std::int64_t>{reviewed, ignored}));
    EXPECT_TRUE(page.at("next_cursor").is_null());

    const json::object& newest = page.at("events").as_array()[0].as_object();
    EXPECT_EQ(newest.at("type"), "pull_request");
    EXPECT_EQ(newest.at("action"), "opened");
    EXPECT_EQ(newest.at("repository"), "octo/repo");
    EXPECT_EQ(newest.at("status"), "pending");
    EXPECT_EQ(newest.at("delivery_id"), "delivery-1");
    EXPECT_TRUE(newest.at("note").is_null());
    EXPECT_TRUE(newest.at("processed_at").is_null());
    EXPECT_EQ(newest.at("received_at"), "2023-11-14T22:13:21.000Z");
    const json::object& job = newest.at("job").as_object();
    EXPECT_EQ(job.at("id").as_int64(), job_id);
    EXPECT_EQ(job.at("kind"), "review");
    EXPECT_EQ(job.at("status"), "queued");
    EXPECT_EQ(job.at("attempts").as_int64(), 0);
    EXPECT_TRUE(job.at("last_error").is_null());

    const json::object& oldest = page.at("events").as_array()[1].as_object();
    EXPECT_EQ(oldest.at("note"), "pull_request.labeled is not handled");
    EXPECT_TRUE(oldest.at("job").is_null());
    EXPECT_EQ(oldest.at("processed_at"), "2023-11-14T22:13:20.500Z");
}

TEST_P(EventsApiTest, ShowsTheReasonOfAJobThatDied) {
    const std::int64_t event = InsertEvent("pull_request", "opened", "octo/repo", "pending");
    const std::int64_t job_id = EnqueueFor(event, "review");
    auto claimed = queue_->Claim("worker-1");
    ASSERT_TRUE(claimed && *claimed) << "the job must be claimable";
    auto failed = queue_->Fail(job_id, "worker-1", "upstream: GitHub answered 502", false);
    ASSERT_TRUE(failed) << failed.error().detail;

    json::object page = GetJson("?status=failed");
    ASSERT_EQ(Ids(page), (std::vector<std::int64_t>{event}));
    const json::object& listed = page.at("events").as_array()[0].as_object();
    EXPECT_EQ(listed.at("status"), "failed");
    EXPECT_EQ(listed.at("error"), "upstream: GitHub answered 502");
    EXPECT_EQ(listed.at("job").at("status"), "dead");
    EXPECT_EQ(listed.at("job").at("attempts").as_int64(), 1);
    EXPECT_EQ(listed.at("job").at("last_error"), "upstream: GitHub answered 502");
    EXPECT_TRUE(std::regex_match(std::string(listed.at("processed_at").as_string()),
                                 std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")));
}

TEST_P(EventsApiTest, FiltersByRepositoryTypeAndStatusTogether) {
    const std::int64_t a = InsertEvent("pull_request", "opened", "octo/repo", "pending");
    const std::int64_t b = InsertEvent("push", "", "octo/repo", "completed");
    const std::int64_t c = InsertEvent("pull_request", "closed", "octo/other", "completed");
    const std::int64_t d = InsertEvent("pull_request", "closed", "octo/repo", "completed");

    EXPECT_EQ(Ids(GetJson("?repo=octo/repo")), (std::vector<std::int64_t>{d, b, a}));
    EXPECT_EQ(Ids(GetJson("?repo=octo%2Fother")), (std::vector<std::int64_t>{c}));
    EXPECT_EQ(Ids(GetJson("?type=pull_request")), (std::vector<std::int64_t>{d, c, a}));
    EXPECT_EQ(Ids(GetJson("?status=pending")), (std::vector<std::int64_t>{a}));
    EXPECT_EQ(Ids(GetJson("?repo=octo/repo&type=pull_request&status=completed")),
              (std::vector<std::int64_t>{d}));
    EXPECT_EQ(Ids(GetJson("?repo=nobody/here")), std::vector<std::int64_t>{});
    EXPECT_EQ(Ids(GetJson("?repo=&type=&status=")), (std::vector<std::int64_t>{d, c, b, a}))
        << "an empty filter value filters nothing";
}

TEST_P(EventsApiTest, PagesThroughEveryEventWithTheCursor) {
    std::vector<std::int64_t> inserted;
    for (int i = 0; i < 25; ++i) {
        inserted.push_back(InsertEvent("push", "", "octo/repo", "completed"));
    }
    EXPECT_EQ(GetJson("").at("events").as_array().size(), 20u) << "the default page is 20";

    std::vector<std::int64_t> seen;
    std::string query = "?limit=10";
    int pages = 0;
    for (; pages < 10; ++pages) {
        json::object page = GetJson(query);
        std::vector<std::int64_t> ids = Ids(page);
        seen.insert(seen.end(), ids.begin(), ids.end());
        if (page.at("next_cursor").is_null()) {
            break;
        }
        query = "?limit=10&cursor=" + std::string(page.at("next_cursor").as_string());
    }
    EXPECT_EQ(pages, 2) << "25 events in pages of 10 are three pages";
    std::vector<std::int64_t> expected(inserted.rbegin(), inserted.rend());
    EXPECT_EQ(seen, expected) << "every event once, newest first";

    json::object exact = GetJson("?limit=25");
    EXPECT_EQ(exact.at("events").as_array().size(), 25u);
    EXPECT_TRUE(exact.at("next_cursor").is_null()) << "no cursor when nothing follows";
}

TEST_P(EventsApiTest, RefusesBadParametersWith400InTheErrorShape) {
    for (const std::string query :
         {"?repo=not-a-repo", "?repo=a/b/c", "?repo=%20x/y", "?type=Pull-Request",
          "?type=x%27%20OR%201=1", "?status=done", "?limit=0", "?limit=101", "?limit=ten",
          "?limit=-1", "?cursor=42", "?cursor=%21%21"}) {
        HttpResult result = Get(query);
        EXPECT_EQ(result.status, 400) << query << ": " << result.body;
        json::value body = json::parse(result.body);
        EXPECT_EQ(body.at("error").at("code"), "invalid_input") << query;
        EXPECT_FALSE(body.at("error").at("message").as_string().empty()) << query;
    }
    EXPECT_EQ(Get("?limit=100").status, 200);
}

INSTANTIATE_TEST_SUITE_P(Engines, EventsApiTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         testing::EngineParamName);

}  // namespace
}  // namespace nectr::api
