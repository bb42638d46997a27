#include "support/review_scenario.hpp"

#include <gtest/gtest.h>
#include <signal.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <regex>
#include <thread>

#include "webhooks/signature.hpp"

namespace nectr::testing {

namespace json = boost::json;

const char* const kGreetingDiff =
    "diff --git a/README.md b/README.md\n"
    "index 8b13789..c2a5d5e 100644\n"
    "--- a/README.md\n"
    "+++ b/README.md\n"
    "@@ -1 +1,3 @@\n"
    "-# Hello-World\n"
    "+# Hello-World\n"
    "+\n"
    "+A greeting for everyone who opens this repository.\n"
    "diff --git a/lib/greeting.js b/lib/greeting.js\n"
    "index 3b18e51..a9c2f04 100644\n"
    "--- a/lib/greeting.js\n"
    "+++ b/lib/greeting.js\n"
    "@@ -1,7 +1,9 @@\n"
    " 'use strict';\n"
    " \n"
    "-function greet(name) {\n"
    "-  return 'Hello ' + name;\n"
    "+function greet(name, punctuation) {\n"
    "+  const mark = punctuation || '!';\n"
    "+  return `Hello, ${name}${mark}`;\n"
    " }\n"
    " \n"
    " module.exports = { greet };\n"
    "+module.exports.default = greet;\n";

const char* const kEvalDiff =
    "diff --git a/src/render.js b/src/render.js\n"
    "new file mode 100644\n"
    "index 0000000..5d1c2a3\n"
    "--- /dev/null\n"
    "+++ b/src/render.js\n"
    "@@ -0,0 +1,6 @@\n"
    "+'use strict';\n"
    "+\n"
    "+function render(template, data) {\n"
    "+  return eval('`' + template + '`');\n"
    "+}\n"
    "+module.exports = { render };\n";

std::optional<ExamplePull> PullOf(const SignedExample& example) {
    if (example.event != "pull_request") {
        return std::nullopt;
    }
    const json::value payload = json::parse(example.body);
    const json::object& pull = payload.at("pull_request").as_object();
    ExamplePull out;
    out.repo = std::string(payload.at("repository").at("full_name").as_string());
    out.number = pull.at("number").to_number<std::int64_t>();
    out.head_sha = std::string(pull.at("head").at("sha").as_string());
    out.draft = pull.contains("draft") && pull.at("draft") == true;
    out.state = std::string(pull.at("state").as_string());
    out.pull_request = pull;
    return out;
}

bool RoutedToReview(const SignedExample& example) {
    auto pull = PullOf(example);
    const std::string& action = example.action;
    return pull &&
           (action == "opened" || action == "reopened" || action == "synchronize" ||
            action == "ready_for_review") &&
           !pull->draft && pull->state == "open";
}

SignedExample CommandComment(const std::string& command, const std::string& secret,
                             std::optional<std::int64_t> number) {
    const auto examples = SignGitHubExamples(secret, {"issue_comment"});
    for (const SignedExample& example : examples) {
        if (example.action != "created") {
            continue;
        }
        json::value payload = json::parse(example.body);
        json::object& issue = payload.at("issue").as_object();
        if (number) {
            for (const char* field : {"url", "html_url"}) {
                const std::string url = std::string(issue.at(field).as_string());
                issue[field] = url.substr(0, url.rfind('/') + 1) + std::to_string(*number);
            }
            issue["number"] = *number;
        }
        const std::string issue_url = std::string(issue.at("url").as_string());
        const std::string html_url = std::string(issue.at("html_url").as_string());
        // GitHub marks a pull request's conversation with issue.pull_request.
        issue["pull_request"] =
            json::object{{"url", issue_url.substr(0, issue_url.rfind("/issues/")) + "/pulls/" +
                                     std::to_string(issue.at("number").to_number<std::int64_t>())},
                         {"html_url", html_url},
                         {"diff_url", html_url + ".diff"},
                         {"patch_url", html_url + ".patch"},
                         {"merged_at", nullptr}};
        payload.at("comment").as_object()["body"] = command;
        SignedExample out;
        out.event = "issue_comment";
        out.action = "created";
        out.body = json::serialize(payload);
        out.signature = webhooks::SignBody(secret, out.body);
        return out;
    }
    ADD_FAILURE() << "no issue_comment created example";
    return {};
}

std::string WaitForServeUrl(ChildProcess& server) {
    auto line = server.WaitForStdoutLine("is running at", std::chrono::seconds(60));
    std::smatch match;
    if (line && std::regex_search(*line, match, std::regex(R"(http://[^ ]+:(\d+))"))) {
        return "http://127.0.0.1:" + match[1].str();
    }
    ADD_FAILURE() << "nectr serve did not start:\n" << server.Stderr();
    return "";
}

HttpResult Deliver(const std::string& base_url, const std::string& event, const std::string& body,
                   const std::string& signature, const std::string& delivery_id) {
    return HttpRequest("POST", base_url + "/api/v1/webhooks/github", body,
                       {{"Content-Type", "application/json"},
                        {"X-GitHub-Event", event},
                        {"X-GitHub-Delivery", delivery_id},
                        {"X-Hub-Signature-256", signature},
                        {"User-Agent", "GitHub-Hookshot/e2e"}});
}

bool WaitUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout,
               const std::vector<ChildProcess*>& processes) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        for (ChildProcess* process : processes) {
            // Each call reads at most one chunk per pipe: read until nothing more comes.
            std::size_t seen = 0;
            for (int i = 0; i < 256; ++i) {
                const std::size_t now = process->Stderr().size() + process->Stdout().size();
                if (now == seen) {
                    break;
                }
                seen = now;
            }
        }
        if (done()) {
            return true;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

std::map<std::string, std::int64_t> QueueGauges(const std::string& base_url) {
    std::map<std::string, std::int64_t> gauges;
    HttpResult health = HttpRequest("GET", base_url + "/health");
    boost::system::error_code ec;
    const json::value parsed = json::parse(health.body, ec);
    if (ec || !parsed.is_object() || !parsed.as_object().contains("queue")) {
        return gauges;
    }
    for (const auto& [name, value] : parsed.at("queue").as_object()) {
        if (value.is_int64()) {
            gauges[std::string(name)] = value.as_int64();
        }
    }
    return gauges;
}

}  // namespace nectr::testing

