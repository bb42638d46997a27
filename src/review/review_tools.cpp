#include "review/review_tools.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cstdint>
#include <string_view>

#include "core/json_fields.hpp"
#include "review/prompt.hpp"

namespace nectr::review {

namespace json = boost::json;

namespace {

constexpr int kMaxLinesPerRead = 400;
constexpr int kMaxSearchMatches = 50;

// Line numbers past this are refused before any arithmetic on them: no file under review
// is that long, and start + kMaxLinesPerRead must not overflow.
constexpr std::int64_t kMaxLineNumber = 10'000'000;

// The model chooses read_file's path and ref, and a diff can tell it what to choose. A path
// with ".." or "." segments would leave the repository: GitHub's client sends it as a URL
// path, which is normalised to another API endpoint (another repository the installation
// token can read); a local checkout would open files outside the tree.
bool IsRepositoryPath(std::string_view path) {
    if (path.empty() || path.front() == '/' || path.size() > 4096) {
        return false;
    }
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t slash = path.find('/', start);
        if (slash == std::string_view::npos) {
            slash = path.size();
        }
        const std::string_view segment = path.substr(start, slash - start);
        if (segment.empty() || segment == "." || segment == "..") {
            return false;
        }
        start = slash + 1;
    }
    for (unsigned char c : path) {
        if (c < 0x20 || c == 0x7f || c == '\\') {
            return false;
        }
    }
    return true;
}

// A branch, tag or commit as git allows it (git check-ref-format), without what would turn
// `git show <ref>:<path>` into an option ("--output=...") or another object ("a:b").
bool IsGitRef(std::string_view ref) {
    if (ref.empty() || ref.size() > 255 || ref.front() == '-' || ref.find("..") != ref.npos) {
        return false;
    }
    for (unsigned char c : ref) {
        if (c <= 0x20 || c == 0x7f || c == ':' || c == '\\' || c == '~' || c == '^' || c == '?' ||
            c == '*' || c == '[') {
            return false;
        }
    }
    return true;
}

core::Result<json::object> ParseArguments(const std::string& arguments) {
    boost::system::error_code error;
    json::value value = json::parse(arguments, error);
    if (error || !value.is_object()) {
        return core::MakeError(core::Errc::kInvalidInput, "arguments must be a JSON object");
    }
    return value.get_object();
}

}  // namespace

std::string NumberedLines(std::string_view text, int start, int end) {
    std::string out;
    int number = 1;
    std::size_t at = 0;
    while (at <= text.size() && number <= end) {
        std::size_t next = text.find('\n', at);
        if (next == std::string_view::npos) {
            next = text.size();
        }
        if (number >= start) {
            out += std::to_string(number) + ": ";
            out += text.substr(at, next - at);
            out += '\n';
        }
        if (next == text.size()) {
            break;
        }
        at = next + 1;
        ++number;
    }
    return out;
}

ReviewToolbox::ReviewToolbox(CodeHost& code, const ChangeInfo& change,
                             const std::vector<FileDiff>& files,
                             const std::map<std::string, std::string>& contents,
                             std::vector<ContextTool*> extra)
    : code_(code), change_(change), files_(files), contents_(contents), extra_(std::move(extra)) {}

std::vector<llm::ToolSpec> ReviewToolbox::Specs() const {
    std::vector<llm::ToolSpec> specs;
    for (auto& tool : ReviewTools()) {
        specs.push_back({tool.name, tool.description, tool.input_schema});
    }
    for (const ContextTool* tool : extra_) {
        specs.push_back(tool->Spec());
    }
    return specs;
}

net::awaitable<core::Result<std::string>> ReviewToolbox::Execute(llm::ToolCall call) {
    if (call.name == "read_file") {
        co_return co_await ReadFile(call.arguments);
    }
    if (call.name == "search_code") {
        co_return SearchCode(call.arguments);
    }
    if (call.name == "list_changed_files") {
        co_return ListChangedFiles();
    }
    for (ContextTool* tool : extra_) {
        if (tool->Spec().name == call.name) {
            co_return co_await tool->Call(std::move(call.arguments));
        }
    }
    co_return core::MakeError(core::Errc::kNotFound, "no tool named " + call.name);
}

