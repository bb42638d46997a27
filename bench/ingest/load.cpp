// ingest-load: a load generator for POST /api/v1/webhooks/github.
//
// N keep-alive connections, one blocking thread each, in a closed loop (each sends when its
// previous answer is in) or, with --rate, driven by one epoll thread on a fixed schedule whose
// latency counts from the time each request was due (as wrk2 does; open_loop.hpp). Every request is
// a distinct, correctly signed delivery: the payload's PR number is rewritten in place from a
// counter (a fixed-width slot padded with JSON whitespace, so the body keeps its size and stays
// valid JSON), the pull request id gets a random per-run value so runs against one database never
// collide in the server's hash dedup, the title (64 characters), description (800) and head and
// base shas get random text of their own (TextSlot), and X-GitHub-Delivery is a fresh UUID-shaped
// id. With --same-pr the roles swap: one PR number per run, a distinct id per request. With
// --rate the signatures are computed before the run starts (SignAhead). Prints requests/s,
// latency percentiles and status counts, then the same as one JSON line. Exit code: 0 if every
// answer was 202, 1 otherwise, 2 for bad usage. Build: bench/ingest/build.sh. Usage: ingest-load
// --help.

#include <netdb.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "connection.hpp"
#include "open_loop.hpp"
#include "report.hpp"

namespace ingest = bench::ingest;

