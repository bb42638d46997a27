#pragma once

// A small repository with a history, indexed into a fresh database of each engine, for the
// tests of the review's repository context and tools. src/billing/tax.py defines
// compute_tax_rate; invoice.py and two report modules call it. reports/report.py changed
// together with tax.py; archive/report.py, its twin, never did.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <exception>
#include <optional>
#include <string>

#include "core/blocking_pool.hpp"
#include "core/clock.hpp"
#include "graph/history_import.hpp"
#include "graph/repository.hpp"
#include "index/indexer.hpp"
#include "review/diff_parser.hpp"
#include "unit/graph/graph_test_support.hpp"

namespace nectr::app::test {

namespace net = boost::asio;

inline constexpr const char* kRepo = "acme/billing";

inline const std::string kTax =
    "def compute_tax_rate(region):\n"              // 1
    "    if region == \"eu\":\n"                   // 2
    "        return 0.2\n"                         // 3
    "    return 0.1\n"                             // 4
    "\n"                                           // 5
    "\n"                                           // 6
    "def is_tax_free(region):\n"                   // 7
    "    return compute_tax_rate(region) == 0\n";  // 8

// Twins: the same text in a file near tax.py and in one far from it.
inline const std::string kReport =
    "def tax_report_line(amount, region):\n"
    "    return str(amount * compute_tax_rate(region))\n";

// The change under review: two lines added inside compute_tax_rate.
inline const std::string kTaxDiff =
    "diff --git a/src/billing/tax.py b/src/billing/tax.py\n"
    "--- a/src/billing/tax.py\n"
    "+++ b/src/billing/tax.py\n"
    "@@ -2,3 +2,5 @@ def compute_tax_rate(region):\n"
    "     if region == \"eu\":\n"
    "         return 0.2\n"
    "+    if region == \"uk\":\n"
    "+        return 0.175\n"
    "     return 0.1\n";

// The graph tests' "now", always.
class FixedClock final : public core::Clock {
public:
    std::chrono::system_clock::time_point Now() const override {
        return std::chrono::system_clock::time_point(
            std::chrono::milliseconds(graph::test::kNowMs));
    }
    std::chrono::steady_clock::time_point Steady() const override {
        return std::chrono::steady_clock::now();
    }
};

// Runs `awaitable` to completion on a fresh io_context.
template <typename T>
T RunAwaitable(net::awaitable<T> awaitable) {
    net::io_context context;
    std::optional<T> out;
    net::co_spawn(context, std::move(awaitable), [&](std::exception_ptr error, T result) {
        EXPECT_FALSE(error);
        out.emplace(std::move(result));
    });
    context.run();
    return std::move(*out);
}

class RepositoryContextTest : public graph::test::GraphEngineTest {
protected:
    void SetUp() override {
        GraphEngineTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        const graph::test::GitAuthor ada{"Ada", "ada@example.com"};
        const graph::test::GitAuthor bob{"Bob", "bob@example.com"};
        const std::int64_t day = graph::test::kDayMs;
        const std::int64_t start = graph::test::kNowMs - 40 * day;
        repo_.Commit(ada, start, {{"src/billing/tax.py", kTax}});
        repo_.Commit(bob, start + day,
                     {{"src/billing/invoice.py",
                       "from billing.tax import compute_tax_rate\n\n\n"
                       "def total_with_tax(amount, region):\n"
                       "    rate = compute_tax_rate(region)\n"
                       "    return amount * (1 + rate)\n"}});
        repo_.Commit(bob, start + 2 * day, {{"src/archive/report.py", kReport}});
        repo_.Commit(ada, start + 3 * day,
                     {{"src/reports/report.py", kReport},
                      {"src/billing/tax.py", kTax + "# rates of 2024\n"}});
        repo_.Commit(ada, start + 4 * day, {{"src/billing/tax.py", kTax}});
        index::IndexRequest request;
        request.path = repo_.Path();
        request.repository_full_name = kRepo;
        auto indexed = index::IndexCheckout(Db(), request);
        ASSERT_TRUE(indexed) << indexed.error().detail;
        repository_id_ = indexed->repository_id;
        auto history = graph::ImportGitHistory(Db(), repository_id_, repo_.Path(), std::nullopt,
                                               100, graph::test::kNowMs);
        ASSERT_TRUE(history) << history.error().detail;
        auto diff = review::ParseUnifiedDiff(kTaxDiff);
        ASSERT_TRUE(diff) << diff.error().detail;
        diff_ = std::move(*diff);
    }

    core::BlockingPool pool_{2};
    graph::test::ScriptedRepository repo_;
    std::int64_t repository_id_ = 0;
    review::Diff diff_;
};

}  // namespace nectr::app::test
