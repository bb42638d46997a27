#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace nectr::webhooks {

// GitHub caps webhook payloads at 25 MB and drops larger ones, so anything bigger is not
// from GitHub. The HTTP layer should enforce the same limit before reading the body.
inline constexpr std::size_t kMaxPayloadBytes = std::size_t{25} * 1024 * 1024;

// The request headers the intake reads, as received; an empty string means absent.
struct DeliveryHeaders {
    std::string event;                          // X-GitHub-Event
    std::string delivery_id;                    // X-GitHub-Delivery (a GUID)
    std::string signature;                      // X-Hub-Signature-256
    std::string content_type;                   // Content-Type
    std::string hook_id;                        // X-GitHub-Hook-ID
    std::string hook_installation_target_type;  // repository, organization or integration
    std::string hook_installation_target_id;    // X-GitHub-Hook-Installation-Target-ID
};

struct PullRequestFields {
    std::int64_t number = 0;
    std::string head_sha;
    std::string head_ref;
    std::string base_ref;
    std::string state;  // "open" or "closed"
    bool draft = false;
    bool merged = false;
};

struct IssueCommentFields {
    std::int64_t issue_number = 0;
    bool on_pull_request = false;  // issue.pull_request is present: PRs are issues too
    std::int64_t comment_id = 0;
    std::string body;
    std::string author_login;
    std::string author_type;  // "User", "Bot", "Organization"
};

// pull_request_review_comment: an inline comment of a pull request review.
struct ReviewCommentFields {
    std::int64_t pr_number = 0;
    std::int64_t comment_id = 0;
    std::optional<std::int64_t> in_reply_to_id;  // set on a reply in a comment's thread
    std::string author_login;
    std::string author_type;  // "User", "Bot", "Organization"
};

struct PushFields {
    std::string ref;  // "refs/heads/main", "refs/tags/v1"
    std::string before;
    std::string after;
    bool created = false;
    bool deleted = false;
    bool to_default_branch = false;  // ref is refs/heads/<repository default branch>
};

struct InstallationFields {
    std::int64_t installation_id = 0;
    std::string account_login;
    std::string repository_selection;  // "all" or "selected"; empty when not sent
    // Full names. For `installation`, `repositories` is the list GitHub sent; created fills
    // `repositories_added` and deleted fills `repositories_removed` from it as well, so a
    // consumer can apply added/removed the same way for both events.
    std::vector<std::string> repositories;
    std::vector<std::string> repositories_added;
    std::vector<std::string> repositories_removed;
};

struct PingFields {
    std::string zen;
    std::optional<std::int64_t> hook_id;
};

// One webhook delivery, validated and with the fields routing and storage need. Fields the
// payload lacks (or has with the wrong type) are left empty rather than failing the parse:
// GitHub adds and drops fields across versions and the event is stored either way.
struct Delivery {
    std::string event;   // X-GitHub-Event: "pull_request", "push", ...
    std::string action;  // payload "action"; empty for events without one (push, ping)
    std::string delivery_id;
    std::string signature;  // X-Hub-Signature-256 as received, checked by AuthenticateDelivery
    std::string hook_id;
    std::string hook_installation_target_type;
    std::string hook_installation_target_id;
    // The HTTP body as received, only when it differs from payload_json (a form): a JSON
    // body is kept once, as payload_json. SignedBody() gives the bytes either way.
    std::string raw_body;
    std::string payload_json;  // the JSON text (form-decoded when it came as a form)

    // The bytes the signature covers: the body exactly as received.
    std::string_view SignedBody() const { return raw_body.empty() ? payload_json : raw_body; }

    std::string repository_full_name;  // "owner/name"
    std::optional<std::int64_t> repository_id;
    std::string default_branch;
    std::optional<std::int64_t> installation_id;
    std::string sender_login;
    std::string sender_type;  // "User", "Bot", ...

    // At most the one matching `event` is set, and only when its key fields are present.
    std::optional<PullRequestFields> pull_request;
    std::optional<IssueCommentFields> issue_comment;
    std::optional<ReviewCommentFields> review_comment;
    std::optional<PushFields> push;
    std::optional<InstallationFields> installation;
    std::optional<PingFields> ping;
};

// Validates a delivery's headers and body and extracts its fields. Does not check the
// signature (the secret depends on the repository named inside the payload; see
// AuthenticateDelivery). Errors, none of which quote the body:
//   kInvalidInput          X-GitHub-Event missing or not an event name, X-GitHub-Delivery
//                          malformed, a form body without `payload`, bad percent-encoding,
//                          invalid JSON (with the parser's message), a JSON root that is not
//                          an object
//   kTooLarge              body over kMaxPayloadBytes
//   kUnsupportedMediaType  Content-Type neither application/json nor
//                          application/x-www-form-urlencoded
// Pure and CPU-bound (a 25 MB body takes tens of milliseconds); never throws.
core::Result<Delivery> ParseDelivery(const DeliveryHeaders& headers, std::string body);

// "pull_request.opened", or just the event when it has no action ("push").
std::string EventKey(const Delivery& delivery);

}  // namespace nectr::webhooks
