// The ingest writer's own cost: how long the one writer thread spends per delivery, inside the
// transaction and in the commit, with the real migrations, the real payload and the real
// WriteIngestBatch, on a file database with the server's durability settings. Everything the
// I/O threads do (HTTP, HMAC, JSON, compression) is done up front, outside the timing.
//
//   nectr_ingest_writer_bench DATABASE_URL PAYLOAD_FILE [ITEMS] [BATCH] [SETUP_SQL]
//
// SETUP_SQL runs on the writing connection first (say, a PRAGMA to try).
//
// Prints microseconds per item, wall and thread CPU, split into the batch writes and the
// commits, and the same for the last fifth of the run (the tables have grown by then).
#include <fmt/core.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/migrator.hpp"
#include "store/sql.hpp"
#include "webhooks/dedup.hpp"
#include "webhooks/ingest_batch.hpp"
#include "webhooks/payload_codec.hpp"

namespace {

using namespace nectr;

double ThreadCpuMicros() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e6 + static_cast<double>(now.tv_nsec) / 1e3;
}

// CPU time of every thread of the process (the checkpointer's too), microseconds.
double ProcessCpuMicros() {
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e6 + static_cast<double>(now.tv_nsec) / 1e3;
}

double WallMicros() {
    return std::chrono::duration<double, std::micro>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// One delivery as the receiver hands it to the writer: a PR of its own, so that each job has a
// coalesce key of its own and the queue grows, as in bench/ingest's default mix.
webhooks::IngestItem MakeItem(const std::string& payload, const webhooks::EncodedPayload& encoded,
                              std::size_t sequence) {
    webhooks::IngestItem item;
    item.event_type = "pull_request";
    item.action = "opened";
    item.delivery_id = fmt::format("{:08x}-0000-4000-8000-{:012x}",
                                   sequence * 2654435761u % 0xffffffffu, sequence);
    item.repo_full_name = "octo-org/octo-repo";
    item.dedup_hash = webhooks::DedupHash(item.delivery_id, payload);
    item.encoded_payload = encoded;
    queue::NewJob job;
    job.kind = "review";
    job.payload = fmt::format(R"({{"repo":"octo-org/octo-repo","pr":{},"head_sha":"{:040x}"}})",
                              sequence, sequence);
    job.repo_full_name = item.repo_full_name;
    job.pr_number = static_cast<std::int64_t>(sequence);
    job.head_sha = fmt::format("{:040x}", sequence);
    job.coalesce_key = fmt::format("review:octo-org/octo-repo#{}", sequence);
    job.concurrency_key = job.coalesce_key;
    item.job = std::move(job);
    return item;
}

struct Totals {
    double write_wall = 0, write_cpu = 0, commit_wall = 0, commit_cpu = 0;
    std::size_t items = 0;
    void Print(const char* label) const {
        const double n = static_cast<double>(items);
        std::printf(
            "%s: %zu items, us/item: write %.1f wall %.1f cpu, commit %.1f wall %.1f cpu, "
            "total %.1f wall %.1f cpu\n",
            label, items, write_wall / n, write_cpu / n, commit_wall / n, commit_cpu / n,
            (write_wall + commit_wall) / n, (write_cpu + commit_cpu) / n);
    }
};

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr,
                     "usage: nectr_ingest_writer_bench DATABASE_URL PAYLOAD_FILE [ITEMS] [BATCH] "
                     "[SETUP_SQL]\n");
        return 2;
    }
    std::ifstream file(argv[2], std::ios::binary);
    std::stringstream text;
    text << file.rdbuf();
    const std::string payload = text.str();
    if (payload.empty()) {
        std::fprintf(stderr, "cannot read %s\n", argv[2]);
        return 2;
    }
    const std::size_t items = argc > 3 ? std::stoul(argv[3]) : 50000;
    const std::size_t batch = argc > 4 ? std::stoul(argv[4]) : 20;

    store::DatabaseOptions options;
    options.url = argv[1];
    auto db = store::OpenDatabase(options);
    if (!db) {
        std::fprintf(stderr, "cannot open the database: %s\n", db.error().detail.c_str());
        return 1;
    }
    if (auto migrated = store::ApplyMigrations(**db, store::sql::AllMigrations()); !migrated) {
        std::fprintf(stderr, "cannot migrate: %s\n", migrated.error().detail.c_str());
        return 1;
    }
    auto connection = (*db)->Acquire();
    if (!connection) {
        std::fprintf(stderr, "no connection: %s\n", connection.error().detail.c_str());
        return 1;
    }
    if (argc > 5) {
        if (auto set = (**connection).ExecuteScript(argv[5]); !set) {
            std::fprintf(stderr, "setup: %s\n", set.error().detail.c_str());
            return 1;
        }
    }
    const webhooks::EncodedPayload encoded = webhooks::EncodePayload(payload);
    Totals all, tail;
    std::vector<double> batch_wall;  // each batch's write and commit, microseconds
    double process_cpu = 0;          // all threads, batches only (not making the items)
    const std::size_t tail_start = items - items / 5;
    const auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    for (std::size_t first = 0; first < items; first += batch) {
        std::vector<webhooks::IngestItem> chunk;
        for (std::size_t i = first; i < std::min(items, first + batch); ++i) {
            chunk.push_back(MakeItem(payload, encoded, i + 1));
        }
        const double wall0 = WallMicros(), cpu0 = ThreadCpuMicros(), all0 = ProcessCpuMicros();
        if (auto begun = (**connection).Begin(); !begun) {
            std::fprintf(stderr, "begin: %s\n", begun.error().detail.c_str());
            return 1;
        }
        auto results =
            webhooks::WriteIngestBatch(**connection, chunk, now_ms, std::chrono::hours(1));
        const double wall1 = WallMicros(), cpu1 = ThreadCpuMicros();
        if (auto committed = (**connection).Commit(); !committed) {
            std::fprintf(stderr, "commit: %s\n", committed.error().detail.c_str());
            return 1;
        }
        const double wall2 = WallMicros(), cpu2 = ThreadCpuMicros();
        batch_wall.push_back(wall2 - wall0);
        process_cpu += ProcessCpuMicros() - all0;
        for (const auto& result : results) {
            if (!result || result->status != webhooks::IngestStatus::kAccepted) {
                std::fprintf(stderr, "an item was not accepted: %s\n",
                             result ? "duplicate" : result.error().detail.c_str());
                return 1;
            }
        }
        for (Totals* totals : {&all, first >= tail_start ? &tail : nullptr}) {
            if (totals == nullptr) {
                continue;
            }
            totals->write_wall += wall1 - wall0;
            totals->write_cpu += cpu1 - cpu0;
            totals->commit_wall += wall2 - wall1;
            totals->commit_cpu += cpu2 - cpu1;
            totals->items += chunk.size();
        }
    }
    all.Print("all");
    tail.Print("last fifth");
    std::printf("all threads (the checkpointer's too): %.1f us cpu per item\n",
                process_cpu / static_cast<double>(all.items));
    std::sort(batch_wall.begin(), batch_wall.end());
    auto at = [&batch_wall](double q) {
        return batch_wall[static_cast<std::size_t>(q *
                                                   static_cast<double>(batch_wall.size() - 1))] /
               1000.0;
    };
    std::printf("batch of %zu, write + commit ms: p50 %.2f p99 %.2f p99.9 %.2f max %.2f\n", batch,
                at(0.5), at(0.99), at(0.999), batch_wall.back() / 1000.0);
    if ((*db)->GetEngine() == store::Engine::kSqlite) {
        // The frames left in the WAL: with wal_autocheckpoint=0, every frame the run wrote.
        constexpr store::Query kCheckpoint{"bench.checkpoint", "PRAGMA wal_checkpoint(PASSIVE)",
                                           ""};
        if (auto rows = (**connection).Execute(kCheckpoint, {}); rows && !rows->empty()) {
            std::printf("WAL frames at the end: %lld\n",
                        static_cast<long long>(store::AsInt(rows->rows[0][1]).value_or(-1)));
        }
    }
    return 0;
}