namespace {

using bench::ingest::Clock;
using bench::ingest::Connection;
using bench::ingest::CpuSample;
using bench::ingest::ThreadStats;

constexpr std::size_t kNumberWidth = 10;  // characters reserved for the PR number
constexpr int kIoTimeoutSeconds = 30;
constexpr std::string_view kUsage =
    "usage: ingest-load --url http://HOST:PORT/PATH --secret S --payload FILE\n"
    "                   [--connections 64] [--duration 20 | --requests N] [--warmup 5]\n"
    "                   [--rate R] [--event pull_request] [--first-number 1] [--same-pr]\n"
    "                   [--server-pid PID]\n"
    "Each request's payload gets a PR number of its own (first-number + sequence) and a per-run\n"
    "pull request id; with --same-pr, a per-run PR number and an id of its own instead. Its\n"
    "title, description and head and base shas get random text of their own.\n"
    "Without --rate each connection (a blocking thread) sends as soon as its previous answer is\n"
    "in; with --rate R one epoll thread sends R requests/s on a fixed schedule over the\n"
    "connections, each due request taking the next idle one, and latency runs from the time it\n"
    "was due, so a server that falls behind shows its queueing delay.\n";

struct Options {
    std::string host;
    std::string port;
    std::string path;
    std::string secret;
    std::string payload_file;
    std::string event = "pull_request";
    int connections = 64;
    double duration_s = 20;
    std::uint64_t requests = 0;  // > 0: measure this many requests instead of a duration
    double warmup_s = 0;
    std::uint64_t first_number = 1;
    double rate = 0;       // > 0: offered requests/s over all connections (wrk2-style schedule)
    bool same_pr = false;  // every delivery for one PR (per run) instead of one PR each
    int server_pid = 0;
};

[[noreturn]] void Fail(const std::string& message) {
    std::fprintf(stderr, "ingest-load: %s\n%.*s", message.c_str(), static_cast<int>(kUsage.size()),
                 kUsage.data());
    std::exit(2);
}

void ParseUrl(const std::string& url, Options& options) {
    constexpr std::string_view kScheme = "http://";
    if (url.rfind(kScheme, 0) != 0) {
        Fail("only http:// URLs are supported: " + url);
    }
    std::string rest = url.substr(kScheme.size());
    std::size_t slash = rest.find('/');
    std::string authority = rest.substr(0, slash);
    options.path = slash == std::string::npos ? "/" : rest.substr(slash);
    std::size_t colon = authority.rfind(':');
    if (colon == std::string::npos) {
        Fail("the URL needs an explicit port: " + url);
    }
    options.host = authority.substr(0, colon);
    options.port = authority.substr(colon + 1);
}

Options ParseOptions(int argc, char** argv) {
    Options options;
    std::string url;
    for (int i = 1; i < argc; ++i) {
        std::string flag = argv[i];
        if (flag == "--help" || flag == "-h") {
            std::fwrite(kUsage.data(), 1, kUsage.size(), stdout);
            std::exit(0);
        }
        if (flag == "--same-pr") {
            options.same_pr = true;
            continue;
        }
        if (i + 1 >= argc) {
            Fail("missing value after " + flag);
        }
        std::string value = argv[++i];
        if (flag == "--url") {
            url = value;
        } else if (flag == "--secret") {
            options.secret = value;
        } else if (flag == "--payload") {
            options.payload_file = value;
        } else if (flag == "--event") {
            options.event = value;
        } else if (flag == "--connections") {
            options.connections = std::atoi(value.c_str());
        } else if (flag == "--duration") {
            options.duration_s = std::atof(value.c_str());
        } else if (flag == "--requests") {
            options.requests = std::strtoull(value.c_str(), nullptr, 10);
        } else if (flag == "--warmup") {
            options.warmup_s = std::atof(value.c_str());
        } else if (flag == "--rate") {
            options.rate = std::atof(value.c_str());
        } else if (flag == "--first-number") {
            options.first_number = std::strtoull(value.c_str(), nullptr, 10);
        } else if (flag == "--server-pid") {
            options.server_pid = std::atoi(value.c_str());
        } else {
            Fail("unknown option " + flag);
        }
    }
    if (url.empty() || options.secret.empty() || options.payload_file.empty()) {
        Fail("--url, --secret and --payload are required");
    }
    if (options.connections < 1 || options.duration_s <= 0 || options.warmup_s < 0) {
        Fail("--connections must be >= 1, --duration > 0, --warmup >= 0");
    }
    ParseUrl(url, options);
    return options;
}

// Text that each request fills in with characters of its own, as real pull requests differ
// in their title, description and commits: without it the payloads would differ only in
// numbers, and the server's payload dictionary would store them in a tenth of what real
// traffic takes.
struct TextSlot {
    std::vector<std::size_t> offsets;  // every place the text appears (a sha is in URLs too)
    std::size_t width = 0;
    bool hex = false;  // a commit sha; otherwise words of lowercase letters
};

// The payload with two numbers turned into fixed-width slots that each request fills in:
// every `"number":N` equal to the first one (the PR number, top level and in pull_request)
// and every `"id":I` equal to the first id (the pull request's id); and text slots (TextSlot).
struct PayloadTemplate {
    std::string body;
    std::vector<std::size_t> number_slots;
    std::vector<std::size_t> id_slots;
    std::vector<TextSlot> text_slots;
};

// Widths of the pull request's title and description each request writes: a one-line title
// and a short paragraph.
constexpr std::size_t kTitleWidth = 64;
constexpr std::size_t kDescriptionWidth = 800;

// `"key":`, as a member's name stands in compact JSON.
std::string MemberPrefix(std::string_view key) { return "\"" + std::string(key) + "\":"; }

// Replaces every `"key":V` (V: the digits of the first `"key":`) by `"key":` and a slot of
// kNumberWidth spaces. False if the body has no `"key":` followed by digits.
bool MakeSlots(std::string& body, std::string_view key) {
    const std::string prefix = MemberPrefix(key);
    const std::size_t first = body.find(prefix);
    if (first == std::string::npos) {
        return false;
    }
    const std::size_t digits = first + prefix.size();
    const std::size_t end = body.find_first_not_of("0123456789", digits);
    if (end == digits || end == std::string::npos) {
        return false;
    }
    const std::string needle = prefix + body.substr(digits, end - digits);
    const std::string replacement = prefix + std::string(kNumberWidth, ' ');
    std::size_t from = 0;
    for (std::size_t at = body.find(needle); at != std::string::npos;
         at = body.find(needle, from)) {
        const char next = body[at + needle.size()];
        if (next >= '0' && next <= '9') {  // a longer number that merely starts alike
            from = at + needle.size();
            continue;
        }
        body.replace(at, needle.size(), replacement);
        from = at + replacement.size();
    }
    return true;
}

// The offsets of the slots MakeSlots left for `key`, once every rewrite is done.
std::vector<std::size_t> FindSlots(const std::string& body, std::string_view key) {
    const std::string slot = MemberPrefix(key) + std::string(kNumberWidth, ' ');
    std::vector<std::size_t> offsets;
    for (std::size_t at = body.find(slot); at != std::string::npos; at = body.find(slot, at + 1)) {
        offsets.push_back(at + key.size() + 3);
    }
    return offsets;
}

// Makes the first `"key":"..."` string value (no escapes in it) `width` characters long, for
// each request to fill in. False if there is no such value.
bool WidenText(std::string& body, std::string_view key, std::size_t width) {
    const std::string prefix = MemberPrefix(key) + '"';
    const std::size_t start = body.find(prefix);
    if (start == std::string::npos) {
        return false;
    }
    const std::size_t value = start + prefix.size();
    const std::size_t end = body.find('"', value);
    if (end == std::string::npos || body.find('\\', value) < end) {
        return false;
    }
    body.replace(value, end - value, std::string(width, 'x'));
    return true;
}

// The slot WidenText made for `key`, once every rewrite of the body is done.
TextSlot TextSlotOf(const std::string& body, std::string_view key, std::size_t width) {
    const std::string prefix = MemberPrefix(key) + '"';
    return TextSlot{{body.find(prefix) + prefix.size()}, width, false};
}

// Every occurrence of the sha in `"key":"<40 hex>"` (head and base commits, also in URLs)
// becomes a slot that each request fills with a sha of its own. False if there is none.
bool MakeShaSlot(const std::string& body, std::string_view key, std::size_t nth,
                 std::vector<TextSlot>& slots) {
    const std::string prefix = MemberPrefix(key) + '"';
    std::size_t at = body.find(prefix);
    for (std::size_t skipped = 0; at != std::string::npos && skipped < nth; ++skipped) {
        at = body.find(prefix, at + 1);
    }
    if (at == std::string::npos) {
        return false;
    }
    const std::string sha = body.substr(at + prefix.size(), 40);
    if (sha.size() != 40 || sha.find_first_not_of("0123456789abcdef") != std::string::npos) {
        return false;
    }
    TextSlot slot{{}, 40, true};
    for (std::size_t found = body.find(sha); found != std::string::npos;
         found = body.find(sha, found + 1)) {
        slot.offsets.push_back(found);
    }
    slots.push_back(std::move(slot));
    return true;
}

PayloadTemplate LoadPayload(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        Fail("cannot read " + file);
    }
    std::stringstream text;
    text << in.rdbuf();
    PayloadTemplate payload{text.str(), {}, {}, {}};
    // Optional: another event's payload may have no title, description or sha.
    const bool widened_title = WidenText(payload.body, "title", kTitleWidth);
    const bool widened_description = WidenText(payload.body, "body", kDescriptionWidth);
    if (!MakeSlots(payload.body, "id") || !MakeSlots(payload.body, "number")) {
        Fail(file + " needs an \"id\": and a \"number\": field to make each payload unique");
    }
    payload.id_slots = FindSlots(payload.body, "id");
    payload.number_slots = FindSlots(payload.body, "number");
    if (widened_title) {
        payload.text_slots.push_back(TextSlotOf(payload.body, "title", kTitleWidth));
    }
    if (widened_description) {
        payload.text_slots.push_back(TextSlotOf(payload.body, "body", kDescriptionWidth));
    }
    MakeShaSlot(payload.body, "sha", 0, payload.text_slots);
    MakeShaSlot(payload.body, "sha", 1, payload.text_slots);
    return payload;
}

