#include "review/packing.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace nectr::review {

namespace {

std::string Lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool ContainsAny(std::string_view text, std::initializer_list<std::string_view> needles) {
    return std::any_of(needles.begin(), needles.end(),
                       [&](std::string_view needle) { return text.find(needle) != text.npos; });
}

bool LooksLikeTest(std::string_view path) {
    return ContainsAny(path, {"test/", "tests/", "__tests__/", "_test.", ".test.", ".spec.",
                              "/test_", "spec/"}) ||
           path.starts_with("test_");
}

bool LooksLikeDocsOrConfig(std::string_view path) {
    return ContainsAny(path, {".md", ".rst", ".txt", "docs/", ".yml", ".yaml", ".toml", ".ini",
                              ".cfg", ".json", "license", "changelog"});
}

std::string FileHeader(const FileDiff& file) {
    std::string header = "diff --git a/" + file.old_path + " b/" + file.new_path + "\n";
    if (file.status == FileStatus::kRenamed) {
        header += "rename from " + file.old_path + "\nrename to " + file.new_path + "\n";
    }
    header +=
        "--- " + (file.status == FileStatus::kAdded ? "/dev/null" : "a/" + file.old_path) + "\n";
    header +=
        "+++ " + (file.status == FileStatus::kDeleted ? "/dev/null" : "b/" + file.new_path) + "\n";
    return header;
}

// Keeps the first lines of a hunk that fit `budget` tokens; the rest is reported.
Hunk CutHunk(const Hunk& hunk, std::size_t budget, std::string& cut_note, const FileDiff& file) {
    Hunk kept = hunk;
    kept.lines.clear();
    std::size_t used = EstimateTokens(RenderHunk(kept));
    std::size_t index = 0;
    for (; index < hunk.lines.size(); ++index) {
        const std::size_t cost = EstimateTokens(hunk.lines[index].text) + 1;
        if (used + cost > budget) {
            break;
        }
        used += cost;
        kept.lines.push_back(hunk.lines[index]);
    }
    if (index < hunk.lines.size()) {
        int first = 0;
        int last = 0;
        for (std::size_t i = index; i < hunk.lines.size(); ++i) {
            const auto& line = hunk.lines[i];
            const int number = line.new_line.value_or(line.old_line.value_or(0));
            if (first == 0) {
                first = number;
            }
            last = std::max(last, number);
        }
        cut_note = file.Path() + " lines " + std::to_string(first) + "-" + std::to_string(last) +
                   " (one hunk larger than the model's budget)";
    }
    return kept;
}

class Packer {
public:
    Packer(const PackingOptions& options, PackingPlan& plan) : options_(options), plan_(plan) {}

    void Add(const FileDiff& file, const std::string* content) {
        const std::string header = FileHeader(file);
        PackedFile current{file.Path(), header, {}, EstimateTokens(header)};
        if (file.hunks.empty() || file.binary) {
            Place(std::move(current));
            return;
        }
        for (const auto& hunk : file.hunks) {
            std::string text = RenderHunk(hunk);
            std::size_t cost = EstimateTokens(text);
            if (current.tokens + cost > options_.part_token_budget &&
                current.tokens > EstimateTokens(header)) {
                Place(std::move(current));
                current = PackedFile{file.Path(), header, {}, EstimateTokens(header)};
            }
            if (current.tokens + cost > options_.part_token_budget) {
                std::string note;
                Hunk kept = CutHunk(hunk, options_.part_token_budget - current.tokens, note, file);
                text = RenderHunk(kept);
                cost = EstimateTokens(text);
                if (!note.empty()) {
                    plan_.not_covered.push_back(note);
                }
            }
            current.diff_text += text;
            current.tokens += cost;
        }
        if (content != nullptr) {
            const std::size_t content_tokens = EstimateTokens(*content);
            if (content_tokens <= options_.max_full_content_tokens &&
                current.tokens + content_tokens <= options_.part_token_budget) {
                current.full_content = *content;
                current.tokens += content_tokens;
            }
        }
        Place(std::move(current));
    }

private:
    void Place(PackedFile file) {
        if (plan_.parts.empty() ||
            plan_.parts.back().tokens + file.tokens > options_.part_token_budget) {
            if (plan_.parts.size() >= options_.max_parts) {
                plan_.not_covered.push_back(file.path + " (the change is larger than " +
                                            std::to_string(options_.max_parts) + " review parts)");
                return;
            }
            plan_.parts.emplace_back();
        }
        plan_.parts.back().tokens += file.tokens;
        plan_.parts.back().files.push_back(std::move(file));
    }

    const PackingOptions& options_;
    PackingPlan& plan_;
};

}  // namespace

std::size_t EstimateTokens(std::string_view text) {
    return (text.size() + kBytesPerToken - 1) / kBytesPerToken;
}

double FileImportance(const FileDiff& file) {
    const std::string path = Lower(file.Path());
    double score = 1.0 + static_cast<double>(std::min(file.additions + file.deletions, 2000));
    if (LooksLikeTest(path)) {
        score *= 0.5;
    } else if (LooksLikeDocsOrConfig(path)) {
        score *= 0.3;
    }
    if (ContainsAny(path, {"auth", "security", "crypto", "password", "token", "secret", "login",
                           "permission", "sql", "migration"})) {
        score *= 2.0;
    }
    if (file.status == FileStatus::kDeleted) {
        score *= 0.2;
    }
    return score;
}

PackingPlan PackIntoParts(const std::vector<FileDiff>& files,
                          const std::map<std::string, std::string>& contents,
                          const PackingOptions& options) {
    std::vector<const FileDiff*> ranked;
    ranked.reserve(files.size());
    for (const auto& file : files) {
        ranked.push_back(&file);
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const FileDiff* a, const FileDiff* b) {
        return FileImportance(*a) > FileImportance(*b);
    });
    PackingPlan plan;
    Packer packer(options, plan);
    for (const FileDiff* file : ranked) {
        auto content = contents.find(file->Path());
        packer.Add(*file, content == contents.end() ? nullptr : &content->second);
    }
    return plan;
}

}  // namespace nectr::review
