// A burst of 1,000 signed deliveries while processes die: `nectr serve` (which also runs a
// worker) and two `nectr worker` processes are killed -9 at random points and started again,
// and every delivery that did not get an answer is sent again, as GitHub redelivers. When the
// queue has drained, every delivery has exactly one event, every pull request that was opened
// has exactly one review on GitHub, and no job or event is left behind.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <boost/json.hpp>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include "support/review_scenario.hpp"
#include "webhooks/signature.hpp"

namespace nectr::testing {
namespace {

namespace json = boost::json;
using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr int kDeliveries = 1000;
// Every fifth delivery opens a pull request (a review); the others are labels on it, which
// are stored and not acted on: the mix of a busy repository.
constexpr int kEveryNthOpens = 5;
constexpr int kPullRequests = kDeliveries / kEveryNthOpens;
constexpr int kKills = 8;

struct Delivery {
    std::string id;
    std::string body;
    std::string signature;
};

// The pull request of delivery `i`: its number and its head, unique per pull request.
std::int64_t NumberOf(int i) { return 1000 + i / kEveryNthOpens; }
std::string HeadOf(std::int64_t number) {
    std::string sha = std::to_string(number);
    return std::string(40 - sha.size(), 'a') + sha;
}

class ReviewChaosTest : public ReviewScenarioTest {
protected:
    // The example "opened" delivery made into delivery `i`.
    Delivery Make(int i, const json::object& example) {
        json::object payload = example;
        const std::int64_t number = NumberOf(i);
        payload["number"] = number;
        json::object& pull = payload["pull_request"].as_object();
        pull["number"] = number;
        pull["head"].as_object()["sha"] = HeadOf(number);
        if (i % kEveryNthOpens != 0) {
            payload["action"] = "labeled";
            payload["label"] = json::object{{"name", "label-" + std::to_string(i)}};
        }
        Delivery delivery;
        delivery.id = "chaos-" + std::to_string(i);
        delivery.body = json::serialize(payload);
        delivery.signature = webhooks::SignBody(kSecret, delivery.body);
        return delivery;
    }

    // The first pull_request "opened" example routed to a review, as an object.
    json::object OpenedExample() {
        for (const SignedExample& example : SignGitHubExamples(kSecret, {"pull_request"})) {
            if (example.action == "opened" && RoutedToReview(example)) {
                return json::parse(example.body).as_object();
            }
        }
        ADD_FAILURE() << "no pull_request opened example";
        return {};
    }

    std::string ServeUrl() {
        std::lock_guard lock(url_mutex);
        return base_url;
    }

    // Starts the server again (it picks a new port) after a kill.
    void RestartServe() {
        std::map<std::string, std::string> env = Env();
        auto server = std::make_unique<ChildProcess>(
            std::vector<std::string>{NECTR_BINARY_PATH, "serve", "--port", "0", "--workers", "1"},
            NectrEnvWith(env), work_dir.Path());
        std::string url = WaitForServeUrl(*server);
        {
            std::lock_guard lock(url_mutex);
            base_url = url;
            server_index = nectr_processes.size();
        }
        nectr_processes.push_back(std::move(server));
    }

    std::map<std::string, std::string> Env() {
        // A short lease, so that a killed worker's job runs again within the test; quick retries.
        return {{"QUEUE_LEASE_SECONDS", "3"}, {"QUEUE_RETRY_SECONDS", "1"}, {"LOG_LEVEL", "warn"}};
    }
    std::map<std::string, std::string> NectrEnvWith(const std::map<std::string, std::string>& env) {
        auto all = NectrEnv();
        for (const auto& [key, value] : env) {
            all[key] = value;
        }
        return all;
    }

    // Sends until the server answers 202 or 200 (a duplicate: an earlier try was stored, its
    // answer lost with the server). Returns the status of the answer that ended it.
    int DeliverUntilAnswered(const Delivery& delivery) {
        for (int attempt = 0; attempt < 600; ++attempt) {
            const std::string url = ServeUrl();
            if (!url.empty()) {
                HttpResult result =
                    Deliver(url, "pull_request", delivery.body, delivery.signature, delivery.id);
                if (result.status == 202 || result.status == 200) {
                    return result.status;
                }
            }
            std::this_thread::sleep_for(milliseconds(100));
        }
        return 0;
    }

