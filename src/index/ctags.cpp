#include "index/ctags.hpp"

#include <boost/json/parser.hpp>
#include <boost/json/value.hpp>

#include "core/subprocess.hpp"
#include "index/text.hpp"

namespace nectr::index {
namespace {

std::string StringField(const boost::json::object& tag, std::string_view key) {
    const boost::json::value* value = tag.if_contains(key);
    if (value == nullptr || !value->is_string()) {
        return {};
    }
    return MakeValidUtf8(value->get_string());
}

int IntField(const boost::json::object& tag, std::string_view key) {
    const boost::json::value* value = tag.if_contains(key);
    if (value == nullptr) {
        return 0;
    }
    if (value->is_int64()) {
        return static_cast<int>(value->get_int64());
    }
    if (value->is_uint64()) {
        return static_cast<int>(value->get_uint64());
    }
    return 0;
}

// Namespaces and packages: every file that opens `namespace boost {` or says `package main`
// would "define" them again, a tenth of all tags in a C++ code base, and none names code.
bool IsContainerKind(std::string_view kind) {
    return kind == "namespace" || kind == "package" || kind == "packageName";
}

// One tag line into `out`; false when it is not a usable tag.
bool ParseTag(const boost::json::object& tag, std::string& path, Symbol& out) {
    if (StringField(tag, "_type") != "tag") {
        return false;
    }
    out.name = StringField(tag, "name");
    out.start_line = IntField(tag, "line");
    if (out.name.empty() || out.start_line <= 0 || out.name.starts_with("__anon")) {
        return false;
    }
    path = StringField(tag, "path");
    out.kind = StringField(tag, "kind");
    if (IsContainerKind(out.kind)) {
        return false;
    }
    out.scope = StringField(tag, "scope");
    out.signature = StringField(tag, "signature");
    const int end = IntField(tag, "end");
    out.end_line = end >= out.start_line ? std::optional<int>(end) : std::nullopt;
    return !path.empty();
}

}  // namespace

SymbolsByPath ParseCtagsJson(std::string_view output) {
    SymbolsByPath symbols;
    boost::json::parse_options options;
    options.allow_invalid_utf8 = true;  // source files are not always UTF-8; names are fixed up
    boost::json::parser parser({}, options);
    std::size_t start = 0;
    std::string path;
    while (start < output.size()) {
        std::size_t end = output.find('\n', start);
        if (end == std::string_view::npos) {
            end = output.size();
        }
        const std::string_view line = output.substr(start, end - start);
        start = end + 1;
        if (line.empty() || line.front() != '{') {
            continue;
        }
        parser.reset();
        boost::system::error_code ec;
        parser.write(line.data(), line.size(), ec);
        if (ec) {
            continue;
        }
        const boost::json::value value = parser.release();
        if (!value.is_object()) {
            continue;
        }
        Symbol symbol;
        if (ParseTag(value.get_object(), path, symbol)) {
            symbols[path].push_back(std::move(symbol));
        }
    }
    return symbols;
}

Result<SymbolsByPath> RunCtags(const std::string& root, const std::vector<std::string>& paths) {
    std::string list;
    for (const std::string& path : paths) {
        if (path.find('\n') == std::string::npos) {
            list += path;
            list += '\n';
        }
    }
    if (list.empty()) {
        return SymbolsByPath{};
    }
    core::ProcessOptions options;
    options.working_directory = root;
    options.input = std::move(list);
    options.max_output_bytes = std::size_t{1} << 30;
    // --options=NONE: a user's ~/.ctags must not change what the index sees. --sort=no: the
    // order does not matter here, and sorting makes ctags hold every tag before printing.
    auto run = core::RunProcess({"ctags", "--options=NONE", "--output-format=json",
                                 "--fields=+neKS", "--sort=no", "-L", "-", "-f", "-"},
                                options);
    if (!run) {
        if (run.error().code == core::Errc::kNotFound) {
            return core::MakeError(core::Errc::kNotFound,
                                   "universal-ctags is not installed (apt-get install "
                                   "universal-ctags): files are indexed without symbols");
        }
        return run.error();
    }
    if (run->exit_code != 0) {
        return core::MakeError(core::Errc::kUpstream,
                               "ctags exited with " + std::to_string(run->exit_code) + ": " +
                                   std::string(Trim(run->err.substr(0, 500))));
    }
    return ParseCtagsJson(run->out);
}

}  // namespace nectr::index
