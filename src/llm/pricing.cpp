#include "llm/pricing.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace nectr::llm {

namespace {

struct PriceEntry {
    std::string_view model;
    Price price;
};

// List prices (USD per million tokens: input, output, cache read, cache write) as published
// by Anthropic and OpenAI in 2025-2026. Anthropic's cache write is the 5-minute rate; OpenAI
// has no write surcharge, so its cache write is the input rate.
constexpr std::array kPriceTable = {
    PriceEntry{"claude-opus-4-6", {5.00, 25.00, 0.50, 6.25}},
    PriceEntry{"claude-opus-4-5", {5.00, 25.00, 0.50, 6.25}},
    PriceEntry{"claude-opus-4-1", {15.00, 75.00, 1.50, 18.75}},
    PriceEntry{"claude-opus-4", {15.00, 75.00, 1.50, 18.75}},
    PriceEntry{"claude-opus-4-0", {15.00, 75.00, 1.50, 18.75}},
    PriceEntry{"claude-sonnet-4-6", {3.00, 15.00, 0.30, 3.75}},
    PriceEntry{"claude-sonnet-4-5", {3.00, 15.00, 0.30, 3.75}},
    PriceEntry{"claude-sonnet-4", {3.00, 15.00, 0.30, 3.75}},
    PriceEntry{"claude-sonnet-4-0", {3.00, 15.00, 0.30, 3.75}},
    PriceEntry{"claude-3-7-sonnet", {3.00, 15.00, 0.30, 3.75}},
    PriceEntry{"claude-3-5-sonnet", {3.00, 15.00, 0.30, 3.75}},
    PriceEntry{"claude-haiku-4-5", {1.00, 5.00, 0.10, 1.25}},
    PriceEntry{"claude-3-5-haiku", {0.80, 4.00, 0.08, 1.00}},
    PriceEntry{"claude-3-opus", {15.00, 75.00, 1.50, 18.75}},
    PriceEntry{"claude-3-haiku", {0.25, 1.25, 0.03, 0.30}},
    PriceEntry{"gpt-5", {1.25, 10.00, 0.125, 1.25}},
    PriceEntry{"gpt-5-mini", {0.25, 2.00, 0.025, 0.25}},
    PriceEntry{"gpt-5-nano", {0.05, 0.40, 0.005, 0.05}},
    PriceEntry{"gpt-4.1", {2.00, 8.00, 0.50, 2.00}},
    PriceEntry{"gpt-4.1-mini", {0.40, 1.60, 0.10, 0.40}},
    PriceEntry{"gpt-4.1-nano", {0.10, 0.40, 0.025, 0.10}},
    PriceEntry{"gpt-4o", {2.50, 10.00, 1.25, 2.50}},
    PriceEntry{"chatgpt-4o", {5.00, 15.00, 5.00, 5.00}},
    PriceEntry{"gpt-4o-mini", {0.15, 0.60, 0.075, 0.15}},
    PriceEntry{"o3", {2.00, 8.00, 0.50, 2.00}},
    PriceEntry{"o3-mini", {1.10, 4.40, 0.55, 1.10}},
    PriceEntry{"o4-mini", {1.10, 4.40, 0.275, 1.10}},
    PriceEntry{"o1", {15.00, 60.00, 7.50, 15.00}},
};

bool AllDigits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) != 0;
    });
}

// What may follow a table name: nothing, or a release tag.
bool IsReleaseSuffix(std::string_view rest) {
    if (rest.empty() || rest == "-latest" || rest.starts_with('@')) {
        return true;
    }
    if (!rest.starts_with('-')) {
        return false;
    }
    rest.remove_prefix(1);
    if (rest.size() == 8 && AllDigits(rest)) {
        return true;  // -20250929
    }
    // -2024-08-06
    return rest.size() == 10 && rest[4] == '-' && rest[7] == '-' && AllDigits(rest.substr(0, 4)) &&
           AllDigits(rest.substr(5, 2)) && AllDigits(rest.substr(8, 2));
}

std::string Normalize(std::string_view model) {
    if (auto slash = model.rfind('/'); slash != std::string_view::npos) {
        model.remove_prefix(slash + 1);
    }
    std::string name(model);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (name.starts_with("claude-")) {
        // Routers spell versions with dots; Anthropic's ids use dashes. Only the part before
        // an "@" release tag is a version.
        auto end = std::min(name.find('@'), name.size());
        std::replace(name.begin(), name.begin() + static_cast<std::ptrdiff_t>(end), '.', '-');
    }
    return name;
}

}  // namespace

std::optional<Price> LookupPrice(std::string_view model) {
    const std::string name = Normalize(model);
    const PriceEntry* best = nullptr;
    for (const auto& entry : kPriceTable) {
        if (!name.starts_with(entry.model) ||
            !IsReleaseSuffix(std::string_view(name).substr(entry.model.size()))) {
            continue;
        }
        if (best == nullptr || entry.model.size() > best->model.size()) {
            best = &entry;
        }
    }
    if (best == nullptr) {
        return std::nullopt;
    }
    return best->price;
}

std::optional<Price> ResolvePrice(std::string_view model, const PriceOverride& override_price) {
    std::optional<Price> price = LookupPrice(model);
    if (!override_price.Any()) {
        return price;
    }
    if (!price) {
        double input = override_price.input_per_mtok.value_or(0);
        price = Price{input, 0, input, input};
    }
    if (override_price.input_per_mtok) {
        price->input_per_mtok = *override_price.input_per_mtok;
    }
    if (override_price.output_per_mtok) {
        price->output_per_mtok = *override_price.output_per_mtok;
    }
    return price;
}

double EstimateCostUsd(const Usage& usage, const Price& price) {
    constexpr double kPerToken = 1.0 / 1'000'000;
    return kPerToken * (static_cast<double>(usage.input_tokens) * price.input_per_mtok +
                        static_cast<double>(usage.output_tokens) * price.output_per_mtok +
                        static_cast<double>(usage.cache_read_tokens) * price.cache_read_per_mtok +
                        static_cast<double>(usage.cache_write_tokens) * price.cache_write_per_mtok);
}

}  // namespace nectr::llm
