#pragma once

// Helpers shared by the webhook tests: GitHub's own example payloads from
// @octokit/webhooks-examples, loaded once per process, and header builders. Header-only
// because the test folder compiles only *_test.cpp files.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "webhooks/delivery.hpp"

namespace nectr::webhooks::testing {

inline std::string ExampleIndexPath() {
    return std::string(NECTR_NODE_MODULES) +
           "/@octokit/webhooks-examples/api.github.com/index.json";
}

// The parsed index: an array of {name, description, examples[]}. Throws if the file is
// missing, which fails the calling test with the path in the message.
inline const boost::json::array& ExampleIndex() {
    static const boost::json::array kIndex = [] {
        std::ifstream in(ExampleIndexPath(), std::ios::binary);
        if (!in) {
            throw std::runtime_error("cannot read " + ExampleIndexPath() +
                                     "; run npm ci in tests/node");
        }
        std::stringstream text;
        text << in.rdbuf();
        return boost::json::parse(text.str()).as_array();
    }();
    return kIndex;
}

// Every example payload GitHub documents for `event`, in the file's order.
inline std::vector<boost::json::object> ExamplesOf(std::string_view event) {
    std::vector<boost::json::object> examples;
    for (const boost::json::value& entry : ExampleIndex()) {
        const boost::json::object& group = entry.as_object();
        if (group.at("name").as_string() != event) {
            continue;
        }
        for (const boost::json::value& example : group.at("examples").as_array()) {
            examples.push_back(example.as_object());
        }
    }
    return examples;
}

// The first example of `event` whose action is `action` (empty: the first example at all).
inline boost::json::object ExampleOf(std::string_view event, std::string_view action = "") {
    for (boost::json::object& example : ExamplesOf(event)) {
        const boost::json::value* found = example.if_contains("action");
        if (action.empty() ||
            (found != nullptr && found->is_string() && found->as_string() == action)) {
            return example;
        }
    }
    throw std::runtime_error("no " + std::string(event) + " example with action " +
                             std::string(action));
}

inline DeliveryHeaders JsonHeaders(
    std::string event, std::string delivery_id = "72d3162e-cc78-11e3-81ab-4c9367dc0958") {
    DeliveryHeaders headers;
    headers.event = std::move(event);
    headers.delivery_id = std::move(delivery_id);
    headers.content_type = "application/json";
    return headers;
}

// Parses `payload` as a JSON delivery of `event`, failing the test if it does not parse.
inline Delivery MustParse(std::string event, const boost::json::object& payload) {
    auto delivery = ParseDelivery(JsonHeaders(std::move(event)), boost::json::serialize(payload));
    if (!delivery) {
        ADD_FAILURE() << "the delivery did not parse: " << delivery.error().detail;
        return Delivery{};
    }
    return std::move(*delivery);
}

}  // namespace nectr::webhooks::testing