void WriteNumber(std::string& body, const std::vector<std::size_t>& slots, std::uint64_t number) {
    char digits[kNumberWidth + 1];
    std::snprintf(digits, sizeof digits, "%-10" PRIu64, number);
    for (std::size_t slot : slots) {
        std::memcpy(body.data() + slot, digits, kNumberWidth);
    }
}

std::string SignatureHex(const std::string& secret, const std::string& body) {
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int mac_size = 0;
    HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
         reinterpret_cast<const unsigned char*>(body.data()), body.size(), mac, &mac_size);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex(std::size_t{mac_size} * 2, '0');
    for (std::size_t i = 0; i < mac_size; ++i) {
        hex[2 * i] = kHex[mac[i] >> 4];
        hex[2 * i + 1] = kHex[mac[i] & 0xf];
    }
    return hex;
}

// What every connection thread shares; read-only after start except the atomics.
struct Shared {
    const Options* options = nullptr;
    const PayloadTemplate* payload = nullptr;
    const addrinfo* address = nullptr;
    std::uint64_t run_nonce = 0;  // the first 64 bits of every X-GitHub-Delivery
    std::uint64_t run_pr = 0;     // the PR number of every request with --same-pr
    std::uint64_t run_id = 0;     // the pull request id (--same-pr: the base of the ids)
    Clock::time_point begin;
    Clock::time_point measure_start;
    Clock::time_point measure_end;  // max() with --requests
    std::atomic<std::uint64_t> next_sequence{0};
    std::atomic<std::uint64_t> measured_tickets{0};
    std::atomic<std::uint64_t> measured_done{0};  // for the per-second timeline
    // Open loop: the X-Hub-Signature-256 hex of request `sequence`, computed before the run
    // (see SignAhead); empty, or shorter than the run, means signing as requests go.
    std::vector<std::string> signatures;
};

