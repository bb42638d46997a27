#include "review/review_tools.hpp"

#include <boost/json.hpp>

#include "core/json_fields.hpp"
#include "review/prompt.hpp"

namespace nectr::review {

namespace json = boost::json;

namespace {

constexpr int kMaxLinesPerRead = 400;
constexpr int kMaxSearchMatches = 50;

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
    std::string ref = core::StringAt(*parsed, "ref");
    if (ref.empty()) {
        ref = !change_.head_sha.empty() ? change_.head_sha : change_.head_ref;
    }
    const int start =
        std::max(1, static_cast<int>(core::OptionalIntAt(*parsed, "start").value_or(1)));
    const int end = std::max(
        start, static_cast<int>(
                   core::OptionalIntAt(*parsed, "end").value_or(start + kMaxLinesPerRead - 1)));
    const int last = std::min(end, start + kMaxLinesPerRead - 1);
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
