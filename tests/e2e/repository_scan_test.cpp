// Scanning a connected repository through the real `nectr serve`, over git's smart HTTP
// protocol (tests/node/git_http_server.mjs runs `git http-backend`, and refuses requests
// without the expected token): the clone is indexed and its history imported at start-up,
// a push re-indexes only the files it changed, and a refused token ends in a failed status
// that never shows the token.
#include <gtest/gtest.h>
#include <signal.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <thread>

#include "core/clock.hpp"
#include "core/subprocess.hpp"
#include "queue/job_store.hpp"
#include "store/database.hpp"
#include "store/value.hpp"
#include "support/process.hpp"
#include "support/review_fakes.hpp"
#include "support/test_database.hpp"

namespace nectr::testing {
namespace {

namespace json = boost::json;
using std::chrono::seconds;

constexpr const char* kRepo = "acme/widgets";

// Made at run time, so that no literal looks like a credential.
std::string TestToken(const std::string& word) { return "gh" + std::string("s_") + word + "0Zk7"; }

store::Rows Sql(store::Database& db, const std::string& text,
                std::vector<store::Value> params = {}) {
    const store::Query query{"test.sql", text, text};
    auto rows = store::Execute(db, query, params);
    EXPECT_TRUE(rows) << text << ": " << rows.error().detail;
    return rows ? *rows : store::Rows{};
}

std::string Git(const std::string& dir, std::vector<std::string> args,
                const std::string& author = "alice") {
    args.insert(args.begin(), {"git", "-C", dir});
    const std::string email =
        author == "alice" ? "1+alice@users.noreply.github.com" : "2+bob@users.noreply.github.com";
    core::ProcessOptions options;
    options.environment = {{"GIT_AUTHOR_NAME", author},
                           {"GIT_AUTHOR_EMAIL", email},
                           {"GIT_COMMITTER_NAME", author},
                           {"GIT_COMMITTER_EMAIL", email}};
    auto result = core::RunProcess(args, options);
    EXPECT_TRUE(result && result->exit_code == 0) << (result ? result->err : result.error().detail);
    return result ? result->out : std::string();
}

void Write(const std::string& root, const std::string& path, const std::string& text) {
    std::filesystem::create_directories(std::filesystem::path(root + "/" + path).parent_path());
    std::ofstream(root + "/" + path) << text;
}

void Commit(const std::string& work, const std::string& author, const std::string& message) {
    Git(work, {"add", "-A"}, author);
    Git(work, {"commit", "-q", "-m", message}, author);
}

class RepositoryScanTest : public ::testing::TestWithParam<store::Engine> {
protected:
    void SetUp() override {
        work_ = dir_.Path() + "/work";
        bare_ = dir_.Path() + "/git/acme/widgets.git";
        std::filesystem::create_directories(work_);
        Git(work_, {"init", "-q", "-b", "main"});
        Write(work_, "src/engine.cpp", "int ComputeTotal(int a) { return a + 1; }\n");
        Write(work_, "src/util.py", "def parse_config(text):\n    return text.split()\n");
        Write(work_, "README.md", "# Widgets\n");
        Commit(work_, "alice", "engine and util");
        Write(work_, "src/report.py", "def render_report(rows):\n    return len(rows)\n");
        Write(work_, "src/engine.cpp", "int ComputeTotal(int a) { return a + 2; }\n");
        Commit(work_, "bob", "report");
        Write(work_, "src/cache.cpp", "int LookupCache(int key) { return key; }\n");
        Write(work_, "src/store.cpp", "int SaveRecord(int id) { return id; }\n");
        Commit(work_, "alice", "cache and store");
        std::filesystem::create_directories(dir_.Path() + "/git/acme");
        Git(dir_.Path(), {"clone", "-q", "--bare", work_, bare_});
        Git(work_, {"remote", "add", "origin", bare_});
        token_ = TestToken("RightToken");
        git_server_ = std::make_unique<NodePeer>(
            "git_http_server.mjs",
            std::vector<std::string>{"--root", dir_.Path() + "/git", "--token", token_});
        ASSERT_TRUE(git_server_->Started());

        auto created = TestDatabase::Create(GetParam());
        ASSERT_TRUE(created) << created.error().detail;
        database_ = std::move(*created);
        auto opened = database_->OpenMigrated();
        ASSERT_TRUE(opened) << opened.error().detail;
        db_ = std::move(*opened);
        // A user who connected the repository before scans existed: start-up queues its scan.
        Sql(*db_,
            "INSERT INTO users (id, github_id, github_username, created_at, updated_at) "
            "VALUES (1, 101, 'owner', 1, 1)");
        Sql(*db_,
            "INSERT INTO installations (user_id, repo_full_name, is_active, installed_at, "
            "updated_at) VALUES (1, $1, 1, 1, 1)",
            {std::string(kRepo)});
    }