std::string RequestHead(const Shared& shared, std::uint64_t sequence, const std::string& body,
                        const std::string& signature) {
    char delivery[48];
    std::snprintf(delivery, sizeof delivery,
                  "%08" PRIx64 "-%04" PRIx64 "-%04" PRIx64 "-%04" PRIx64 "-%012" PRIx64,
                  shared.run_nonce >> 32, (shared.run_nonce >> 16) & 0xffff,
                  shared.run_nonce & 0xffff, (sequence >> 48) & 0xffff,
                  sequence & std::uint64_t{0xffffffffffff});
    const Options& options = *shared.options;
    std::string head;
    head.reserve(512);
    head += "POST " + options.path + " HTTP/1.1\r\nHost: " + options.host + ":" + options.port;
    head += "\r\nUser-Agent: GitHub-Hookshot/nectr-bench\r\nAccept: */*\r\n";
    head += "Content-Type: application/json\r\nX-GitHub-Event: " + options.event;
    head += "\r\nX-GitHub-Delivery: ";
    head += delivery;
    head += "\r\nX-Hub-Signature-256: sha256=" + signature;
    head += "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    return head;
}

// splitmix64: the same text for the same request number, so that a body signed ahead is the
// body sent.
std::uint64_t NextRandom(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

// A slot's text for one request: a sha in hex, or words of 2-9 lowercase letters.
void WriteText(std::string& body, const TextSlot& slot, std::uint64_t& state) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string text(slot.width, ' ');
    std::size_t word_left = 5;  // letters before the next space
    for (char& out : text) {
        const std::uint64_t random = NextRandom(state);
        if (slot.hex) {
            out = kHex[random & 0xf];
        } else if (word_left == 0) {
            word_left = 2 + (random >> 8) % 8;  // `out` stays a space
        } else {
            out = static_cast<char>('a' + random % 26);
            --word_left;
        }
    }
    for (std::size_t offset : slot.offsets) {
        std::memcpy(body.data() + offset, text.data(), text.size());
    }
}

// The body of request number `sequence`: its numbers and text written into `body`.
void WriteRequestNumbers(const Shared& shared, std::uint64_t sequence, std::string& body) {
    const std::uint64_t counter = shared.options->first_number + sequence;
    const bool same_pr = shared.options->same_pr;
    WriteNumber(body, shared.payload->number_slots, same_pr ? shared.run_pr : counter);
    WriteNumber(body, shared.payload->id_slots, same_pr ? shared.run_id + counter : shared.run_id);
    std::uint64_t state = shared.run_nonce ^ (sequence * 0xd1b54a32d192ed03ull);
    for (const TextSlot& slot : shared.payload->text_slots) {
        WriteText(body, slot, state);
    }
}

