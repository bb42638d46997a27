#include "api/event_list.hpp"

#include <boost/json.hpp>
#include <limits>

#include "api/json_values.hpp"
#include "api/page_cursor.hpp"
#include "api/query_params.hpp"
#include "api/row_fields.hpp"
#include "core/time_format.hpp"
#include "store/sql.hpp"

namespace nectr::api {
namespace {

namespace json = boost::json;

bool IsEventName(std::string_view text) {
    if (text.empty() || text.size() > 64) {
        return false;
    }
    for (const char c : text) {
        if (!((c >= 'a' && c <= 'z') || c == '_')) {
            return false;
        }
    }
    return true;
}

EventSummary SummaryFromRow(const store::Rows& rows, std::size_t i) {
    EventSummary event;
    event.id = IntAt(rows, i, "id").value_or(0);
    event.delivery_id = TextAt(rows, i, "delivery_id");
    event.type = TextAt(rows, i, "event_type").value_or("");
    event.action = TextAt(rows, i, "action");
    event.repository = TextAt(rows, i, "repo_full_name");
    event.status = TextAt(rows, i, "status").value_or("");
    event.note = TextAt(rows, i, "note");
    event.error = TextAt(rows, i, "error");
    event.received_at_ms = IntAt(rows, i, "created_at").value_or(0);
    event.processed_at_ms = IntAt(rows, i, "processed_at");
    if (const std::optional<std::int64_t> job_id = IntAt(rows, i, "job_id")) {
        event.job = EventJobSummary{*job_id,
                                    TextAt(rows, i, "job_kind").value_or(""),
                                    TextAt(rows, i, "job_state").value_or(""),
                                    IntAt(rows, i, "job_attempts").value_or(0),
                                    IntAt(rows, i, "job_max_attempts").value_or(0),
                                    TextAt(rows, i, "job_last_error")};
    }
    return event;
}

json::value RenderJob(const std::optional<EventJobSummary>& job) {
    if (!job) {
        return nullptr;
    }
    return json::object{{"id", job->id},
                        {"kind", job->kind},
                        {"status", job->status},
                        {"attempts", job->attempts},
                        {"max_attempts", job->max_attempts},
                        {"last_error", JsonOrNull(job->last_error)}};
}

}  // namespace

core::Result<EventFilter> ParseEventFilter(const http::Request& request) {
    EventFilter filter;
    core::Result<std::string> repo = ParseRepositoryParam(request);
    if (!repo) {
        return repo.error();
    }
    filter.repository = std::move(*repo);
    if (std::optional<std::string> type = NonEmptyParam(request, "type")) {
        if (!IsEventName(*type)) {
            return BadParameter("type must be a GitHub event name such as pull_request");
        }
        filter.type = std::move(*type);
    }
    if (std::optional<std::string> status = NonEmptyParam(request, "status")) {
        if (*status != "pending" && *status != "completed" && *status != "failed") {
            return BadParameter("status must be pending, completed or failed");
        }
        filter.status = std::move(*status);
    }
    core::Result<std::int64_t> limit = ParseLimitParam(request, kDefaultEventPage, kMaxEventPage);
    if (!limit) {
        return limit.error();
    }
    filter.limit = *limit;
    core::Result<std::optional<std::int64_t>> before = ParseCursorParam(request);
    if (!before) {
        return before.error();
    }
    filter.before_id = *before;
    return filter;
}

core::Result<EventPage> ListEvents(store::Database& database, const EventFilter& filter,
                                   const EventScope& scope) {
    // One row more than the page tells whether another page follows. $6 exists only in the
    // user's query: an operator's list has no user to scope to.
    const store::Value params[] = {
        filter.repository, filter.type,
        filter.status,     filter.before_id.value_or(std::numeric_limits<std::int64_t>::max()),
        filter.limit + 1,  scope.user_id.value_or(0)};
    const std::span<const store::Value> all(params);
    core::Result<store::Rows> rows =
        scope.user_id ? store::Execute(database, store::sql::kEventsListForUser, all)
                      : store::Execute(database, store::sql::kEventsList, all.first(5));
    if (!rows) {
        return rows.error();
    }
    EventPage page;
    const std::size_t shown = std::min(rows->size(), static_cast<std::size_t>(filter.limit));
    page.events.reserve(shown);
    for (std::size_t i = 0; i < shown; ++i) {
        page.events.push_back(SummaryFromRow(*rows, i));
    }
    if (rows->size() > shown && !page.events.empty()) {
        page.next_before_id = page.events.back().id;
    }
    return page;
}

std::string RenderEventPage(const EventPage& page) {
    json::array events;
    events.reserve(page.events.size());
    for (const EventSummary& event : page.events) {
        events.push_back(json::object{{"id", event.id},
                                      {"delivery_id", JsonOrNull(event.delivery_id)},
                                      {"type", event.type},
                                      {"action", JsonOrNull(event.action)},
                                      {"repository", JsonOrNull(event.repository)},
                                      {"status", event.status},
                                      {"note", JsonOrNull(event.note)},
                                      {"error", JsonOrNull(event.error)},
                                      {"received_at", core::FormatUtcMillis(event.received_at_ms)},
                                      {"processed_at", JsonTimeOrNull(event.processed_at_ms)},
                                      {"job", RenderJob(event.job)}});
    }
    json::object body{{"events", std::move(events)}};
    body["next_cursor"] = page.next_before_id ? json::value(EncodePageCursor(*page.next_before_id))
                                              : json::value(nullptr);
    return json::serialize(body);
}

}  // namespace nectr::api
