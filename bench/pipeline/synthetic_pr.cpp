#include "synthetic_pr.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <random>
#include <set>
#include <string_view>

#include "source_lines.hpp"

namespace nectr::bench {
namespace {

enum class Kind { kModified, kAdded, kDeleted, kRenamed, kBinary };

struct FilePlan {
    std::string path;
    std::string old_path;  // differs from path for a rename
    Lang lang = Lang::kCpp;
    Kind kind = Kind::kModified;
    int changed = 0;
};

// A run of lines that is the same on both sides, or a change: `removed` old lines replaced by
// `added` new ones.
struct Segment {
    int same = 0;
    int removed = 0;
    int added = 0;
};

constexpr int kContext = 3;

std::string Hex(Rng& rng, int digits) {
    static constexpr std::string_view kDigits = "0123456789abcdef";
    std::string out;
    for (int i = 0; i < digits; ++i) {
        out += kDigits[static_cast<std::size_t>(rng.Between(0, 15))];
    }
    return out;
}

std::string Join(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& line : lines) {
        out += line;
        out += '\n';
    }
    return out;
}

// Hunk sizes that add up to `changed`, with unchanged gaps wide enough (over twice the context)
// that git would keep them as separate hunks.
std::vector<Segment> PlanSegments(int changed, Rng& rng) {
    std::vector<Segment> segments;
    segments.push_back({rng.Between(4, 40), 0, 0});
    int left = changed;
    while (left > 0) {
        const int size = std::min(left, rng.Between(3, 30));
        const int removed = static_cast<int>(size * rng.Between(0, 50) / 100);
        segments.push_back({0, removed, size - removed});
        segments.push_back({rng.Between(2 * kContext + 1, 80), 0, 0});
        left -= size;
    }
    return segments;
}

class DiffWriter {
public:
    DiffWriter(SyntheticPr& pr, Rng& rng) : pr_(pr), rng_(rng) {}

    void Write(const FilePlan& file) {
        pr_.paths.push_back(file.path);
        switch (file.kind) {
            case Kind::kBinary:
                pr_.diff_text += fmt::format(
                    "diff --git a/{0} b/{0}\nnew file mode 100644\nindex 0000000..{1}\n"
                    "Binary files /dev/null and b/{0} differ\n",
                    file.path, Hex(rng_, 7));
                return;
            case Kind::kAdded:
                WholeFile(file, true);
                return;
            case Kind::kDeleted:
                WholeFile(file, false);
                return;
            case Kind::kModified:
            case Kind::kRenamed:
                if (file.lang != Lang::kJson && file.path.find("/gen/") == std::string::npos) {
                    pr_.modified_paths.push_back(file.path);
                }
                Modified(file);
                return;
        }
    }

private:
    void WholeFile(const FilePlan& file, bool added) {
        const int count = std::max(1, file.changed);
        std::vector<std::string> lines;
        lines.reserve(static_cast<std::size_t>(count));
        for (int i = 0; i < count; ++i) {
            lines.push_back(SourceLine(file.lang, rng_));
        }
        const std::string hash = Hex(rng_, 7);
        if (added) {
            pr_.diff_text += fmt::format(
                "diff --git a/{0} b/{0}\nnew file mode 100644\nindex 0000000..{1}\n"
                "--- /dev/null\n+++ b/{0}\n@@ -0,0 +1,{2} @@\n",
                file.path, hash, count);
            pr_.additions += count;
            pr_.new_files[file.path] = Join(lines);
        } else {
            pr_.diff_text += fmt::format(
                "diff --git a/{0} b/{0}\ndeleted file mode 100644\nindex {1}..0000000\n"
                "--- a/{0}\n+++ /dev/null\n@@ -1,{2} +0,0 @@\n",
                file.path, hash, count);
            pr_.deletions += count;
        }
        const char prefix = added ? '+' : '-';
        for (int i = 0; i < count; ++i) {
            pr_.diff_text += prefix + lines[static_cast<std::size_t>(i)] + "\n";
            if (added && i % 40 == 5) {
                pr_.added_lines.push_back({file.path, i + 1, lines[static_cast<std::size_t>(i)]});
            }
        }
    }