// Request number `sequence`: its numbers written into `body`, its signed head into `head`.
void MakeRequestFor(const Shared& shared, std::uint64_t sequence, std::string& head,
                    std::string& body) {
    WriteRequestNumbers(shared, sequence, body);
    const std::string signature = sequence < shared.signatures.size()
                                      ? shared.signatures[sequence]
                                      : SignatureHex(shared.options->secret, body);
    head = RequestHead(shared, sequence, body, signature);
}

// Open loop: signs every request the run will send (rate x (warmup + duration), plus a
// second's worth) before it starts. HMAC-SHA256 over a 24 KB body is a third of the
// generator's CPU, and the generator shares the machine's two cores with the server: done
// up front, it no longer competes with the server during the measurement. The requests are
// the same bytes either way.
void SignAhead(Shared& shared) {
    const Options& options = *shared.options;
    const auto count =
        static_cast<std::uint64_t>(options.rate * (options.warmup_s + options.duration_s + 1.0));
    std::string body = shared.payload->body;
    shared.signatures.reserve(count);
    for (std::uint64_t sequence = 0; sequence < count; ++sequence) {
        WriteRequestNumbers(shared, sequence, body);
        shared.signatures.push_back(SignatureHex(options.secret, body));
    }
}

// Decides whether to send another request and whether it counts as measured.
bool NextRequest(Shared& shared, bool& measured) {
    const Clock::time_point now = Clock::now();
    if (now >= shared.measure_end) {
        return false;
    }
    measured = false;
    if (shared.options->requests > 0 && now >= shared.measure_start) {
        if (shared.measured_tickets.fetch_add(1) >= shared.options->requests) {
            return false;
        }
        measured = true;
    }
    return true;
}

// With --rate: connection `index` of N sends every N / rate seconds, the N offset evenly.
struct Schedule {
    bool enabled = false;
    Clock::duration interval{};
    Clock::time_point next{};
};

Schedule MakeSchedule(const Shared& shared, std::size_t index) {
    Schedule schedule;
    if (shared.options->rate <= 0) {
        return schedule;
    }
    const double connections = shared.options->connections;
    schedule.enabled = true;
    schedule.interval = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(connections / shared.options->rate));
    schedule.next = shared.begin + schedule.interval * static_cast<long>(index) /
                                       static_cast<long>(shared.options->connections);
    return schedule;
}

void RunConnection(Shared& shared, std::size_t index, ThreadStats& stats) {
    std::string body = shared.payload->body;
    Connection connection;
    Schedule schedule = MakeSchedule(shared, index);
    bool measured = false;
    while (NextRequest(shared, measured)) {
        const std::uint64_t sequence = shared.next_sequence.fetch_add(1);
        std::string head;
        MakeRequestFor(shared, sequence, head, body);
        if (!connection.IsOpen() && !connection.Open(*shared.address, kIoTimeoutSeconds)) {
            ++stats.connect_errors;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            continue;  // nothing was sent: this number is simply skipped
        }
        Clock::time_point start = Clock::now();
        if (schedule.enabled) {
            std::this_thread::sleep_until(schedule.next);
            start = schedule.next;  // behind schedule: the wait counts as latency
            schedule.next += schedule.interval;
        }
        ++stats.sent;
        const int status = connection.Send(head, body) ? connection.ReadResponse() : -1;
        const Clock::time_point end = Clock::now();
        if (status < 0) {
            ++stats.transport_errors;  // sent, but its outcome is unknown
            connection.Close();
            continue;
        }
        stats.CountAll(status);
        if (shared.options->requests == 0) {
            measured = end >= shared.measure_start && end < shared.measure_end;
        }
        if (measured) {
            stats.CountMeasured(status, start, end);
            shared.measured_done.fetch_add(1, std::memory_order_relaxed);
        }
    }
}

