#include "review/repo_config.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>

namespace nectr::review {
namespace {

constexpr std::string_view kFileName = ".nectr.toml";

std::string Where(const toml::source_region& source) {
    return std::string(kFileName) + " line " + std::to_string(source.begin.line);
}

// Collects one message per problem so that a user fixes the file in one go.
// toml++ keeps keys sorted by name, so the problems are put back in the file's order.
class Problems {
public:
    void Add(const toml::source_region& source, const std::string& message) {
        lines_.emplace_back(source.begin.line, Where(source) + ": " + message);
    }
    bool Empty() const { return lines_.empty(); }
    std::string Joined() {
        std::stable_sort(lines_.begin(), lines_.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        std::string joined;
        for (const auto& [line, message] : lines_) {
            joined += (joined.empty() ? "" : "\n") + message;
        }
        return joined;
    }

private:
    std::vector<std::pair<toml::source_index, std::string>> lines_;
};

std::string Quoted(std::string_view key) { return "\"" + std::string(key) + "\""; }

void ReadBool(const toml::node& node, std::string_view key, bool& out, Problems& problems) {
    if (auto value = node.value_exact<bool>()) {
        out = *value;
        return;
    }
    problems.Add(node.source(), Quoted(key) + " must be true or false");
}

void ReadMaxComments(const toml::node& node, RepoConfig& config, Problems& problems) {
    auto value = node.value_exact<std::int64_t>();
    if (!value || *value < 1 || *value > kMaxCommentsLimit) {
        problems.Add(node.source(), "\"max_comments\" must be an integer between 1 and " +
                                        std::to_string(kMaxCommentsLimit));
        return;
    }
    config.max_comments = static_cast<int>(*value);
}

void ReadProfile(const toml::node& node, RepoConfig& config, Problems& problems) {
    auto value = node.value_exact<std::string>();
    if (value && (*value == ProfileName(Profile::kChill))) {
        config.profile = Profile::kChill;
    } else if (value && (*value == ProfileName(Profile::kAssertive))) {
        config.profile = Profile::kAssertive;
    } else {
        problems.Add(node.source(), "\"profile\" must be \"chill\" or \"assertive\"");
    }
}

// A BCP 47 tag in its common forms: "en", "pt-BR", "zh-Hant", "es-419".
bool IsLanguageTag(std::string_view tag) {
    if (tag.empty() || tag.size() > 35) {
        return false;
    }
    std::size_t start = 0;
    bool first = true;
    while (start <= tag.size()) {
        std::size_t end = std::min(tag.find('-', start), tag.size());
        std::string_view part = tag.substr(start, end - start);
        const bool alnum = std::all_of(part.begin(), part.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        });
        const bool letters = std::all_of(part.begin(), part.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        });
        if ((first && (!letters || part.size() < 2 || part.size() > 3)) ||
            (!first && (!alnum || part.size() < 2 || part.size() > 8))) {
            return false;
        }
        first = false;
        start = end + 1;
    }
    return true;
}

void ReadLanguage(const toml::node& node, RepoConfig& config, Problems& problems) {
    auto value = node.value_exact<std::string>();
    if (!value || !IsLanguageTag(*value)) {
        problems.Add(node.source(),
                     "\"language\" must be a language tag such as \"en\", \"de\" or \"pt-BR\"");
        return;
    }
    config.language = *value;
}

void ReadInstructions(const toml::node& node, RepoConfig& config, Problems& problems) {
    auto value = node.value_exact<std::string>();
    if (!value) {
        problems.Add(node.source(), "\"instructions\" must be a string");
    } else if (value->size() > kMaxInstructionsBytes) {
        problems.Add(node.source(), "\"instructions\" must be at most " +
                                        std::to_string(kMaxInstructionsBytes) + " bytes long");
    } else {
        config.instructions = *value;
    }
}

void ReadIgnorePaths(const toml::node& node, RepoConfig& config, Problems& problems) {
    const toml::array* array = node.as_array();
    if (array == nullptr) {
        problems.Add(node.source(), "\"ignore_paths\" must be an array of glob strings");
        return;
    }
    if (array->size() > kMaxIgnorePaths) {
        problems.Add(node.source(), "\"ignore_paths\" may hold at most " +
                                        std::to_string(kMaxIgnorePaths) + " patterns");
        return;
    }
    std::vector<std::string> globs;
    for (const toml::node& element : *array) {
        auto glob = element.value_exact<std::string>();
        if (!glob || glob->empty() || glob->size() > 1024) {
            problems.Add(element.source(),
                         "each of \"ignore_paths\" must be a non-empty glob string");
            continue;
        }
        globs.push_back(*glob);
    }
    config.ignore_paths = std::move(globs);
}

using Reader = std::function<void(const toml::node&, RepoConfig&, Problems&)>;

const std::vector<std::pair<std::string_view, Reader>>& Readers() {
    static const std::vector<std::pair<std::string_view, Reader>> readers = {
        {"ignore_paths", ReadIgnorePaths},
        {"instructions", ReadInstructions},
        {"profile", ReadProfile},
        {"max_comments", ReadMaxComments},
        {"language", ReadLanguage},
        {"allow_approve", [](const toml::node& n, RepoConfig& c,
                             Problems& p) { ReadBool(n, "allow_approve", c.allow_approve, p); }},
        {"allow_request_changes",
         [](const toml::node& n, RepoConfig& c, Problems& p) {
             ReadBool(n, "allow_request_changes", c.allow_request_changes, p);
         }},
        {"review_drafts", [](const toml::node& n, RepoConfig& c,
                             Problems& p) { ReadBool(n, "review_drafts", c.review_drafts, p); }},
        {"auto_review", [](const toml::node& n, RepoConfig& c,
                           Problems& p) { ReadBool(n, "auto_review", c.auto_review, p); }},
    };
    return readers;
}

std::size_t EditDistance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string UnknownKeyMessage(std::string_view key, const toml::node& node) {
    if (node.is_table()) {
        return "unknown table " + Quoted(key) +
               ": the settings are top-level keys (see docs/nectr-toml.md)";
    }
    std::string message = "unknown key " + Quoted(key);
    for (const auto& [known, reader] : Readers()) {
        if (EditDistance(key, known) <= 2) {
            return message + " (did you mean " + Quoted(known) + "?)";
        }
    }
    return message;
}

}  // namespace

