#include "core/metrics.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <fstream>

#include "core/error.hpp"

namespace nectr::core {
namespace {

bool IsNameChar(char c, bool first) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' ||
           (!first && c >= '0' && c <= '9');
}

bool IsValidMetricName(std::string_view name) {
    if (name.empty() || !IsNameChar(name.front(), true)) {
        return false;
    }
    return std::all_of(name.begin(), name.end(), [](char c) { return IsNameChar(c, false); });
}

bool IsValidLabelName(std::string_view name) {
    // Label names may not contain ':' and names starting with "__" are reserved.
    return IsValidMetricName(name) && name.find(':') == std::string_view::npos &&
           !name.starts_with("__");
}

void AppendLabelValue(std::string& out, std::string_view value) {
    for (char c : value) {
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case '"':
                out += "\\\"";
                break;
            case '\n':
                out += "\\n";
                break;
            default:
                out += c;
        }
    }
}

void AppendHelp(std::string& out, std::string_view help) {
    for (char c : help) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
}

// Prometheus parses numbers with Go's ParseFloat: integers print without an exponent where
// a double holds them exactly, everything else in the shortest form that round-trips.
std::string FormatNumber(double value) {
    if (std::isnan(value)) {
        return "NaN";
    }
    if (std::isinf(value)) {
        return value > 0 ? "+Inf" : "-Inf";
    }
    constexpr double kExactIntegerLimit = 9007199254740992.0;  // 2^53
    if (value == std::floor(value) && std::fabs(value) < kExactIntegerLimit) {
        return fmt::format("{}", static_cast<long long>(value));
    }
    return fmt::format("{}", value);
}

// The series key: labels sorted by name and rendered without braces, `a="1",b="x"`.
std::string LabelKey(const Labels& labels) {
    std::vector<const std::pair<std::string, std::string>*> sorted;
    sorted.reserve(labels.size());
    for (const auto& label : labels) {
        NECTR_ASSERT(IsValidLabelName(label.first), "label names match [a-zA-Z_][a-zA-Z0-9_]*");
        sorted.push_back(&label);
    }
    std::sort(sorted.begin(), sorted.end(),
              [](const auto* a, const auto* b) { return a->first < b->first; });
    std::string key;
    for (const auto* label : sorted) {
        if (!key.empty()) {
            key += ',';
        }
        key += label->first;
        key += "=\"";
        AppendLabelValue(key, label->second);
        key += '"';
    }
    return key;
}

void AppendSample(std::string& out, std::string_view name, std::string_view suffix,
                  const std::string& key, std::string_view extra_label, double value) {
    out += name;
    out += suffix;
    if (!key.empty() || !extra_label.empty()) {
        out += '{';
        out += key;
        if (!key.empty() && !extra_label.empty()) {
            out += ',';
        }
        out += extra_label;
        out += '}';
    }
    out += ' ';
    out += FormatNumber(value);
    out += '\n';
}

}  // namespace

Metrics::Metrics() = default;

Metrics::Family& Metrics::FamilyFor(std::string_view name) {
    auto found = families_.find(name);
    if (found != families_.end()) {
        return found->second;
    }
    NECTR_ASSERT(IsValidMetricName(name), "metric names match [a-zA-Z_:][a-zA-Z0-9_:]*");
    return families_.emplace(std::string(name), Family{}).first->second;
}

Metrics::Family& Metrics::DeclareFamily(std::string name, Kind kind, std::string help) {
    auto found = families_.find(name);
    if (found == families_.end()) {
        NECTR_ASSERT(IsValidMetricName(name), "metric names match [a-zA-Z_:][a-zA-Z0-9_:]*");
        found = families_.emplace(std::move(name), Family{}).first;
    }
    found->second.kind = kind;
    found->second.help = std::move(help);
    return found->second;
}

void Metrics::DeclareCounter(std::string name, std::string help) {
    std::lock_guard lock(mutex_);
    DeclareFamily(std::move(name), Kind::kCounter, std::move(help));
}

void Metrics::DeclareGauge(std::string name, std::string help) {
    std::lock_guard lock(mutex_);
    DeclareFamily(std::move(name), Kind::kGauge, std::move(help));
}

