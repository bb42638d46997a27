#pragma once

// Identifiers as words, so that "parse diff hunk" finds parseDiffHunk and the other way round.
// Both engines' tokenizers already split on '_' and lowercase; what they cannot do is split
// camelCase, so the chunk's search_text carries those words and queries are split alike.
#include <string>
#include <string_view>
#include <vector>

namespace nectr::index {

// The lowercased words of an identifier: "parseDiffHunk" -> parse diff hunk, "HTTPServer" ->
// http server, "parse_diff_hunk" -> parse diff hunk, "utf8Decode" -> utf8 decode. Bytes from
// 0x80 up (UTF-8 letters) belong to words and have no case.
std::vector<std::string> SplitIdentifier(std::string_view identifier);

// The search_text of a chunk: the words of each camelCase identifier of `content`, each
// identifier once, separated by spaces. Empty when there is none.
std::string IdentifierWords(std::string_view content);

// A search query taken apart.
struct QueryTerms {
    // Distinct terms to match: each alphanumeric run lowercased, then its camelCase words
    // ("parseDiffHunk" -> parsediffhunk parse diff hunk). At most kMaxQueryTerms.
    std::vector<std::string> terms;
    // The run of every word joined ("parse diff hunk" and "parseDiffHunk" -> parsediffhunk),
    // to recognise a symbol named by the whole query.
    std::string joined;
    // One group per alphanumeric run: the run itself, then its camelCase words when it has
    // several ("parseDiffHunk" -> parsediffhunk parse diff hunk). A chunk matches the group
    // when it holds the run or all of its words; the query's strict form wants every group.
    std::vector<std::vector<std::string>> groups;
    // The compound identifiers of the query (parseDiffHunk, parse_diff_hunk) folded
    // (FoldIdentifier), to recognise a symbol named within a longer query.
    std::vector<std::string> identifiers;
};

inline constexpr std::size_t kMaxQueryTerms = 24;

QueryTerms AnalyzeQuery(std::string_view query);

// The names a symbol the query names could be written as, to look symbols up by name: each
// compound identifier of the query as written ("parseDiffHunk", "parse_diff_hunk"; any word
// when the query is one word), and all its words
// joined in PascalCase, camelCase, snake_case and SCREAMING_SNAKE_CASE ("parse diff hunk" ->
// ParseDiffHunk, parseDiffHunk, parse_diff_hunk, PARSE_DIFF_HUNK). Distinct, at most
// kMaxNameVariants; none for a query of more than kMaxNameWords words.
std::vector<std::string> SymbolNameVariants(std::string_view query);

inline constexpr std::size_t kMaxNameVariants = 12;
inline constexpr std::size_t kMaxNameWords = 6;

// An identifier without case and separators ("parse_diff_hunk", "ParseDiffHunk" ->
// parsediffhunk), to compare a symbol's name with QueryTerms::joined and ::identifiers.
std::string FoldIdentifier(std::string_view identifier);

}  // namespace nectr::index
