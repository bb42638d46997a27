#include "api/page_cursor.hpp"

#include <array>
#include <charconv>

namespace nectr::api {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// The 6-bit value of a base64url character, or -1.
int SextetOf(char c) {
    const std::size_t at = kAlphabet.find(c);
    return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

core::Error NotACursor() {
    return core::MakeError(core::Errc::kInvalidInput,
                           "cursor is not one this API issued: pass next_cursor as it came");
}

}  // namespace

std::string EncodePageCursor(std::int64_t last_id) {
    const std::string plain = std::to_string(last_id);
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (const char c : plain) {
        buffer = (buffer << 8) | static_cast<unsigned char>(c);
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out.push_back(kAlphabet[(buffer >> bits) & 0x3F]);
        }
    }
    if (bits > 0) {
        out.push_back(kAlphabet[(buffer << (6 - bits)) & 0x3F]);
    }
    return out;
}

core::Result<std::int64_t> DecodePageCursor(std::string_view cursor) {
    // 19 digits hold any positive int64, and take 26 characters.
    if (cursor.empty() || cursor.size() > 26) {
        return NotACursor();
    }
    std::string plain;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (const char c : cursor) {
        const int sextet = SextetOf(c);
        if (sextet < 0) {
            return NotACursor();
        }
        buffer = (buffer << 6) | static_cast<std::uint32_t>(sextet);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            plain.push_back(static_cast<char>((buffer >> bits) & 0xFF));
        }
    }
    // Leftover bits must be the zero padding the encoder writes, or the text was altered.
    if ((buffer & ((1U << bits) - 1)) != 0) {
        return NotACursor();
    }
    std::int64_t id = 0;
    const char* end = plain.data() + plain.size();
    auto [ptr, ec] = std::from_chars(plain.data(), end, id);
    if (ec != std::errc() || ptr != end || id <= 0 || plain.front() == '0') {
        return NotACursor();
    }
    return id;
}

}  // namespace nectr::api
