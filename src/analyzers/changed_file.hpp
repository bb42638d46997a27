#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace nectr::analyzers {

// One line the change adds, numbered as in the new version of the file.
struct ChangedLine {
    int line = 0;
    std::string text;  // without the leading '+' and without the line ending
};

// What the analyzers need to know about one file of a change. The diff model fills it; the
// analyzers never read files or the network, so they stay usable with or without a checkout.
struct ChangedFile {
    std::string path;  // the new path (the old one for a deleted file), '/'-separated
    bool added = false;
    bool deleted = false;
    bool binary = false;
    int additions = 0;  // as counted by the diff, which may be more than added_lines holds
    int deletions = 0;
    std::vector<ChangedLine> added_lines;
    std::optional<std::size_t> new_size_bytes;  // size of the new version, when known
};

}  // namespace nectr::analyzers