    void Modified(const FilePlan& file) {
        pr_.diff_text += "diff --git a/" + file.old_path + " b/" + file.path + "\n";
        if (file.kind == Kind::kRenamed) {
            pr_.diff_text += fmt::format("similarity index {}%\nrename from {}\nrename to {}\n",
                                         rng_.Between(70, 98), file.old_path, file.path);
        }
        pr_.diff_text += fmt::format("index {}..{} 100644\n--- a/{}\n+++ b/{}\n", Hex(rng_, 7),
                                     Hex(rng_, 7), file.old_path, file.path);
        std::vector<std::string> old_lines;
        std::vector<std::string> new_lines;
        std::vector<Segment> segments = PlanSegments(file.changed, rng_);
        for (std::size_t i = 0; i < segments.size(); ++i) {
            const Segment& segment = segments[i];
            if (segment.same > 0) {
                for (int n = 0; n < segment.same; ++n) {
                    std::string line = SourceLine(file.lang, rng_);
                    old_lines.push_back(line);
                    new_lines.push_back(std::move(line));
                }
                continue;
            }
            const int old_start = static_cast<int>(old_lines.size()) - kContext;
            const int new_start = static_cast<int>(new_lines.size()) - kContext;
            std::string body;
            for (int n = 0; n < kContext; ++n) {
                const auto index =
                    static_cast<std::size_t>(old_start) + static_cast<std::size_t>(n);
                body += " " + old_lines[index] + "\n";
            }
            for (int n = 0; n < segment.removed; ++n) {
                old_lines.push_back(SourceLine(file.lang, rng_));
                body += "-" + old_lines.back() + "\n";
            }
            for (int n = 0; n < segment.added; ++n) {
                new_lines.push_back(SourceLine(file.lang, rng_));
                body += "+" + new_lines.back() + "\n";
                if (n == 0) {
                    pr_.added_lines.push_back(
                        {file.path, static_cast<int>(new_lines.size()), new_lines.back()});
                }
            }
            // The next segment is an unchanged gap: its first lines close the hunk.
            std::vector<std::string> after;
            for (int n = 0; n < kContext; ++n) {
                after.push_back(SourceLine(file.lang, rng_));
                body += " " + after.back() + "\n";
            }
            for (auto& line : after) {
                old_lines.push_back(line);
                new_lines.push_back(std::move(line));
            }
            segments[i + 1].same -= kContext;
            pr_.diff_text += fmt::format(
                "@@ -{},{} +{},{} @@{}\n", old_start + 1, 2 * kContext + segment.removed,
                new_start + 1, 2 * kContext + segment.added, SectionName(file.lang, rng_));
            pr_.diff_text += body;
            pr_.additions += segment.added;
            pr_.deletions += segment.removed;
        }
        pr_.new_files[file.path] = Join(new_lines);
    }

    SyntheticPr& pr_;
    Rng& rng_;
};

// Uneven sizes, as in real pull requests: a few large files and many small ones.
void SpreadChangedLines(std::vector<FilePlan>& files, int changed_lines, Rng& rng) {
    std::vector<double> weights(files.size());
    std::vector<std::size_t> ranks(files.size());
    std::iota(ranks.begin(), ranks.end(), 0);
    std::shuffle(ranks.begin(), ranks.end(), rng.Engine());
    for (std::size_t i = 0; i < files.size(); ++i) {
        const bool binary = files[i].kind == Kind::kBinary;
        weights[i] = binary ? 0.0 : 1.0 / std::pow(static_cast<double>(ranks[i]) + 1.0, 0.9);
    }
    const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (files[i].kind != Kind::kBinary) {
            files[i].changed =
                std::max(2, static_cast<int>(std::lround(changed_lines * weights[i] / total)));
        }
    }
}

std::vector<FilePlan> PlanFiles(const PrShape& shape, Rng& rng) {
    std::vector<FilePlan> files;
    std::set<std::string> taken;
    auto add = [&](FilePlan plan) {
        while (!taken.insert(plan.path).second) {
            plan.path.insert(plan.path.rfind('.'), "_2");
        }
        if (plan.old_path.empty()) {
            plan.old_path = plan.path;
        }
        files.push_back(std::move(plan));
    };
    if (shape.files >= 10) {
        add({"package-lock.json", "", Lang::kJson, Kind::kModified, 0});
        add({"api/gen/service.pb.go", "", Lang::kGo, Kind::kModified, 0});
        add({"docs/images/flow.png", "", Lang::kMarkdown, Kind::kBinary, 0});
        const Lang lang = RandomCodeLang(rng);
        add({SourcePath(lang, rng), "", lang, Kind::kDeleted, 0});
        const Lang renamed = RandomCodeLang(rng);
        add({SourcePath(renamed, rng), SourcePath(renamed, rng), renamed, Kind::kRenamed, 0});
    }
    while (static_cast<int>(files.size()) < shape.files) {
        const int roll = rng.Between(0, 99);
        const Lang lang = roll < 8 ? Lang::kMarkdown : RandomCodeLang(rng);
        const Kind kind = shape.files >= 10 && roll >= 88 ? Kind::kAdded : Kind::kModified;
        std::string path = SourcePath(lang, rng);
        add({path, "", lang, kind, 0});
        if (lang != Lang::kMarkdown && static_cast<int>(files.size()) < shape.files &&
            rng.Between(0, 99) < 35) {
            add({TestPathFor(path, lang), "", lang, Kind::kModified, 0});
        }
    }
    SpreadChangedLines(files, shape.changed_lines, rng);
    return files;
}

}  // namespace

PrShape SmallShape() { return {"small", 3, 50, 11}; }
PrShape MediumShape() { return {"medium", 30, 2000, 22}; }
PrShape HugeShape() { return {"huge", 300, 16000, 33}; }

SyntheticPr MakeSyntheticPr(const PrShape& shape) {
    Rng rng(shape.seed);
    SyntheticPr pr;
    pr.name = shape.name;
    pr.title = "Rework request handling in the " + std::string(RandomWord(rng)) + " service";
    pr.description =
        "This moves the retry and validation logic out of the handlers into one place, and "
        "adds tests for the edge cases we hit last week.\n\nFixes #" +
        std::to_string(rng.Between(100, 999)) + ", relates to #" +
        std::to_string(rng.Between(100, 999)) + ".\n";
    DiffWriter writer(pr, rng);
    for (const auto& file : PlanFiles(shape, rng)) {
        writer.Write(file);
    }
    return pr;
}

}  // namespace nectr::bench
