#pragma once

#include <cstdio>
#include <vector>

#include "synthetic_pr.hpp"

namespace nectr::bench {

// Part A: reviews each shape `runs` times (0: a default per size) with a model that answers at
// once and prints the median and p95 of Nectr's own time, parse to composed GitHub review.
// Writes one JSON line per shape to `json` when it is not null. Returns the exit code.
int RunCpuTime(const std::vector<PrShape>& shapes, int runs, std::FILE* json);

}  // namespace nectr::bench
