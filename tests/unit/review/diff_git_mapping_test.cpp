// Checks the parser's line numbers against real files: generated old/new file pairs are
// committed to a real git repository, `git diff` prints their diff in several forms, and
// every parsed line must be the line of the old or new file that its number says.
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "review/diff_parser.hpp"
#include "unit/review/diff_test_support.hpp"
#include "unit/review/git_repo.hpp"

namespace nectr::review {
namespace {

constexpr int kCases = 50;
constexpr std::uint32_t kSeed = 20240611;

struct FileVersion {
    std::vector<std::string> lines;
    bool final_newline = true;
    bool crlf = false;

    // A last line that is empty and unterminated is no line at all: "a\n" + "" is "a\n".
    void Normalize() {
        if (!final_newline && !lines.empty() && lines.back().empty()) {
            lines.pop_back();
            final_newline = true;
        }
    }

    std::string Content() const {
        std::string out;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            out += lines[i];
            if (i + 1 < lines.size() || final_newline) {
                out += crlf ? "\r\n" : "\n";
            }
        }
        return out;
    }
};

struct Case {
    std::string old_name;
    std::string new_name;
    std::optional<FileVersion> old_version;  // nullopt: the file is added
    std::optional<FileVersion> new_version;  // nullopt: the file is deleted
};

// Lines that repeat (braces, blank lines) make git's alignment choices non-trivial.
std::string RandomLine(std::mt19937& rng) {
    static const std::vector<std::string> common = {"}", "", "    return 0;", "{", "  // note"};
    if (rng() % 4 == 0) {
        return common[rng() % common.size()];
    }
    return "line " + std::to_string(rng() % 100000) + (rng() % 3 == 0 ? " end" : "");
}

// Applies a random edit script: keep, delete, replace, or insert after, line by line, plus
// edits at the very start.
FileVersion Edit(const FileVersion& old_version, std::mt19937& rng) {
    FileVersion out;
    out.crlf = old_version.crlf;
    out.final_newline = rng() % 5 != 0;
    if (rng() % 4 == 0) {
        out.lines.push_back(RandomLine(rng));
    }
    for (const std::string& line : old_version.lines) {
        const unsigned roll = rng() % 100;
        if (roll < 60) {
            out.lines.push_back(line);
        } else if (roll < 72) {
            continue;
        } else if (roll < 84) {
            out.lines.push_back(RandomLine(rng));
        } else {
            out.lines.push_back(line);
            for (unsigned n = 1 + rng() % 3; n > 0; --n) {
                out.lines.push_back(RandomLine(rng));
            }
        }
    }
    out.Normalize();
    return out;
}

std::vector<Case> GenerateCases() {
    std::mt19937 rng(kSeed);
    std::vector<Case> cases;
    for (int i = 0; i < kCases; ++i) {
        Case c;
        c.old_name = "case_" + std::to_string(i) + ".txt";
        c.new_name = i % 6 == 3 ? "moved/case_" + std::to_string(i) + ".txt" : c.old_name;
        FileVersion old_version;
        old_version.crlf = i % 7 == 0;
        old_version.final_newline = rng() % 5 != 0;
        for (unsigned n = rng() % 40; n > 0; --n) {
            old_version.lines.push_back(RandomLine(rng));
        }
        old_version.Normalize();
        if (i % 10 != 1) {
            c.old_version = old_version;
        }
        if (i % 10 != 5) {
            c.new_version = i % 10 == 1 ? old_version : Edit(old_version, rng);
        }
        cases.push_back(std::move(c));
    }
    return cases;
}

struct Fixture {
    testing::GitRepo repo;
    std::vector<Case> cases = GenerateCases();
    std::string base;
    std::string head;
    std::map<std::string, const FileVersion*> old_files;
    std::map<std::string, const FileVersion*> new_files;

