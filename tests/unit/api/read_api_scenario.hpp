#pragma once

// Two users and what they may see, shared by the read API tests.
//
// Alice reaches alpha/web (connected) and alpha/api (an active App installation granted to
// her). She does not reach alpha/inactive (connection switched off), alpha/old (removed from
// her App installation) or gamma/x (an uninstalled App). Bob reaches beta/core (connected)
// and beta/lib (his App installation).
//
// Alice's reviews, ids in insertion order (times UTC):
//   r6  alpha/web #3  frank posted  APPROVE           2024-01-05 10:00  (outside 30 days)
//   r1  alpha/web #1  carol posted  APPROVE           2024-03-08 10:00  webhook -10 s, +60 s
//   r2  alpha/web #1  carol posted  REQUEST_CHANGES   2024-03-09 09:00  webhook -5 s, +25 s
//   r3  alpha/api #7  dave  posted  APPROVE           2024-03-09 15:00  webhook -20 s, +100 s
//   r4  alpha/api #8  erin  failed  -                 2024-03-10 08:00
//   r5  alpha/web #2  dave  posted  NEEDS_DISCUSSION  2024-03-10 09:00  no webhook
// Comments: r1 high, high (not inline), low; r2 critical; r3 medium, info; r5 high.
// Tokens in/out and cost: r1 1000/200 $0.25, r2 500/100 $0.125, r3 2000/300 $0.5,
// r4 100/0 $0.0625, r5 300/50 $0, r6 10/1 $0.015625.
#include "read_api_stack.hpp"

