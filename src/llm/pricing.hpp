#pragma once

// Estimated cost of a model call from its token counts. Prices are list prices in USD per
// million tokens; they change, so the table is a best guess that configuration can override.
#include <optional>
#include <string>
#include <string_view>

#include "llm/message.hpp"

namespace nectr::llm {

struct Price {
    double input_per_mtok = 0;
    double output_per_mtok = 0;
    double cache_read_per_mtok = 0;
    double cache_write_per_mtok = 0;
};

// LLM_PRICE_INPUT_PER_MTOK / LLM_PRICE_OUTPUT_PER_MTOK: for a model the table does not know,
// or to correct it. Cache rates stay the table's; for a model the table does not know, cache
// reads and writes are priced as input.
struct PriceOverride {
    std::optional<double> input_per_mtok;
    std::optional<double> output_per_mtok;

    bool Any() const { return input_per_mtok.has_value() || output_per_mtok.has_value(); }
};

// The list price of a well-known Claude or OpenAI model. Names match a table entry exactly or
// followed by a release suffix ("-20250929", "-2024-08-06", "-latest", "@20250929"); a router
// prefix ("anthropic/", "openai/") is ignored and "claude-sonnet-4.5" reads as
// "claude-sonnet-4-5". A name that only starts like a known one ("claude-opus-4-9") is not
// guessed at: nullopt, as for local models.
std::optional<Price> LookupPrice(std::string_view model);

// The table's price with the override applied; nullopt when neither knows the model.
std::optional<Price> ResolvePrice(std::string_view model, const PriceOverride& override_price);

// USD for the usage at the price.
double EstimateCostUsd(const Usage& usage, const Price& price);

}  // namespace nectr::llm
