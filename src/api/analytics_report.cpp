#include "api/analytics_report.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <map>

#include "api/review_summary.hpp"
#include "core/time_format.hpp"

namespace nectr::api {
namespace {

namespace json = boost::json;

constexpr std::string_view kVerdictOrder[] = {"APPROVE", "REQUEST_CHANGES", "NEEDS_DISCUSSION"};

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
    const std::int64_t q = a / b;
    return (a % b != 0 && a < 0) ? q - 1 : q;
}

double Dollars(std::int64_t micros) { return static_cast<double>(micros) / 1e6; }

std::string DateOf(std::int64_t day) { return core::FormatUtcMillis(day * kDayMs).substr(0, 10); }

json::object RenderVerdicts(const std::vector<NamedCount>& verdicts) {
    std::map<std::string, std::int64_t> counts;
    for (const NamedCount& verdict : verdicts) {
        counts[verdict.name] += verdict.count;
    }
    json::object out;
    for (const std::string_view name : kVerdictOrder) {
        const auto found = counts.find(std::string(name));
        out[name] = found == counts.end() ? 0 : found->second;
        if (found != counts.end()) {
            counts.erase(found);
        }
    }
    for (const auto& [name, count] : counts) {
        out[name] = count;
    }
    return out;
}

json::array RenderDays(const std::vector<DayFigures>& days) {
    json::array out;
    out.reserve(days.size());
    for (const DayFigures& day : days) {
        out.push_back(json::object{{"date", DateOf(day.day)},
                                   {"reviews", day.reviews},
                                   {"posted", day.posted},
                                   {"input_tokens", day.input_tokens},
                                   {"output_tokens", day.output_tokens},
                                   {"cost_usd", Dollars(day.cost_micros)}});
    }
    return out;
}

json::object RenderSeverities(const std::vector<NamedCount>& severities, std::int64_t posted) {
    json::object out;
    for (const std::string_view name : kSeverities) {
        std::int64_t total = 0;
        for (const NamedCount& severity : severities) {
            total += severity.name == name ? severity.count : 0;
        }
        const double per_review =
            posted == 0
                ? 0.0
                : std::round(static_cast<double>(total) * 100.0 / static_cast<double>(posted)) /
                      100.0;
        out[name] = json::object{{"total", total}, {"per_review", per_review}};
    }
    return out;
}

json::array RenderAuthors(const std::vector<AuthorFigures>& authors) {
    json::array out;
    for (const AuthorFigures& author : TopAuthors(authors, kTopAuthors)) {
        out.push_back(json::object{
            {"author", author.author}, {"prs", author.prs}, {"reviews", author.reviews}});
    }
    return out;
}

}  // namespace

std::optional<std::int64_t> MedianOf(std::vector<std::int64_t> values) {
    if (values.empty()) {
        return std::nullopt;
    }
    std::sort(values.begin(), values.end());
    const std::size_t middle = values.size() / 2;
    if (values.size() % 2 == 1) {
        return values[middle];
    }
    const std::int64_t low = values[middle - 1];
    const std::int64_t high = values[middle];
    return low + (high - low) / 2;
}

std::vector<AuthorFigures> TopAuthors(std::vector<AuthorFigures> authors, std::size_t count) {
    std::sort(authors.begin(), authors.end(), [](const AuthorFigures& a, const AuthorFigures& b) {
        if (a.prs != b.prs) {
            return a.prs > b.prs;
        }
        if (a.reviews != b.reviews) {
            return a.reviews > b.reviews;
        }
        return a.author < b.author;
    });
    if (authors.size() > count) {
        authors.resize(count);
    }
    return authors;
}

std::vector<DayFigures> FillDays(const std::vector<DayFigures>& days, std::int64_t since_ms,
                                 std::int64_t now_ms) {
    std::map<std::int64_t, DayFigures> by_day;
    for (const DayFigures& day : days) {
        by_day[day.day] = day;
    }
    const std::int64_t today = FloorDiv(now_ms, kDayMs);
    std::int64_t first = FloorDiv(since_ms, kDayMs);
    std::int64_t last = today;
    if (!by_day.empty()) {
        last = std::max(last, by_day.rbegin()->first);
    }
    if (today - first > kMaxFilledDays) {
        if (by_day.empty()) {
            return {};
        }
        first = by_day.begin()->first;
    }
    std::vector<DayFigures> out;
    for (std::int64_t day = first; day <= last; ++day) {
        const auto found = by_day.find(day);
        out.push_back(found == by_day.end() ? DayFigures{day, 0, 0, 0, 0, 0} : found->second);
    }
    return out;
}

std::string RenderAnalytics(const AnalyticsQuery& query, const AnalyticsData& data) {
    std::int64_t reviews = 0;
    std::int64_t posted = 0;
    std::int64_t input_tokens = 0;
    std::int64_t output_tokens = 0;
    std::int64_t cost_micros = 0;
    for (const DayFigures& day : data.days) {
        reviews += day.reviews;
        posted += day.posted;
        input_tokens += day.input_tokens;
        output_tokens += day.output_tokens;
        cost_micros += day.cost_micros;
    }
    const std::optional<std::int64_t> median = MedianOf(data.posting_delays_ms);
    json::object body{
        {"repo", query.repository.empty() ? json::value(nullptr) : json::value(query.repository)},
        {"since", core::FormatUtcMillis(query.since_ms)},
        {"until", core::FormatUtcMillis(query.now_ms)},
        {"prs_reviewed", data.prs_reviewed},
        {"reviews", reviews},
        {"posted_reviews", posted},
        {"verdicts", RenderVerdicts(data.verdicts)},
        {"top_authors", RenderAuthors(data.authors)},
        {"per_day", RenderDays(FillDays(data.days, query.since_ms, query.now_ms))},
        {"time_to_review_ms",
         json::object{{"median", median ? json::value(*median) : json::value(nullptr)},
                      {"samples", static_cast<std::int64_t>(data.posting_delays_ms.size())}}},
        {"comments_by_severity", RenderSeverities(data.severities, posted)},
        {"input_tokens", input_tokens},
        {"output_tokens", output_tokens},
        {"cost_usd", Dollars(cost_micros)}};
    return json::serialize(body);
}

}  // namespace nectr::api