net::awaitable<core::Result<std::string>> ReviewToolbox::ReadFile(const std::string& arguments) {
    auto parsed = ParseArguments(arguments);
    if (!parsed) {
        co_return parsed.error();
    }
    const std::string path = core::StringAt(*parsed, "path");
    if (path.empty()) {
        co_return core::MakeError(core::Errc::kInvalidInput, "read_file needs a path");
    }
    if (!IsRepositoryPath(path)) {
        co_return core::MakeError(core::Errc::kInvalidInput,
                                  "read_file needs a path inside the repository, like src/a.cpp");
    }
    std::string ref = core::StringAt(*parsed, "ref");
    if (ref.empty()) {
        ref = !change_.head_sha.empty() ? change_.head_sha : change_.head_ref;
    } else if (!IsGitRef(ref)) {
        co_return core::MakeError(core::Errc::kInvalidInput,
                                  "read_file needs a branch, tag or commit sha as ref");
    }
    const std::int64_t first = core::OptionalIntAt(*parsed, "start").value_or(1);
    if (first > kMaxLineNumber) {
        co_return core::MakeError(core::Errc::kInvalidInput, "start is past the end of any file");
    }
    const int start = static_cast<int>(std::max<std::int64_t>(1, first));
    const std::int64_t wanted_end =
        core::OptionalIntAt(*parsed, "end").value_or(start + kMaxLinesPerRead - 1);
    const int last = static_cast<int>(
        std::clamp<std::int64_t>(wanted_end, start, std::int64_t{start} + kMaxLinesPerRead - 1));
    std::string text;
    auto loaded = contents_.find(path);
    if (loaded != contents_.end() && (ref == change_.head_sha || ref == change_.head_ref)) {
        text = loaded->second;
    } else {
        auto read = co_await code_.ReadFile(path, ref);
        if (!read) {
            co_return read.error();
        }
        text = std::move(*read);
    }
    std::string out = NumberedLines(text, start, last);
    if (out.empty()) {
        co_return core::MakeError(core::Errc::kInvalidInput,
                                  path + " has fewer than " + std::to_string(start) + " lines");
    }
    co_return out;
}

core::Result<std::string> ReviewToolbox::SearchCode(const std::string& arguments) const {
    auto parsed = ParseArguments(arguments);
    if (!parsed) {
        return parsed.error();
    }
    const std::string query = core::StringAt(*parsed, "query");
    if (query.empty()) {
        return core::MakeError(core::Errc::kInvalidInput, "search_code needs a query");
    }
    std::string out;
    int matches = 0;
    for (const auto& [path, text] : contents_) {
        int number = 0;
        std::size_t at = 0;
        while (at < text.size() && matches < kMaxSearchMatches) {
            std::size_t next = text.find('\n', at);
            if (next == std::string::npos) {
                next = text.size();
            }
            ++number;
            std::string_view line(text.data() + at, next - at);
            if (line.find(query) != std::string_view::npos) {
                out += path + ":" + std::to_string(number) + ": " +
                       std::string(line.substr(0, 300)) + "\n";
                ++matches;
            }
            at = next + 1;
        }
    }
    if (out.empty()) {
        return "no match for \"" + query + "\" in the files of this change";
    }
    return out;
}

std::string ReviewToolbox::ListChangedFiles() const {
    std::string out;
    for (const auto& file : files_) {
        out += file.Path() + " (" + std::string(FileStatusName(file.status)) + ", +" +
               std::to_string(file.additions) + " -" + std::to_string(file.deletions) + ")\n";
    }
    return out;
}

}  // namespace nectr::review
