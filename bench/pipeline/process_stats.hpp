#pragma once

// This process's memory and threads, from /proc/self/status.
#include <cstdint>
#include <string>
#include <vector>

namespace nectr::bench {

struct ProcessStats {
    std::int64_t rss_kib = 0;       // VmRSS: resident now
    std::int64_t peak_rss_kib = 0;  // VmHWM: the most that was ever resident
    int threads = 0;
};

ProcessStats ReadProcessStats();

// Nearest-rank percentile (0 < p <= 100) of `values`, which it sorts; 0 when empty.
double Percentile(std::vector<double>& values, double p);

std::string Mib(std::int64_t kib);

}  // namespace nectr::bench