    std::mutex url_mutex;
    std::size_t server_index = 0;
};

TEST_P(ReviewChaosTest, EveryDeliveryHasOneOutcomeAndEveryPullRequestOneReview) {
    UseModel(0, false);
    const json::object example = OpenedExample();
    ASSERT_FALSE(example.empty());
    const std::string repo(example.at("repository").at("full_name").as_string());
    std::vector<Delivery> deliveries;
    for (int i = 0; i < kDeliveries; ++i) {
        deliveries.push_back(Make(i, example));
        if (i % kEveryNthOpens == 0) {
            json::object pull = json::parse(deliveries.back().body).at("pull_request").as_object();
            github_fake->RegisterPull(repo, NumberOf(i), pull, kGreetingDiff);
        }
    }

    StartServe(1, Env());
    ASSERT_FALSE(base_url.empty());
    server_index = nectr_processes.size() - 1;
    std::vector<std::size_t> workers;
    for (int w = 0; w < 2; ++w) {
        StartWorker(Env());
        workers.push_back(nectr_processes.size() - 1);
    }

    // Four senders, like GitHub's parallel deliveries; each delivery is sent until answered.
    std::atomic<int> next{0};
    std::atomic<int> unanswered{0};
    std::atomic<int> duplicates{0};
    std::vector<std::thread> senders;
    for (int t = 0; t < 4; ++t) {
        senders.emplace_back([&] {
            for (int i = next++; i < kDeliveries; i = next++) {
                const int status = DeliverUntilAnswered(deliveries[i]);
                if (status == 0) {
                    ++unanswered;
                } else if (status == 200) {
                    ++duplicates;
                }
            }
        });
    }

    // The chaos: every 0.5 to 2 s one process dies by SIGKILL, and is started again.
    std::mt19937 random(GetParam() == store::Engine::kSqlite ? 7 : 11);
    int server_kills = 0;
    for (int kill = 0; kill < kKills; ++kill) {
        std::this_thread::sleep_for(milliseconds(std::uniform_int_distribution(500, 2000)(random)));
        const bool kill_server = kill % 2 == 0;
        if (kill_server) {
            ChildProcess& server = *nectr_processes[server_index];
            {
                std::lock_guard lock(url_mutex);
                base_url.clear();
            }
            server.Signal(SIGKILL);
            server.Wait(seconds(30));
            ++server_kills;
            RestartServe();
            ASSERT_FALSE(ServeUrl().empty()) << Logs();
        } else {
            const std::size_t slot = kill % 4 == 1 ? 0 : 1;
            ChildProcess& worker = *nectr_processes[workers[slot]];
            worker.Signal(SIGKILL);
            worker.Wait(seconds(30));
            StartWorker(Env());
            workers[slot] = nectr_processes.size() - 1;
        }
        // Reads what the processes wrote, so that none blocks on a full pipe.
        WaitUntil([] { return true; }, milliseconds(0), Processes());
    }
    // The kills must have hit while reviews were still being made, or they proved nothing.
    const std::size_t reviews_at_last_kill = github_fake->State().at("reviews").as_array().size();
    EXPECT_LT(reviews_at_last_kill, static_cast<std::size_t>(kPullRequests));
    for (std::thread& sender : senders) {
        sender.join();
    }
    ASSERT_EQ(unanswered.load(), 0) << Logs();
    ASSERT_EQ(server_kills, kKills / 2);

    ASSERT_TRUE(WaitUntilQueueIsEmpty(seconds(600))) << Logs();
    ASSERT_TRUE(WaitForReviews(kPullRequests, seconds(60))) << Logs();

    // One event per delivery, none left pending, and no duplicate rows.
    EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM events WHERE delivery_id LIKE 'chaos-%'"),
              kDeliveries);
    EXPECT_EQ(QueryInt("SELECT COUNT(DISTINCT delivery_id) FROM events "
                       "WHERE delivery_id LIKE 'chaos-%'"),
              kDeliveries);
    EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM events WHERE status IN ('pending', 'processing')"), 0);
    // One review job per opened pull request, each succeeded, none dead.
    EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM jobs WHERE kind = 'review'"), kPullRequests);
    EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM jobs WHERE kind = 'review' AND state = 'succeeded'"),
              kPullRequests)
        << Logs();
    EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM jobs WHERE state = 'dead'"), 0) << Logs();

    // Exactly one review per pull request head on GitHub.
    std::map<std::string, int> reviews_per_head;
    const json::object state = github_fake->State();
    for (const json::value& review : state.at("reviews").as_array()) {
        const std::string key = std::to_string(review.at("number").to_number<std::int64_t>()) +
                                "@" + std::string(review.at("commit_id").as_string());
        ++reviews_per_head[key];
    }
    EXPECT_EQ(reviews_per_head.size(), static_cast<std::size_t>(kPullRequests));
    for (const auto& [head, count] : reviews_per_head) {
        EXPECT_EQ(count, 1) << head << " was reviewed " << count << " times";
    }
    for (int i = 0; i < kDeliveries; i += kEveryNthOpens) {
        const std::string key = std::to_string(NumberOf(i)) + "@" + HeadOf(NumberOf(i));
        EXPECT_TRUE(reviews_per_head.contains(key)) << key << " has no review";
    }
    RecordProperty("duplicate_answers", duplicates.load());
}

INSTANTIATE_TEST_SUITE_P(Engines, ReviewChaosTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgres),
                         [](const auto& info) {
                             return info.param == store::Engine::kSqlite ? "Sqlite" : "Postgres";
                         });

}  // namespace
}  // namespace nectr::testing
