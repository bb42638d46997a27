#include "analyzers/secrets.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analyzers/mask.hpp"
#include "unit/analyzers/test_files.hpp"

namespace nectr::analyzers {
namespace {

using testing::AnyFieldContains;
using testing::FakeSecret;
using testing::FakeSecrets;
using testing::FileWith;
using testing::RandomAlnum;
using testing::RulesOf;

std::vector<Finding> Scan(const std::string& path, const std::vector<std::string>& lines) {
    std::vector<Finding> findings;
    FindSecrets(FileWith(path, lines), findings);
    return findings;
}

TEST(SecretsTest, FindsEveryKindOfTokenAndReportsItOnceWithItsRule) {
    for (const FakeSecret& secret : FakeSecrets()) {
        SCOPED_TRACE(secret.rule);
        const auto findings =
            Scan("src/config.py", {"import os", "TOKEN = '" + secret.value + "'"});
        ASSERT_EQ(findings.size(), 1u) << "one value, one finding";
        EXPECT_EQ(findings[0].rule, secret.rule);
        EXPECT_EQ(findings[0].category, "security");
        EXPECT_EQ(findings[0].line, 2);
        EXPECT_EQ(findings[0].path, "src/config.py");
        EXPECT_GE(findings[0].severity, Severity::kMedium);
    }
}

TEST(SecretsTest, NoFieldOfAnyFindingRepeatsTheSecretValue) {
    for (const FakeSecret& secret : FakeSecrets()) {
        SCOPED_TRACE(secret.rule);
        const auto findings = Scan("deploy/values.yaml",
                                   {"token: " + secret.value, "url: x?key=" + secret.value + "&a=1",
                                    "export API_KEY=\"" + secret.value + "\""});
        ASSERT_EQ(findings.size(), 3u);
        for (const Finding& finding : findings) {
            EXPECT_FALSE(AnyFieldContains(finding, secret.value)) << finding.message;
            // Nor a long piece of it: the mask keeps four characters at most.
            EXPECT_FALSE(AnyFieldContains(finding, secret.value.substr(0, 8))) << finding.message;
            EXPECT_FALSE(AnyFieldContains(finding, secret.value.substr(secret.value.size() - 8)))
                << finding.message;
            EXPECT_NE(finding.message.find(MaskSecret(secret.value)), std::string::npos)
                << "the message names the value by its mask: " << finding.message;
        }
    }
}

TEST(SecretsTest, FindsAPrivateKeyBlockWithoutQuotingIt) {
    const std::string body = RandomAlnum(64, 21);
    for (const std::string kind : {"RSA ", "EC ", "OPENSSH ", "", "ENCRYPTED "}) {
        SCOPED_TRACE(kind);
        const auto findings =
            Scan("certs/server.key", {std::string("-----BEGIN ") + kind + "PRIVATE" + " KEY-----",
                                      body, std::string("-----END ") + kind + "PRIVATE KEY-----"});
        ASSERT_EQ(RulesOf(findings), std::vector<std::string>{"secret.private-key"});
        EXPECT_EQ(findings[0].severity, Severity::kCritical);
        EXPECT_EQ(findings[0].line, 1);
        EXPECT_FALSE(AnyFieldContains(findings[0], body.substr(0, 8)));
    }
    EXPECT_TRUE(Scan("certs/server.pem", {"-----BEGIN PUBLIC KEY-----"}).empty())
        << "public keys are not secrets";
    EXPECT_TRUE(Scan("certs/server.pem", {"-----BEGIN CERTIFICATE-----"}).empty());
}

TEST(SecretsTest, FindsAnAwsSecretKeyInAnAssignment) {
    const std::string secret = RandomAlnum(30, 31) + "/+" + RandomAlnum(8, 32);
    ASSERT_EQ(secret.size(), 40u);
    const auto findings = Scan(".env", {"AWS_SECRET_ACCESS_KEY=" + secret});
    ASSERT_EQ(RulesOf(findings), std::vector<std::string>{"secret.aws-secret-access-key"});
    EXPECT_EQ(findings[0].severity, Severity::kCritical);
    EXPECT_FALSE(AnyFieldContains(findings[0], secret));
}

TEST(SecretsTest, FindsSeveralSecretsOnOneLine) {
    const auto secrets = FakeSecrets();
    const std::string line = "a=" + secrets[1].value + " b=" + secrets[5].value;
    const auto findings = Scan("notes.txt", {line});
    EXPECT_EQ(RulesOf(findings),
              (std::vector<std::string>{"secret.github-token", "secret.google-api-key"}));
}

TEST(SecretsTest, ScansDocumentationToo) {
    const auto secrets = FakeSecrets();
    const auto findings =
        Scan("docs/setup.md", {"Run it with:", "", "    GITHUB_TOKEN=" + secrets[1].value});
    EXPECT_EQ(RulesOf(findings), std::vector<std::string>{"secret.github-token"});
}

TEST(SecretsTest, IgnoresPlaceholdersInDocsAndExamples) {
    const std::vector<std::string> lines = {
        "GITHUB_TOKEN=" + std::string("gh") + "p_" + std::string(36, 'x'),
        "export GITHUB_TOKEN=<your-token>",
        "token: ${GITHUB_TOKEN}",
        "password = \"changeme\"",
        "password = \"change-me-please\"",
        "api_key = \"YOUR_API_KEY_HERE\"",
        "aws_access_key_id = " + std::string("AK") + "IAIOSFODNN7" + "EXAMPLE",
        "secret: \"{{ .Values.secret }}\"",
        "OPENAI_API_KEY=" + std::string("sk-") + std::string(48, '.'),
        "client_secret = \"********************\"",
        "password: \"$DB_PASSWORD\"",
        "token = \"" + std::string("sk-") + "ant-" + "REPLACE_WITH_YOUR_KEY_0123456789abcdef\"",
    };
    for (const char* path : {"README.md", "config/example.env", "src/settings.py"}) {
        for (const std::string& line : lines) {
            EXPECT_TRUE(Scan(path, {line}).empty()) << path << ": " << line;
        }
    }
}

TEST(SecretsTest, FindsHardCodedCredentialsOnlyWhenTheyLookRandom) {
    const std::string random = RandomAlnum(20, 41);
    EXPECT_EQ(RulesOf(Scan("app/db.py", {"DB_PASSWORD = \"" + random + "\""})),
              std::vector<std::string>{"secret.hardcoded-credential"});
    EXPECT_EQ(RulesOf(Scan("app/config.json", {"  \"apiKey\": \"" + random + "\","})),
              std::vector<std::string>{"secret.hardcoded-credential"});
    EXPECT_EQ(RulesOf(Scan("app/Client.java", {"String secret = \"" + random + "\";"})),
              std::vector<std::string>{"secret.hardcoded-credential"});
    // Not random enough, or not a literal at all.
    for (const std::string& line : std::vector<std::string>{
             "password = \"password\"", "password = \"aaaaaaaaaaaa\"", "token = \"abcabcabcabc\"",
             "password = get_password()", "secret = os.environ[\"SECRET\"]",
             "password = \"DB_PASSWORD\"", "token_url = \"https://example.org/oauth/token\"",
             "TOKEN_URL: \"https://auth.internal/oauth/token\"", "password == \"" + random + "\"",
             "secret_file = \"/run/secrets/db_password\"", "password: str"}) {
        EXPECT_TRUE(Scan("app/settings.py", {line}).empty()) << line;
    }
}

TEST(SecretsTest, FindsUnquotedValuesOnlyInSettingsFiles) {
    const std::string random = RandomAlnum(24, 51);
    EXPECT_EQ(RulesOf(Scan(".env.production", {"DB_PASSWORD=" + random})),
              std::vector<std::string>{"secret.hardcoded-credential"});
    EXPECT_EQ(RulesOf(Scan("deploy/values.yaml", {"  password: " + random})),
              std::vector<std::string>{"secret.hardcoded-credential"});
    EXPECT_TRUE(Scan("app/main.py", {"password = hashed_value_" + random}).empty())
        << "in code an unquoted right-hand side is a name, not a value";
}

TEST(SecretsTest, LowersTheSeverityOfMadeUpPasswordsInTests) {
    const std::string random = RandomAlnum(20, 61);
    const auto findings = Scan("tests/test_login.py", {"password = \"" + random + "\""});
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].severity, Severity::kLow);
    const auto tokens = Scan("tests/test_login.py", {"token = \"" + FakeSecrets()[1].value + "\""});
    ASSERT_EQ(tokens.size(), 1u);
    EXPECT_EQ(tokens[0].severity, Severity::kCritical) << "a real token shape stays critical";
}

