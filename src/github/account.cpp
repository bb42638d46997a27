#include "github/account.hpp"

#include <boost/json/value.hpp>

#include "github/json_fields.hpp"

namespace nectr::github {
namespace {

namespace json = boost::json;
using core::Errc;

core::Error WrongShape(std::string_view what) {
    return core::MakeError(Errc::kUpstream,
                           "GitHub's answer is not " + std::string(what) + " as documented");
}

}  // namespace

core::Result<AuthenticatedUser> ParseAuthenticatedUser(std::string_view body) {
    auto value = ParseJson(body, "the signed-in user");
    if (!value) {
        return value.error();
    }
    const json::object* object = value->if_object();
    if (object == nullptr) {
        return WrongShape("a user object");
    }
    AuthenticatedUser user;
    user.id = IntAt(*object, "id");
    user.login = StringAt(*object, "login");
    user.name = StringAt(*object, "name");
    user.email = StringAt(*object, "email");
    user.avatar_url = StringAt(*object, "avatar_url");
    if (user.id <= 0 || user.login.empty()) {
        return core::MakeError(Errc::kUpstream,
                               "GitHub's answer to GET /user lacks an id or login");
    }
    return user;
}

core::Result<std::vector<std::int64_t>> ParseUserInstallationIds(std::string_view body) {
    auto value = ParseJson(body, "a list of installations");
    if (!value) {
        return value.error();
    }
    const json::object* object = value->if_object();
    const json::array* installations =
        object != nullptr ? ArrayAt(*object, "installations") : nullptr;
    if (installations == nullptr) {
        return WrongShape("an object with an installations array");
    }
    std::vector<std::int64_t> ids;
    for (const json::value& entry : *installations) {
        const json::object* installation = entry.if_object();
        const std::int64_t id = installation != nullptr ? IntAt(*installation, "id") : 0;
        if (id > 0) {
            ids.push_back(id);
        }
    }
    return ids;
}

}  // namespace nectr::github