namespace nectr::api::test {

struct Scenario {
    std::int64_t alice = 0;
    std::int64_t bob = 0;
    std::int64_t r1 = 0, r2 = 0, r3 = 0, r4 = 0, r5 = 0, r6 = 0;  // Alice's
    std::int64_t bob_core = 0, bob_lib = 0;                       // Bob's
    std::int64_t inactive = 0, removed = 0, uninstalled = 0;      // nobody's visible
    std::int64_t alice_events[3] = {};                            // alpha/web x2, alpha/api
    std::int64_t bob_event = 0;
    std::int64_t hidden_events[4] = {};  // alpha/old, gamma/x, alpha/inactive, no repository
};

inline constexpr std::int64_t kMar8At10 = 1'709'892'000'000;
inline constexpr std::int64_t kMar9At09 = 1'709'974'800'000;
inline constexpr std::int64_t kMar9At15 = 1'709'996'400'000;
inline constexpr std::int64_t kMar10At08 = 1'710'057'600'000;
inline constexpr std::int64_t kMar10At09 = 1'710'061'200'000;
inline constexpr std::int64_t kJan5At10 = 1'704'448'800'000;

inline ReviewSeed Seed(std::string repo, std::int64_t pr, std::string status,
                       std::optional<std::string> verdict, std::string author,
                       std::int64_t created_at, std::int64_t took_ms) {
    ReviewSeed seed;
    seed.repo = std::move(repo);
    seed.pr_number = pr;
    seed.status = std::move(status);
    seed.verdict = std::move(verdict);
    seed.author = std::move(author);
    seed.title = "PR " + std::to_string(pr) + " of " + seed.repo;
    seed.created_at = created_at;
    seed.completed_at = created_at + took_ms;
    return seed;
}

inline void SeedAccess(ReadApiStack& stack, Scenario& s) {
    s.alice = stack.AddUser("alice");
    s.bob = stack.AddUser("bob");
    stack.Connect(s.alice, "alpha/web");
    stack.Connect(s.alice, "alpha/inactive", false);
    stack.GrantApp(s.alice, 100, "active", {"alpha/api"}, {"alpha/old"});
    stack.GrantApp(s.alice, 300, "deleted", {"gamma/x"});
    stack.Connect(s.bob, "beta/core");
    stack.GrantApp(s.bob, 200, "active", {"beta/lib"});
}

inline void SeedHidden(ReadApiStack& stack, Scenario& s) {
    s.inactive =
        stack.AddReview(Seed("alpha/inactive", 1, "posted", "APPROVE", "zed", kMar9At09, 1000));
    s.removed = stack.AddReview(Seed("alpha/old", 1, "posted", "APPROVE", "zed", kMar9At09, 1000));
    s.uninstalled =
        stack.AddReview(Seed("gamma/x", 1, "posted", "APPROVE", "zed", kMar9At09, 1000));
    for (const std::int64_t id : {s.inactive, s.removed, s.uninstalled}) {
        stack.AddComment(id, "critical");
    }
    s.hidden_events[0] = stack.AddEvent("alpha/old", kMar9At09);
    s.hidden_events[1] = stack.AddEvent("gamma/x", kMar9At09);
    s.hidden_events[2] = stack.AddEvent("alpha/inactive", kMar9At09);
    s.hidden_events[3] = stack.AddEvent("", kMar9At09);
}

inline void SeedAlice(ReadApiStack& stack, Scenario& s) {
    ReviewSeed r6 = Seed("alpha/web", 3, "posted", "APPROVE", "frank", kJan5At10, 10'000);
    r6.input_tokens = 10;
    r6.output_tokens = 1;
    r6.cost_usd = 0.015625;
    s.r6 = stack.AddReview(r6);

    ReviewSeed r1 = Seed("alpha/web", 1, "posted", "APPROVE", "carol", kMar8At10, 60'000);
    s.alice_events[0] = stack.AddEvent("alpha/web", kMar8At10 - 10'000);
    r1.event_id = s.alice_events[0];
    r1.input_tokens = 1000;
    r1.output_tokens = 200;
    r1.cost_usd = 0.25;
    r1.title = "Fix the parser";
    r1.summary.clear();
    for (int i = 0; i < 350; ++i) {
        r1.summary += "\xC3\xA9";  // é: two bytes, one character
    }
    s.r1 = stack.AddReview(r1);
    stack.AddComment(s.r1, "high");
    stack.AddComment(s.r1, "high", false, "src/b.cpp");
    stack.AddComment(s.r1, "low");
    stack.AddLlmCall(s.r1, 700);
    stack.AddLlmCall(s.r1, 300);

    ReviewSeed r2 = Seed("alpha/web", 1, "posted", "REQUEST_CHANGES", "carol", kMar9At09, 25'000);
    s.alice_events[1] = stack.AddEvent("alpha/web", kMar9At09 - 5'000);
    r2.event_id = s.alice_events[1];
    r2.input_tokens = 500;
    r2.output_tokens = 100;
    r2.cost_usd = 0.125;
    s.r2 = stack.AddReview(r2);
    stack.AddComment(s.r2, "critical");
}

inline void SeedAliceLater(ReadApiStack& stack, Scenario& s) {
    ReviewSeed r3 = Seed("alpha/api", 7, "posted", "APPROVE", "dave", kMar9At15, 100'000);
    s.alice_events[2] = stack.AddEvent("alpha/api", kMar9At15 - 20'000);
    r3.event_id = s.alice_events[2];
    r3.input_tokens = 2000;
    r3.output_tokens = 300;
    r3.cost_usd = 0.5;
    s.r3 = stack.AddReview(r3);
    stack.AddComment(s.r3, "medium");
    stack.AddComment(s.r3, "info");

    ReviewSeed r4 = Seed("alpha/api", 8, "failed", std::nullopt, "erin", kMar10At08, 5'000);
    r4.input_tokens = 100;
    r4.cost_usd = 0.0625;
    s.r4 = stack.AddReview(r4);

    ReviewSeed r5 = Seed("alpha/web", 2, "posted", "NEEDS_DISCUSSION", "dave", kMar10At09, 40'000);
    r5.input_tokens = 300;
    r5.output_tokens = 50;
    s.r5 = stack.AddReview(r5);
    stack.AddComment(s.r5, "high");
}

inline void SeedBob(ReadApiStack& stack, Scenario& s) {
    s.bob_event = stack.AddEvent("beta/core", kMar9At09);
    ReviewSeed core = Seed("beta/core", 1, "posted", "APPROVE", "zed", kMar9At09, 1000);
    core.event_id = s.bob_event;
    core.input_tokens = 9999;
    core.cost_usd = 4.0;
    s.bob_core = stack.AddReview(core);
    stack.AddComment(s.bob_core, "critical");
    stack.AddComment(s.bob_core, "critical");
    s.bob_lib =
        stack.AddReview(Seed("beta/lib", 4, "posted", "REQUEST_CHANGES", "zed", kMar9At15, 1000));
}

// Everything above, Bob's and the hidden rows interleaved with Alice's so that ids alone
// tell nothing.
inline Scenario SeedScenario(ReadApiStack& stack) {
    Scenario s;
    SeedAccess(stack, s);
    SeedBob(stack, s);
    SeedAlice(stack, s);
    SeedHidden(stack, s);
    SeedAliceLater(stack, s);
    return s;
}

}  // namespace nectr::api::test
