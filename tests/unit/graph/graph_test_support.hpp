#pragma once

// What the graph tests share: a migrated database of each engine, seeding by plain SQL, and
// git repositories scripted commit by commit with chosen authors and dates.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "support/process.hpp"
#include "support/test_database.hpp"

namespace nectr::graph::test {

// 2024-03-10T12:00:00Z: "now" for every graph test.
inline constexpr std::int64_t kNowMs = 1'710'072'000'000;
inline constexpr std::int64_t kDayMs = 86'400'000;

// A fresh migrated database of the test's engine.
class GraphEngineTest : public ::testing::TestWithParam<store::Engine> {
protected:
    void SetUp() override {
        auto created = testing::TestDatabase::Create(GetParam());
        ASSERT_TRUE(created) << created.error().detail;
        test_database_ = std::move(*created);
        auto opened = test_database_->OpenMigrated();
        ASSERT_TRUE(opened) << opened.error().detail;
        db_ = std::move(*opened);
    }

    void TearDown() override {
        db_.reset();
        test_database_.reset();
    }

    store::Database& Db() { return *db_; }

    store::Rows Query(const std::string& sql, std::span<const store::Value> params = {}) {
        auto rows = store::Execute(*db_, store::Query{"test.sql", sql, sql}, params);
        EXPECT_TRUE(rows) << rows.error().detail << " in " << sql;
        return rows ? std::move(*rows) : store::Rows();
    }

    // The first column of the first row as an integer; -1 when there is none.
    std::int64_t QueryInt(const std::string& sql, std::span<const store::Value> params = {}) {
        store::Rows rows = Query(sql, params);
        if (rows.empty() || rows.rows.front().empty()) {
            return -1;
        }
        return store::AsInt(rows.rows.front().front()).value_or(-1);
    }

private:
    std::unique_ptr<testing::TestDatabase> test_database_;
    std::unique_ptr<store::Database> db_;
};

struct GitAuthor {
    std::string name;
    std::string email;
};

// "<prefix>-1\n" ... "<prefix>-<count>\n": lines no other call with another prefix shares, so
// that git counts exactly these as added (and the lines they replace as deleted).
inline std::string Lines(const std::string& prefix, int count) {
    std::string text;
    for (int i = 1; i <= count; ++i) {
        text += prefix + "-" + std::to_string(i) + "\n";
    }
    return text;
}

// A git repository in a temporary folder whose commits the test writes one by one. Git runs
// without the user's or the system's configuration.
class ScriptedRepository {
public:
    ScriptedRepository() { Git({"init", "-q", "-b", "main"}); }

    const std::string& Path() const { return dir_.Path(); }

    // Writes `files` (path -> whole new content; an empty content removes the file), then
    // commits everything as `author` at `at_ms`. Returns the commit's SHA.
    std::string Commit(const GitAuthor& author, std::int64_t at_ms,
                       const std::map<std::string, std::string>& files,
                       const std::string& message = "change") {
        for (const auto& [path, content] : files) {
            const std::filesystem::path full = std::filesystem::path(Path()) / path;
            if (content.empty()) {
                std::filesystem::remove(full);
                continue;
            }
            std::filesystem::create_directories(full.parent_path());
            std::ofstream(full, std::ios::binary) << content;
        }
        Git({"add", "-A"});
        const std::string date = "@" + std::to_string(at_ms / 1000) + " +0000";
        Git({"commit", "-q", "--no-gpg-sign", "-m", message},
            {{"GIT_AUTHOR_NAME", author.name},
             {"GIT_AUTHOR_EMAIL", author.email},
             {"GIT_AUTHOR_DATE", date},
             {"GIT_COMMITTER_NAME", author.name},
             {"GIT_COMMITTER_EMAIL", author.email},
             {"GIT_COMMITTER_DATE", date}});
        std::string sha = Git({"rev-parse", "HEAD"});
        while (!sha.empty() && (sha.back() == '\n' || sha.back() == ' ')) {
            sha.pop_back();
        }
        return sha;
    }

    // Runs git in the repository; a failure fails the test. Returns standard output.
    std::string Git(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
        return RunGit(Path(), std::move(args), std::move(env));
    }

    // The git program on PATH: the process helper runs a path, it does not search.
    static std::string GitProgram() {
        const char* path = std::getenv("PATH");
        std::string dirs = path != nullptr ? path : "/usr/bin:/bin";
        std::size_t start = 0;
        while (start <= dirs.size()) {
            std::size_t end = dirs.find(':', start);
            end = end == std::string::npos ? dirs.size() : end;
            const std::filesystem::path candidate =
                std::filesystem::path(dirs.substr(start, end - start)) / "git";
            if (!candidate.parent_path().empty() && std::filesystem::exists(candidate)) {
                return candidate.string();
            }
            start = end + 1;
        }
        return "/usr/bin/git";
    }

    static std::string RunGit(const std::string& repo, std::vector<std::string> args,
                              std::map<std::string, std::string> env = {}) {
        std::vector<std::string> argv = {GitProgram(), "-C", repo};
        argv.insert(argv.end(), args.begin(), args.end());
        env.emplace("GIT_CONFIG_NOSYSTEM", "1");
        env.emplace("GIT_CONFIG_GLOBAL", "/dev/null");
        env.emplace("GIT_AUTHOR_NAME", "Script");
        env.emplace("GIT_AUTHOR_EMAIL", "script@example.com");
        env.emplace("GIT_COMMITTER_NAME", "Script");
        env.emplace("GIT_COMMITTER_EMAIL", "script@example.com");
        testing::CommandResult result = testing::RunCommand(argv, env);
        EXPECT_EQ(result.exit_code, 0) << "git " << args.front() << ": " << result.err;
        return result.out;
    }

private:
    testing::TempDir dir_;
};

}  // namespace nectr::graph::test
