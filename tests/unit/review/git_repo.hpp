#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "support/process.hpp"

namespace nectr::review::testing {

// A throwaway git repository driven through the real git binary, so that tests compare the
// parser with what git actually prints. Global and user configuration are shut out.
class GitRepo {
public:
    GitRepo() {
        Git({"init", "-q"});
        Git({"config", "core.autocrlf", "false"});
        Git({"config", "core.filemode", "true"});
    }

    const std::string& Path() const { return dir_.Path(); }

    // Runs git with `args`; the test fails if git does.
    std::string Git(std::vector<std::string> args) {
        std::vector<std::string> argv = {"/usr/bin/git", "-C", dir_.Path()};
        argv.insert(argv.end(), args.begin(), args.end());
        const std::map<std::string, std::string> env = {
            {"HOME", dir_.Path()},
            {"GIT_CONFIG_NOSYSTEM", "1"},
            {"GIT_AUTHOR_NAME", "Test"},
            {"GIT_AUTHOR_EMAIL", "test@example.invalid"},
            {"GIT_COMMITTER_NAME", "Test"},
            {"GIT_COMMITTER_EMAIL", "test@example.invalid"},
            {"LC_ALL", "C"},
        };
        auto result = nectr::testing::RunCommand(argv, env, std::chrono::seconds(60));
        EXPECT_EQ(result.exit_code, 0) << "git " << args.front() << ": " << result.err;
        return result.out;
    }

    void Write(const std::string& name, const std::string& content) {
        const std::filesystem::path path = std::filesystem::path(dir_.Path()) / name;
        std::filesystem::create_directories(path.parent_path());
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << content;
    }

    void Remove(const std::string& name) {
        std::filesystem::remove(std::filesystem::path(dir_.Path()) / name);
    }

    // Stages everything and commits; returns the new commit's id.
    std::string CommitAll(const std::string& message) {
        Git({"add", "-A"});
        Git({"commit", "-q", "--allow-empty", "-m", message});
        std::string head = Git({"rev-parse", "HEAD"});
        while (!head.empty() && (head.back() == '\n' || head.back() == '\r')) {
            head.pop_back();
        }
        return head;
    }

private:
    nectr::testing::TempDir dir_;
};

}  // namespace nectr::review::testing
