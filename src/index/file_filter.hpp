#pragma once

// Which files of a checkout are worth indexing: source and prose that people wrote, not
// binaries, vendored copies, lockfiles, generated or minified files, or huge ones.
#include <cstddef>
#include <optional>
#include <string_view>

namespace nectr::index {

// Files larger than this are not indexed (generated tables, data dumps, bundles).
inline constexpr std::size_t kMaxIndexedFileBytes = std::size_t{1} << 20;

// Why `path` is left out judged by its name alone, or nullopt when it may be indexed:
// "vendored", "lockfile", "generated", "binary" (by extension) or "hidden" (under a folder
// whose name starts with a dot, such as .git/ or .idea/; .github/ is kept). Pure.
std::optional<std::string_view> WhyPathSkipped(std::string_view path);

// Why a file is left out judged by its content, or nullopt: "too large", "binary" (a NUL byte
// near the start), "generated" (a marker such as "Code generated ... DO NOT EDIT" or
// "@generated" in the first lines) or "minified" (very long lines on average). Pure.
std::optional<std::string_view> WhyContentSkipped(std::string_view content);

}  // namespace nectr::index
