#pragma once

// GitHub's published webhook examples (@octokit/webhooks-examples), signed by GitHub's own
// reference library (@octokit/webhooks-methods) through tests/node/sign_examples.mjs, for
// end-to-end tests that deliver them to a running server.
#include <string>
#include <vector>

namespace nectr::testing {

struct SignedExample {
    std::string event;      // X-GitHub-Event
    std::string action;     // the payload's action; empty when it has none
    std::string body;       // exactly the bytes to send
    std::string signature;  // X-Hub-Signature-256 of body under the secret
};

// Every example of the given events, in the package's order. Runs node; a failure fails the
// calling test and returns what was read.
std::vector<SignedExample> SignGitHubExamples(const std::string& secret,
                                              const std::vector<std::string>& events);

}  // namespace nectr::testing
