#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "http/message.hpp"
#include "store/database.hpp"

namespace nectr::api {

inline constexpr std::int64_t kDefaultEventPage = 20;
inline constexpr std::int64_t kMaxEventPage = 100;

// Which events GET /api/v1/events lists, newest first. Empty strings match anything.
struct EventFilter {
    std::string repository;  // "owner/name"
    std::string type;        // "pull_request", "installation_repositories", ...
    std::string status;      // "pending", "completed" or "failed"
    std::int64_t limit = kDefaultEventPage;
    std::optional<std::int64_t> before_id;  // from the cursor: only ids below it
};

// Reads ?repo=&type=&status=&limit=&cursor= (an empty value counts as absent; other
// parameters are ignored). kInvalidInput, naming the parameter, for a repository that is not
// owner/name, a type that is not an event name, an unknown status, a limit that is not a
// number from 1 to kMaxEventPage, or a cursor this API did not issue. Pure.
core::Result<EventFilter> ParseEventFilter(const http::Request& request);

// The latest job of an event, as the list shows it.
struct EventJobSummary {
    std::int64_t id = 0;
    std::string kind;
    std::string status;  // the job's state: queued, running, succeeded, dead, cancelled
    std::int64_t attempts = 0;
    std::int64_t max_attempts = 0;
    std::optional<std::string> last_error;
};

// One event without its payload.
struct EventSummary {
    std::int64_t id = 0;
    std::optional<std::string> delivery_id;
    std::string type;
    std::optional<std::string> action;
    std::optional<std::string> repository;
    std::string status;
    std::optional<std::string> note;   // why nothing was done
    std::optional<std::string> error;  // why it failed, or what cancelled its job
    std::int64_t received_at_ms = 0;
    std::optional<std::int64_t> processed_at_ms;
    std::optional<EventJobSummary> job;
};

struct EventPage {
    std::vector<EventSummary> events;
    std::optional<std::int64_t> next_before_id;  // set when more events match
};

// Whose events a list may show.
struct EventScope {
    // Set: only events of the repositories this user reaches (the user_repositories view).
    // Unset: every event, which only the operator token grants.
    std::optional<std::int64_t> user_id;
};

// One page of events matching `filter` within `scope`, newest first (one query; never reads
// payloads). Store errors as they come (kUnavailable when the database is down). Blocks.
core::Result<EventPage> ListEvents(store::Database& database, const EventFilter& filter,
                                   const EventScope& scope);

// {"events": [{"id", "delivery_id", "type", "action", "repository", "status", "note", "error",
//   "received_at", "processed_at", "job": {"id", "kind", "status", "attempts",
//   "max_attempts", "last_error"} | null}], "next_cursor": "..." | null}, times in ISO 8601
// UTC. Pure.
std::string RenderEventPage(const EventPage& page);

}  // namespace nectr::api
