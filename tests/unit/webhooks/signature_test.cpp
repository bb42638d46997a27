#include "webhooks/signature.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "unit/webhooks/webhook_examples.hpp"

namespace nectr::webhooks {
namespace {

constexpr std::string_view kSecret = "It's a Secret to Everybody";

// Signs each body with @octokit/webhooks-methods' sign(), the reference GitHub's own
// JavaScript tooling uses, and returns one "sha256=..." per body. Bodies travel through
// files so that no byte is altered by a shell or an argument vector.
std::vector<std::string> SignWithOctokit(std::string_view secret,
                                         const std::vector<std::string>& bodies) {
    nectr::testing::TempDir dir;
    for (std::size_t i = 0; i < bodies.size(); ++i) {
        std::ofstream(dir.Path() + "/" + std::to_string(i), std::ios::binary) << bodies[i];
    }
    const std::string script =
        "import {sign} from '@octokit/webhooks-methods';"
        "import {readFileSync} from 'node:fs';"
        "for (let i = 0; i < Number(process.env.COUNT); i++) {"
        "  const body = readFileSync(process.env.DIR + '/' + i, 'utf8');"
        "  console.log(await sign(process.env.SECRET, body));"
        "}";
    const std::string node_dir = std::filesystem::path(NECTR_NODE_MODULES).parent_path().string();
    auto result =
        nectr::testing::RunCommand({"/usr/bin/env", "node", "--input-type=module", "-e", script},
                                   {{"SECRET", std::string(secret)},
                                    {"DIR", dir.Path()},
                                    {"COUNT", std::to_string(bodies.size())}},
                                   std::chrono::seconds(60), node_dir);
    EXPECT_EQ(result.exit_code, 0) << "node failed: " << result.err;
    std::vector<std::string> signatures;
    std::istringstream lines(result.out);
    for (std::string line; std::getline(lines, line);) {
        signatures.push_back(line);
    }
    return signatures;
}

std::string PullRequestBody() {
    return boost::json::serialize(testing::ExampleOf("pull_request", "opened"));
}

std::string Uppercase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text;
}

TEST(WebhookSignatureTest, AcceptsWhatTheOctokitReferenceSignsForRealExampleBodies) {
    const std::vector<std::string> bodies = {
        PullRequestBody(),
        boost::json::serialize(testing::ExampleOf("push")),
        boost::json::serialize(testing::ExampleOf("issue_comment", "created")),
        // Multi-byte UTF-8 must be signed as the bytes on the wire, not as characters.
        R"({"zen":"Keep it logically awesome. \u00e9 é 漢字 🐝","hook_id":1})",
    };
    const auto signatures = SignWithOctokit(kSecret, bodies);
    ASSERT_EQ(signatures.size(), bodies.size()) << "node printed the wrong number of lines";
    for (std::size_t i = 0; i < bodies.size(); ++i) {
        SCOPED_TRACE("body " + std::to_string(i));
        EXPECT_TRUE(VerifySignature(kSecret, bodies[i], signatures[i]));
        EXPECT_EQ(SignBody(kSecret, bodies[i]), signatures[i])
            << "SignBody must produce exactly what GitHub's tooling produces";
    }
}

TEST(WebhookSignatureTest, MatchesThePublishedHmacSha256TestVector) {
    // The widely published HMAC-SHA256 example (Wikipedia's HMAC article), computed by a
    // second implementation: a check that does not depend on node being installed.
    EXPECT_EQ(SignBody("key", "The quick brown fox jumps over the lazy dog"),
              "sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
}

TEST(WebhookSignatureTest, RejectsASignatureMadeWithAnotherSecret) {
    const std::string body = PullRequestBody();
    const auto signatures = SignWithOctokit("not-the-secret", {body});
    ASSERT_EQ(signatures.size(), 1u);
    EXPECT_FALSE(VerifySignature(kSecret, body, signatures[0]));
}

TEST(WebhookSignatureTest, RejectsASignatureOfAnotherBody) {
    const std::string body = PullRequestBody();
    std::string tampered = body;
    tampered.replace(tampered.find("opened"), 6, "closed");
    EXPECT_FALSE(VerifySignature(kSecret, tampered, SignBody(kSecret, body)));
}

TEST(WebhookSignatureTest, RejectsATruncatedSignature) {
    const std::string body = PullRequestBody();
    const std::string signature = SignBody(kSecret, body);
    EXPECT_FALSE(VerifySignature(kSecret, body, signature.substr(0, signature.size() - 1)));
    EXPECT_FALSE(VerifySignature(kSecret, body, signature.substr(0, signature.size() - 2)));
    EXPECT_FALSE(VerifySignature(kSecret, body, "sha256="));
}

TEST(WebhookSignatureTest, RejectsASignatureWithExtraCharacters) {
    const std::string body = PullRequestBody();
    EXPECT_FALSE(VerifySignature(kSecret, body, SignBody(kSecret, body) + "0"));
    EXPECT_FALSE(VerifySignature(kSecret, body, SignBody(kSecret, body) + "\n"));
}

TEST(WebhookSignatureTest, RejectsASignatureWithoutTheSha256Prefix) {
    const std::string body = PullRequestBody();
    const std::string hex = SignBody(kSecret, body).substr(kSignaturePrefix.size());
    EXPECT_FALSE(VerifySignature(kSecret, body, hex));
    EXPECT_FALSE(VerifySignature(kSecret, body, "sha1=" + hex));
    EXPECT_FALSE(VerifySignature(kSecret, body, "SHA256=" + hex));
}

TEST(WebhookSignatureTest, AcceptsUppercaseHex) {
    const std::string body = PullRequestBody();
    const std::string hex = SignBody(kSecret, body).substr(kSignaturePrefix.size());
    ASSERT_NE(hex, Uppercase(hex)) << "the test needs a signature with a letter in it";
    EXPECT_TRUE(VerifySignature(kSecret, body, "sha256=" + Uppercase(hex)));
}

TEST(WebhookSignatureTest, RejectsNonHexDigitsOfTheRightLength) {
    const std::string body = PullRequestBody();
    std::string signature = SignBody(kSecret, body);
    signature.back() = 'g';
    EXPECT_FALSE(VerifySignature(kSecret, body, signature));
}

TEST(WebhookSignatureTest, RejectsAnEmptyHeader) {
    EXPECT_FALSE(VerifySignature(kSecret, PullRequestBody(), ""));
}

TEST(WebhookSignatureTest, RejectsEverythingWhenTheSecretIsEmpty) {
    const std::string body = PullRequestBody();
    EXPECT_FALSE(VerifySignature("", body, SignBody("", body)))
        << "an unset secret must not let anyone sign with the empty key";
}

TEST(WebhookSignatureTest, SignsAndVerifiesAnEmptyBody) {
    const std::string signature = SignBody(kSecret, "");
    EXPECT_EQ(signature.size(), kSignaturePrefix.size() + kSignatureHexLength);
    EXPECT_TRUE(VerifySignature(kSecret, "", signature));
    EXPECT_FALSE(VerifySignature(kSecret, "{}", signature));
}

}  // namespace
}  // namespace nectr::webhooks
