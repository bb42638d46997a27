#include "process_stats.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>

namespace nectr::bench {

ProcessStats ReadProcessStats() {
    ProcessStats stats;
    std::ifstream status("/proc/self/status");
    std::string key;
    while (status >> key) {
        if (key == "VmRSS:") {
            status >> stats.rss_kib;
        } else if (key == "VmHWM:") {
            status >> stats.peak_rss_kib;
        } else if (key == "Threads:") {
            status >> stats.threads;
        }
        status.ignore(1 << 16, '\n');
    }
    return stats;
}

double Percentile(std::vector<double>& values, double p) {
    if (values.empty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    const auto rank =
        static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size())));
    return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

std::string Mib(std::int64_t kib) {
    return fmt::format("{:.1f}", static_cast<double>(kib) / 1024.0);
}

}  // namespace nectr::bench