void Metrics::DeclareHistogram(std::string name, std::string help, std::vector<double> buckets) {
    NECTR_ASSERT(
        std::adjacent_find(buckets.begin(), buckets.end(), std::greater_equal<>()) == buckets.end(),
        "histogram buckets ascend strictly");
    NECTR_ASSERT(
        std::all_of(buckets.begin(), buckets.end(), [](double b) { return std::isfinite(b); }),
        "histogram buckets are finite; +Inf is implied");
    std::lock_guard lock(mutex_);
    Family& family = DeclareFamily(std::move(name), Kind::kHistogram, std::move(help));
    if (family.series.empty()) {
        family.buckets = std::move(buckets);
    }
}

void Metrics::Increment(std::string_view name, const Labels& labels, double by) {
    std::string key = LabelKey(labels);
    std::lock_guard lock(mutex_);
    Family& family = FamilyFor(name);
    NECTR_ASSERT(family.kind != Kind::kHistogram, "Increment is for counters and gauges");
    NECTR_ASSERT(family.kind != Kind::kCounter || by >= 0, "counters only go up");
    family.series[std::move(key)].value += by;
}

void Metrics::SetGauge(std::string_view name, const Labels& labels, double value) {
    std::string key = LabelKey(labels);
    std::lock_guard lock(mutex_);
    Family& family = FamilyFor(name);
    NECTR_ASSERT(family.kind != Kind::kHistogram, "SetGauge is not for histograms");
    family.series[std::move(key)].value = value;
}

void Metrics::Observe(std::string_view name, const Labels& labels, double value) {
    std::string key = LabelKey(labels);
    std::lock_guard lock(mutex_);
    Family& family = FamilyFor(name);
    NECTR_ASSERT(family.kind == Kind::kHistogram, "Observe is for histograms");
    Series& series = family.series[std::move(key)];
    series.bucket_counts.resize(family.buckets.size());
    // `le` means "less than or equal": a value on a bound counts in that bound's bucket.
    auto bound = std::lower_bound(family.buckets.begin(), family.buckets.end(), value);
    if (bound != family.buckets.end()) {
        series.bucket_counts[static_cast<std::size_t>(bound - family.buckets.begin())] += 1;
    }
    series.sum += value;
    series.count += 1;
}

void Metrics::AddCollector(std::function<void(Metrics&)> collector) {
    std::lock_guard lock(mutex_);
    collectors_.push_back(std::move(collector));
}

void Metrics::RenderFamily(std::string& out, const std::string& name, const Family& family) {
    if (!family.help.empty()) {
        out += "# HELP " + name + ' ';
        AppendHelp(out, family.help);
        out += '\n';
    }
    static constexpr std::string_view kKindNames[] = {"counter", "gauge", "histogram"};
    out += "# TYPE " + name + ' ';
    out += kKindNames[static_cast<int>(family.kind)];
    out += '\n';
    for (const auto& [key, series] : family.series) {
        if (family.kind != Kind::kHistogram) {
            AppendSample(out, name, "", key, "", series.value);
            continue;
        }
        double cumulative = 0;
        for (std::size_t i = 0; i < family.buckets.size(); ++i) {
            cumulative += i < series.bucket_counts.size() ? series.bucket_counts[i] : 0;
            AppendSample(out, name, "_bucket", key, "le=\"" + FormatNumber(family.buckets[i]) + '"',
                         cumulative);
        }
        AppendSample(out, name, "_bucket", key, "le=\"+Inf\"", series.count);
        AppendSample(out, name, "_sum", key, "", series.sum);
        AppendSample(out, name, "_count", key, "", series.count);
    }
}

std::string Metrics::RenderPrometheus() {
    std::vector<std::function<void(Metrics&)>> collectors;
    {
        std::lock_guard lock(mutex_);
        collectors = collectors_;
    }
    // Outside the lock: collectors call SetGauge, which takes it.
    for (const auto& collect : collectors) {
        collect(*this);
    }
    std::string out;
    std::lock_guard lock(mutex_);
    for (const auto& [name, family] : families_) {
        RenderFamily(out, name, family);
    }
    return out;
}

long long ProcessResidentBytes() {
    std::ifstream statm("/proc/self/statm");
    long long total_pages = 0;
    long long resident_pages = 0;
    if (!(statm >> total_pages >> resident_pages)) {
        return 0;
    }
    const long page_size = sysconf(_SC_PAGESIZE);
    return page_size > 0 ? resident_pages * page_size : 0;
}

}  // namespace nectr::core