namespace nectr::testing {

void ReviewScenarioTest::SetUp() {
    auto created = TestDatabase::Create(GetParam());
    ASSERT_TRUE(created) << created.error().detail;
    db = std::move(*created);
    github_fake = std::make_unique<GitHubFake>();
    ASSERT_TRUE(github_fake->Started());
}

void ReviewScenarioTest::TearDown() {
    for (auto& process : nectr_processes) {
        if (process->Wait(std::chrono::milliseconds(0))) {
            continue;  // killed by the test, or already gone
        }
        process->Signal(SIGTERM);
        EXPECT_EQ(process->Wait(std::chrono::seconds(45)), 0) << process->Stderr();
    }
}

void ReviewScenarioTest::UseModel(int delay_ms, bool tool_call) {
    model_fake = std::make_unique<ModelFake>(delay_ms, tool_call);
    ASSERT_TRUE(model_fake->Started());
}

std::map<std::string, std::string> ReviewScenarioTest::NectrEnv() const {
    std::map<std::string, std::string> env{{"DATABASE_URL", db->Url()},
                                           {"GITHUB_WEBHOOK_SECRET", kSecret},
                                           {"GITHUB_API_URL", github_fake->ApiUrl()},
                                           {"GITHUB_TOKEN", "e2e-token-for-the-fake"},
                                           {"LOG_LEVEL", "info"},
                                           // The delayed reading of reactions would stay
                                           // queued for hours: the tests that want it ask.
                                           {"FEEDBACK_POLL_HOURS", "0"}};
    if (model_fake) {
        env["LLM_PROVIDER"] = "openai";
        env["OPENAI_BASE_URL"] = model_fake->BaseUrl();
        env["OPENAI_API_KEY"] = "e2e-key-for-the-fake";
        env["LLM_MODEL"] = "scripted-reviewer";
        env["LLM_MAX_RETRIES"] = "0";
    } else {
        env["LLM_PROVIDER"] = "none";
    }
    return env;
}

void ReviewScenarioTest::StartServe(int workers,
                                    const std::map<std::string, std::string>& extra_env) {
    auto env = NectrEnv();
    for (const auto& [key, value] : extra_env) {
        env[key] = value;
    }
    nectr_processes.push_back(std::make_unique<ChildProcess>(
        std::vector<std::string>{NECTR_BINARY_PATH, "serve", "--port", "0", "--workers",
                                 std::to_string(workers)},
        env, work_dir.Path()));
    base_url = WaitForServeUrl(*nectr_processes.back());
}

ChildProcess& ReviewScenarioTest::StartWorker(const std::map<std::string, std::string>& extra_env) {
    auto env = NectrEnv();
    for (const auto& [key, value] : extra_env) {
        env[key] = value;
    }
    nectr_processes.push_back(std::make_unique<ChildProcess>(
        std::vector<std::string>{NECTR_BINARY_PATH, "worker", "--workers", "1", "--poll-interval",
                                 "1"},
        env, work_dir.Path()));
    ChildProcess& worker = *nectr_processes.back();
    EXPECT_TRUE(worker.WaitForStdoutLine("worker running", std::chrono::seconds(60)))
        << worker.Stderr();
    return worker;
}

bool ReviewScenarioTest::WaitUntilQueueIsEmpty(std::chrono::milliseconds timeout) {
    return WaitUntil(
        [this] {
            auto gauges = QueueGauges(base_url);
            return !gauges.empty() && gauges["queued"] == 0 && gauges["running"] == 0;
        },
        timeout, Processes());
}

bool ReviewScenarioTest::WaitForReviews(std::size_t count, std::chrono::milliseconds timeout) {
    return WaitUntil([&] { return github_fake->State().at("reviews").as_array().size() >= count; },
                     timeout, Processes());
}

std::int64_t ReviewScenarioTest::QueryInt(const std::string& sql) {
    if (!connection) {
        auto opened = db->Open();
        if (!opened) {
            ADD_FAILURE() << opened.error().detail;
            return -1;
        }
        connection = std::move(*opened);
    }
    auto rows = store::Execute(*connection, store::Query{"test.query_int", sql, sql});
    if (!rows || rows->rows.empty() || rows->rows.front().empty()) {
        ADD_FAILURE() << sql << ": " << (rows ? "no row" : rows.error().detail);
        return -1;
    }
    return store::AsInt(rows->rows.front().front()).value_or(-1);
}

std::string ReviewScenarioTest::Logs() {
    std::string logs;
    for (auto& process : nectr_processes) {
        const std::string& err = process->Stderr();
        logs += "---- nectr pid " + std::to_string(process->Pid()) + "\n";
        logs += err.size() > 12000 ? err.substr(err.size() - 12000) : err;
    }
    return logs;
}

std::vector<ChildProcess*> ReviewScenarioTest::Processes() {
    std::vector<ChildProcess*> out;
    for (auto& process : nectr_processes) {
        out.push_back(process.get());
    }
    return out;
}

}  // namespace nectr::testing
