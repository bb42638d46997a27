// Part B: many reviews waiting on a slow model at once, in this one process: one io_context
// thread runs every review, the libcurl client's own thread drives every socket.
#include "in_flight.hpp"

#include <fmt/format.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <exception>
#include <map>

#include "bench_review.hpp"
#include "http/client.hpp"
#include "llm/provider.hpp"
#include "process_stats.hpp"

namespace nectr::bench {
namespace {

using Clock = std::chrono::steady_clock;

// Passes calls on and counts how many are waiting for the model at once.
class CountingProvider final : public llm::Provider {
public:
    explicit CountingProvider(llm::Provider& inner) : inner_(inner) {}

    net::awaitable<core::Result<llm::Completion>> Complete(
        llm::CompletionRequest request) override {
        ++waiting;
        peak_waiting = std::max(peak_waiting, waiting);
        auto answer = co_await inner_.Complete(std::move(request));
        --waiting;
        co_return answer;
    }
    std::string_view Name() const override { return inner_.Name(); }
    const std::string& Model() const override { return inner_.Model(); }

    int waiting = 0;
    int peak_waiting = 0;

private:
    llm::Provider& inner_;
};

struct RunState {
    RunState(const SyntheticPr& pr_in, CountingProvider& provider_in, review::CodeHost& host_in)
        : pr(pr_in), provider(provider_in), host(host_in) {}

    const SyntheticPr& pr;
    CountingProvider& provider;
    review::CodeHost& host;
    Clock::time_point started;
    int finished = 0;
    int succeeded = 0;
    std::map<std::string, int> errors;  // first words of each error detail, counted
    std::vector<double> latency_s;
    std::int64_t rss_all_waiting_kib = 0;
    int peak_threads = 0;
};

net::awaitable<void> OneReview(RunState& state, std::int64_t number) {
    const auto started = Clock::now();
    ReviewOutcome outcome = co_await ReviewOnce(state.pr, number, state.provider, state.host);
    state.latency_s.push_back(std::chrono::duration<double>(Clock::now() - started).count());
    ++state.finished;
    if (outcome.ok && outcome.model_calls > 0) {
        ++state.succeeded;
    } else {
        const std::string error = outcome.ok ? "no model call was made" : outcome.error;
        ++state.errors[error.substr(0, 120)];
    }
}

// Notes the resident memory once every review waits on the model, and the thread count.
net::awaitable<void> Watch(RunState& state, int reviews) {
    net::steady_timer timer(co_await net::this_coro::executor);
    while (state.finished < reviews) {
        const ProcessStats now = ReadProcessStats();
        state.peak_threads = std::max(state.peak_threads, now.threads);
        if (state.rss_all_waiting_kib == 0 && state.provider.waiting == reviews) {
            state.rss_all_waiting_kib = now.rss_kib;
        }
        timer.expires_after(std::chrono::milliseconds(50));
        co_await timer.async_wait(net::use_awaitable);
    }
}

void Report(const InFlightOptions& options, const http::ClientOptions& client_options,
            RunState& state, const ProcessStats& before, double wall_s, std::FILE* json) {
    const ProcessStats after = ReadProcessStats();
    const double p50 = Percentile(state.latency_s, 50);
    const double max = Percentile(state.latency_s, 100);
    const int errors = options.reviews - state.succeeded;
    fmt::print(
        "{:<7} {:>6} {:>13} {:>8.1f} {:>9} {:>6} {:>9} {:>7.1f} {:>7.1f} {:>9} {:>9} {:>9} "
        "{:>7}\n",
        options.shape.name, options.reviews,
        fmt::format("{}/{}", client_options.max_connections_per_host,
                    client_options.max_total_connections),
        wall_s, state.succeeded, errors, state.provider.peak_waiting, p50, max, Mib(before.rss_kib),
        Mib(state.rss_all_waiting_kib), Mib(after.peak_rss_kib), state.peak_threads);
    for (const auto& [error, count] : state.errors) {
        fmt::print("    {} x {}\n", count, error);
    }
    if (json == nullptr) {
        return;
    }
    fmt::print(json,
               "{{\"part\":\"in_flight\",\"size\":\"{}\",\"reviews\":{},\"per_host\":{},"
               "\"total_connections\":{},\"model_delay_s\":{},\"wall_s\":{:.3f},"
               "\"succeeded\":{},\"errors\":{},\"peak_waiting\":{},\"latency_p50_s\":{:.3f},"
               "\"latency_max_s\":{:.3f},\"rss_before_kib\":{},\"rss_all_waiting_kib\":{},"
               "\"vm_hwm_kib\":{},\"threads\":{},\"diff_bytes\":{}}}\n",
               options.shape.name, options.reviews, client_options.max_connections_per_host,
               client_options.max_total_connections, options.model_delay_s, wall_s, state.succeeded,
               errors, state.provider.peak_waiting, p50, max, before.rss_kib,
               state.rss_all_waiting_kib, after.peak_rss_kib, state.peak_threads,
               state.pr.diff_text.size());
}

}  // namespace

void PrintInFlightHeader() {
    fmt::print("{:<7} {:>6} {:>13} {:>8} {:>9} {:>6} {:>9} {:>7} {:>7} {:>9} {:>9} {:>9} {:>7}\n",
               "size", "K", "conns h/all", "wall s", "completed", "errors", "peak wait", "p50 s",
               "max s", "RSS0 MiB", "RSSK MiB", "HWM MiB", "threads");
}

int RunInFlight(const InFlightOptions& options, std::FILE* json) {
    const SyntheticPr pr = MakeSyntheticPr(options.shape);
    MemoryHost host(pr.new_files);
    http::ClientOptions client_options;
    client_options.user_agent = "nectr-pipeline-bench";
    if (options.max_connections > 0) {
        client_options.max_connections_per_host = options.max_connections;
        client_options.max_total_connections = options.max_connections;
    }
    auto client = http::MakeCurlClient(client_options);
    llm::ProviderConfig config;
    config.kind = llm::ProviderKind::kOpenAi;
    config.base_url = options.model_url;
    config.model = "slow-model";
    config.timeout = std::chrono::seconds(options.timeout_s);
    auto provider = llm::MakeProvider(config, *client);
    if (!provider) {
        fmt::print(stderr, "provider: {}\n", provider.error().detail);
        return 2;
    }
    CountingProvider counting(**provider);
    RunState state(pr, counting, host);
    const ProcessStats before = ReadProcessStats();
    net::io_context io;
    state.started = Clock::now();
    auto rethrow = [](const std::exception_ptr& error) {
        if (error) {
            std::rethrow_exception(error);
        }
    };
    for (int i = 0; i < options.reviews; ++i) {
        net::co_spawn(io, OneReview(state, i + 1), rethrow);
    }
    net::co_spawn(io, Watch(state, options.reviews), rethrow);
    io.run();
    const double wall_s = std::chrono::duration<double>(Clock::now() - state.started).count();
    Report(options, client_options, state, before, wall_s, json);
    return state.succeeded == options.reviews ? 0 : 1;
}

}  // namespace nectr::bench
