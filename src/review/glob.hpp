#pragma once

#include <string_view>

namespace nectr::review {

// Matches a whole '/'-separated path against a shell-style pattern:
//   *      any run of characters except '/'
//   ?      one character except '/'
//   [abc]  [a-z]  [!a-z]  [^a-z]   one character (never '/') in or out of a set
//   **     as a whole segment: "**/" any number of folders (zero included), a final "/**"
//          everything below; elsewhere it is a plain '*'
//   \x     the character x itself
// An unclosed '[' is an ordinary character. Time is O(pattern × path). Pure; never throws.
bool GlobMatch(std::string_view pattern, std::string_view path);

// Matches a repository path against an ignore pattern the way .gitignore does: a pattern with
// no '/' (other than a trailing one) matches a file or folder name at any depth ("*.snap",
// "node_modules"); a pattern with a '/' is anchored at the root ("docs/**", "/build"); a
// trailing '/' matches folders only ("tmp/"); a pattern that matches a folder matches
// everything inside it. A leading "./" or '/' is ignored. Negation ("!x") is not supported and
// matches nothing.
bool PathMatchesGlob(std::string_view pattern, std::string_view path);

}  // namespace nectr::review
