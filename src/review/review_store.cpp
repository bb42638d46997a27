#include "review/review_store.hpp"

#include <boost/json.hpp>

#include "store/sql.hpp"

namespace nectr::review {

namespace json = boost::json;
using store::Value;

namespace {

std::string DetailsJson(const ReviewReport& report) {
    json::array skipped;
    for (const auto& file : report.skipped) {
        skipped.push_back(json::object{{"path", file.path}, {"reason", file.reason}});
    }
    json::array not_covered(report.not_covered.begin(), report.not_covered.end());
    json::array notes(report.notes.begin(), report.notes.end());
    json::array repairs(report.output.repairs.begin(), report.output.repairs.end());
    json::array findings;
    for (const auto& finding : report.findings) {
        findings.push_back(json::object{{"rule", finding.rule},
                                        {"severity", analyzers::SeverityName(finding.severity)},
                                        {"path", finding.path},
                                        {"line", finding.line},
                                        {"message", finding.message}});
    }
    json::array walkthrough;
    for (const auto& file : report.output.walkthrough) {
        walkthrough.push_back(json::object{{"path", file.path}, {"summary", file.summary}});
    }
    return json::serialize(json::object{{"skipped", std::move(skipped)},
                                        {"not_covered", std::move(not_covered)},
                                        {"notes", std::move(notes)},
                                        {"repairs", std::move(repairs)},
                                        {"findings", std::move(findings)},
                                        {"walkthrough", std::move(walkthrough)}});
}

Value OptionalText(const std::optional<std::string>& text) {
    return text ? Value(*text) : store::Null();
}

}  // namespace

ReviewStore::ReviewStore(store::Database& database, const core::Clock& clock)
    : database_(database), clock_(clock) {}

core::Result<std::int64_t> ReviewStore::Begin(const ChangeInfo& change,
                                              std::optional<std::int64_t> event_id,
                                              const std::string& incremental_from) {
    const Value params[] = {change.repo_full_name,
                            change.number,
                            change.head_sha,
                            event_id ? Value(*event_id) : store::Null(),
                            core::ToUnixMillis(clock_.Now()),
                            incremental_from.empty() ? store::Null() : Value(incremental_from),
                            change.author.empty() ? store::Null() : Value(change.author),
                            change.title.empty() ? store::Null() : Value(change.title)};
    auto rows = store::Execute(database_, store::sql::kReviewsInsert, params);
    if (!rows) {
        return rows.error();
    }
    auto id = rows->empty() ? std::nullopt : store::AsInt(rows->rows[0][0]);
    if (!id) {
        return core::MakeError(core::Errc::kInternal, "inserting a review returned no id");
    }
    return *id;
}

core::Result<void> ReviewStore::SaveResult(std::int64_t review_id, const ReviewReport& report,
                                           const PostableReview& postable,
                                           std::string_view provider) {
    const std::int64_t now = core::ToUnixMillis(clock_.Now());
    return store::InTransaction(
        database_, [&](store::Connection& connection) -> core::Result<void> {
            const Value update[] = {review_id,
                                    std::string("ready"),
                                    std::string(VerdictName(report.output.verdict)),
                                    report.output.summary,
                                    postable.body,
                                    report.model.empty() ? store::Null() : Value(report.model),
                                    provider.empty() ? store::Null() : Value(std::string(provider)),
                                    report.usage.input_tokens,
                                    report.usage.output_tokens,
                                    report.usage.cost_usd,
                                    static_cast<std::int64_t>(report.duration.count()),
                                    static_cast<std::int64_t>(report.parts),
                                    postable.event,
                                    DetailsJson(report),
                                    store::Null(),
                                    now};
            auto updated = connection.Execute(store::sql::kReviewsFinish, update);
            if (!updated) {
                return updated.error();
            }
            const auto& comments = report.output.comments;
            for (std::size_t i = 0; i < comments.size(); ++i) {
                const auto& comment = comments[i];
                const bool inline_posted =
                    i < postable.posted_inline.size() && postable.posted_inline[i];
                const Value row[] = {review_id,
                                     comment.path,
                                     static_cast<std::int64_t>(comment.line),
                                     comment.start_line
                                         ? Value(static_cast<std::int64_t>(*comment.start_line))
                                         : store::Null(),
                                     std::string(comment.side == Side::kLeft ? "LEFT" : "RIGHT"),
                                     std::string(analyzers::SeverityName(comment.severity)),
                                     comment.category,
                                     comment.body,
                                     OptionalText(comment.suggestion),
                                     static_cast<std::int64_t>(inline_posted ? 1 : 0),
                                     comment.source,
                                     now};
                auto inserted = connection.Execute(store::sql::kReviewsInsertComment, row);
                if (!inserted) {
                    return inserted.error();
                }
            }
            return {};
        });
}

core::Result<void> ReviewStore::RecordModelCall(std::int64_t review_id, std::string_view provider,
                                                const llm::CallRecord& call) {
    const Value params[] = {review_id,
                            std::string(provider),
                            call.model,
                            call.usage.TotalInputTokens(),
                            call.usage.output_tokens,
                            call.cost_usd,
                            static_cast<std::int64_t>(call.latency.count()),
                            std::string(llm::StopReasonName(call.stop_reason)),
                            core::ToUnixMillis(clock_.Now())};
    auto done = store::Execute(database_, store::sql::kReviewsInsertLlmCall, params);
    if (!done) {
        return done.error();
    }
    return {};
}

core::Result<void> ReviewStore::RecordContextSource(std::int64_t review_id, std::string_view name,
                                                    std::string_view status, std::int64_t items,
                                                    std::string_view detail) {
    const Value params[] = {review_id, std::string(name),   std::string(status),
                            items,     std::string(detail), core::ToUnixMillis(clock_.Now())};
    auto done = store::Execute(database_, store::sql::kReviewsInsertContextSource, params);
    if (!done) {
        return done.error();
    }
    return {};
}

core::Result<void> ReviewStore::MarkPosted(std::int64_t review_id, std::int64_t github_review_id) {
    const Value params[] = {review_id, github_review_id, core::ToUnixMillis(clock_.Now())};
    auto done = store::Execute(database_, store::sql::kReviewsMarkPosted, params);
    if (!done) {
        return done.error();
    }
    return {};
}

core::Result<void> ReviewStore::MarkFailed(std::int64_t review_id, std::string_view reason) {
    const Value params[] = {review_id, std::string(reason), core::ToUnixMillis(clock_.Now())};
    auto done = store::Execute(database_, store::sql::kReviewsFail, params);
    if (!done) {
        return done.error();
    }
    return {};
}

core::Result<void> ReviewStore::MarkSkipped(std::int64_t review_id, std::string_view reason) {
    const Value params[] = {review_id, std::string(reason), core::ToUnixMillis(clock_.Now())};
    auto done = store::Execute(database_, store::sql::kReviewsSkip, params);
    if (!done) {
        return done.error();
    }
    return {};
}

core::Result<std::optional<PreviousReview>> ReviewStore::LastPosted(std::string_view repo_full_name,
                                                                    std::int64_t pr_number) {
    const Value params[] = {std::string(repo_full_name), pr_number};
    auto rows = store::Execute(database_, store::sql::kReviewsLastPosted, params);
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return std::optional<PreviousReview>();
    }
    PreviousReview previous;
    previous.id = store::AsInt(rows->rows[0][0]).value_or(0);
    previous.head_sha = store::AsText(rows->rows[0][1]).value_or("");
    const Value id_param[] = {previous.id};
    auto comments = store::Execute(database_, store::sql::kReviewsCommentsOf, id_param);
    if (!comments) {
        return comments.error();
    }
    for (const auto& row : comments->rows) {
        previous.comments.push_back(EarlierComment{
            store::AsText(row[0]).value_or(""), static_cast<int>(store::AsInt(row[1]).value_or(0)),
            store::AsText(row[2]).value_or(""), store::AsText(row[3]).value_or("")});
    }
    return std::optional<PreviousReview>(std::move(previous));
}

}  // namespace nectr::review
