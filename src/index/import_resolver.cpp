#include "index/import_resolver.hpp"

#include <algorithm>

#include "index/language.hpp"
#include "index/text.hpp"

namespace nectr::index {
namespace {

std::string_view NameOf(std::string_view path) {
    const std::size_t slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::size_t CommonPrefix(std::string_view a, std::string_view b) {
    std::size_t n = 0;
    while (n < a.size() && n < b.size() && a[n] == b[n]) {
        ++n;
    }
    return n;
}

std::string Replace(std::string_view text, char from, std::string_view to) {
    std::string out;
    for (char c : text) {
        if (c == from) {
            out += to;
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::vector<std::string> Split(std::string_view text, std::string_view separator) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t at = text.find(separator, start);
        parts.emplace_back(text.substr(start, at - start));
        if (at == std::string_view::npos) {
            return parts;
        }
        start = at + separator.size();
    }
}

constexpr std::string_view kScriptExtensions[] = {".ts",  ".tsx", ".d.ts", ".js",    ".jsx",
                                                  ".mjs", ".cjs", ".vue",  ".svelte"};

}  // namespace

std::optional<std::string> JoinPath(std::string_view base, std::string_view relative) {
    std::vector<std::string> parts;
    std::string combined =
        base.empty() ? std::string(relative) : std::string(base) + "/" + std::string(relative);
    for (std::string& part : Split(combined, "/")) {
        if (part.empty() || part == ".") {
            continue;
        }
        if (part == "..") {
            if (parts.empty()) {
                return std::nullopt;
            }
            parts.pop_back();
        } else {
            parts.push_back(std::move(part));
        }
    }
    std::string out;
    for (const std::string& part : parts) {
        if (!out.empty()) {
            out.push_back('/');
        }
        out += part;
    }
    return out;
}

std::string_view FolderOf(std::string_view path) {
    const std::size_t slash = path.rfind('/');
    return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

ImportResolver::ImportResolver(const std::vector<std::string>& paths, std::string go_module)
    : go_module_(std::move(go_module)) {
    paths_.reserve(paths.size());
    for (const std::string& path : paths) {
        paths_.insert(path);
        by_name_.emplace(std::string(NameOf(path)), path);
        if (path.ends_with(".go") && !path.ends_with("_test.go")) {
            go_files_[std::string(FolderOf(path))].push_back(path);
        }
    }
    for (auto& [folder, files] : go_files_) {
        std::sort(files.begin(), files.end());
    }
}

std::string ImportResolver::GoModulePath(std::string_view go_mod) {
    for (std::string_view line : SplitLines(go_mod)) {
        line = Trim(line);
        if (line.starts_with("module ") || line.starts_with("module\t")) {
            std::string_view name = Trim(line.substr(7));
            if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
                name = name.substr(1, name.size() - 2);
            }
            return std::string(name);
        }
    }
    return "";
}

std::optional<std::string> ImportResolver::FirstExisting(
    const std::vector<std::string>& candidates) const {
    for (const std::string& candidate : candidates) {
        if (Has(candidate)) {
            return candidate;
        }
    }
    return std::nullopt;
}

std::optional<std::string> ImportResolver::BySuffix(std::string_view importer,
                                                    std::string_view tail) const {
    const std::string name(NameOf(tail));
    std::string suffix(1, '/');
    suffix.append(tail);
    std::optional<std::string> best;
    std::size_t best_shared = 0;
    auto [begin, end] = by_name_.equal_range(name);
    for (auto it = begin; it != end; ++it) {
        const std::string& path = it->second;
        if (path != tail && !path.ends_with(suffix)) {
            continue;
        }
        const std::size_t shared = CommonPrefix(path, importer);
        if (!best || shared > best_shared || (shared == best_shared && path < *best)) {
            best = path;
            best_shared = shared;
        }
    }
    return best;
}

std::optional<std::string> ImportResolver::Resolve(std::string_view importer,
                                                   std::string_view target) const {
    const std::string extension = ToLower(ExtensionOf(importer));
    const std::string_view language = LanguageOfPath(importer);
    if (target.empty()) {
        return std::nullopt;
    }
    if (language == "c" || language == "cpp") {
        return ResolveC(importer, target);
    }
    if (language == "python") {
        return ResolvePython(importer, target);
    }
    if (language == "javascript") {
        return ResolveScript(importer, target);
    }
    if (language == "go") {
        return ResolveGo(target);
    }
    if (language == "java" || language == "kotlin") {
        return ResolveJvm(importer, target, extension == "java" ? ".java" : ".kt");
    }
    if (language == "rust") {
        return ResolveRust(importer, target);
    }
    return std::nullopt;
}

std::optional<std::string> ImportResolver::ResolveC(std::string_view importer,
                                                    std::string_view target) const {
    std::vector<std::string> candidates;
    if (auto beside = JoinPath(FolderOf(importer), target)) {
        candidates.push_back(*beside);
    }
    if (auto from_root = JoinPath("", target)) {
        candidates.push_back(*from_root);
    }
    if (auto found = FirstExisting(candidates)) {
        return found;
    }
    // An include directory (include/, src/, ...) the build adds: match the path's tail. A bare
    // name (<vector>, "config.h") is matched only beside the file or at the root: by its tail
    // alone it would find any file of that name.
    if (target.starts_with("../") || target.starts_with("./") ||
        target.find('/') == std::string_view::npos) {
        return std::nullopt;
    }
    return BySuffix(importer, target);
}

std::optional<std::string> ImportResolver::ResolvePython(std::string_view importer,
                                                         std::string_view target) const {
    const std::size_t dots = target.find_first_not_of('.');
    const std::string module =
        Replace(dots == std::string_view::npos ? "" : target.substr(dots), '.', "/");
    std::vector<std::string> candidates;
    if (dots != 0 && dots != std::string_view::npos) {
        // Relative: one dot is the importer's package, each further dot one level up.
        std::optional<std::string> base(std::string(FolderOf(importer)));
        for (std::size_t level = 1; level < dots && base; ++level) {
            base = JoinPath(*base, "..");
        }
        if (!base) {
            return std::nullopt;
        }
        for (const char* ending : {".py", "/__init__.py"}) {
            if (auto path = JoinPath(*base, module + ending)) {
                candidates.push_back(*path);
            }
        }
        return FirstExisting(candidates);
    }
    if (dots == std::string_view::npos) {
        if (auto path = JoinPath(FolderOf(importer), "__init__.py")) {
            candidates.push_back(*path);
        }
        return FirstExisting(candidates);
    }
    for (const char* ending : {".py", "/__init__.py"}) {
        candidates.push_back(module + ending);
        if (auto beside = JoinPath(FolderOf(importer), module + ending)) {
            candidates.push_back(*beside);
        }
    }
    if (auto found = FirstExisting(candidates)) {
        return found;
    }
    // A source root below the repository's (src/, lib/): match the path's tail.
    if (auto found = BySuffix(importer, module + ".py")) {
        return found;
    }
    return BySuffix(importer, module + "/__init__.py");
}

std::optional<std::string> ImportResolver::ResolveScript(std::string_view importer,
                                                         std::string_view target) const {
    if (!target.starts_with("./") && !target.starts_with("../")) {
        return std::nullopt;  // a package from node_modules
    }
    const auto base = JoinPath(FolderOf(importer), target);
    if (!base) {
        return std::nullopt;
    }
    std::vector<std::string> candidates{*base};
    // TypeScript sources import "./x.js" and mean x.ts.
    for (std::string_view written : {std::string_view(".js"), std::string_view(".mjs")}) {
        if (base->ends_with(written)) {
            const std::string stem = base->substr(0, base->size() - written.size());
            candidates.push_back(stem + ".ts");
            candidates.push_back(stem + ".tsx");
        }
    }
    for (std::string_view extension : kScriptExtensions) {
        candidates.push_back(*base + std::string(extension));
    }
    for (std::string_view extension : kScriptExtensions) {
        candidates.push_back(*base + "/index" + std::string(extension));
    }
    return FirstExisting(candidates);
}

std::optional<std::string> ImportResolver::ResolveGo(std::string_view target) const {
    std::string folder;
    if (!go_module_.empty() && target == go_module_) {
        folder = "";
    } else if (!go_module_.empty() && target.starts_with(go_module_ + "/")) {
        folder = std::string(target.substr(go_module_.size() + 1));
    } else {
        return std::nullopt;  // the standard library or another module
    }
    const auto files = go_files_.find(folder);
    if (files == go_files_.end() || files->second.empty()) {
        return std::nullopt;
    }
    return files->second.front();  // a package is a folder: its first file stands for it
}

std::optional<std::string> ImportResolver::ResolveJvm(std::string_view importer,
                                                      std::string_view target,
                                                      std::string_view extension) const {
    std::string name(target);
    if (name.ends_with(".*")) {
        return std::nullopt;  // a whole package
    }
    // a.b.C, then a.b (C a member of a.b's file, or a nested class of a file a/b.java).
    for (int attempt = 0; attempt < 2 && !name.empty(); ++attempt) {
        const std::string tail = Replace(name, '.', "/") + std::string(extension);
        if (Has(tail)) {
            return tail;
        }
        if (auto found = BySuffix(importer, tail)) {
            return found;
        }
        const std::size_t dot = name.rfind('.');
        if (dot == std::string::npos) {
            break;
        }
        name.resize(dot);
    }
    return std::nullopt;
}

std::optional<std::string> ImportResolver::ResolveRust(std::string_view importer,
                                                       std::string_view target) const {
    std::vector<std::string> segments = Split(target, "::");
    std::string_view folder = FolderOf(importer);
    const std::string_view name = NameOf(importer);
    // The folder that holds the importer's own submodules.
    std::string module_folder = std::string(folder);
    if (name != "mod.rs" && name != "lib.rs" && name != "main.rs") {
        module_folder = (folder.empty() ? "" : std::string(folder) + "/") +
                        std::string(name.substr(0, name.size() - 3));
    }
    std::optional<std::string> base;
    std::size_t first = 1;
    if (segments.front() == "self") {
        base = module_folder;
    } else if (segments.front() == "super") {
        base = module_folder;
        first = 0;
        while (first < segments.size() && segments[first] == "super" && base) {
            base = JoinPath(*base, "..");
            ++first;
        }
    } else {
        // crate::..., or a 2015-style path from the crate root: the nearest src/ above.
        std::string root(folder);
        while (!root.empty() && NameOf(root) != "src") {
            root = std::string(FolderOf(root));
        }
        base = root;
        first = segments.front() == "crate" ? 1 : 0;
    }
    if (!base) {
        return std::nullopt;
    }
    // The longest prefix of the remaining segments that names a module file.
    for (std::size_t count = segments.size() - first; count > 0; --count) {
        std::string relative;
        for (std::size_t i = first; i < first + count; ++i) {
            relative += (relative.empty() ? "" : "/") + segments[i];
        }
        for (const char* ending : {".rs", "/mod.rs"}) {
            if (auto path = JoinPath(*base, relative + ending); path && Has(*path)) {
                return path;
            }
        }
    }
    return std::nullopt;
}

}  // namespace nectr::index