TEST(SecretsTest, DoesNotMistakeLookalikesForKeys) {
    for (const std::string& line : std::vector<std::string>{
             "task-" + RandomAlnum(40, 71), "risk-" + RandomAlnum(40, 72),
             "const name = \"sk-" + std::string("learn-model-selection-and-cross-validation\""),
             "AKIA" + std::string("lowercase0123456"), "AIza" + std::string("short"),
             "ghp_" + std::string("tooShort123")}) {
        EXPECT_TRUE(Scan("src/app.ts", {line}).empty()) << line;
    }
}

TEST(SecretsTest, SkipsBinaryFiles) {
    auto file = FileWith("assets/blob.bin", {"token = \"" + FakeSecrets()[1].value + "\""});
    file.binary = true;
    std::vector<Finding> findings;
    FindSecrets(file, findings);
    EXPECT_TRUE(findings.empty());
}

TEST(SecretsTest, ScansAMegabyteLineOfNearMisses) {
    const auto secrets = FakeSecrets();
    std::string line;
    while (line.size() < (1u << 20)) {
        line += "password=\"xxxxxxxx\" ghp_ AKIA sk-ant- eyJ ";
    }
    line += secrets[1].value;
    std::vector<Finding> findings;
    FindSecrets(FileWith("big.txt", {line, std::string(1u << 20, 'A')}), findings);
    EXPECT_EQ(RulesOf(findings), std::vector<std::string>{"secret.github-token"})
        << "the real token at the end of a huge line is still found";
}

