#include "support/review_fakes.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstdlib>
#include <regex>

#include "support/http_client.hpp"

namespace nectr::testing {
namespace {

namespace json = boost::json;

std::vector<std::string> NodeCommand(const std::string& script, std::vector<std::string> args) {
    std::vector<std::string> argv{"/usr/bin/env", "node",
                                  std::string(NECTR_SOURCE_DIR) + "/tests/node/" + script};
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
}

json::value Failed(const std::string& what) {
    ADD_FAILURE() << what;
    return json::object{{"error", what}};
}

json::value Decode(const std::string& call, const HttpResult& result) {
    if (result.status != 200) {
        return Failed(call + " answered " + std::to_string(result.status) + " " + result.body +
                      result.error);
    }
    boost::system::error_code ec;
    json::value parsed = json::parse(result.body, ec);
    if (ec) {
        return Failed(call + " answered with invalid JSON: " + result.body);
    }
    return parsed;
}

json::object AsObject(json::value value) {
    if (value.is_object()) {
        return std::move(value.as_object());
    }
    return json::object{{"error", "not an object"}};
}

}  // namespace

NodePeer::NodePeer(const std::string& script, std::vector<std::string> args)
    : process_(NodeCommand(script, std::move(args)), {},
               std::string(NECTR_SOURCE_DIR) + "/tests/node") {
    auto line = process_.WaitForStdoutLine("listening on", std::chrono::seconds(20));
    std::smatch match;
    if (line && std::regex_search(*line, match, std::regex(R"(http://127\.0\.0\.1:\d+)"))) {
        url_ = match[0].str();
    } else {
        ADD_FAILURE() << script << " did not start: " << process_.Stderr();
    }
}

json::value NodePeer::Get(const std::string& path) {
    return Decode("GET " + path, HttpRequest("GET", url_ + path));
}

json::value NodePeer::Post(const std::string& path, const json::value& body) {
    return Decode("POST " + path, HttpRequest("POST", url_ + path, json::serialize(body),
                                              {{"Content-Type", "application/json"}}));
}

std::string NodePeer::Log() { return process_.Stderr(); }

GitHubFake::GitHubFake() {
    const char* prism = std::getenv(kGitHubEmulatorVariable);
    if (prism == nullptr || *prism == '\0') {
        ADD_FAILURE() << kGitHubEmulatorVariable
                      << " is not set: every request to the GitHub fake is checked by Prism. Run "
                         "scripts/test.sh, or start Prism with `D=$(mktemp -d); export "
                      << kGitHubEmulatorVariable << "=$(bash scripts/prism.sh start $D)`";
        return;
    }
    peer_ =
        std::make_unique<NodePeer>("github_fake.mjs", std::vector<std::string>{"--prism", prism});
}

void GitHubFake::RegisterPull(const std::string& repo, std::int64_t number,
                              const json::value& pull_request, const std::string& diff,
                              int diff_status) {
    peer_->Post("/__nectr/pulls", json::object{{"repo", repo},
                                               {"number", number},
                                               {"pull_request", pull_request},
                                               {"diff", diff},
                                               {"diff_status", diff_status}});
}

void GitHubFake::RegisterContent(const std::string& repo, const std::string& path,
                                 const std::string& content, const std::string& ref) {
    json::object body{{"repo", repo}, {"path", path}, {"content", content}};
    if (!ref.empty()) {
        body["ref"] = ref;
    }
    peer_->Post("/__nectr/contents", body);
}

std::int64_t GitHubFake::AddReviewReply(const std::string& repo, std::int64_t number,
                                        std::int64_t in_reply_to_id, const std::string& body,
                                        const std::string& login) {
    json::value answer =
        peer_->Post("/__nectr/review_replies", json::object{{"repo", repo},
                                                            {"number", number},
                                                            {"in_reply_to_id", in_reply_to_id},
                                                            {"body", body},
                                                            {"login", login}});
    const json::value* id = answer.is_object() ? answer.as_object().if_contains("id") : nullptr;
    return id != nullptr ? id->to_number<std::int64_t>() : 0;
}

void GitHubFake::AddReaction(std::int64_t comment_id, const std::string& content,
                             const std::string& login) {
    peer_->Post("/__nectr/reactions",
                json::object{{"comment_id", comment_id}, {"content", content}, {"login", login}});
}

void GitHubFake::RegisterAccount(const std::string& code, const std::string& token,
                                 const json::object& user, const json::array& repos,
                                 const json::array& installations) {
    peer_->Post("/__nectr/users", json::object{{"code", code},
                                               {"token", token},
                                               {"user", user},
                                               {"repos", repos},
                                               {"installations", installations}});
}

void GitHubFake::RegisterComparison(const std::string& repo, const std::string& base,
                                    const std::string& head, const json::value& comparison) {
    peer_->Post(
        "/__nectr/compare",
        json::object{{"repo", repo}, {"base", base}, {"head", head}, {"comparison", comparison}});
}

void GitHubFake::SeedReview(const std::string& repo, std::int64_t number, const std::string& body,
                            const std::string& commit_id) {
    peer_->Post("/__nectr/reviews", json::object{{"repo", repo},
                                                 {"number", number},
                                                 {"body", body},
                                                 {"commit_id", commit_id},
                                                 {"event", "COMMENT"}});
}

void GitHubFake::AddFaults(const json::array& faults) {
    peer_->Post("/__nectr/faults", json::object{{"faults", faults}});
}

json::object GitHubFake::State() { return AsObject(peer_->Get("/__nectr/state")); }

ModelFake::ModelFake(int delay_ms, bool tool_call)
    : peer_("model_fake.mjs", [&] {
          std::vector<std::string> args{"--delay-ms", std::to_string(delay_ms)};
          if (tool_call) {
              args.emplace_back("--tool-call");
          }
          return args;
      }()) {}

void ModelFake::Configure(const json::object& settings) { peer_.Post("/__nectr/config", settings); }

void ModelFake::AddFaults(const json::array& faults) {
    peer_.Post("/__nectr/faults", json::object{{"faults", faults}});
}

json::object ModelFake::State() { return AsObject(peer_.Get("/__nectr/state")); }

}  // namespace nectr::testing
