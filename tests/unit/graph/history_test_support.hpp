#pragma once

// A scripted history of six commits by three authors, the answers it must give worked out by
// hand, and a co-change count read from `git log --name-only` independently of the import.
#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "graph_test_support.hpp"

namespace nectr::graph::test {

// GitHub's no-reply address: the import maps it to the login "alice".
inline const GitAuthor kAlice{"Alice", "1001+Alice@users.noreply.github.com"};
inline const GitAuthor kBob{"Bob", "Bob@Example.com"};
inline const GitAuthor kCarol{"Carol", "carol@example.com"};

inline constexpr int kVendoredFiles = 51;

// The history, oldest first (lines added / deleted per file):
//   c1 alice  -200d  src/a.cpp 10/0, src/b.cpp 10/0, README.md 5/0
//   c2 bob    -100d  src/a.cpp 3/0, src/b.cpp 4/10
//   c3 alice   -10d  src/a.cpp 2/0, src/c.cpp 7/0
//   c4 carol    -5d  src/b.cpp 1/0, docs/guide.md 6/0
//   c5 carol    -2d  vendor/lib0.h..lib50.h 1/0 each, src/a.cpp 1/0   (52 files: "huge")
//   c6 bob      -1d  src/a.cpp 5/0, src/b.cpp 2/0, src/c.cpp 1/0
struct ScriptedHistory {
    std::vector<std::string> shas;  // c1..c6

    // Writes c1..c3 into `repo`.
    void WriteFirstHalf(ScriptedRepository& repo) {
        shas.push_back(repo.Commit(kAlice, kNowMs - 200 * kDayMs,
                                   {{"src/a.cpp", Lines("a1", 10)},
                                    {"src/b.cpp", Lines("b1", 10)},
                                    {"README.md", Lines("r1", 5)}},
                                   "Add a and b"));
        shas.push_back(repo.Commit(
            kBob, kNowMs - 100 * kDayMs,
            {{"src/a.cpp", Lines("a1", 10) + Lines("a2", 3)}, {"src/b.cpp", Lines("b2", 4)}}));
        shas.push_back(
            repo.Commit(kAlice, kNowMs - 10 * kDayMs,
                        {{"src/a.cpp", Lines("a1", 10) + Lines("a2", 3) + Lines("a3", 2)},
                         {"src/c.cpp", Lines("c3", 7)}}));
    }

    // Writes c4..c6 into `repo` (after WriteFirstHalf).
    void WriteSecondHalf(ScriptedRepository& repo) {
        const std::string a = Lines("a1", 10) + Lines("a2", 3) + Lines("a3", 2);
        shas.push_back(repo.Commit(
            kCarol, kNowMs - 5 * kDayMs,
            {{"src/b.cpp", Lines("b2", 4) + Lines("b4", 1)}, {"docs/guide.md", Lines("g4", 6)}}));
        std::map<std::string, std::string> vendored = {{"src/a.cpp", a + Lines("a5", 1)}};
        for (int i = 0; i < kVendoredFiles; ++i) {
            vendored["vendor/lib" + std::to_string(i) + ".h"] = Lines("v" + std::to_string(i), 1);
        }
        shas.push_back(repo.Commit(kCarol, kNowMs - 2 * kDayMs, vendored, "Vendor a library"));
        shas.push_back(repo.Commit(kBob, kNowMs - 1 * kDayMs,
                                   {{"src/a.cpp", a + Lines("a5", 1) + Lines("a6", 5)},
                                    {"src/b.cpp", Lines("b2", 4) + Lines("b4", 1) + Lines("b6", 2)},
                                    {"src/c.cpp", Lines("c3", 7) + Lines("c6", 1)}}));
    }
};

// The weight of one change, written out independently of graph::ChangeWeight.
inline double HandWeight(double age_days, double lines) {
    return std::pow(0.5, age_days / 90.0) * (1.0 + std::log(1.0 + lines));
}

// Commits (as lists of paths) from `git log --name-only`, merges listing none.
inline std::vector<std::vector<std::string>> CommitsFromGitLog(const std::string& repo) {
    const std::string out = ScriptedRepository::RunGit(
        repo, {"log", "--no-renames", "--name-only", "--format=tformat:@@commit"});
    std::vector<std::vector<std::string>> commits;
    std::istringstream lines(out);
    std::string line;
    while (std::getline(lines, line)) {
        if (line == "@@commit") {
            commits.emplace_back();
        } else if (!line.empty() && !commits.empty()) {
            commits.back().push_back(line);
        }
    }
    return commits;
}

struct CoChangeCount {
    std::int64_t commits = 0;                      // commits that changed the file
    std::map<std::string, std::int64_t> together;  // other path -> commits shared
};

// Co-change of `path` counted from git's own listing, leaving out commits of more than
// `max_files` files.
inline CoChangeCount CountCoChangesFromGitLog(const std::string& repo, const std::string& path,
                                              std::size_t max_files) {
    CoChangeCount count;
    for (const std::vector<std::string>& files : CommitsFromGitLog(repo)) {
        const std::set<std::string> unique(files.begin(), files.end());
        if (unique.size() > max_files || !unique.contains(path)) {
            continue;
        }
        ++count.commits;
        for (const std::string& other : unique) {
            if (other != path) {
                ++count.together[other];
            }
        }
    }
    return count;
}

}  // namespace nectr::graph::test
