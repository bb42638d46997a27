#pragma once

// Pull requests made up for the benchmark: a unified diff as GitHub sends it and the new text
// of every changed file, shaped like real ones (several languages, tests next to sources,
// uneven file sizes, new, deleted and renamed files, a lockfile, a generated file, a binary,
// and a few lines that the offline analyzers report). Deterministic for a given seed.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace nectr::bench {

struct PrShape {
    std::string name;  // "small", "medium", "huge"
    int files = 3;
    int changed_lines = 50;  // added plus removed lines, spread unevenly over the files
    std::uint32_t seed = 1;
};

// A line the model can comment on: an added line, by its new number.
struct AddedLine {
    std::string path;
    int line = 0;
    std::string text;
};

struct SyntheticPr {
    std::string name;
    std::string title;
    std::string description;
    std::string diff_text;                         // `application/vnd.github.diff`
    std::map<std::string, std::string> new_files;  // path -> text at the head
    std::vector<std::string> paths;                // every file in the diff, in order
    std::vector<AddedLine> added_lines;            // a sample, a few per file
    std::vector<std::string> modified_paths;       // reviewable files that existed before
    int additions = 0;
    int deletions = 0;
};

// The three sizes the benchmark reports.
PrShape SmallShape();
PrShape MediumShape();
PrShape HugeShape();

SyntheticPr MakeSyntheticPr(const PrShape& shape);

}  // namespace nectr::bench
