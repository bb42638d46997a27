#include "api/analytics_query.hpp"

#include <charconv>
#include <chrono>
#include <span>

#include "api/query_params.hpp"
#include "api/row_fields.hpp"
#include "store/sql.hpp"

namespace nectr::api {
namespace {

core::Error BadSince() {
    return BadParameter(
        "since must be a date (2024-05-01), a UTC time (2024-05-01T12:30:00Z) or Unix "
        "milliseconds");
}

// The number `text[at, at + width)` spells, or -1 when it is not all digits.
int DigitsAt(std::string_view text, std::size_t at, std::size_t width) {
    if (at + width > text.size()) {
        return -1;
    }
    int value = 0;
    for (std::size_t i = at; i < at + width; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return -1;
        }
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

// "YYYY-MM-DD" at the start of `text`, as days since the Unix epoch.
std::optional<std::int64_t> DateDays(std::string_view text) {
    const int year = DigitsAt(text, 0, 4);
    const int month = DigitsAt(text, 5, 2);
    const int day = DigitsAt(text, 8, 2);
    if (year < 0 || month < 0 || day < 0 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    const std::chrono::year_month_day date{std::chrono::year(year),
                                           std::chrono::month(static_cast<unsigned>(month)),
                                           std::chrono::day(static_cast<unsigned>(day))};
    if (!date.ok()) {
        return std::nullopt;
    }
    return std::chrono::sys_days(date).time_since_epoch().count();
}

// "THH:MM:SS[.f{1,3}]Z" as milliseconds into the day.
std::optional<std::int64_t> TimeOfDayMs(std::string_view text) {
    const int hour = DigitsAt(text, 1, 2);
    const int minute = DigitsAt(text, 4, 2);
    const int second = DigitsAt(text, 7, 2);
    if (text.size() < 10 || text[0] != 'T' || text[3] != ':' || text[6] != ':' || hour < 0 ||
        hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || text.back() != 'Z') {
        return std::nullopt;
    }
    std::string_view fraction = text.substr(9, text.size() - 10);
    std::int64_t millis = 0;
    if (!fraction.empty()) {
        const int digits = DigitsAt(fraction, 1, fraction.size() - 1);
        if (fraction[0] != '.' || fraction.size() < 2 || fraction.size() > 4 || digits < 0) {
            return std::nullopt;
        }
        millis = digits;
        for (std::size_t i = fraction.size() - 1; i < 3; ++i) {
            millis *= 10;
        }
    }
    return ((hour * 60 + minute) * 60 + second) * std::int64_t{1000} + millis;
}

std::vector<NamedCount> NamedCounts(const store::Rows& rows, std::string_view name_column,
                                    std::string_view count_column) {
    std::vector<NamedCount> out;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        out.push_back(
            {TextAt(rows, i, name_column).value_or(""), IntAt(rows, i, count_column).value_or(0)});
    }
    return out;
}

// The days and the number of pull requests reviewed.
core::Result<void> ReadTotals(store::Connection& db, std::span<const store::Value> scope,
                              AnalyticsData& data) {
    core::Result<store::Rows> days = db.Execute(store::sql::kAnalyticsDays, scope);
    if (!days) {
        return days.error();
    }
    for (std::size_t i = 0; i < days->size(); ++i) {
        data.days.push_back(
            {IntAt(*days, i, "day").value_or(0), IntAt(*days, i, "reviews").value_or(0),
             IntAt(*days, i, "posted").value_or(0), IntAt(*days, i, "input_tokens").value_or(0),
             IntAt(*days, i, "output_tokens").value_or(0),
             IntAt(*days, i, "cost_micros").value_or(0)});
    }
    core::Result<store::Rows> prs = db.Execute(store::sql::kAnalyticsPrsReviewed, scope);
    if (!prs) {
        return prs.error();
    }
    data.prs_reviewed = prs->empty() ? 0 : IntAt(*prs, 0, "prs").value_or(0);
    return {};
}

// Verdicts, authors, posting delays and comment severities.
core::Result<void> ReadBreakdowns(store::Connection& db, std::span<const store::Value> scope,
                                  AnalyticsData& data) {
    core::Result<store::Rows> verdicts = db.Execute(store::sql::kAnalyticsVerdicts, scope);
    if (!verdicts) {
        return verdicts.error();
    }
    data.verdicts = NamedCounts(*verdicts, "verdict", "reviews");
    core::Result<store::Rows> authors = db.Execute(store::sql::kAnalyticsAuthors, scope);
    if (!authors) {
        return authors.error();
    }
    for (std::size_t i = 0; i < authors->size(); ++i) {
        data.authors.push_back({TextAt(*authors, i, "pr_author").value_or(""),
                                IntAt(*authors, i, "prs").value_or(0),
                                IntAt(*authors, i, "reviews").value_or(0)});
    }
    core::Result<store::Rows> delays = db.Execute(store::sql::kAnalyticsPostingDelays, scope);
    if (!delays) {
        return delays.error();
    }
    for (std::size_t i = 0; i < delays->size(); ++i) {
        if (const std::optional<std::int64_t> delay = IntAt(*delays, i, "delay_ms")) {
            data.posting_delays_ms.push_back(*delay);
        }
    }
    core::Result<store::Rows> severities = db.Execute(store::sql::kAnalyticsSeverities, scope);
    if (!severities) {
        return severities.error();
    }
    data.severities = NamedCounts(*severities, "severity", "comments");
    return {};
}

}  // namespace

core::Result<std::int64_t> ParseSince(std::string_view text) {
    if (!text.empty() && text.size() <= 16 &&
        text.find_first_not_of("0123456789") == std::string_view::npos) {
        std::int64_t ms = 0;
        std::from_chars(text.data(), text.data() + text.size(), ms);
        return ms;
    }
    if (text.size() < 10) {
        return BadSince();
    }
    const std::optional<std::int64_t> days = DateDays(text);
    if (!days) {
        return BadSince();
    }
    std::int64_t ms = *days * kDayMs;
    if (text.size() > 10) {
        const std::optional<std::int64_t> time = TimeOfDayMs(text.substr(10));
        if (!time) {
            return BadSince();
        }
        ms += *time;
    }
    return ms;
}

core::Result<AnalyticsQuery> ParseAnalyticsQuery(const http::Request& request,
                                                 std::int64_t now_ms) {
    AnalyticsQuery query;
    query.now_ms = now_ms;
    core::Result<std::string> repo = ParseRepositoryParam(request);
    if (!repo) {
        return repo.error();
    }
    query.repository = std::move(*repo);
    query.since_ms = now_ms - kDefaultAnalyticsDays * kDayMs;
    if (std::optional<std::string> since = NonEmptyParam(request, "since")) {
        core::Result<std::int64_t> parsed = ParseSince(*since);
        if (!parsed) {
            return parsed.error();
        }
        query.since_ms = *parsed;
    }
    return query;
}

core::Result<AnalyticsData> LoadAnalytics(store::Database& database, std::int64_t user_id,
                                          const AnalyticsQuery& query) {
    core::Result<store::PooledConnection> connection = database.Acquire();
    if (!connection) {
        return connection.error();
    }
    store::Connection& db = **connection;
    if (!query.repository.empty()) {
        const store::Value reach[] = {user_id, query.repository};
        core::Result<store::Rows> rows = db.Execute(store::sql::kAccessRepositoryReachable, reach);
        if (!rows) {
            return rows.error();
        }
        if (rows->empty()) {
            return core::MakeError(core::Errc::kNotFound, "repository not found");
        }
    }
    const store::Value scope[] = {user_id, query.repository, query.since_ms};
    AnalyticsData data;
    if (core::Result<void> read = ReadTotals(db, scope, data); !read) {
        return read.error();
    }
    if (core::Result<void> read = ReadBreakdowns(db, scope, data); !read) {
        return read.error();
    }
    return data;
}

}  // namespace nectr::api
