#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

// How git writes file names in diff headers. Used by the diff parser and renderer; pure.
namespace nectr::review {

// Decodes a name git wrote in C-style quotes ("a/tab\there", "\303\251" for UTF-8 bytes).
// `text` must start with '"'; on success `consumed` is the length up to and including the
// closing quote. nullopt when the quotes are not closed or an escape is invalid.
std::optional<std::string> UnquoteCString(std::string_view text, std::size_t& consumed);

// The name as git writes it in a header: unchanged, or in C-style quotes when it contains a
// double quote, a backslash or a control character. UTF-8 stays readable (git's
// core.quotePath=false), since the result is read by people and models.
std::string QuoteNameIfNeeded(std::string_view name);

// The file name in a "---", "+++", "rename from" or "Binary files" position: unquoted when
// quoted, and cut at the first tab when not (diff -u appends "\t<timestamp>", git appends a
// tab to names that contain a space). nullopt for a malformed quoted name.
std::optional<std::string> ParseHeaderName(std::string_view text);

// Removes `prefix` ("a/" or "b/") from the front of `name` when it is there.
std::string StripPrefix(std::string name, std::string_view prefix);

// The two names of a "diff --git <a> <b>" line, given the part after "diff --git ", with
// their "a/" and "b/" prefixes still on. Unquoted names that contain spaces are split where
// both halves name the same file; nullopt when the split is ambiguous (a rename whose names
// contain spaces: the "rename from/to" lines say which) or a quoted name is malformed.
std::optional<std::pair<std::string, std::string>> SplitGitHeaderNames(std::string_view text);

}  // namespace nectr::review
