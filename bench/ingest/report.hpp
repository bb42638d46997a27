#pragma once

// Counting and reporting for ingest-load (load.cpp): per-thread counters, CPU samples of the
// generator, the server and the machine, and the printed summary.

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace bench::ingest {

using Clock = std::chrono::steady_clock;

inline constexpr std::size_t kStatusSlots = 600;  // HTTP statuses 0..599

// One connection thread's counts; only that thread writes it, main reads it after join.
struct ThreadStats {
    std::uint64_t sent = 0;              // requests written (all phases)
    std::uint64_t connect_errors = 0;    // connects that failed (nothing sent)
    std::uint64_t transport_errors = 0;  // sent, but no response read: outcome unknown
    std::array<std::uint64_t, kStatusSlots> all_statuses{};       // every phase
    std::array<std::uint64_t, kStatusSlots> measured_statuses{};  // the measured window
    std::vector<std::int64_t> latencies_ns;                       // measured requests
    Clock::time_point last_end{};                                 // of a measured request

    void CountAll(int status);
    void CountMeasured(int status, Clock::time_point start, Clock::time_point end);
};

// CPU time used so far: this process, the server (when its pid is known), the whole machine.
struct CpuSample {
    Clock::time_point at{};
    double self_s = 0;
    double server_s = -1;  // < 0: unknown
    std::uint64_t machine_busy_ticks = 0;
    std::uint64_t machine_total_ticks = 0;
};

// Reads getrusage(2), /proc/<server_pid>/stat and /proc/stat. server_pid 0: no server figure.
CpuSample SampleCpu(int server_pid);

struct RunInfo {
    int connections = 0;
    double warmup_s = 0;
    double duration_s = 0;  // 0: the run measured a request count instead
    std::size_t payload_bytes = 0;
    std::string event;
    double rate = 0;  // offered requests/s; 0: closed loop
};

struct Summary {
    std::uint64_t measured = 0;
    double elapsed_s = 0;
    double requests_per_s = 0;
    double p50_ms = 0, p90_ms = 0, p99_ms = 0, max_ms = 0, mean_ms = 0;
    std::array<std::uint64_t, kStatusSlots> measured_statuses{};
    std::array<std::uint64_t, kStatusSlots> all_statuses{};
    std::uint64_t sent_total = 0;
    std::uint64_t accepted_total = 0;  // 202 answers in every phase: rows the store must hold
    std::uint64_t non_202_total = 0;   // answers other than 202, every phase
    std::uint64_t transport_errors = 0;
    std::uint64_t connect_errors = 0;
    double generator_cpu_pct = 0;  // of one core, over the measured window
    double server_cpu_pct = -1;    // of one core; < 0 unknown
    double machine_busy_pct = 0;   // of all cores
    unsigned cores = 0;
    bool all_accepted = false;  // every answer 202 and no transport or connect error
};

Summary Summarize(std::vector<ThreadStats>& stats, Clock::time_point measure_start,
                  const CpuSample& before, const CpuSample& after, const RunInfo& info);

// Human-readable lines on stdout, then the same figures as one JSON line. per_second: measured
// completions in each whole second of the window (may be empty).
void PrintSummary(const Summary& summary, const RunInfo& info,
                  const std::vector<std::uint64_t>& per_second);

}  // namespace bench::ingest