    void TearDown() override {
        StopServer();
        db_.reset();
        database_.reset();
    }

    void StartServer(const std::string& token) {
        std::map<std::string, std::string> env{{"DATABASE_URL", database_->Url()},
                                               {"DATA_DIR", dir_.Path() + "/data"},
                                               {"GITHUB_TOKEN", token},
                                               {"GITHUB_GIT_URL", git_server_->Url()},
                                               {"WORKER_POLL_INTERVAL", "1"},
                                               {"LLM_PROVIDER", "none"},
                                               {"EMBEDDINGS_BASE_URL", model_.BaseUrl()},
                                               {"EMBEDDINGS_MODEL", "fake-embed-64"}};
        server_ = std::make_unique<ChildProcess>(
            std::vector<std::string>{NECTR_BINARY_PATH, "serve", "--port", "0", "--workers", "1"},
            env, dir_.Path());
        ASSERT_TRUE(server_->WaitForStdoutLine("is running at", seconds(60))) << server_->Stderr();
    }

    void StopServer() {
        if (server_) {
            server_->Signal(SIGTERM);
            EXPECT_EQ(server_->Wait(seconds(30)), 0) << server_->Stderr();
            log_ = server_->Stdout() + server_->Stderr();
            server_.reset();
        }
    }

    // Waits until the repository's scan status passes `done` (or a minute runs out) and
    // returns the last row read.
    json::object WaitForScan(const std::function<bool(const json::object&)>& done) {
        const auto deadline = std::chrono::steady_clock::now() + seconds(90);
        json::object status;
        while (std::chrono::steady_clock::now() < deadline) {
            store::Rows rows = Sql(*db_,
                                   "SELECT state, kind, commit_sha, files, symbols, chunks, "
                                   "error FROM repository_scans WHERE repo_full_name = $1",
                                   {std::string(kRepo)});
            if (!rows.empty()) {
                const auto& row = rows.rows[0];
                status = json::object{{"state", store::AsText(row[0]).value_or("")},
                                      {"kind", store::AsText(row[1]).value_or("")},
                                      {"commit", store::AsText(row[2]).value_or("")},
                                      {"files", store::AsInt(row[3]).value_or(-1)},
                                      {"symbols", store::AsInt(row[4]).value_or(-1)},
                                      {"chunks", store::AsInt(row[5]).value_or(-1)},
                                      {"error", store::AsText(row[6]).value_or("")}};
                if (done(status)) {
                    return status;
                }
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        ADD_FAILURE() << "the scan did not finish: " << json::serialize(status) << "\n"
                      << (server_ ? server_->Stderr() : "");
        return status;
    }

    std::int64_t Count(const std::string& sql) {
        store::Rows rows = Sql(*db_, sql, {std::string(kRepo)});
        return rows.empty() ? -1 : store::AsInt(rows.rows[0][0]).value_or(-1);
    }

    // path -> content_sha and updated_at of the indexed files.
    std::map<std::string, std::pair<std::string, std::int64_t>> IndexedFiles() {
        std::map<std::string, std::pair<std::string, std::int64_t>> files;
        store::Rows rows = Sql(*db_,
                               "SELECT f.path, f.content_sha, f.updated_at FROM files f JOIN "
                               "repositories r ON r.id = f.repository_id WHERE r.full_name = $1",
                               {std::string(kRepo)});
        for (const auto& row : rows.rows) {
            files[store::AsText(row[0]).value_or("")] = {store::AsText(row[1]).value_or(""),
                                                         store::AsInt(row[2]).value_or(0)};
        }
        return files;
    }

    std::string ReadRemoteUrl() {
        std::string url =
            Git(dir_.Path() + "/data/repos/acme/widgets", {"config", "--get", "remote.origin.url"});
        return url.substr(0, url.find('\n'));
    }

    std::string Head() {
        std::string head = Git(bare_, {"rev-parse", "HEAD"});
        return head.substr(0, head.find('\n'));
    }

    TempDir dir_;
    std::string work_;
    std::string bare_;
    std::string token_;
    std::unique_ptr<NodePeer> git_server_;
    ModelFake model_;  // the embeddings service
    std::unique_ptr<TestDatabase> database_;
    std::unique_ptr<store::Database> db_;
    std::unique_ptr<ChildProcess> server_;
    std::string log_;
    core::SystemClock clock_;
};

TEST_P(RepositoryScanTest, ScansAtStartUpThenReindexesOnlyWhatAPushChanged) {
    StartServer(token_);
    json::object scan = WaitForScan(
        [](const json::object& s) { return s.at("state") == "done" || s.at("state") == "failed"; });
    ASSERT_EQ(scan.at("state"), "done") << json::serialize(scan);
    EXPECT_EQ(scan.at("commit").as_string(), Head());
    EXPECT_EQ(scan.at("files"), 6);
    EXPECT_GT(scan.at("symbols").as_int64(), 4);
    const std::string symbols =
        "SELECT COUNT(*) FROM symbols s JOIN files f ON f.id = s.file_id JOIN repositories r ON "
        "r.id = f.repository_id WHERE r.full_name = $1 AND s.name IN ('ComputeTotal', "
        "'parse_config', 'render_report', 'LookupCache', 'SaveRecord')";
    EXPECT_EQ(Count(symbols), 5) << "each file's symbol is in the index";
    const std::string chunks =
        "SELECT COUNT(*) FROM chunks c JOIN files f ON f.id = c.file_id JOIN repositories r ON "
        "r.id = f.repository_id WHERE r.full_name = $1";
    const std::string embedded = chunks + " AND c.embedding_model = 'fake-embed-64'";
    EXPECT_GT(Count(chunks), 0);
    EXPECT_EQ(Count(embedded), Count(chunks)) << "the scan embedded every chunk";
    EXPECT_EQ(Count("SELECT COUNT(*) FROM commits c JOIN repositories r ON r.id = c.repository_id "
                    "WHERE r.full_name = $1"),
              3);
    store::Rows developers = Sql(*db_,
                                 "SELECT DISTINCT d.login FROM developers d JOIN commits c ON "
                                 "c.developer_id = d.id JOIN repositories r ON r.id = "
                                 "c.repository_id WHERE r.full_name = $1 ORDER BY d.login",
                                 {std::string(kRepo)});
    ASSERT_EQ(developers.size(), 2u);
    EXPECT_EQ(store::AsText(developers.rows[0][0]), "alice");
    EXPECT_EQ(store::AsText(developers.rows[1][0]), "bob");
    json::array requests = git_server_->Get("/__nectr/state").as_object().at("requests").as_array();
    ASSERT_FALSE(requests.empty());
    for (const auto& request : requests) {
        EXPECT_TRUE(request.at("authorized").as_bool()) << json::serialize(request);
    }
    EXPECT_FALSE(std::filesystem::exists(dir_.Path() + "/data/repos/acme/widgets.partial"));
    EXPECT_EQ(ReadRemoteUrl(), git_server_->Url() + "/acme/widgets.git")
        << "the clone's configuration holds the plain URL, no token";

    // A push: three files change, one goes.
    const std::string before = Head();
    const auto indexed_before = IndexedFiles();
    Write(work_, "src/engine.cpp", "int ComputeGrandTotal(int a) { return a + 3; }\n");
    Write(work_, "src/util.py", "def parse_settings(text):\n    return text\n");
    Write(work_, "src/report.py", "def render_summary(rows):\n    return rows\n");
    std::filesystem::remove(work_ + "/src/cache.cpp");
    Commit(work_, "bob", "rename things");
    Git(work_, {"push", "-q", "origin", "main"});
    const std::string after = Head();
    ASSERT_NE(before, after);
    queue::NewJob push;
    push.kind = "reindex_push";
    push.repo_full_name = kRepo;
    push.payload = json::serialize(json::object{
        {"repository", kRepo}, {"ref", "refs/heads/main"}, {"before", before}, {"after", after}});
    queue::JobQueue jobs(*db_, clock_);
    ASSERT_TRUE(jobs.Enqueue(push));
    scan = WaitForScan([&after](const json::object& s) {
        return s.at("kind") == "push" &&
               ((s.at("state") == "done" && s.at("commit").as_string() == after) ||
                s.at("state") == "failed");
    });
    ASSERT_EQ(scan.at("state"), "done") << json::serialize(scan);
    EXPECT_EQ(scan.at("files"), 5);
    const auto indexed_after = IndexedFiles();
    EXPECT_FALSE(indexed_after.contains("src/cache.cpp")) << "the deleted file left the index";
    for (const std::string path : {"src/engine.cpp", "src/util.py", "src/report.py"}) {
        ASSERT_TRUE(indexed_after.contains(path)) << path;
        EXPECT_NE(indexed_after.at(path).first, indexed_before.at(path).first) << path;
    }
    for (const std::string path : {"README.md", "src/store.cpp"}) {
        ASSERT_TRUE(indexed_after.contains(path)) << path;
        EXPECT_EQ(indexed_after.at(path), indexed_before.at(path))
            << path << " did not change, so it was not parsed again";
    }
    EXPECT_EQ(Count(symbols), 1)
        << "of the old names only SaveRecord, in an untouched file, is left";
    EXPECT_EQ(Count(embedded), Count(chunks)) << "the push's new chunks were embedded too";
    EXPECT_EQ(Count("SELECT COUNT(*) FROM commits c JOIN repositories r ON r.id = c.repository_id "
                    "WHERE r.full_name = $1"),
              4)
        << "the pushed commit joined the graph";
}

TEST_P(RepositoryScanTest, ARefusedTokenFailsTheScanWithoutShowingTheToken) {
    const std::string wrong = TestToken("WrongToken");
    StartServer(wrong);
    json::object scan = WaitForScan(
        [](const json::object& s) { return s.at("state") == "done" || s.at("state") == "failed"; });
    ASSERT_EQ(scan.at("state"), "failed");
    const std::string error(scan.at("error").as_string());
    EXPECT_NE(error.find("refused"), std::string::npos) << error;
    EXPECT_NE(error.find(kRepo), std::string::npos) << error;
    json::array requests = git_server_->Get("/__nectr/state").as_object().at("requests").as_array();
    ASSERT_FALSE(requests.empty());
    EXPECT_FALSE(requests[0].at("authorized").as_bool());
    StopServer();
    store::Rows job_errors =
        Sql(*db_, "SELECT COALESCE(last_error, '') FROM jobs WHERE kind = 'scan_repository'");
    ASSERT_FALSE(job_errors.empty());
    for (const std::string& text :
         {error, log_, store::AsText(job_errors.rows[0][0]).value_or("")}) {
        EXPECT_EQ(text.find(wrong), std::string::npos) << text;
        EXPECT_EQ(text.find("WrongToken"), std::string::npos) << text;
    }

    // A restart does not queue the scan again: the repository has a status now.
    StartServer(wrong);
    StopServer();
    EXPECT_EQ(Count("SELECT COUNT(*) FROM jobs WHERE kind = 'scan_repository' AND "
                    "repo_full_name = $1"),
              1);
}

INSTANTIATE_TEST_SUITE_P(Engines, RepositoryScanTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgres),
                         EngineParamName);

}  // namespace
}  // namespace nectr::testing
