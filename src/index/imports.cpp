#include "index/imports.hpp"

#include <algorithm>
#include <cctype>

#include "index/language.hpp"
#include "index/text.hpp"

namespace nectr::index {
namespace {

// A file importing more than this is generated or pathological; the rest are dropped.
constexpr std::size_t kMaxImports = 500;

class ImportList {
public:
    void Add(std::string_view target) {
        target = Trim(target);
        if (target.empty() || items_.size() >= kMaxImports ||
            std::find(items_.begin(), items_.end(), target) != items_.end()) {
            return;
        }
        items_.emplace_back(target);
    }
    std::vector<std::string> Take() { return std::move(items_); }

private:
    std::vector<std::string> items_;
};

bool IsNameChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.' || c == '$';
}

// Strips `keyword` and the spaces after it from the front of `text`; false when `text` does not
// start with the keyword as a whole word.
bool EatKeyword(std::string_view& text, std::string_view keyword) {
    if (!text.starts_with(keyword) ||
        (text.size() > keyword.size() &&
         !std::isspace(static_cast<unsigned char>(text[keyword.size()])))) {
        return false;
    }
    text = Trim(text.substr(keyword.size()));
    return true;
}

// The text between the first pair of matching quotes at or after `from`; empty when none.
std::string_view QuotedAfter(std::string_view text, std::size_t from = 0) {
    const std::size_t open = text.find_first_of("'\"`", from);
    if (open == std::string_view::npos) {
        return {};
    }
    const std::size_t close = text.find(text[open], open + 1);
    return close == std::string_view::npos ? std::string_view()
                                           : text.substr(open + 1, close - open - 1);
}

void PythonLine(std::string_view line, ImportList& out) {
    if (EatKeyword(line, "import")) {
        std::size_t start = 0;
        while (start <= line.size()) {
            std::size_t comma = line.find(',', start);
            std::string_view part = Trim(line.substr(start, comma - start));
            part = part.substr(0, part.find(' '));  // "a.b as c"
            if (!part.empty() && IsNameChar(part.front())) {
                out.Add(part);
            }
            if (comma == std::string_view::npos) {
                break;
            }
            start = comma + 1;
        }
    } else if (EatKeyword(line, "from")) {
        const std::size_t space = line.find(' ');
        const std::string_view module = line.substr(0, space);
        std::string_view rest = space == std::string_view::npos ? "" : Trim(line.substr(space));
        if (!EatKeyword(rest, "import")) {
            return;
        }
        if (module.find_first_not_of('.') != std::string_view::npos) {
            out.Add(module);
            return;
        }
        // "from . import a, b": each name is a module of the package.
        std::size_t start = 0;
        while (start < rest.size()) {
            const std::size_t comma = rest.find(',', start);
            std::string_view part = Trim(rest.substr(start, comma - start));
            while (part.starts_with('(')) {
                part.remove_prefix(1);
            }
            part = Trim(part.substr(0, part.find_first_of(" )")));
            if (!part.empty() && IsNameChar(part.front())) {
                out.Add(std::string(module) + std::string(part));
            }
            if (comma == std::string_view::npos) {
                break;
            }
            start = comma + 1;
        }
    }
}

void ScriptLine(std::string_view line, ImportList& out) {
    const bool statement = line.starts_with("import") || line.starts_with("export") ||
                           line.starts_with("}") || line.starts_with("from");
    if (statement) {
        if (const std::size_t from = line.find("from "); from != std::string_view::npos) {
            out.Add(QuotedAfter(line, from + 5));
        } else if (line.starts_with("import ") || line.starts_with("import'") ||
                   line.starts_with("import\"")) {
            const std::string_view rest = Trim(line.substr(6));
            if (!rest.empty() && (rest.front() == '\'' || rest.front() == '"')) {
                out.Add(QuotedAfter(rest));  // import 'side-effect'
            }
        }
    }
    for (std::string_view call : {"require(", "import("}) {
        for (std::size_t at = line.find(call); at != std::string_view::npos;
             at = line.find(call, at + call.size())) {
            const std::string_view args = Trim(line.substr(at + call.size()));
            if (!args.empty() && (args.front() == '\'' || args.front() == '"')) {
                out.Add(QuotedAfter(args));
            }
        }
    }
}

void CLine(std::string_view line, ImportList& out) {
    if (!line.starts_with('#')) {
        return;
    }
    std::string_view rest = Trim(line.substr(1));
    if (!EatKeyword(rest, "include")) {
        return;
    }
    if (rest.starts_with('"')) {
        out.Add(QuotedAfter(rest));
    } else if (rest.starts_with('<')) {
        // Also <...>: projects include their own headers so (<boost/config.hpp>); a system
        // header stays unresolved, as a package import of another language does.
        const std::size_t close = rest.find('>');
        if (close != std::string_view::npos) {
            out.Add(rest.substr(1, close - 1));
        }
    }
}

void JvmLine(std::string_view line, ImportList& out) {
    if (!EatKeyword(line, "import")) {
        return;
    }
    const bool is_static = EatKeyword(line, "static");
    std::string_view name = line.substr(0, line.find_first_of(" ;"));
    if (is_static) {
        name = name.substr(0, name.rfind('.'));
    }
    out.Add(name);
}

void RustLine(std::string_view line, ImportList& out) {
    if (!EatKeyword(line, "pub")) {
        EatKeyword(line, "pub(crate)");
    }
    if (EatKeyword(line, "use")) {
        std::string_view path = line.substr(0, line.find_first_of("{;* "));
        while (path.ends_with(':')) {
            path.remove_suffix(1);
        }
        out.Add(path);
    } else if (EatKeyword(line, "mod")) {
        const std::string_view name = Trim(line.substr(0, line.find(';')));
        if (line.find(';') != std::string_view::npos && !name.empty() &&
            name.find_first_of(" {") == std::string_view::npos) {
            out.Add("self::" + std::string(name));
        }
    }
}

class GoImports {
public:
    void Line(std::string_view line, ImportList& out) {
        if (in_block_) {
            if (line.starts_with(')')) {
                in_block_ = false;
            } else {
                out.Add(QuotedAfter(line));
            }
            return;
        }
        if (!EatKeyword(line, "import")) {
            return;
        }
        if (line.starts_with('(')) {
            in_block_ = true;
            line = Trim(line.substr(1));
            if (!line.empty()) {
                Line(line, out);
            }
            return;
        }
        out.Add(QuotedAfter(line));
    }

private:
    bool in_block_ = false;
};

}  // namespace

std::vector<std::string> ExtractImports(std::string_view path, std::string_view language,
                                        std::span<const std::string_view> lines) {
    ImportList out;
    GoImports go;
    const std::string extension = ToLower(ExtensionOf(path));
    const bool c_family = language == "c" || language == "cpp";
    const bool jvm = language == "java" || language == "kotlin";
    for (std::string_view raw : lines) {
        const std::string_view line = Trim(raw);
        if (line.empty()) {
            continue;
        }
        if (language == "python") {
            PythonLine(line, out);
        } else if (language == "javascript" && extension != "json") {
            ScriptLine(line, out);
        } else if (language == "go") {
            go.Line(line, out);
        } else if (c_family) {
            CLine(line, out);
        } else if (jvm) {
            JvmLine(line, out);
        } else if (language == "rust") {
            RustLine(line, out);
        }
    }
    return out.Take();
}

}  // namespace nectr::index