std::string_view ProfileName(Profile profile) {
    return profile == Profile::kAssertive ? "assertive" : "chill";
}

core::Result<RepoConfig> ParseRepoConfig(std::string_view toml_text) {
    if (toml_text.size() > kMaxRepoConfigBytes) {
        return core::MakeError(core::Errc::kTooLarge,
                               std::string(kFileName) + " is larger than " +
                                   std::to_string(kMaxRepoConfigBytes / 1024) + " KiB");
    }
    toml::table table;
    try {
        table = toml::parse(toml_text, kFileName);
    } catch (const toml::parse_error& error) {
        return core::MakeError(core::Errc::kInvalidInput,
                               Where(error.source()) + ", column " +
                                   std::to_string(error.source().begin.column) + ": " +
                                   std::string(error.description()));
    }
    RepoConfig config;
    Problems problems;
    for (const auto& [key, node] : table) {
        const std::string_view name = key.str();
        const auto& readers = Readers();
        auto reader = std::find_if(readers.begin(), readers.end(),
                                   [name](const auto& entry) { return entry.first == name; });
        if (reader == readers.end()) {
            problems.Add(key.source(), UnknownKeyMessage(name, node));
            continue;
        }
        reader->second(node, config, problems);
    }
    if (!problems.Empty()) {
        return core::MakeError(core::Errc::kInvalidInput, problems.Joined());
    }
    return config;
}

}  // namespace nectr::review
