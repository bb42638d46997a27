#pragma once
// The fuzz targets' entry points: each takes one input as bytes and runs it through the code
// that reads untrusted data in production. libFuzzer calls them from
// tests/fuzz/libfuzzer_main.cpp; the unit test tests/unit/fuzz/corpus_replay_test.cpp feeds
// them every seed in tests/fuzz/corpus/<target>/ so that they stay compiled and crash-free
// in the normal (g++, sanitizer) build. An entry point aborts only on a broken invariant;
// malformed input is expected and must come back as an error value.
#include <string_view>
#include <vector>

namespace nectr::fuzz {

// review::ParseUnifiedDiff and ParsePatch, then the anchoring and rendering that run on
// every parsed diff.
void FuzzDiffParser(std::string_view data);

// A webhook delivery: header lines ("Name: value"), a blank line, then the body. Runs
// ParseDelivery, AuthenticateDelivery, RouteDelivery and, for comments, FindCommand.
void FuzzWebhook(std::string_view data);

// One JSON-RPC body or line through mcp::Dispatcher (with one echo tool and no resources);
// any answer must be valid JSON.
void FuzzJsonRpc(std::string_view data);

// Raw bytes as they come off a socket: Beast's request parser with the server's limits, then
// what the server does with the parsed request (target parsing, routing, header and query
// lookups, response finalising).
void FuzzHttpRequest(std::string_view data);

// The text of a .nectr.toml through review::ParseRepoConfig.
void FuzzRepoConfig(std::string_view data);

// A model's answer through review::ParseReviewOutput and the provider codecs' response
// decoders; an accepted review must serialise and read back.
void FuzzModelOutput(std::string_view data);

struct Target {
    std::string_view name;  // also the corpus folder under tests/fuzz/corpus/
    void (*run)(std::string_view data);
};

// Every target above, by name.
const std::vector<Target>& Targets();

}  // namespace nectr::fuzz
