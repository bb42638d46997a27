#include "webhooks/payload_fields.hpp"

#include <simdjson.h>

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nectr::webhooks {
namespace {

namespace json = simdjson::dom;

// The lookups below treat a missing key and a value of another type alike: absent.

const json::object* ObjectAt(const json::object& parent, std::string_view key,
                             json::object& storage) {
    return parent.at_key(key).get_object().get(storage) == simdjson::SUCCESS ? &storage : nullptr;
}

std::optional<std::string> OptionalStringAt(const json::object& parent, std::string_view key) {
    std::string_view text;
    if (parent.at_key(key).get_string().get(text) != simdjson::SUCCESS) {
        return std::nullopt;
    }
    return std::string(text);
}

std::string StringAt(const json::object& parent, std::string_view key) {
    return OptionalStringAt(parent, key).value_or("");
}

// An integer, or a double that holds a whole number that fits (3.0, not 2.5 or 1e300).
std::optional<std::int64_t> OptionalIntAt(const json::object& parent, std::string_view key) {
    json::element value;
    if (parent.at_key(key).get(value) != simdjson::SUCCESS) {
        return std::nullopt;
    }
    std::int64_t integer = 0;
    if (value.get_int64().get(integer) == simdjson::SUCCESS) {
        return integer;
    }
    double real = 0;
    if (value.is_double() && value.get_double().get(real) == simdjson::SUCCESS &&
        std::isfinite(real) && std::trunc(real) == real && std::fabs(real) < 9e18) {
        return static_cast<std::int64_t>(real);
    }
    return std::nullopt;
}

bool BoolAt(const json::object& parent, std::string_view key) {
    bool flag = false;
    return parent.at_key(key).get_bool().get(flag) == simdjson::SUCCESS && flag;
}

std::string NestedStringAt(const json::object& parent, std::string_view outer,
                           std::string_view inner) {
    json::object storage;
    const json::object* object = ObjectAt(parent, outer, storage);
    return object == nullptr ? std::string() : StringAt(*object, inner);
}

// Full names of the repository objects in parent[key]; entries without one are skipped.
std::vector<std::string> FullNamesAt(const json::object& parent, std::string_view key) {
    std::vector<std::string> names;
    json::array repositories;
    if (parent.at_key(key).get_array().get(repositories) != simdjson::SUCCESS) {
        return names;
    }
    for (json::element entry : repositories) {
        json::object repository;
        if (entry.get_object().get(repository) != simdjson::SUCCESS) {
            continue;
        }
        std::string name = StringAt(repository, "full_name");
        if (!name.empty()) {
            names.push_back(std::move(name));
        }
    }
    return names;
}

std::optional<PullRequestFields> ExtractPullRequest(const json::object& root) {
    json::object pull_storage;
    const json::object* pull = ObjectAt(root, "pull_request", pull_storage);
    if (pull == nullptr) {
        return std::nullopt;
    }
    // The top-level "number" is always there; fall back to the PR's own copy.
    std::optional<std::int64_t> number = OptionalIntAt(root, "number");
    if (!number) {
        number = OptionalIntAt(*pull, "number");
    }
    if (!number) {
        return std::nullopt;
    }
    PullRequestFields fields;
    fields.number = *number;
    fields.head_sha = NestedStringAt(*pull, "head", "sha");
    fields.head_ref = NestedStringAt(*pull, "head", "ref");
    fields.base_ref = NestedStringAt(*pull, "base", "ref");
    fields.state = StringAt(*pull, "state");
    fields.draft = BoolAt(*pull, "draft");
    fields.merged = BoolAt(*pull, "merged");
    return fields;
}

std::optional<IssueCommentFields> ExtractIssueComment(const json::object& root) {
    json::object issue_storage;
    json::object comment_storage;
    const json::object* issue = ObjectAt(root, "issue", issue_storage);
    const json::object* comment = ObjectAt(root, "comment", comment_storage);
    if (issue == nullptr || comment == nullptr) {
        return std::nullopt;
    }
    const std::optional<std::int64_t> number = OptionalIntAt(*issue, "number");
    if (!number) {
        return std::nullopt;
    }
    IssueCommentFields fields;
    fields.issue_number = *number;
    // Every PR is an issue; GitHub marks the ones that are PRs with this object.
    json::object marker;
    fields.on_pull_request = ObjectAt(*issue, "pull_request", marker) != nullptr;
    fields.comment_id = OptionalIntAt(*comment, "id").value_or(0);
    fields.body = StringAt(*comment, "body");
    fields.author_login = NestedStringAt(*comment, "user", "login");
    fields.author_type = NestedStringAt(*comment, "user", "type");
    return fields;
}

std::optional<ReviewCommentFields> ExtractReviewComment(const json::object& root) {
    json::object pull_storage;
    json::object comment_storage;
    const json::object* pull = ObjectAt(root, "pull_request", pull_storage);
    const json::object* comment = ObjectAt(root, "comment", comment_storage);
    if (pull == nullptr || comment == nullptr) {
        return std::nullopt;
    }
    const std::optional<std::int64_t> number = OptionalIntAt(*pull, "number");
    const std::optional<std::int64_t> id = OptionalIntAt(*comment, "id");
    if (!number || !id) {
        return std::nullopt;
    }
    ReviewCommentFields fields;
    fields.pr_number = *number;
    fields.comment_id = *id;
    fields.in_reply_to_id = OptionalIntAt(*comment, "in_reply_to_id");
    fields.author_login = NestedStringAt(*comment, "user", "login");
    fields.author_type = NestedStringAt(*comment, "user", "type");
    return fields;
}

std::optional<PushFields> ExtractPush(const json::object& root, const std::string& default_branch) {
    std::optional<std::string> ref = OptionalStringAt(root, "ref");
    if (!ref) {
        return std::nullopt;
    }
    PushFields fields;
    fields.ref = std::move(*ref);
    fields.before = StringAt(root, "before");
    fields.after = StringAt(root, "after");
    fields.created = BoolAt(root, "created");
    fields.deleted = BoolAt(root, "deleted");
    fields.to_default_branch =
        !default_branch.empty() && fields.ref == "refs/heads/" + default_branch;
    return fields;
}

std::optional<InstallationFields> ExtractInstallation(const json::object& root,
                                                      std::string_view event,
                                                      std::string_view action) {
    json::object installation_storage;
    const json::object* installation = ObjectAt(root, "installation", installation_storage);
    const std::optional<std::int64_t> id =
        installation == nullptr ? std::nullopt : OptionalIntAt(*installation, "id");
    if (!id) {
        return std::nullopt;
    }
    InstallationFields fields;
    fields.installation_id = *id;
    fields.account_login = NestedStringAt(*installation, "account", "login");
    fields.repository_selection = StringAt(root, "repository_selection");
    if (fields.repository_selection.empty()) {
        fields.repository_selection = StringAt(*installation, "repository_selection");
    }
    if (event == "installation_repositories") {
        fields.repositories_added = FullNamesAt(root, "repositories_added");
        fields.repositories_removed = FullNamesAt(root, "repositories_removed");
        return fields;
    }
    fields.repositories = FullNamesAt(root, "repositories");
    if (action == "created") {
        fields.repositories_added = fields.repositories;
    } else if (action == "deleted") {
        fields.repositories_removed = fields.repositories;
    }
    return fields;
}

std::optional<PingFields> ExtractPing(const json::object& root) {
    std::optional<std::string> zen = OptionalStringAt(root, "zen");
    if (!zen) {
        return std::nullopt;
    }
    PingFields fields;
    fields.zen = std::move(*zen);
    fields.hook_id = OptionalIntAt(root, "hook_id");
    return fields;
}

}  // namespace

void ExtractPayloadFields(const json::object& root, Delivery& delivery) {
    delivery.action = StringAt(root, "action");
    json::object storage;
    if (const json::object* repository = ObjectAt(root, "repository", storage)) {
        delivery.repository_full_name = StringAt(*repository, "full_name");
        delivery.repository_id = OptionalIntAt(*repository, "id");
        delivery.default_branch = StringAt(*repository, "default_branch");
        if (delivery.default_branch.empty()) {
            // Push payloads also carry the older name for the same thing.
            delivery.default_branch = StringAt(*repository, "master_branch");
        }
    }
    if (const json::object* installation = ObjectAt(root, "installation", storage)) {
        delivery.installation_id = OptionalIntAt(*installation, "id");
    }
    delivery.sender_login = NestedStringAt(root, "sender", "login");
    delivery.sender_type = NestedStringAt(root, "sender", "type");

    const std::string& event = delivery.event;
    if (event == "pull_request") {
        delivery.pull_request = ExtractPullRequest(root);
    } else if (event == "issue_comment") {
        delivery.issue_comment = ExtractIssueComment(root);
    } else if (event == "pull_request_review_comment") {
        delivery.review_comment = ExtractReviewComment(root);
    } else if (event == "push") {
        delivery.push = ExtractPush(root, delivery.default_branch);
    } else if (event == "installation" || event == "installation_repositories") {
        delivery.installation = ExtractInstallation(root, event, delivery.action);
    } else if (event == "ping") {
        delivery.ping = ExtractPing(root);
    }
}

}  // namespace nectr::webhooks
