#pragma once

// Who a developer is in the graph: the key that ties their commits, pull requests and reviews
// together. Pure.
#include <optional>
#include <string>
#include <string_view>

namespace nectr::graph {

struct DeveloperIdentity {
    // developers.login: a GitHub login in lower case (GitHub's logins match without case), or
    // for a git author that names no GitHub account their e-mail in lower case, or their name
    // when git has no e-mail.
    std::string login;
    bool is_github = false;
    std::string name;   // as git has it; empty for GitHub logins
    std::string email;  // as git has it; empty for GitHub logins
};

// The login in GitHub's no-reply address, "<id>+<login>@users.noreply.github.com" or the older
// "<login>@users.noreply.github.com", in lower case; nullopt for any other address.
std::optional<std::string> LoginFromNoReplyEmail(std::string_view email);

// The identity of a git author.
DeveloperIdentity IdentityFromGitAuthor(std::string_view name, std::string_view email);

// The identity of a GitHub user (a pull request's author, a reviewer).
DeveloperIdentity IdentityFromLogin(std::string_view login);

// ASCII letters in lower case; other bytes as they are.
std::string LowerAscii(std::string_view text);

}  // namespace nectr::graph
