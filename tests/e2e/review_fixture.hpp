#pragma once

// `nectr review` as a user runs it: a throwaway git repository with a branch to review, the
// real binary in a clean environment and a working directory of its own, and helpers that
// read what it printed.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "unit/review/git_repo.hpp"

namespace nectr::testing {

// Fake credentials made at run time, so that the repository never holds a literal that
// secret scanners flag. Seeded: every run makes the same ones.
struct FakeSecrets {
    std::string token;                  // a GitHub token: "ghp_" and 36 characters
    std::string key_header;             // the first line of a PEM private key
    std::vector<std::string> key_body;  // the key's base64 lines: the secret itself

    std::string KeyBlock() const {
        std::string block = key_header + "\n";
        for (const auto& line : key_body) {
            block += line + "\n";
        }
        return block + "-----END " + std::string("RSA PRIVATE") + " KEY-----\n";
    }
    // How the analyzers name the token: its first four characters and its length.
    std::string TokenMask() const { return "ghp_\u2026(40 chars)"; }
    // Every piece of secret text that must never be printed.
    std::vector<std::string> RawPieces() const {
        std::vector<std::string> pieces = {token, token.substr(4), key_header};
        pieces.insert(pieces.end(), key_body.begin(), key_body.end());
        return pieces;
    }
};

inline FakeSecrets MakeFakeSecrets() {
    static constexpr char kAlnum[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static constexpr char kBase64[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::mt19937 random(20240611);
    auto pick = [&random](const char* alphabet, std::size_t size, std::size_t count) {
        std::uniform_int_distribution<std::size_t> index(0, size - 1);
        std::string out;
        for (std::size_t i = 0; i < count; ++i) {
            out += alphabet[index(random)];
        }
        return out;
    };
    FakeSecrets secrets;
    secrets.token = std::string("gh") + "p_" + pick(kAlnum, sizeof(kAlnum) - 1, 36);
    secrets.key_header = "-----BEGIN " + std::string("RSA PRIVATE") + " KEY-----";
    for (int i = 0; i < 6; ++i) {
        secrets.key_body.push_back(pick(kBase64, sizeof(kBase64) - 1, 64));
    }
    return secrets;
}

inline std::string ReadWholeFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

inline int CountLines(const std::string& text) {
    return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

// The line numbers below are what the tests assert on.
inline constexpr int kEvalLine = 3;   // app/handler.py on the feature branch
inline constexpr int kTokenLine = 2;  // app/settings.py on the feature branch

class ReviewCommandTest : public ::testing::Test {
protected:
    ReviewCommandTest() {
        repo.Git({"symbolic-ref", "HEAD", "refs/heads/main"});
        repo.Write("README.md", "# Demo\n\nA small service.\n");
        repo.Write("app/handler.py", "def handle(request):\n    return \"ok\"\n");
        repo.CommitAll("Start the service");
    }

    // feature: eval of request data in app/handler.py, exec in a file whose name has a space,
    // a GitHub token in app/settings.py and a private key in deploy/key.pem.
    void CommitFeatureBranch() {
        repo.Git({"checkout", "-q", "-b", "feature"});
        repo.Write("app/handler.py",
                   "def handle(request):\n"
                   "    user_input = request.args[\"expr\"]\n"
                   "    result = eval(user_input)\n"
                   "    return str(result)\n");
        repo.Write("app/settings.py", "DEBUG = False\nGITHUB_TOKEN = \"" + secrets.token + "\"\n");
        repo.Write("deploy/key.pem", secrets.KeyBlock());
        repo.Write("tools/build step.py", "import sys\nexec(sys.argv[1])\n");
        repo.CommitAll("Evaluate expressions");
        repo.Git({"checkout", "-q", "main"});
    }

    // Runs `nectr review ARGS` in the work directory, with only `extra_env` set beyond what
    // git needs; standard input reads `stdin_path` when given.
    CommandResult Review(std::vector<std::string> args,
                         std::map<std::string, std::string> extra_env = {},
                         std::string stdin_path = "") {
        args.insert(args.begin(), {NECTR_BINARY_PATH, "review"});
        std::map<std::string, std::string> env = {
            {"HOME", work.Path()}, {"GIT_CONFIG_NOSYSTEM", "1"}, {"LC_ALL", "C"}};
        for (auto& [key, value] : extra_env) {
            env[key] = value;
        }
        return RunCommand(std::move(args), std::move(env), std::chrono::seconds(120), work.Path(),
                          std::move(stdin_path));
    }

    std::string WorkFile(const std::string& name, const std::string& content) {
        const std::string path = work.Path() + "/" + name;
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << content;
        return path;
    }

    // Fails the test when any piece of a secret shows in `text`.
    void ExpectNoRawSecret(const std::string& text, const std::string& where) {
        for (const auto& piece : secrets.RawPieces()) {
            EXPECT_EQ(text.find(piece), std::string::npos)
                << where << " shows secret text \"" << piece.substr(0, 8) << "...\"";
        }
    }

    // Every line on standard error is a progress line of the command.
    static void ExpectOnlyProgressLines(const std::string& err) {
        std::istringstream lines(err);
        std::string line;
        while (std::getline(lines, line)) {
            EXPECT_TRUE(line.starts_with("nectr: ")) << "not a progress line: " << line;
        }
    }

    // Validates a SARIF file against the SARIF 2.1.0 schema (tests/node/validate_sarif.mjs).
    static CommandResult ValidateSarif(const std::string& path) {
        const std::string node_dir =
            std::filesystem::path(NECTR_NODE_MODULES).parent_path().string();
        return RunCommand({"/usr/bin/env", "node", node_dir + "/validate_sarif.mjs", path}, {},
                          std::chrono::seconds(60));
    }

    review::testing::GitRepo repo;
    TempDir work;
    FakeSecrets secrets = MakeFakeSecrets();
};

}  // namespace nectr::testing
