#pragma once

// Maps an import as written (imports.hpp) to the file of the repository it names, where the
// path can be derived: relative paths, module dots as slashes, include directories found by
// path suffix, Go module paths, Rust module files.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace nectr::index {

class ImportResolver {
public:
    // `paths`: every file of the repository. `go_module`: the module path that go.mod at the
    // root declares, or "".
    ImportResolver(const std::vector<std::string>& paths, std::string go_module);

    // The path of the file that `importer` means by `target`, or nullopt (a package from
    // outside the repository, a system header, or nothing that maps). The rules follow the
    // importer's extension. Pure.
    std::optional<std::string> Resolve(std::string_view importer, std::string_view target) const;

    // The module path declared by a go.mod file's text ("module example.com/m"), or "".
    static std::string GoModulePath(std::string_view go_mod);

private:
    bool Has(const std::string& path) const { return paths_.contains(path); }
    std::optional<std::string> FirstExisting(const std::vector<std::string>& candidates) const;
    // The one file whose path ends with "/" + `tail` (or is `tail`), preferring the one
    // closest to `importer`; nullopt when there is none.
    std::optional<std::string> BySuffix(std::string_view importer, std::string_view tail) const;

    std::optional<std::string> ResolveC(std::string_view importer, std::string_view target) const;
    std::optional<std::string> ResolvePython(std::string_view importer,
                                             std::string_view target) const;
    std::optional<std::string> ResolveScript(std::string_view importer,
                                             std::string_view target) const;
    std::optional<std::string> ResolveGo(std::string_view target) const;
    std::optional<std::string> ResolveJvm(std::string_view importer, std::string_view target,
                                          std::string_view extension) const;
    std::optional<std::string> ResolveRust(std::string_view importer,
                                           std::string_view target) const;

    std::unordered_set<std::string> paths_;
    std::unordered_multimap<std::string, std::string> by_name_;  // file name -> paths
    std::map<std::string, std::vector<std::string>> go_files_;   // folder -> its .go files
    std::string go_module_;
};

// Joins `base` (a folder, "" for the root) and `relative`, resolving "." and ".."; nullopt
// when the result would leave the repository. Pure.
std::optional<std::string> JoinPath(std::string_view base, std::string_view relative);

// The folder of `path` ("" for a file at the root).
std::string_view FolderOf(std::string_view path);

}  // namespace nectr::index
