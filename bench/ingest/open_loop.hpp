#pragma once

// The open-loop driver of ingest-load (--rate): one thread and epoll over every connection, as
// wrk2 does, so that the generator costs the server little CPU on a shared machine and offers
// its requests on time. Request k is due at begin + k / rate; a due request takes the next idle
// connection, or waits for one, and its latency runs from the time it was due.

#include <netdb.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include "report.hpp"

namespace bench::ingest {

struct OpenLoopPlan {
    const addrinfo* address = nullptr;
    int connections = 0;
    double rate = 0;  // requests/s over all connections
    Clock::time_point begin;
    Clock::time_point measure_start;
    Clock::time_point measure_end;  // nothing is due from here on
};

// Fills `head` and rewrites `body` (the connection's own copy of the payload) for request
// number `sequence`.
using MakeRequest =
    std::function<void(std::uint64_t sequence, std::string& head, std::string& body)>;

// Runs the plan, then waits up to 30 s for the answers still out. A request counts as measured
// when its answer arrives inside [measure_start, measure_end); `measured_done` counts those
// as they come, for the per-second timeline.
void RunOpenLoop(const OpenLoopPlan& plan, const std::string& payload, const MakeRequest& make,
                 ThreadStats& stats, std::atomic<std::uint64_t>& measured_done);

}  // namespace bench::ingest
