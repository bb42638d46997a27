#pragma once

// Comparing and searching sentences: what makes two memories "say the same thing", and the
// words a search looks for. Pure functions of text; ASCII letters are folded to lower case,
// other UTF-8 text is kept as it is.
#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace nectr::memory {

// Lower case, apostrophes dropped ("don't" -> "dont"), every other ASCII character that is not
// a letter or digit turned into a space, runs of spaces collapsed, trimmed. Two memories whose
// normalized text is equal say the same thing.
std::string NormalizeText(std::string_view text);

// The words of the normalized text without stop words ("the", "we", "should", ...);
// negations are kept and their contractions read as "not" ("don't", "cannot" -> "not"), so
// that "never X" and "always X" stay apart.
std::set<std::string> ContentWords(std::string_view text);

// |a ∩ b| / |a ∪ b|; 0 when both are empty.
double Jaccard(const std::set<std::string>& a, const std::set<std::string>& b);

// The share of `part`'s words that `whole` has too; 0 when `part` is empty.
double Containment(const std::set<std::string>& part, const std::set<std::string>& whole);

// The similarity at or above which two memories of one repository, scope and type are
// taken as one (Jaccard of their content words).
inline constexpr double kSameMemorySimilarity = 0.8;

// True when `a` and `b` say the same thing: equal normalized text, or content words with a
// Jaccard similarity of at least kSameMemorySimilarity.
bool SaysTheSame(std::string_view a, std::string_view b);

// The content words of `text` in the order they first appear, each once, at most `max`,
// words of one character left out: what a full-text search looks for.
std::vector<std::string> SearchTerms(std::string_view text, std::size_t max = 24);

// `text`'s first sentence (or line), with whitespace collapsed, cut at a word boundary to at
// most `max_bytes` bytes (an ellipsis marks the cut; UTF-8 sequences are never split).
std::string ShortQuote(std::string_view text, std::size_t max_bytes = 120);

// `text` with every run of whitespace (newlines included) turned into one space, trimmed.
std::string CollapseWhitespace(std::string_view text);

// `text` with ASCII letters in lower case.
std::string LowerAscii(std::string_view text);

}  // namespace nectr::memory
