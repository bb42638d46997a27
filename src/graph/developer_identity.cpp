#include "graph/developer_identity.hpp"

namespace nectr::graph {
namespace {

constexpr std::string_view kNoReplyDomain = "@users.noreply.github.com";

bool IsLoginChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

// GitHub's login rules (letters, digits, '-', at most 39), plus an App's "[bot]" suffix.
bool IsLogin(std::string_view text) {
    constexpr std::string_view kBotSuffix = "[bot]";
    if (text.ends_with(kBotSuffix)) {
        text.remove_suffix(kBotSuffix.size());
    }
    if (text.empty() || text.size() > 39) {
        return false;
    }
    for (const char c : text) {
        if (!IsLoginChar(c)) {
            return false;
        }
    }
    return true;
}

}  // namespace

std::string LowerAscii(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

std::optional<std::string> LoginFromNoReplyEmail(std::string_view email) {
    const std::string lower = LowerAscii(email);
    if (lower.size() <= kNoReplyDomain.size() || !lower.ends_with(kNoReplyDomain)) {
        return std::nullopt;
    }
    std::string_view local(lower);
    local.remove_suffix(kNoReplyDomain.size());
    if (const std::size_t plus = local.find('+'); plus != std::string_view::npos) {
        const std::string_view id = local.substr(0, plus);
        if (id.empty() || id.find_first_not_of("0123456789") != std::string_view::npos) {
            return std::nullopt;
        }
        local.remove_prefix(plus + 1);
    }
    if (!IsLogin(local)) {
        return std::nullopt;
    }
    return std::string(local);
}

DeveloperIdentity IdentityFromGitAuthor(std::string_view name, std::string_view email) {
    DeveloperIdentity identity;
    identity.name = std::string(name);
    identity.email = std::string(email);
    if (std::optional<std::string> login = LoginFromNoReplyEmail(email)) {
        identity.login = std::move(*login);
        identity.is_github = true;
    } else if (!email.empty()) {
        identity.login = LowerAscii(email);
    } else if (!name.empty()) {
        identity.login = std::string(name);
    } else {
        identity.login = "(unknown)";
    }
    return identity;
}

DeveloperIdentity IdentityFromLogin(std::string_view login) {
    DeveloperIdentity identity;
    identity.login = LowerAscii(login);
    identity.is_github = true;
    return identity;
}

}  // namespace nectr::graph
