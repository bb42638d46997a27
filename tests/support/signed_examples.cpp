#include "support/signed_examples.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <sstream>

#include "support/process.hpp"

namespace nectr::testing {

std::vector<SignedExample> SignGitHubExamples(const std::string& secret,
                                              const std::vector<std::string>& events) {
    namespace json = boost::json;
    std::vector<std::string> argv{"/usr/bin/env", "node",
                                  std::string(NECTR_SOURCE_DIR) + "/tests/node/sign_examples.mjs",
                                  secret};
    argv.insert(argv.end(), events.begin(), events.end());
    CommandResult result = RunCommand(argv, {}, std::chrono::seconds(60),
                                      std::string(NECTR_SOURCE_DIR) + "/tests/node");
    EXPECT_EQ(result.exit_code, 0) << "run npm ci --prefix tests/node: " << result.err;
    std::vector<SignedExample> examples;
    std::istringstream lines(result.out);
    for (std::string line; std::getline(lines, line);) {
        json::object signed_line = json::parse(line).as_object();
        SignedExample example{std::string(signed_line["event"].as_string()), "",
                              std::string(signed_line["body"].as_string()),
                              std::string(signed_line["signature"].as_string())};
        const json::value payload = json::parse(example.body);
        if (const json::value* action = payload.as_object().if_contains("action");
            action != nullptr && action->is_string()) {
            example.action = std::string(action->as_string());
        }
        examples.push_back(std::move(example));
    }
    return examples;
}

}  // namespace nectr::testing
