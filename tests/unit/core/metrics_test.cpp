#include "core/metrics.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace nectr::core {
namespace {

bool Contains(const std::string& text, std::string_view line) {
    return text.find(line) != std::string::npos;
}

TEST(MetricsTest, RendersCountersWithHelpTypeAndLabels) {
    Metrics metrics;
    metrics.DeclareCounter("jobs_total", "Jobs run.");
    metrics.Increment("jobs_total", {{"result", "ok"}});
    metrics.Increment("jobs_total", {{"result", "ok"}}, 2);
    metrics.Increment("jobs_total", {{"result", "failed"}});
    std::string text = metrics.RenderPrometheus();
    EXPECT_TRUE(Contains(text, "# HELP jobs_total Jobs run.\n# TYPE jobs_total counter\n")) << text;
    EXPECT_TRUE(Contains(text, "jobs_total{result=\"ok\"} 3\n")) << text;
    EXPECT_TRUE(Contains(text, "jobs_total{result=\"failed\"} 1\n")) << text;
}

TEST(MetricsTest, EscapesLabelValuesAndHelpText) {
    Metrics metrics;
    metrics.DeclareGauge("odd", "Line one\nback\\slash");
    metrics.SetGauge("odd", {{"path", "a\"b\\c\nd"}}, 1);
    std::string text = metrics.RenderPrometheus();
    EXPECT_TRUE(Contains(text, "# HELP odd Line one\\nback\\\\slash\n")) << text;
    EXPECT_TRUE(Contains(text, "odd{path=\"a\\\"b\\\\c\\nd\"} 1\n")) << text;
}

TEST(MetricsTest, TreatsLabelsInAnyOrderAsTheSameSeries) {
    Metrics metrics;
    metrics.DeclareCounter("c_total", "c");
    metrics.Increment("c_total", {{"a", "1"}, {"b", "2"}});
    metrics.Increment("c_total", {{"b", "2"}, {"a", "1"}});
    EXPECT_TRUE(Contains(metrics.RenderPrometheus(), "c_total{a=\"1\",b=\"2\"} 2\n"));
}

TEST(MetricsTest, RendersHistogramsWithCumulativeBucketsSumAndCount) {
    Metrics metrics;
    metrics.DeclareHistogram("latency_seconds", "Latency.", {0.125, 0.5, 1});
    for (double value : {0.0625, 0.125, 0.25, 2.0}) {
        metrics.Observe("latency_seconds", {{"route", "/x"}}, value);
    }
    std::string text = metrics.RenderPrometheus();
    EXPECT_TRUE(Contains(text, "# TYPE latency_seconds histogram\n")) << text;
    EXPECT_TRUE(Contains(text, "latency_seconds_bucket{route=\"/x\",le=\"0.125\"} 2\n"))
        << "a value equal to a bound counts in that bucket\n"
        << text;
    EXPECT_TRUE(Contains(text, "latency_seconds_bucket{route=\"/x\",le=\"0.5\"} 3\n")) << text;
    EXPECT_TRUE(Contains(text, "latency_seconds_bucket{route=\"/x\",le=\"1\"} 3\n")) << text;
    EXPECT_TRUE(Contains(text, "latency_seconds_bucket{route=\"/x\",le=\"+Inf\"} 4\n")) << text;
    EXPECT_TRUE(Contains(text, "latency_seconds_sum{route=\"/x\"} 2.4375\n")) << text;
    EXPECT_TRUE(Contains(text, "latency_seconds_count{route=\"/x\"} 4\n")) << text;
}

TEST(MetricsTest, RendersAnUnlabelledHistogramWithOnlyTheLeLabel) {
    Metrics metrics;
    metrics.DeclareHistogram("h", "h", {1});
    metrics.Observe("h", {}, 0.5);
    std::string text = metrics.RenderPrometheus();
    EXPECT_TRUE(Contains(text, "h_bucket{le=\"1\"} 1\n")) << text;
    EXPECT_TRUE(Contains(text, "h_sum 0.5\n")) << text;
}

TEST(MetricsTest, FormatsNumbersSoPrometheusCanParseThem) {
    Metrics metrics;
    metrics.SetGauge("big", {}, 1e15);
    metrics.SetGauge("fraction", {}, 0.25);
    metrics.SetGauge("negative", {}, -3);
    metrics.SetGauge("huge", {}, 1e300);
    std::string text = metrics.RenderPrometheus();
    EXPECT_TRUE(Contains(text, "big 1000000000000000\n")) << "exact integers have no exponent";
    EXPECT_TRUE(Contains(text, "fraction 0.25\n")) << text;
    EXPECT_TRUE(Contains(text, "negative -3\n")) << text;
    EXPECT_TRUE(Contains(text, "huge 1e+300\n")) << text;
}

TEST(MetricsTest, UndeclaredFamiliesRenderAsGaugesWithoutHelp) {
    Metrics metrics;
    metrics.SetGauge("queue_depth", {}, 7);
    std::string text = metrics.RenderPrometheus();
    EXPECT_EQ(text, "# TYPE queue_depth gauge\nqueue_depth 7\n");
}

TEST(MetricsTest, GaugesMoveBothWaysThroughIncrement) {
    Metrics metrics;
    metrics.DeclareGauge("open", "Open things.");
    metrics.Increment("open", {}, 1);
    metrics.Increment("open", {}, 1);
    metrics.Increment("open", {}, -1);
    EXPECT_TRUE(Contains(metrics.RenderPrometheus(), "\nopen 1\n"));
}

TEST(MetricsTest, RunsCollectorsAtEveryRender) {
    Metrics metrics;
    int renders = 0;
    metrics.AddCollector([&renders](Metrics& registry) {
        ++renders;
        registry.SetGauge("renders", {}, renders);
    });
    metrics.RenderPrometheus();
    std::string text = metrics.RenderPrometheus();
    EXPECT_EQ(renders, 2);
    EXPECT_TRUE(Contains(text, "renders 2\n")) << text;
}

TEST(MetricsTest, CountsEveryIncrementFromManyThreads) {
    Metrics metrics;
    metrics.DeclareCounter("hits_total", "Hits.");
    std::vector<std::thread> threads;
    threads.reserve(4);
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&metrics] {
            for (int i = 0; i < 1000; ++i) {
                metrics.Increment("hits_total");
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_TRUE(Contains(metrics.RenderPrometheus(), "hits_total 4000\n"));
}

TEST(MetricsTest, ReadsThisProcesssResidentMemory) {
    long long bytes = ProcessResidentBytes();
    EXPECT_GT(bytes, 1 << 20) << "a running test binary uses more than 1 MiB";
    EXPECT_LT(bytes, 1LL << 40);
}

TEST(MetricsDeathTest, RefusesCountersThatGoDownAndInvalidNames) {
    Metrics metrics;
    metrics.DeclareCounter("c_total", "c");
    EXPECT_DEATH(metrics.Increment("c_total", {}, -1), "counters only go up");
    EXPECT_DEATH(metrics.SetGauge("bad-name", {}, 1), "metric names");
    EXPECT_DEATH(metrics.SetGauge("ok", {{"bad-label", "x"}}, 1), "label names");
}

}  // namespace
}  // namespace nectr::core