// Completions per whole second of the measured window; returns at its end.
std::vector<std::uint64_t> SamplePerSecond(Shared& shared) {
    std::vector<std::uint64_t> per_second;
    std::uint64_t previous = 0;
    for (Clock::time_point tick = shared.measure_start + std::chrono::seconds(1);
         tick <= shared.measure_end; tick += std::chrono::seconds(1)) {
        std::this_thread::sleep_until(tick);
        const std::uint64_t done = shared.measured_done.load(std::memory_order_relaxed);
        per_second.push_back(done - previous);
        previous = done;
    }
    std::this_thread::sleep_until(shared.measure_end);
    return per_second;
}

}  // namespace

int main(int argc, char** argv) {
    const Options options = ParseOptions(argc, argv);
    std::mt19937_64 random(std::random_device{}());
    const PayloadTemplate payload = LoadPayload(options.payload_file);

    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* address = nullptr;
    if (getaddrinfo(options.host.c_str(), options.port.c_str(), &hints, &address) != 0) {
        Fail("cannot resolve " + options.host + ":" + options.port);
    }

    Shared shared;
    shared.options = &options;
    shared.payload = &payload;
    shared.address = address;
    shared.run_nonce = random();
    // Fresh values per run, so runs against one database within the server's one-hour dedup
    // window never send the same payload twice.
    shared.run_pr = 100000 + random() % 900000;
    shared.run_id = 100000000 + random() % 900000000;
    // Open loop (--rate with a duration): one epoll thread drives every connection. Closed
    // loop, or a request count: one blocking thread per connection.
    const bool open_loop = options.rate > 0 && options.requests == 0;
    if (open_loop) {
        SignAhead(shared);
    }
    const Clock::time_point begin = Clock::now();
    shared.begin = begin;
    shared.measure_start = begin + std::chrono::duration_cast<Clock::duration>(
                                       std::chrono::duration<double>(options.warmup_s));
    shared.measure_end =
        options.requests > 0
            ? Clock::time_point::max()
            : shared.measure_start + std::chrono::duration_cast<Clock::duration>(
                                         std::chrono::duration<double>(options.duration_s));

    std::vector<ThreadStats> stats(open_loop ? 1 : static_cast<std::size_t>(options.connections));
    std::vector<std::thread> threads;
    ingest::MakeRequest make = [&shared](std::uint64_t sequence, std::string& head,
                                         std::string& body) {
        MakeRequestFor(shared, sequence, head, body);
    };
    const ingest::OpenLoopPlan plan{address,      options.connections,  options.rate,
                                    shared.begin, shared.measure_start, shared.measure_end};
    if (open_loop) {
        threads.emplace_back([&plan, &payload, &make, &stats, &shared] {
            ingest::RunOpenLoop(plan, payload.body, make, stats[0], shared.measured_done);
        });
    }
    for (std::size_t index = 0; !open_loop && index < stats.size(); ++index) {
        threads.emplace_back(
            [&shared, index, &stats] { RunConnection(shared, index, stats[index]); });
    }
    std::this_thread::sleep_until(shared.measure_start);
    const CpuSample before = ingest::SampleCpu(options.server_pid);
    std::vector<std::uint64_t> per_second;
    if (options.requests == 0) {
        per_second = SamplePerSecond(shared);
    }
    const CpuSample after_window =
        options.requests == 0 ? ingest::SampleCpu(options.server_pid) : CpuSample{};
    for (std::thread& thread : threads) {
        thread.join();
    }
    const CpuSample after =
        options.requests == 0 ? after_window : ingest::SampleCpu(options.server_pid);
    freeaddrinfo(address);

    const ingest::RunInfo info{
        options.connections, options.warmup_s, options.requests == 0 ? options.duration_s : 0,
        payload.body.size(), options.event,    options.rate};
    const ingest::Summary summary =
        ingest::Summarize(stats, shared.measure_start, before, after, info);
    ingest::PrintSummary(summary, info, per_second);
    return summary.all_accepted ? 0 : 1;
}
