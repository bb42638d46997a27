#pragma once

// Digging the JSON object out of a model's answer. Asked for JSON, models still wrap it: in
// ```json fences, after a sentence of prose, before a closing remark.
#include <boost/json/object.hpp>
#include <optional>
#include <string_view>

#include "core/error.hpp"

namespace nectr::llm {

// The text of the first JSON object found in `text`, tried in this order: the whole text
// (trimmed), the body of each ``` fence (with or without a language tag), then each
// balanced {...} span from left to right. Only spans that parse as an object count, so
// "{placeholder}" in prose is skipped. nullopt when there is none.
std::optional<std::string_view> FindJsonObject(std::string_view text);

// FindJsonObject, parsed. kUpstream ("no JSON object in the model's answer") when there is
// none: the model did not do what it was asked.
core::Result<boost::json::object> ExtractJsonObject(std::string_view text);

}  // namespace nectr::llm
