#pragma once

// The peers of a review, for end-to-end tests: a GitHub REST API (tests/node/github_fake.mjs,
// every request checked by Prism) and a scripted model server speaking OpenAI's chat
// completions (tests/node/model_fake.mjs). Each runs as a node process on a free loopback port
// and is killed by its destructor.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <memory>
#include <string>
#include <vector>

#include "support/process.hpp"

namespace nectr::testing {

// The variable that names the Prism serving GitHub's OpenAPI description; scripts/test.sh
// starts one (scripts/prism.sh) and exports it.
inline constexpr const char* kGitHubEmulatorVariable = "NECTR_TEST_GITHUB_API_URL";

// One node script of tests/node, run until destroyed.
class NodePeer {
public:
    // Starts `node tests/node/<script> args...` and waits up to 20 s for the line in which it
    // names its URL. Started() says whether it did; a failure is also added to the test.
    NodePeer(const std::string& script, std::vector<std::string> args);
    NodePeer(const NodePeer&) = delete;
    NodePeer& operator=(const NodePeer&) = delete;

    bool Started() const { return !url_.empty(); }
    // http://127.0.0.1:PORT
    const std::string& Url() const { return url_; }

    // Calls a control endpoint (/__nectr/...) and returns its JSON answer; an object with
    // "error" (and a test failure) when the call fails.
    boost::json::value Get(const std::string& path);
    boost::json::value Post(const std::string& path, const boost::json::value& body);

    // What the peer wrote to standard error (a crash of the script shows here).
    std::string Log();

private:
    ChildProcess process_;
    std::string url_;
};

// GitHub as tests/node/github_fake.mjs plays it.
class GitHubFake {
public:
    // Fails the test (Started() false) when NECTR_TEST_GITHUB_API_URL is unset.
    GitHubFake();

    bool Started() const { return peer_ && peer_->Started(); }
    // What GITHUB_API_URL should be.
    const std::string& ApiUrl() const { return peer_->Url(); }

    // Serves `pull_request` (GitHub's JSON) at GET /repos/<repo>/pulls/<number> and `diff` at
    // the diff media type; a non-zero `diff_status` refuses the diff with that status, so
    // that only the files list (derived from `diff`) gives it.
    void RegisterPull(const std::string& repo, std::int64_t number,
                      const boost::json::value& pull_request, const std::string& diff,
                      int diff_status = 0);
    // A file for the contents API, at `ref` or (empty) at any ref.
    void RegisterContent(const std::string& repo, const std::string& path,
                         const std::string& content, const std::string& ref = "");
    // The answer to GET /repos/<repo>/compare/<base>...<head>.
    void RegisterComparison(const std::string& repo, const std::string& base,
                            const std::string& head, const boost::json::value& comparison);
    // A review that is already on the pull request (posted by an earlier attempt).
    void SeedReview(const std::string& repo, std::int64_t number, const std::string& body,
                    const std::string& commit_id);

    // An account that signs in with OAuth code `code` (exchanged once for `token`) and sees
    // `repos` (objects {full_name, id, admin}) and the App installations `installations`.
    void RegisterAccount(const std::string& code, const std::string& token,
                         const boost::json::object& user, const boost::json::array& repos,
                         const boost::json::array& installations = {});

    // Makes the next matching API requests fail; see tests/node/faults.mjs for the shape.
    void AddFaults(const boost::json::array& faults);

    // A person's reply in the thread of inline comment `in_reply_to_id`; returns its id.
    std::int64_t AddReviewReply(const std::string& repo, std::int64_t number,
                                std::int64_t in_reply_to_id, const std::string& body,
                                const std::string& login);
    // A reaction ("+1", "-1", ...) of `login` to inline comment `comment_id`.
    void AddReaction(std::int64_t comment_id, const std::string& content, const std::string& login);

    // {reviews, comments, hooks, violations, rejected, requests, errors, review_comments,
    // faults}: see github_fake.mjs.
    boost::json::object State();
    std::string Log() { return peer_->Log(); }

private:
    std::unique_ptr<NodePeer> peer_;
};

// A model server as tests/node/model_fake.mjs plays it.
class ModelFake {
public:
    // Answers after `delay_ms`; with `tool_call`, first asks for read_file.
    explicit ModelFake(int delay_ms = 0, bool tool_call = false);

    bool Started() const { return peer_.Started(); }
    // What OPENAI_BASE_URL should be (".../v1").
    std::string BaseUrl() const { return peer_.Url() + "/v1"; }
    // Changes the script from now on, e.g. {"delay_ms": 0}.
    void Configure(const boost::json::object& settings);
    // Makes the next matching requests fail; see tests/node/faults.mjs for the shape.
    void AddFaults(const boost::json::array& faults);
    // {config, requests, received, answered, abandoned, faults}: see model_fake.mjs.
    boost::json::object State();
    std::string Log() { return peer_.Log(); }

private:
    NodePeer peer_;
};

}  // namespace nectr::testing
