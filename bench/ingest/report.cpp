#include "report.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

namespace bench::ingest {
namespace {

double Seconds(const timeval& value) {
    return static_cast<double>(value.tv_sec) + static_cast<double>(value.tv_usec) / 1e6;
}

double Milliseconds(std::int64_t nanoseconds) { return static_cast<double>(nanoseconds) / 1e6; }

double ProcessCpuSeconds(int pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(in, line)) {
        return -1;
    }
    // The command name may hold spaces; the fields after its closing ')' are fixed:
    // state(3) ... utime(14) stime(15).
    std::istringstream fields(line.substr(line.rfind(')') + 2));
    std::string field;
    double utime = 0;
    double stime = 0;
    for (int index = 3; index <= 15 && fields >> field; ++index) {
        if (index == 14) {
            utime = std::stod(field);
        } else if (index == 15) {
            stime = std::stod(field);
        }
    }
    return (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// The process and its live descendants: a server that forks workers (uvicorn --workers N)
// does its work in the children.
double ServerCpuSeconds(int pid) {
    double total = ProcessCpuSeconds(pid);
    if (total < 0) {
        return total;
    }
    std::ifstream children("/proc/" + std::to_string(pid) + "/task/" + std::to_string(pid) +
                           "/children");
    int child = 0;
    while (children >> child) {
        const double seconds = ServerCpuSeconds(child);
        if (seconds > 0) {
            total += seconds;
        }
    }
    return total;
}

void ReadMachineTicks(CpuSample& sample) {
    std::ifstream in("/proc/stat");
    std::string cpu;
    in >> cpu;  // "cpu": the sum over all cores
    std::uint64_t value = 0;
    for (int index = 0; index < 8 && in >> value; ++index) {
        sample.machine_total_ticks += value;
        if (index != 3 && index != 4) {  // idle and iowait are not busy
            sample.machine_busy_ticks += value;
        }
    }
}

double Percentile(const std::vector<std::int64_t>& sorted, double percent) {
    if (sorted.empty()) {
        return 0;
    }
    auto rank =
        static_cast<std::size_t>(std::ceil(percent / 100.0 * static_cast<double>(sorted.size())));
    return Milliseconds(sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1]);
}

std::string StatusList(const std::array<std::uint64_t, kStatusSlots>& statuses, bool json) {
    std::string text;
    for (std::size_t status = 0; status < statuses.size(); ++status) {
        if (statuses[status] == 0) {
            continue;
        }
        if (!text.empty()) {
            text += json ? "," : " ";
        }
        text += json ? "\"" + std::to_string(status) + "\":" : std::to_string(status) + "=";
        text += std::to_string(statuses[status]);
    }
    return json ? "{" + text + "}" : (text.empty() ? "none" : text);
}

void AddCounts(const ThreadStats& thread, Summary& summary) {
    summary.sent_total += thread.sent;
    summary.transport_errors += thread.transport_errors;
    summary.connect_errors += thread.connect_errors;
    for (std::size_t status = 0; status < kStatusSlots; ++status) {
        summary.all_statuses[status] += thread.all_statuses[status];
        summary.measured_statuses[status] += thread.measured_statuses[status];
    }
}

std::string Join(const std::vector<std::uint64_t>& values, const char* separator) {
    std::string text;
    for (std::uint64_t value : values) {
        text += (text.empty() ? "" : separator) + std::to_string(value);
    }
    return text;
}

}  // namespace

void ThreadStats::CountAll(int status) {
    ++all_statuses[std::clamp(status, 0, static_cast<int>(kStatusSlots) - 1)];
}

void ThreadStats::CountMeasured(int status, Clock::time_point start, Clock::time_point end) {
    ++measured_statuses[std::clamp(status, 0, static_cast<int>(kStatusSlots) - 1)];
    latencies_ns.push_back(
        std::chrono::duration_cast<std::chrono::nanoseconds>(end - start).count());
    last_end = std::max(last_end, end);
}

CpuSample SampleCpu(int server_pid) {
    CpuSample sample;
    sample.at = Clock::now();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    sample.self_s = Seconds(usage.ru_utime) + Seconds(usage.ru_stime);
    if (server_pid > 0) {
        sample.server_s = ServerCpuSeconds(server_pid);
    }
    ReadMachineTicks(sample);
    return sample;
}

Summary Summarize(std::vector<ThreadStats>& stats, Clock::time_point measure_start,
                  const CpuSample& before, const CpuSample& after, const RunInfo& info) {
    Summary summary;
    std::vector<std::int64_t> latencies;
    Clock::time_point last_end = measure_start;
    for (ThreadStats& thread : stats) {
        AddCounts(thread, summary);
        latencies.insert(latencies.end(), thread.latencies_ns.begin(), thread.latencies_ns.end());
        last_end = std::max(last_end, thread.last_end);
    }
    std::sort(latencies.begin(), latencies.end());
    summary.measured = latencies.size();
    summary.elapsed_s = info.duration_s > 0
                            ? info.duration_s
                            : std::chrono::duration<double>(last_end - measure_start).count();
    summary.requests_per_s =
        summary.elapsed_s > 0 ? static_cast<double>(summary.measured) / summary.elapsed_s : 0;
    summary.p50_ms = Percentile(latencies, 50);
    summary.p90_ms = Percentile(latencies, 90);
    summary.p99_ms = Percentile(latencies, 99);
    summary.max_ms = latencies.empty() ? 0 : Milliseconds(latencies.back());
    double total_ms = 0;
    for (std::int64_t latency : latencies) {
        total_ms += Milliseconds(latency);
    }
    summary.mean_ms = latencies.empty() ? 0 : total_ms / static_cast<double>(latencies.size());
    summary.accepted_total = summary.all_statuses[202];
    for (std::size_t status = 0; status < kStatusSlots; ++status) {
        summary.non_202_total += status == 202 ? 0 : summary.all_statuses[status];
    }
    const double window_s = std::chrono::duration<double>(after.at - before.at).count();
    if (window_s > 0) {
        summary.generator_cpu_pct = 100 * (after.self_s - before.self_s) / window_s;
        if (before.server_s >= 0 && after.server_s >= 0) {
            summary.server_cpu_pct = 100 * (after.server_s - before.server_s) / window_s;
        }
    }
    const std::uint64_t total = after.machine_total_ticks - before.machine_total_ticks;
    if (total > 0) {
        summary.machine_busy_pct =
            100.0 * static_cast<double>(after.machine_busy_ticks - before.machine_busy_ticks) /
            static_cast<double>(total);
    }
    summary.cores = std::thread::hardware_concurrency();
    summary.all_accepted = summary.non_202_total == 0 && summary.transport_errors == 0 &&
                           summary.connect_errors == 0 && summary.accepted_total > 0;
    return summary;
}

void PrintSummary(const Summary& s, const RunInfo& info,
                  const std::vector<std::uint64_t>& per_second) {
    const std::string load = info.rate > 0
                                 ? "offered " + std::to_string(std::lround(info.rate)) + " req/s"
                                 : std::string("closed loop");
    std::printf("ingest-load: %d connections, %.0f s warmup, payload %zu bytes (%s), %s\n",
                info.connections, info.warmup_s, info.payload_bytes, info.event.c_str(),
                load.c_str());
    std::printf("requests/s: %.1f (%llu measured in %.2f s)\n", s.requests_per_s,
                static_cast<unsigned long long>(s.measured), s.elapsed_s);
    std::printf("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f  mean %.2f\n", s.p50_ms,
                s.p90_ms, s.p99_ms, s.max_ms, s.mean_ms);
    if (!per_second.empty()) {
        std::printf("per second: %s\n", Join(per_second, " ").c_str());
    }
    std::printf("statuses (measured): %s\n", StatusList(s.measured_statuses, false).c_str());
    std::printf(
        "all phases: sent %llu, 202 %llu, other statuses %llu, transport errors %llu, "
        "connect errors %llu\n",
        static_cast<unsigned long long>(s.sent_total),
        static_cast<unsigned long long>(s.accepted_total),
        static_cast<unsigned long long>(s.non_202_total),
        static_cast<unsigned long long>(s.transport_errors),
        static_cast<unsigned long long>(s.connect_errors));
    std::printf(
        "cpu (measured window): generator %.0f%% of a core, server %s, machine %.0f%% busy "
        "(%u cores)\n",
        s.generator_cpu_pct,
        s.server_cpu_pct < 0
            ? "unknown (no --server-pid)"
            : (std::to_string(std::lround(s.server_cpu_pct)) + "% of a core").c_str(),
        s.machine_busy_pct, s.cores);
    std::printf(
        "{\"connections\":%d,\"rate\":%.1f,\"payload_bytes\":%zu,\"measured\":%llu,\"elapsed_s\":%."
        "3f,"
        "\"requests_per_s\":%.1f,\"p50_ms\":%.3f,\"p90_ms\":%.3f,\"p99_ms\":%.3f,"
        "\"max_ms\":%.3f,\"mean_ms\":%.3f,\"statuses\":%s,\"all_statuses\":%s,"
        "\"sent_total\":%llu,\"accepted_total\":%llu,\"non_202_total\":%llu,"
        "\"transport_errors\":%llu,\"connect_errors\":%llu,\"generator_cpu_pct\":%.1f,"
        "\"server_cpu_pct\":%.1f,\"machine_busy_pct\":%.1f,\"cores\":%u,"
        "\"all_accepted\":%s,\"per_second\":[%s]}\n",
        info.connections, info.rate, info.payload_bytes,
        static_cast<unsigned long long>(s.measured), s.elapsed_s, s.requests_per_s, s.p50_ms,
        s.p90_ms, s.p99_ms, s.max_ms, s.mean_ms, StatusList(s.measured_statuses, true).c_str(),
        StatusList(s.all_statuses, true).c_str(), static_cast<unsigned long long>(s.sent_total),
        static_cast<unsigned long long>(s.accepted_total),
        static_cast<unsigned long long>(s.non_202_total),
        static_cast<unsigned long long>(s.transport_errors),
        static_cast<unsigned long long>(s.connect_errors), s.generator_cpu_pct, s.server_cpu_pct,
        s.machine_busy_pct, s.cores, s.all_accepted ? "true" : "false",
        Join(per_second, ",").c_str());
    std::fflush(stdout);
}

}  // namespace bench::ingest
