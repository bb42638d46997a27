#include "review/change.hpp"

#include <algorithm>
#include <cctype>

namespace nectr::review {

std::vector<std::int64_t> LinkedIssueNumbers(std::string_view description) {
    std::vector<std::int64_t> numbers;
    for (std::size_t at = description.find('#'); at != std::string_view::npos;
         at = description.find('#', at + 1)) {
        // "#12" at a word start (or after "(", "[", ","), or "owner/repo#12"; not a URL's
        // fragment or "abc#12".
        std::size_t token_start = at;
        while (token_start > 0 &&
               !std::isspace(static_cast<unsigned char>(description[token_start - 1]))) {
            --token_start;
        }
        const std::string_view token = description.substr(token_start, at - token_start);
        const bool punctuation = token.find_first_not_of("([,") == std::string_view::npos;
        const bool repo_ref = token.find('/') != std::string_view::npos &&
                              token.find("://") == std::string_view::npos;
        if (!punctuation && !repo_ref) {
            continue;
        }
        std::size_t end = at + 1;
        while (end < description.size() &&
               std::isdigit(static_cast<unsigned char>(description[end]))) {
            ++end;
        }
        if (end == at + 1 || end - at > 10) {
            continue;
        }
        const std::int64_t number =
            std::stoll(std::string(description.substr(at + 1, end - at - 1)));
        if (number > 0 && std::find(numbers.begin(), numbers.end(), number) == numbers.end()) {
            numbers.push_back(number);
        }
    }
    return numbers;
}

}  // namespace nectr::review
