#include "github/request_bodies.hpp"

#include <fmt/core.h>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace nectr::github {
namespace {

namespace json = boost::json;
using core::Errc;

bool IsSide(std::string_view side) { return side == kSideLeft || side == kSideRight; }

core::Result<json::object> CommentObject(const NewReviewComment& comment, std::size_t index) {
    auto invalid = [&](std::string_view why) {
        return core::MakeError(Errc::kInvalidInput,
                               fmt::format("review comment {} ({}:{}): {}", index + 1, comment.path,
                                           comment.line, why));
    };
    if (comment.path.empty() || comment.body.empty()) {
        return invalid("needs a path and a body");
    }
    if (comment.line < 1) {
        return invalid("line must be 1 or more");
    }
    if (!IsSide(comment.side)) {
        return invalid(fmt::format("side must be LEFT or RIGHT, not '{}'", comment.side));
    }
    json::object object;
    object["path"] = comment.path;
    object["line"] = comment.line;
    object["side"] = comment.side;
    if (comment.start_side && !comment.start_line) {
        return invalid("start_side needs a start_line");
    }
    if (comment.start_line) {
        const std::string start_side = comment.start_side.value_or(comment.side);
        if (!IsSide(start_side)) {
            return invalid(fmt::format("start_side must be LEFT or RIGHT, not '{}'", start_side));
        }
        if (*comment.start_line < 1 ||
            (start_side == comment.side && *comment.start_line >= comment.line)) {
            return invalid("start_line must come before line");
        }
        object["start_line"] = *comment.start_line;
        object["start_side"] = start_side;
    }
    object["body"] = comment.body;
    return object;
}

}  // namespace

core::Result<std::string> ReviewRequestBody(const NewReview& review) {
    json::object object;
    if (!review.commit_id.empty()) {
        object["commit_id"] = review.commit_id;
    }
    object["body"] = review.body;
    object["event"] = review.event;
    json::array comments;
    for (std::size_t i = 0; i < review.comments.size(); ++i) {
        auto comment = CommentObject(review.comments[i], i);
        if (!comment) {
            return comment.error();
        }
        comments.push_back(std::move(*comment));
    }
    object["comments"] = std::move(comments);
    return json::serialize(object);
}

std::string IssueCommentRequestBody(std::string_view body) {
    json::object object;
    object["body"] = body;
    return json::serialize(object);
}

std::string ReactionRequestBody(std::string_view content) {
    json::object object;
    object["content"] = content;
    return json::serialize(object);
}

core::Result<std::string> WebhookRequestBody(const WebhookSpec& spec, bool for_create) {
    if (spec.url.empty() || spec.events.empty()) {
        return core::MakeError(Errc::kInvalidInput, "a webhook needs a URL and at least one event");
    }
    json::object config;
    config["url"] = spec.url;
    config["content_type"] = spec.content_type;
    config["insecure_ssl"] = spec.insecure_ssl ? "1" : "0";
    if (!spec.secret.empty()) {
        config["secret"] = spec.secret;
    }
    json::object object;
    if (for_create) {
        object["name"] = "web";
    }
    object["config"] = std::move(config);
    json::array events;
    for (const std::string& event : spec.events) {
        events.emplace_back(event);
    }
    object["events"] = std::move(events);
    object["active"] = spec.active;
    return json::serialize(object);
}

core::Result<std::string> AddWebhookEventsBody(const std::vector<std::string>& events) {
    if (events.empty()) {
        return core::MakeError(Errc::kInvalidInput, "no webhook events to add");
    }
    json::array added;
    for (const std::string& event : events) {
        added.emplace_back(event);
    }
    return json::serialize(json::object{{"add_events", std::move(added)}});
}

}  // namespace nectr::github
