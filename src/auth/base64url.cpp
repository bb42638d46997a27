#include "auth/base64url.hpp"

#include <array>
#include <cstdint>

namespace nectr::auth {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

constexpr std::array<std::int8_t, 256> MakeDecodeTable() {
    std::array<std::int8_t, 256> table{};
    table.fill(-1);
    for (std::size_t i = 0; i < kAlphabet.size(); ++i) {
        table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::int8_t>(i);
    }
    return table;
}

constexpr std::array<std::int8_t, 256> kDecode = MakeDecodeTable();

// Strips the padding that `padding` demands; nullopt when it is not there as it must be.
std::optional<std::string_view> StripPadding(std::string_view text, Base64Padding padding) {
    if (padding == Base64Padding::kWithout) {
        return text.size() % 4 == 1 ? std::nullopt : std::optional(text);
    }
    if (text.size() % 4 != 0) {
        return std::nullopt;
    }
    std::size_t pads = 0;
    while (pads < 2 && pads < text.size() && text[text.size() - 1 - pads] == '=') {
        ++pads;
    }
    // The length was a multiple of 4, so what is left ends in 2 or 3 data characters as
    // the padding says; a third '=' is left in place and fails the alphabet.
    text.remove_suffix(pads);
    return text;
}

}  // namespace

std::string EncodeBase64Url(std::string_view bytes, Base64Padding padding) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const std::uint32_t n = (static_cast<unsigned char>(bytes[i]) << 16U) |
                                (static_cast<unsigned char>(bytes[i + 1]) << 8U) |
                                static_cast<unsigned char>(bytes[i + 2]);
        out += kAlphabet[(n >> 18U) & 63U];
        out += kAlphabet[(n >> 12U) & 63U];
        out += kAlphabet[(n >> 6U) & 63U];
        out += kAlphabet[n & 63U];
    }
    const std::size_t rest = bytes.size() - i;
    if (rest == 0) {
        return out;
    }
    std::uint32_t n = static_cast<unsigned char>(bytes[i]) << 16U;
    if (rest == 2) {
        n |= static_cast<unsigned char>(bytes[i + 1]) << 8U;
    }
    out += kAlphabet[(n >> 18U) & 63U];
    out += kAlphabet[(n >> 12U) & 63U];
    if (rest == 2) {
        out += kAlphabet[(n >> 6U) & 63U];
    }
    if (padding == Base64Padding::kWith) {
        out.append(3 - rest, '=');
    }
    return out;
}

std::optional<std::string> DecodeBase64Url(std::string_view text, Base64Padding padding) {
    const auto data = StripPadding(text, padding);
    if (!data || data->size() % 4 == 1) {
        return std::nullopt;
    }
    std::string out;
    out.reserve(data->size() / 4 * 3 + 2);
    std::uint32_t bits = 0;
    int bit_count = 0;
    for (const char c : *data) {
        const std::int8_t value = kDecode[static_cast<unsigned char>(c)];
        if (value < 0) {
            return std::nullopt;
        }
        bits = (bits << 6U) | static_cast<std::uint32_t>(value);
        bit_count += 6;
        if (bit_count >= 8) {
            bit_count -= 8;
            out += static_cast<char>((bits >> static_cast<unsigned>(bit_count)) & 0xFFU);
        }
    }
    // Leftover bits must be zero: otherwise two texts would decode to the same bytes.
    if ((bits & ((1U << static_cast<unsigned>(bit_count)) - 1U)) != 0) {
        return std::nullopt;
    }
    return out;
}

}  // namespace nectr::auth
