#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nectr::core {

using Labels = std::vector<std::pair<std::string, std::string>>;

// A small Prometheus registry: counters, gauges and histograms with labels, rendered in the
// text exposition format (version 0.0.4). Thread-safe; every call takes one short lock.
class Metrics {
public:
    Metrics();

    // Declares a family once, before use; a family used without declaring is an untyped
    // gauge. `buckets` (upper bounds, ascending) only for histograms.
    void DeclareCounter(std::string name, std::string help);
    void DeclareGauge(std::string name, std::string help);
    void DeclareHistogram(std::string name, std::string help, std::vector<double> buckets);

    void Increment(std::string_view name, const Labels& labels = {}, double by = 1.0);
    void SetGauge(std::string_view name, const Labels& labels, double value);
    void Observe(std::string_view name, const Labels& labels, double value);

    // Called at every render, to publish values that are read on demand (process memory,
    // queue depth). The collector calls SetGauge on the registry it is given.
    void AddCollector(std::function<void(Metrics&)> collector);

    std::string RenderPrometheus();

private:
    enum class Kind { kCounter, kGauge, kHistogram };
    struct Series {
        double value = 0;                 // counters and gauges
        std::vector<double> bucket_counts;  // histograms: per upper bound, not cumulative
        double sum = 0;
        double count = 0;
    };
    struct Family {
        Kind kind = Kind::kGauge;
        std::string help;
        std::vector<double> buckets;
        std::map<std::string, Series> series;  // key: rendered label set, e.g. {route="/x"}
    };
    Family& FamilyFor(std::string_view name);

    std::mutex mutex_;
    std::map<std::string, Family, std::less<>> families_;
    std::vector<std::function<void(Metrics&)>> collectors_;
};

// Reads this process's resident memory in bytes from /proc/self/statm (0 if unreadable).
long long ProcessResidentBytes();

}  // namespace nectr::core
