#include "api/event_list.hpp"

#include <boost/json.hpp>
#include <charconv>
#include <limits>

#include "api/page_cursor.hpp"
#include "core/time_format.hpp"
#include "store/sql.hpp"

namespace nectr::api {
namespace {

namespace json = boost::json;
using core::Errc;

bool IsNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
}

// GitHub's limits: owner up to 39 characters, repository name up to 100.
bool IsRepositoryName(std::string_view text) {
    const std::size_t slash = text.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash > 39 ||
        text.size() - slash - 1 == 0 || text.size() - slash - 1 > 100) {
        return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (i != slash && !IsNameChar(text[i])) {
            return false;
        }
    }
    return true;
}

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

// A query parameter, with an empty value read as absent.
std::optional<std::string> Param(const http::Request& request, std::string_view name) {
    std::optional<std::string> value = request.QueryParam(name);
    if (value && value->empty()) {
        return std::nullopt;
    }
    return value;
}

core::Error BadParameter(std::string message) {
    return core::MakeError(Errc::kInvalidInput, std::move(message));
}

std::optional<std::string> Text(const store::Rows& rows, std::size_t row, std::string_view name) {
    const std::optional<std::size_t> column = rows.ColumnIndex(name);
    return column ? store::AsText(rows.rows[row][*column]) : std::nullopt;
}

std::optional<std::int64_t> Int(const store::Rows& rows, std::size_t row, std::string_view name) {
    const std::optional<std::size_t> column = rows.ColumnIndex(name);
    return column ? store::AsInt(rows.rows[row][*column]) : std::nullopt;
}

EventSummary SummaryFromRow(const store::Rows& rows, std::size_t i) {
    EventSummary event;
    event.id = Int(rows, i, "id").value_or(0);
    event.delivery_id = Text(rows, i, "delivery_id");
    event.type = Text(rows, i, "event_type").value_or("");
    event.action = Text(rows, i, "action");
    event.repository = Text(rows, i, "repo_full_name");
    event.status = Text(rows, i, "status").value_or("");
    event.note = Text(rows, i, "note");
    event.error = Text(rows, i, "error");
    event.received_at_ms = Int(rows, i, "created_at").value_or(0);
    event.processed_at_ms = Int(rows, i, "processed_at");
    if (const std::optional<std::int64_t> job_id = Int(rows, i, "job_id")) {
        event.job = EventJobSummary{*job_id,
                                    Text(rows, i, "job_kind").value_or(""),
                                    Text(rows, i, "job_state").value_or(""),
                                    Int(rows, i, "job_attempts").value_or(0),
                                    Int(rows, i, "job_max_attempts").value_or(0),
                                    Text(rows, i, "job_last_error")};
    }
    return event;
}

json::value OrNull(const std::optional<std::string>& text) {
    return text ? json::value(*text) : json::value(nullptr);
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
                        {"last_error", OrNull(job->last_error)}};
}

}  // namespace

core::Result<EventFilter> ParseEventFilter(const http::Request& request) {
    EventFilter filter;
    if (std::optional<std::string> repo = Param(request, "repo")) {
        if (!IsRepositoryName(*repo)) {
            return BadParameter("repo must be a repository's full name, owner/name");
        }
        filter.repository = std::move(*repo);
    }
    if (std::optional<std::string> type = Param(request, "type")) {
        if (!IsEventName(*type)) {
            return BadParameter("type must be a GitHub event name such as pull_request");
        }
        filter.type = std::move(*type);
    }
    if (std::optional<std::string> status = Param(request, "status")) {
        if (*status != "pending" && *status != "completed" && *status != "failed") {
            return BadParameter("status must be pending, completed or failed");
        }
        filter.status = std::move(*status);
    }
    if (std::optional<std::string> limit = Param(request, "limit")) {
        const char* end = limit->data() + limit->size();
        auto [ptr, ec] = std::from_chars(limit->data(), end, filter.limit);
        if (ec != std::errc() || ptr != end || filter.limit < 1 || filter.limit > kMaxEventPage) {
            return BadParameter("limit must be a number from 1 to " +
                                std::to_string(kMaxEventPage));
        }
    }
    if (std::optional<std::string> cursor = Param(request, "cursor")) {
        core::Result<std::int64_t> before = DecodePageCursor(*cursor);
        if (!before) {
            return before.error();
        }
        filter.before_id = *before;
    }
    return filter;
}

core::Result<EventPage> ListEvents(store::Database& database, const EventFilter& filter) {
    // One row more than the page tells whether another page follows.
    const store::Value params[] = {
        filter.repository, filter.type, filter.status,
        filter.before_id.value_or(std::numeric_limits<std::int64_t>::max()), filter.limit + 1};
    core::Result<store::Rows> rows = store::Execute(database, store::sql::kEventsList, params);
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
        events.push_back(json::object{
            {"id", event.id},
            {"delivery_id", OrNull(event.delivery_id)},
            {"type", event.type},
            {"action", OrNull(event.action)},
            {"repository", OrNull(event.repository)},
            {"status", event.status},
            {"note", OrNull(event.note)},
            {"error", OrNull(event.error)},
            {"received_at", core::FormatUtcMillis(event.received_at_ms)},
            {"processed_at", event.processed_at_ms
                                 ? json::value(core::FormatUtcMillis(*event.processed_at_ms))
                                 : json::value(nullptr)},
            {"job", RenderJob(event.job)}});
    }
    json::object body{{"events", std::move(events)}};
    body["next_cursor"] = page.next_before_id ? json::value(EncodePageCursor(*page.next_before_id))
                                              : json::value(nullptr);
    return json::serialize(body);
}

}  // namespace nectr::api
