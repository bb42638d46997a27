#include "webhooks/installation_change.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <limits>
#include <optional>

namespace nectr::webhooks {
namespace {

namespace json = boost::json;
using core::Errc;

std::string StringAt(const json::object& parent, std::string_view key) {
    const json::value* value = parent.if_contains(key);
    const json::string* text = value == nullptr ? nullptr : value->if_string();
    return text == nullptr ? std::string() : std::string(text->data(), text->size());
}

std::optional<std::int64_t> IdAt(const json::object& parent, std::string_view key) {
    const json::value* value = parent.if_contains(key);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (const std::int64_t* id = value->if_int64(); id != nullptr && *id > 0) {
        return *id;
    }
    const std::uint64_t* id = value->if_uint64();
    if (id != nullptr &&
        *id <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        return static_cast<std::int64_t>(*id);
    }
    return std::nullopt;
}

std::vector<InstallationRepository> RepositoriesAt(const json::object& root, std::string_view key) {
    std::vector<InstallationRepository> repositories;
    const json::value* list = root.if_contains(key);
    if (list == nullptr || !list->is_array()) {
        return repositories;
    }
    for (const json::value& entry : list->get_array()) {
        const json::object* repository = entry.if_object();
        if (repository == nullptr) {
            continue;
        }
        const std::optional<std::int64_t> id = IdAt(*repository, "id");
        std::string full_name = StringAt(*repository, "full_name");
        if (id && !full_name.empty()) {
            repositories.push_back({*id, std::move(full_name)});
        }
    }
    return repositories;
}

// "suspended" or "active" when installation.suspended_at is present (a time or null); empty
// when the payload leaves it out and so says nothing about suspension.
std::string StatusFromSuspendedAt(const json::object& installation) {
    const json::value* suspended_at = installation.if_contains("suspended_at");
    if (suspended_at == nullptr) {
        return "";
    }
    return suspended_at->is_string() ? "suspended" : "active";
}

void ReadInstallationAction(std::string_view action, const json::object& root,
                            const json::object& installation, InstallationChange& change) {
    if (action == "deleted") {
        change.status = "deleted";
        change.remove_all = true;
        change.removed = RepositoriesAt(root, "repositories");
        return;
    }
    if (action == "suspend") {
        change.status = "suspended";
        return;
    }
    if (action == "unsuspend") {
        change.status = "active";
        return;
    }
    change.status = StatusFromSuspendedAt(installation);
    if (action == "created" && change.status.empty()) {
        change.status = "active";
    }
    // `repositories` lists what the installation can reach; other actions may send a partial
    // list, so it only ever adds.
    change.added = RepositoriesAt(root, "repositories");
}

}  // namespace

core::Result<InstallationChange> ParseInstallationChange(std::string_view event,
                                                         std::string_view action,
                                                         std::string_view payload_json) {
    if (event != "installation" && event != "installation_repositories") {
        return core::MakeError(Errc::kInvalidInput,
                               "not an installation event: " + std::string(event));
    }
    boost::system::error_code ec;
    const json::value parsed = json::parse(payload_json, ec);
    if (ec || !parsed.is_object()) {
        return core::MakeError(Errc::kInvalidInput, "the stored payload is not a JSON object");
    }
    const json::object& root = parsed.get_object();
    const json::value* installation_value = root.if_contains("installation");
    const json::object* installation =
        installation_value == nullptr ? nullptr : installation_value->if_object();
    const std::optional<std::int64_t> id =
        installation == nullptr ? std::nullopt : IdAt(*installation, "id");
    if (!id) {
        return core::MakeError(Errc::kInvalidInput, "the payload lacks installation.id");
    }
    InstallationChange change;
    change.installation_id = *id;
    if (const json::value* account = installation->if_contains("account");
        account != nullptr && account->is_object()) {
        change.account_login = StringAt(account->get_object(), "login");
        change.account_type = StringAt(account->get_object(), "type");
    }
    change.repository_selection = StringAt(root, "repository_selection");
    if (change.repository_selection.empty()) {
        change.repository_selection = StringAt(*installation, "repository_selection");
    }
    if (event == "installation") {
        ReadInstallationAction(action, root, *installation, change);
        return change;
    }
    change.status = StatusFromSuspendedAt(*installation);
    change.added = RepositoriesAt(root, "repositories_added");
    change.removed = RepositoriesAt(root, "repositories_removed");
    return change;
}

}  // namespace nectr::webhooks
