#pragma once

// What end-to-end review tests share: a pull request from GitHub's webhook examples, the diff
// the GitHub fake serves for it, delivering a signed example to `nectr serve`, and waiting on
// a condition while the processes' output keeps draining.
#include <gtest/gtest.h>

#include <boost/json/value.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/review_fakes.hpp"
#include "support/signed_examples.hpp"
#include "support/test_database.hpp"

namespace nectr::testing {

// A small real-looking change to a JavaScript library and its README: added, removed and
// context lines on both sides, in two files.
extern const char* const kGreetingDiff;
// A new JavaScript file whose fourth line calls eval() on a template.
extern const char* const kEvalDiff;
// The line of kEvalDiff that calls eval(), in src/render.js.
inline constexpr int kEvalLine = 4;

// The pull request a webhook example names.
struct ExamplePull {
    std::string repo;  // "owner/name"
    std::int64_t number = 0;
    std::string head_sha;
    bool draft = false;
    std::string state;                // "open", "closed"
    boost::json::value pull_request;  // the example's pull_request object, as GitHub sends it
};
// nullopt when the body is not a pull_request payload.
std::optional<ExamplePull> PullOf(const SignedExample& example);

// Whether Nectr's routing sends this pull_request example to a review job: opened, reopened,
// synchronize or ready_for_review, open and not a draft.
bool RoutedToReview(const SignedExample& example);

// An issue_comment example turned into a command on a pull request, signed for the server.
// `number` moves the comment to that pull request (the examples comment on #1).
SignedExample CommandComment(const std::string& command, const std::string& secret,
                             std::optional<std::int64_t> number = std::nullopt);

// The base URL (http://127.0.0.1:PORT) of a `nectr serve` once it says where it runs; empty
// (with the server's output added to the test) when it does not within 60 s.
std::string WaitForServeUrl(ChildProcess& server);

// Posts a signed delivery to the server's webhook endpoint.
HttpResult Deliver(const std::string& base_url, const std::string& event, const std::string& body,
                   const std::string& signature, const std::string& delivery_id);

// Calls `done` every 50 ms until it is true or `timeout` passes; reads what `processes` wrote
// meanwhile, so that a chatty child never blocks on a full pipe. Returns the last answer.
bool WaitUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout,
               const std::vector<ChildProcess*>& processes = {});

// The queue gauges of GET /health: {"queued", "running", "dead", ...}; empty on failure.
std::map<std::string, std::int64_t> QueueGauges(const std::string& base_url);

// A fresh database of the engine under test, the GitHub fake, optionally the model fake, and
// the `nectr` processes a test starts against them; every process is stopped at the end.
class ReviewScenarioTest : public ::testing::TestWithParam<store::Engine> {
protected:
    static constexpr const char* kSecret = "review-e2e-webhook-secret";

    void SetUp() override;
    // Stops the nectr processes still running with SIGTERM and expects a clean exit.
    void TearDown() override;

    // Starts the model fake; nectr processes started afterwards review with it.
    void UseModel(int delay_ms, bool tool_call);
    // The environment of a nectr process: the database, the fakes, a token, the webhook secret,
    // and no poll_feedback jobs (FEEDBACK_POLL_HOURS=0) unless a test sets it.
    std::map<std::string, std::string> NectrEnv() const;
    // `nectr serve --port 0 --workers N`; sets base_url (empty when it did not start).
    void StartServe(int workers, const std::map<std::string, std::string>& extra_env = {});
    // `nectr worker --workers 1 --poll-interval 1`, running once it said so.
    ChildProcess& StartWorker(const std::map<std::string, std::string>& extra_env = {});

    // Waits until no job is queued or running (GET /health of the server).
    bool WaitUntilQueueIsEmpty(std::chrono::milliseconds timeout);
    // Waits until the GitHub fake holds `count` reviews (or more).
    bool WaitForReviews(std::size_t count, std::chrono::milliseconds timeout);
    // The first integer of the first row of `sql` on the test database; -1 on failure.
    std::int64_t QueryInt(const std::string& sql);
    // The nectr processes' logs, for failure messages.
    std::string Logs();
    std::vector<ChildProcess*> Processes();

    std::unique_ptr<TestDatabase> db;
    std::unique_ptr<GitHubFake> github_fake;
    std::unique_ptr<ModelFake> model_fake;
    TempDir work_dir;
    std::vector<std::unique_ptr<ChildProcess>> nectr_processes;
    std::string base_url;
    std::unique_ptr<store::Database> connection;
};

}  // namespace nectr::testing
