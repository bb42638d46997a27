#include "github/url.hpp"

#include <fmt/core.h>

namespace nectr::github {
namespace {

bool IsUnreserved(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

}  // namespace

std::string EncodePathSegment(std::string_view segment) {
    std::string out;
    out.reserve(segment.size());
    for (char c : segment) {
        if (IsUnreserved(c)) {
            out.push_back(c);
        } else {
            out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
        }
    }
    return out;
}

std::string EncodePath(std::string_view path) {
    std::string out;
    std::size_t start = 0;
    while (true) {
        const std::size_t slash = path.find('/', start);
        out += EncodePathSegment(path.substr(start, slash - start));
        if (slash == std::string_view::npos) {
            break;
        }
        out.push_back('/');
        start = slash + 1;
    }
    return out;
}

std::string RepoPath(const RepoName& repo, std::string_view rest) {
    return fmt::format("/repos/{}/{}{}", EncodePathSegment(repo.owner),
                       EncodePathSegment(repo.name), rest);
}

std::string WithQuery(std::string path,
                      const std::vector<std::pair<std::string, std::string>>& params) {
    char separator = path.find('?') == std::string::npos ? '?' : '&';
    for (const auto& [key, value] : params) {
        path.push_back(separator);
        path += EncodePathSegment(key);
        path.push_back('=');
        path += EncodePathSegment(value);
        separator = '&';
    }
    return path;
}

std::string NormalizeApiUrl(std::string_view url) {
    while (!url.empty() && url.back() == '/') {
        url.remove_suffix(1);
    }
    return std::string(url);
}

}  // namespace nectr::github