TEST(SecretHeuristicsTest, EntropyIsHighForRandomAndLowForRepetitiveValues) {
    EXPECT_EQ(ShannonEntropy(""), 0.0);
    EXPECT_EQ(ShannonEntropy("aaaaaaaa"), 0.0);
    EXPECT_DOUBLE_EQ(ShannonEntropy("abababab"), 1.0);
    EXPECT_GT(ShannonEntropy(RandomAlnum(40, 81)), 4.0);
}

TEST(SecretHeuristicsTest, RecognisesPlaceholders) {
    for (const char* value : {"changeme", "<token>", "${TOKEN}", "{{ secret }}", "$API_KEY",
                              "xxxxxxxxxxxx", "your_api_key", "REDACTED", "example-key-123"}) {
        EXPECT_TRUE(LooksLikePlaceholder(value)) << value;
    }
    EXPECT_FALSE(LooksLikePlaceholder(RandomAlnum(32, 91)));
}

TEST(SecretValuesTest, GivesTheRawValuesFindSecretsReports) {
    for (const FakeSecret& secret : FakeSecrets()) {
        SCOPED_TRACE(secret.rule);
        const auto values = SecretValues(
            FileWith("src/config.py", {"import os", "TOKEN = '" + secret.value + "'"}));
        ASSERT_EQ(values.size(), 1u);
        EXPECT_EQ(values[0], secret.value);
    }
    EXPECT_TRUE(SecretValues(FileWith("src/app.py", {"password = os.environ['PASSWORD']"})).empty())
        << "what FindSecrets does not report is not a secret value either";
}

TEST(SecretValuesTest, IncludesTheLinesOfAPrivateKeyBlock) {
    const std::string body_a = RandomAlnum(64, 11);
    const std::string body_b = RandomAlnum(64, 12);
    const std::string header = std::string("-----BEGIN ") + "PRIVATE" + " KEY-----";
    const auto values = SecretValues(FileWith(
        "certs/server.key", {header, body_a, body_b + "\r",
                             "==", std::string("-----END ") + "PRIVATE KEY-----", "after"}));
    EXPECT_EQ(values, (std::vector<std::string>{header, body_a, body_b}))
        << "the key material, without a short padding line, the END line or what follows";
}

TEST(SecretValuesTest, AKeyBlockEndsWhereTheAddedLinesStopBeingConsecutive) {
    const std::string header = std::string("-----BEGIN ") + "PRIVATE" + " KEY-----";
    ChangedFile file = FileWith("certs/server.key", {header, RandomAlnum(64, 13)});
    file.added_lines.push_back(ChangedLine{10, RandomAlnum(64, 14)});
    const auto values = SecretValues(file);
    ASSERT_EQ(values.size(), 2u);
    EXPECT_EQ(values[1], file.added_lines[1].text);
}

}  // namespace
}  // namespace nectr::analyzers