    Fixture() {
        for (const Case& c : cases) {
            if (c.old_version) {
                repo.Write(c.old_name, c.old_version->Content());
                old_files[c.old_name] = &*c.old_version;
            }
        }
        base = repo.CommitAll("old");
        for (const Case& c : cases) {
            if (c.old_version) {
                repo.Remove(c.old_name);
            }
            if (c.new_version) {
                repo.Write(c.new_name, c.new_version->Content());
                new_files[c.new_name] = &*c.new_version;
            }
        }
        head = repo.CommitAll("new");
    }
};

Fixture& Shared() {
    static Fixture fixture;
    return fixture;
}

const FileVersion kEmptyFile{{}, true, false};

// Every line must be the line its numbers point at, and the "no newline" marks must match the
// files; then applying the hunks to the old file must give the new file.
void ExpectMatchesFiles(const FileDiff& file, const FileVersion& old_version,
                        const FileVersion& new_version) {
    SCOPED_TRACE(file.old_path + " -> " + file.new_path);
    std::vector<std::string> rebuilt;
    std::size_t old_index = 0;  // 0-based: next old line not yet copied
    for (const Hunk& hunk : file.hunks) {
        const std::size_t first_old = hunk.old_count > 0 ? hunk.old_start - 1 : hunk.old_start;
        ASSERT_LE(first_old, old_version.lines.size());
        while (old_index < first_old) {
            rebuilt.push_back(old_version.lines[old_index++]);
        }
        for (const DiffLine& line : hunk.lines) {
            if (line.old_line) {
                ASSERT_GE(*line.old_line, 1);
                ASSERT_LE(*line.old_line, static_cast<int>(old_version.lines.size()));
                EXPECT_EQ(line.text, old_version.lines[*line.old_line - 1])
                    << "old line " << *line.old_line;
                EXPECT_EQ(*line.old_line, static_cast<int>(old_index) + 1);
                ++old_index;
                if (*line.old_line == static_cast<int>(old_version.lines.size())) {
                    EXPECT_EQ(line.no_newline_at_end, !old_version.final_newline);
                }
            }
            if (line.new_line) {
                ASSERT_GE(*line.new_line, 1);
                ASSERT_LE(*line.new_line, static_cast<int>(new_version.lines.size()));
                EXPECT_EQ(line.text, new_version.lines[*line.new_line - 1])
                    << "new line " << *line.new_line;
                EXPECT_EQ(*line.new_line, static_cast<int>(rebuilt.size()) + 1);
                rebuilt.push_back(line.text);
                if (*line.new_line == static_cast<int>(new_version.lines.size())) {
                    EXPECT_EQ(line.no_newline_at_end, !new_version.final_newline);
                }
            }
        }
    }
    while (old_index < old_version.lines.size()) {
        rebuilt.push_back(old_version.lines[old_index++]);
    }
    EXPECT_EQ(rebuilt, new_version.lines) << "the hunks do not turn the old file into the new";
}

// Parses `git diff <args> base head` and checks every file in it; returns the parse.
Diff CheckGitDiff(const std::vector<std::string>& args) {
    Fixture& fixture = Shared();
    std::vector<std::string> command = {"diff"};
    command.insert(command.end(), args.begin(), args.end());
    command.push_back(fixture.base);
    command.push_back(fixture.head);
    const std::string text = fixture.repo.Git(command);
    Diff diff = testing::MustParse(text);
    for (const FileDiff& file : diff.files) {
        const bool added = file.status == FileStatus::kAdded;
        const bool deleted = file.status == FileStatus::kDeleted;
        EXPECT_TRUE(added || fixture.old_files.contains(file.old_path)) << file.old_path;
        EXPECT_TRUE(deleted || fixture.new_files.contains(file.new_path)) << file.new_path;
        if (::testing::Test::HasFailure()) {
            break;
        }
        ExpectMatchesFiles(file, added ? kEmptyFile : *fixture.old_files.at(file.old_path),
                           deleted ? kEmptyFile : *fixture.new_files.at(file.new_path));
    }
    return diff;
}

// "added<TAB>deleted<TAB>path" per file, from git itself.
std::map<std::string, std::pair<int, int>> NumStat() {
    Fixture& fixture = Shared();
    std::istringstream out(
        fixture.repo.Git({"diff", "--numstat", "--no-renames", fixture.base, fixture.head}));
    std::map<std::string, std::pair<int, int>> counts;
    std::string added;
    std::string deleted;
    std::string path;
    while (std::getline(out, added, '\t') && std::getline(out, deleted, '\t') &&
           std::getline(out, path)) {
        counts[path] = {std::stoi(added), std::stoi(deleted)};
    }
    return counts;
}

TEST(DiffGitMappingTest, EveryLineOfTheDefaultDiffIsTheLineItsNumberNames) {
    const Diff diff = CheckGitDiff({"--no-renames"});
    const auto counts = NumStat();
    ASSERT_FALSE(counts.empty());
    std::size_t compared = 0;
    for (const FileDiff& file : diff.files) {
        auto it = counts.find(file.Path());
        ASSERT_NE(it, counts.end()) << file.Path();
        EXPECT_EQ(file.additions, it->second.first) << file.Path();
        EXPECT_EQ(file.deletions, it->second.second) << file.Path();
        ++compared;
    }
    EXPECT_EQ(compared, counts.size()) << "git lists files the parser did not";
    EXPECT_GE(diff.files.size(), 40u) << "most generated pairs differ";

    // The cases must reach the hard parts, or the checks above prove little.
    int old_marks = 0;
    int new_marks = 0;
    for (const FileDiff& file : diff.files) {
        for (const Hunk& hunk : file.hunks) {
            for (const DiffLine& line : hunk.lines) {
                old_marks += line.no_newline_at_end && line.kind == LineKind::kRemoved ? 1 : 0;
                new_marks += line.no_newline_at_end && line.kind == LineKind::kAdded ? 1 : 0;
            }
        }
    }
    EXPECT_GT(old_marks, 0) << "no old file ended without a newline";
    EXPECT_GT(new_marks, 0) << "no new file ended without a newline";
    const std::string text =
        Shared().repo.Git({"diff", "--no-renames", Shared().base, Shared().head});
    EXPECT_NE(text.find("\r\n"), std::string::npos) << "no file had CRLF line endings";
}

TEST(DiffGitMappingTest, EveryLineOfAZeroContextDiffIsTheLineItsNumberNames) {
    const Diff diff = CheckGitDiff({"-U0", "--no-renames"});
    EXPECT_GE(diff.files.size(), 40u);
}

TEST(DiffGitMappingTest, EveryLineOfAOneLineContextDiffIsTheLineItsNumberNames) {
    CheckGitDiff({"-U1", "--no-renames"});
}

TEST(DiffGitMappingTest, RenamesFoundByGitMapToTheirOldAndNewFiles) {
    const Diff diff = CheckGitDiff({"-M"});
    int renames = 0;
    for (const FileDiff& file : diff.files) {
        if (file.status == FileStatus::kRenamed) {
            ++renames;
            EXPECT_EQ("moved/" + file.old_path, file.new_path);
            EXPECT_TRUE(file.similarity.has_value());
        }
    }
    EXPECT_GE(renames, 3) << "git should pair most moved files with their old names";
}

TEST(DiffGitMappingTest, EachFileHasTheStatusItsCaseCalledFor) {
    const Diff diff = CheckGitDiff({"--no-renames"});
    auto status_of = [&diff](const std::string& path) -> std::optional<FileStatus> {
        const FileDiff* file = FindFile(diff, path);
        return file == nullptr ? std::nullopt : std::optional<FileStatus>(file->status);
    };
    for (const Case& c : Shared().cases) {
        SCOPED_TRACE(c.old_name);
        if (!c.old_version) {
            EXPECT_EQ(status_of(c.new_name), FileStatus::kAdded);
        } else if (!c.new_version) {
            EXPECT_EQ(status_of(c.old_name), FileStatus::kDeleted);
        } else if (c.old_name != c.new_name) {
            EXPECT_EQ(status_of(c.old_name), FileStatus::kDeleted);
            EXPECT_EQ(status_of(c.new_name), FileStatus::kAdded);
        } else if (c.old_version->Content() != c.new_version->Content()) {
            EXPECT_EQ(status_of(c.old_name), FileStatus::kModified);
        } else {
            EXPECT_EQ(status_of(c.old_name), std::nullopt) << "unchanged files are not listed";
        }
    }
}

}  // namespace
}  // namespace nectr::review
