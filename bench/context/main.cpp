// Times the review's context query as the review job runs it (the graph, memory and code
// index sources, one after the other) over an index that `nectr index` built:
//
//   nectr_context_bench DATABASE_URL REPOSITORY CHECKOUT [PRS] [ROUNDS]
//
// PRS (default 40) pull requests are made up from the index: each takes 3 to 10 files of one
// directory (a pull request usually stays in one part of the tree) and changes the first body
// line of up to two symbols of each, with the symbol's line as the hunk header's function
// context, as git writes it. Each is gathered once to warm up, then ROUNDS (default 5) times;
// prints p50, p99 and max per source and in all. Memories are added to the repository first
// when it has none, so that the memory source has something to rank.
#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "app/code_context.hpp"
#include "app/review_context.hpp"
#include "core/blocking_pool.hpp"
#include "core/clock.hpp"
#include "index/indexer.hpp"
#include "index/search.hpp"
#include "memory/memory_store.hpp"
#include "review/change_query.hpp"
#include "review/diff_parser.hpp"
#include "store/database.hpp"

namespace {

using namespace nectr;
namespace net = boost::asio;
using Clock = std::chrono::steady_clock;

struct IndexedFile {
    std::int64_t id = 0;
    std::string path;
    std::int64_t lines = 0;
};

struct Change {
    review::ChangeInfo info;
    review::Diff diff;
    std::size_t hunks = 0;
};

double Milliseconds(Clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

double Percentile(std::vector<double> samples, double p) {
    std::sort(samples.begin(), samples.end());
    const auto at =
        static_cast<std::size_t>(std::lround(p / 100.0 * static_cast<double>(samples.size() - 1)));
    return samples[std::min(at, samples.size() - 1)];
}

store::Rows MustQuery(store::Database& db, const char* sql, std::vector<store::Value> params) {
    auto rows = store::Execute(db, store::Query{"bench.context", sql, sql}, params);
    if (!rows) {
        std::fprintf(stderr, "query failed: %s\n", rows.error().detail.c_str());
        std::exit(1);
    }
    return std::move(*rows);
}

std::vector<IndexedFile> SourceFiles(store::Database& db, std::int64_t repository) {
    store::Rows rows = MustQuery(db,
                                 "SELECT id, path, line_count FROM files WHERE repository_id = $1 "
                                 "AND language <> '' AND line_count >= 20 ORDER BY path",
                                 {repository});
    std::vector<IndexedFile> files;
    for (const auto& row : rows.rows) {
        files.push_back({store::AsInt(row[0]).value_or(0), store::AsText(row[1]).value_or(""),
                         store::AsInt(row[2]).value_or(0)});
    }
    return files;
}

std::vector<std::string> ReadLines(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

// One hunk that changes line `line` (1-based) of `lines`, with three lines of context.
std::string Hunk(const std::vector<std::string>& lines, int line, const std::string& section) {
    const int first = std::max(1, line - 3);
    const int last = std::min(static_cast<int>(lines.size()), line + 3);
    const int count = last - first + 1;
    std::string out = "@@ -" + std::to_string(first) + "," + std::to_string(count) + " +" +
                      std::to_string(first) + "," + std::to_string(count) + " @@ " + section + "\n";
    for (int at = first; at <= last; ++at) {
        const std::string& text = lines[static_cast<std::size_t>(at - 1)];
        if (at == line) {
            out += "-" + text + "\n+" + text + "  // changed\n";
        } else {
            out += " " + text + "\n";
        }
    }
    return out;
}

// The diff of one file: up to two of its symbols get their first body line changed.
std::string FileDiff(store::Database& db, const std::string& checkout, const IndexedFile& file,
                     std::mt19937& random, std::size_t& hunks) {
    const std::vector<std::string> lines = ReadLines(checkout + "/" + file.path);
    store::Rows symbols = MustQuery(
        db, "SELECT start_line FROM symbols WHERE file_id = $1 ORDER BY start_line", {file.id});
    std::vector<int> starts;
    for (const auto& row : symbols.rows) {
        const auto start = static_cast<int>(store::AsInt(row[0]).value_or(0));
        if (start >= 1 && start + 1 <= static_cast<int>(lines.size())) {
            starts.push_back(start);
        }
    }
    std::shuffle(starts.begin(), starts.end(), random);
    starts.resize(std::min<std::size_t>(starts.size(), 2));
    std::sort(starts.begin(), starts.end());
    starts.erase(std::unique(starts.begin(), starts.end(), [](int a, int b) { return b - a < 8; }),
                 starts.end());
    std::string out = "diff --git a/" + file.path + " b/" + file.path + "\n--- a/" + file.path +
                      "\n+++ b/" + file.path + "\n";
    if (starts.empty() && !lines.empty()) {
        starts.push_back(static_cast<int>(lines.size()) / 2);
    }
    for (int start : starts) {
        std::string section = lines[static_cast<std::size_t>(start - 1)].substr(0, 80);
        section.erase(0, section.find_first_not_of(" \t"));
        out += Hunk(lines, start + 1, section);
        ++hunks;
    }
    return out;
}

std::vector<Change> MakeChanges(store::Database& db, const std::string& repository_name,
                                std::int64_t repository, const std::string& checkout,
                                std::size_t count) {
    const std::vector<IndexedFile> files = SourceFiles(db, repository);
    std::mt19937 random(42);
    std::vector<Change> changes;
    while (changes.size() < count && !files.empty()) {
        const std::size_t anchor = random() % files.size();
        const std::string dir = files[anchor].path.substr(0, files[anchor].path.rfind('/') + 1);
        // Neighbours in path order: the same directory first.
        std::size_t begin = anchor;
        while (begin > 0 && files[begin - 1].path.rfind(dir, 0) == 0) {
            --begin;
        }
        const std::size_t wanted = 3 + random() % 8;
        std::string text;
        Change change;
        for (std::size_t i = begin; i < files.size() && i < begin + wanted; ++i) {
            text += FileDiff(db, checkout, files[i], random, change.hunks);
        }
        auto diff = review::ParseUnifiedDiff(text);
        if (!diff || diff->files.size() < 3) {
            continue;
        }
        change.info.subject = repository_name + "#" + std::to_string(changes.size() + 1);
        change.info.repo_full_name = repository_name;
        change.info.number = static_cast<std::int64_t>(changes.size()) + 1;
        change.info.title = "Change " + dir;
        change.info.author = "bench";
        change.diff = std::move(*diff);
        changes.push_back(std::move(change));
    }
    return changes;
}

// Adds `count` conventions built from the repository's symbol names when it has no memory.
void SeedMemories(store::Database& db, const std::string& repository_name, std::int64_t repository,
                  std::size_t count) {
    core::SystemClock clock;
    memory::MemoryStore store(db, clock);
    memory::MemoryFilter filter;
    filter.limit = 1;
    auto existing = store.List(repository_name, filter);
    if (existing && !existing->memories.empty()) {
        return;
    }
    store::Rows names = MustQuery(db,
                                  "SELECT DISTINCT s.name FROM symbols s JOIN files f ON "
                                  "f.id = s.file_id WHERE f.repository_id = $1 ORDER BY s.name",
                                  {repository});
    std::mt19937 random(7);
    for (std::size_t i = 0; i < count && !names.empty(); ++i) {
        const std::string a = store::AsText(names.rows[random() % names.size()][0]).value_or("");
        const std::string b = store::AsText(names.rows[random() % names.size()][0]).value_or("");
        memory::NewMemory memory;
        memory.repo_full_name = repository_name;
        memory.type =
            i % 5 == 0 ? memory::MemoryType::kProjectRule : memory::MemoryType::kConvention;
        memory.content = "Calls to " + a + " must check the result before using " + b + ".";
        (void)store.Add(memory);
    }
}

struct Timings {
    std::map<std::string, std::vector<double>> by_source;
    std::size_t code_items = 0;
    std::size_t code_bytes = 0;
};

net::awaitable<void> GatherAll(std::vector<review::ContextSource*> sources, const Change& change,
                               Timings& timings, bool record) {
    const review::ContextQuery query{change.info, change.diff.files};
    const auto started = Clock::now();
    for (review::ContextSource* source : sources) {
        const auto source_started = Clock::now();
        auto items = co_await source->Gather(query);
        const double ms = Milliseconds(Clock::now() - source_started);
        if (!items) {
            std::fprintf(stderr, "%s failed: %s\n", std::string(source->Name()).c_str(),
                         items.error().detail.c_str());
            std::exit(1);
        }
        if (!record) {
            continue;
        }
        timings.by_source[std::string(source->Name())].push_back(ms);
        if (source->Name() == "code" && !items->empty()) {
            ++timings.code_items;
            timings.code_bytes += items->front().text.size();
        }
    }
    if (record) {
        timings.by_source["total"].push_back(Milliseconds(Clock::now() - started));
    }
}

void Print(const std::string& name, const std::vector<double>& samples) {
    std::printf("%-7s p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms\n", (name + ":").c_str(),
                Percentile(samples, 50), Percentile(samples, 99),
                *std::max_element(samples.begin(), samples.end()));
}

// With NECTR_BENCH_VERBOSE set: each change's identifiers and the time of each one's search.
void PrintSearches(store::Database& db, std::int64_t repository,
                   const std::vector<Change>& changes) {
    if (std::getenv("NECTR_BENCH_VERBOSE") == nullptr) {
        return;
    }
    for (const Change& change : changes) {
        std::printf("%s:", change.info.subject.c_str());
        for (const std::string& identifier : review::ChangedIdentifiers(
                 change.diff.files, app::CodeContextOptions{}.max_identifiers)) {
            const auto started = Clock::now();
            auto hits = index::SearchCode(db, repository, identifier, 6);
            std::printf(" %s=%.1fms/%zu", identifier.c_str(), Milliseconds(Clock::now() - started),
                        hits ? hits->size() : 0);
        }
        std::printf("\n");
    }
}

int Run(store::Database& db, const std::string& name, const std::string& checkout,
        std::size_t pr_count, int rounds) {
    auto repository = index::FindRepositoryId(db, name);
    if (!repository || !*repository) {
        std::fprintf(stderr, "%s is not indexed\n", name.c_str());
        return 1;
    }
    SeedMemories(db, name, **repository, 300);
    const std::vector<Change> changes = MakeChanges(db, name, **repository, checkout, pr_count);
    std::size_t files = 0;
    std::size_t hunks = 0;
    for (const Change& change : changes) {
        files += change.diff.files.size();
        hunks += change.hunks;
    }
    PrintSearches(db, **repository, changes);
    core::SystemClock clock;
    core::BlockingPool pool(2);
    app::GraphContextSource graph(db, pool, clock);
    app::MemoryContextSource memory(db, pool, clock);
    app::CodeContextSource code(db, pool);
    const std::vector<review::ContextSource*> sources = {&graph, &memory, &code};
    Timings timings;
    net::io_context context;
    for (int round = 0; round <= rounds; ++round) {
        for (const Change& change : changes) {
            net::co_spawn(context, GatherAll(sources, change, timings, round > 0),
                          [](const std::exception_ptr& error) {
                              if (error) {
                                  std::rethrow_exception(error);
                              }
                          });
            context.run();
            context.restart();
        }
    }
    std::printf("%zu pull requests (%zu files, %zu hunks) x %d rounds on %s\n", changes.size(),
                files, hunks, rounds, name.c_str());
    for (const char* source : {"graph", "memory", "code", "total"}) {
        Print(source, timings.by_source[source]);
    }
    const std::size_t gathered = changes.size() * static_cast<std::size_t>(rounds);
    std::printf("code context in %zu of %zu gathers, %zu bytes on average\n", timings.code_items,
                gathered, timings.code_items == 0 ? 0 : timings.code_bytes / timings.code_items);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(
            stderr, "usage: nectr_context_bench DATABASE_URL REPOSITORY CHECKOUT [PRS] [ROUNDS]\n");
        return 2;
    }
    store::DatabaseOptions options;
    options.url = argv[1];
    auto db = store::OpenDatabase(options);
    if (!db) {
        std::fprintf(stderr, "cannot open the database: %s\n", db.error().detail.c_str());
        return 1;
    }
    const std::size_t prs = argc > 4 ? std::stoul(argv[4]) : 40;
    const int rounds = argc > 5 ? std::stoi(argv[5]) : 5;
    return Run(**db, argv[2], argv[3], prs, rounds);
}
