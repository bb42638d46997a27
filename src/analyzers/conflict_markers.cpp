#include "analyzers/conflict_markers.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace nectr::analyzers {
namespace {

enum class Marker { kNone, kOurs, kBase, kSeparator, kTheirs };

// git writes exactly seven characters, then a space and a label or the end of the line.
bool IsMarkerLine(std::string_view text, char c, bool labelled) {
    if (!text.empty() && text.back() == '\r') {
        text.remove_suffix(1);
    }
    if (text.size() < 7 || text.substr(0, 7).find_first_not_of(c) != std::string_view::npos) {
        return false;
    }
    if (text.size() == 7) {
        return true;
    }
    if (!labelled) {
        return text.substr(7).find_first_not_of(" \t") == std::string_view::npos;
    }
    return text[7] == ' ';
}

Marker MarkerOf(std::string_view text) {
    if (IsMarkerLine(text, '<', true)) {
        return Marker::kOurs;
    }
    if (IsMarkerLine(text, '>', true)) {
        return Marker::kTheirs;
    }
    if (IsMarkerLine(text, '|', true)) {
        return Marker::kBase;
    }
    if (IsMarkerLine(text, '=', false)) {
        return Marker::kSeparator;
    }
    return Marker::kNone;
}

Finding MarkerFinding(const ChangedFile& file, int line, std::string message) {
    return Finding{
        "conflict.marker", std::string(kCategoryCorrectness), Severity::kHigh, file.path, line,
        std::move(message)};
}

}  // namespace

void FindConflictMarkers(const ChangedFile& file, std::vector<Finding>& findings) {
    if (file.binary) {
        return;
    }
    std::optional<int> open_line;  // the "<<<<<<<" of the block being read
    bool separated = false;
    for (const ChangedLine& line : file.added_lines) {
        switch (MarkerOf(line.text)) {
            case Marker::kOurs:
                if (open_line) {
                    findings.push_back(MarkerFinding(
                        file, *open_line, "A merge-conflict marker \"<<<<<<<\" is left here."));
                }
                open_line = line.line;
                separated = false;
                break;
            case Marker::kSeparator:
                separated = separated || open_line.has_value();
                break;
            case Marker::kTheirs:
                if (open_line && separated) {
                    findings.push_back(MarkerFinding(
                        file, *open_line,
                        "An unresolved merge conflict is left here (lines " +
                            std::to_string(*open_line) + "-" + std::to_string(line.line) +
                            "): the file will not compile or will behave as both sides."));
                } else if (open_line) {
                    findings.push_back(MarkerFinding(
                        file, *open_line, "A merge-conflict marker \"<<<<<<<\" is left here."));
                    findings.push_back(MarkerFinding(
                        file, line.line, "A merge-conflict marker \">>>>>>>\" is left here."));
                } else {
                    findings.push_back(MarkerFinding(
                        file, line.line, "A merge-conflict marker \">>>>>>>\" is left here."));
                }
                open_line.reset();
                separated = false;
                break;
            case Marker::kBase:
            case Marker::kNone:
                break;
        }
    }
    if (open_line) {
        findings.push_back(
            MarkerFinding(file, *open_line, "A merge-conflict marker \"<<<<<<<\" is left here."));
    }
}

}  // namespace nectr::analyzers
