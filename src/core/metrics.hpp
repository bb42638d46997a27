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
    // gauge. `buckets` (upper bounds, ascending) only for histograms. Names must match
    // [a-zA-Z_:][a-zA-Z0-9_:]* and bucket bounds must ascend: breaking either is a bug and
    // aborts. Declaring again updates the help text (and the buckets while none is observed).
    void DeclareCounter(std::string name, std::string help);
    void DeclareGauge(std::string name, std::string help);
    void DeclareHistogram(std::string name, std::string help, std::vector<double> buckets);

    // Adds `by` to a counter (where it must not be negative) or to a gauge (either sign).
    // Label values may hold any text; the order of the labels does not matter.
    void Increment(std::string_view name, const Labels& labels = {}, double by = 1.0);
    void SetGauge(std::string_view name, const Labels& labels, double value);
    // Records one value in a histogram; calling it on another kind of family is a bug.
    void Observe(std::string_view name, const Labels& labels, double value);

    // Called at every render, to publish values that are read on demand (process memory,
    // queue depth). The collector calls SetGauge on the registry it is given.
    void AddCollector(std::function<void(Metrics&)> collector);

    // Runs the collectors, then renders every family in the text exposition format 0.0.4:
    // # HELP and # TYPE lines, escaped label values, and for histograms the cumulative
    // _bucket series (ending with le="+Inf"), _sum and _count.
    std::string RenderPrometheus();

private:
    enum class Kind { kCounter, kGauge, kHistogram };
    struct Series {
        double value = 0;                   // counters and gauges
        std::vector<double> bucket_counts;  // histograms: per upper bound, not cumulative
        double sum = 0;
        double count = 0;
    };
    struct Family {
        Kind kind = Kind::kGauge;
        std::string help;
        std::vector<double> buckets;
        std::map<std::string, Series> series;  // key: labels sorted and rendered, route="/x"
    };
    Family& FamilyFor(std::string_view name);                              // with mutex_ held
    Family& DeclareFamily(std::string name, Kind kind, std::string help);  // with mutex_ held
    static void RenderFamily(std::string& out, const std::string& name, const Family& family);

    std::mutex mutex_;
    std::map<std::string, Family, std::less<>> families_;
    std::vector<std::function<void(Metrics&)>> collectors_;
};

// Reads this process's resident memory in bytes from /proc/self/statm (0 if unreadable).
long long ProcessResidentBytes();

}  // namespace nectr::core
