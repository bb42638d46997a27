#include "auth/fernet.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <limits>
#include <memory>

#include "auth/base64url.hpp"
#include "auth/primitives.hpp"

namespace nectr::auth {
namespace {

constexpr unsigned char kVersion = 0x80;
constexpr std::size_t kTimestampBytes = 8;
constexpr std::size_t kIvBytes = 16;
constexpr std::size_t kBlockBytes = 16;
constexpr std::size_t kMacBytes = 32;
constexpr std::size_t kHeaderBytes = 1 + kTimestampBytes + kIvBytes;
// The spec's maximum clock skew: a token from further in the future is refused (with a ttl).
constexpr std::int64_t kMaxClockSkewSeconds = 60;
constexpr std::size_t kKeyTextLength = 44;

struct CipherCtxDeleter {
    void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter>;

std::span<const unsigned char> SigningKey(const Key32& key) {
    return std::span(key).first(kBlockBytes);
}
const unsigned char* EncryptionKey(const Key32& key) { return key.data() + kBlockBytes; }

core::Error InvalidToken() { return core::MakeError(core::Errc::kInvalidInput, "invalid token"); }

std::string AesCbc(bool encrypt, const Key32& key, const unsigned char* iv, std::string_view in,
                   bool& ok) {
    const CipherCtx ctx(EVP_CIPHER_CTX_new());
    NECTR_ASSERT(ctx != nullptr, "a cipher context can be made");
    NECTR_ASSERT(in.size() <= static_cast<std::size_t>(std::numeric_limits<int>::max()) - 16,
                 "EVP takes int lengths");
    std::string out(in.size() + kBlockBytes, '\0');
    auto* out_bytes = reinterpret_cast<unsigned char*>(out.data());
    const auto* in_bytes = reinterpret_cast<const unsigned char*>(in.data());
    int written = 0;
    int final_written = 0;
    ok = EVP_CipherInit_ex(ctx.get(), EVP_aes_128_cbc(), nullptr, EncryptionKey(key), iv,
                           encrypt ? 1 : 0) == 1 &&
         EVP_CipherUpdate(ctx.get(), out_bytes, &written, in_bytes, static_cast<int>(in.size())) ==
             1 &&
         EVP_CipherFinal_ex(ctx.get(), out_bytes + written, &final_written) == 1;
    out.resize(ok ? static_cast<std::size_t>(written + final_written) : 0);
    return out;
}

void AppendTimestamp(std::string& out, std::int64_t seconds) {
    const auto value = static_cast<std::uint64_t>(seconds);
    for (int shift = 56; shift >= 0; shift -= 8) {
        out += static_cast<char>((value >> static_cast<unsigned>(shift)) & 0xFFU);
    }
}

std::uint64_t ReadTimestamp(std::string_view bytes) {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < kTimestampBytes; ++i) {
        value = (value << 8U) | static_cast<unsigned char>(bytes[1 + i]);
    }
    return value;
}

// The decoded bytes of a token that has the shape of version 0x80; nullopt otherwise.
std::optional<std::string> DecodeToken(std::string_view token) {
    auto raw = DecodeBase64Url(token, Base64Padding::kWith);
    if (!raw || raw->size() < kHeaderBytes + kBlockBytes + kMacBytes ||
        static_cast<unsigned char>((*raw)[0]) != kVersion ||
        (raw->size() - kHeaderBytes - kMacBytes) % kBlockBytes != 0) {
        return std::nullopt;
    }
    return raw;
}

// True when a token stamped `stamp` is acceptable at `now` for `ttl` seconds. Written so
// that no sum overflows, whatever a forged stamp or a caller's ttl holds.
bool TimestampAcceptable(std::uint64_t stamp, std::int64_t now, std::int64_t ttl) {
    constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
    if (stamp > static_cast<std::uint64_t>(kMax)) {
        return false;  // beyond any clock: from the future
    }
    const auto stamped = static_cast<std::int64_t>(stamp);
    if (stamped - kMaxClockSkewSeconds > now) {
        return false;
    }
    const bool never_too_old = ttl >= 0 && ttl > kMax - stamped;
    return never_too_old || stamped + ttl >= now;
}

}  // namespace

core::Result<Key32> ParseFernetKey(std::string_view urlsafe_base64) {
    const auto raw = urlsafe_base64.size() == kKeyTextLength
                         ? DecodeBase64Url(urlsafe_base64, Base64Padding::kWith)
                         : std::nullopt;
    Key32 key{};
    if (!raw || raw->size() != key.size()) {
        return core::MakeError(core::Errc::kInvalidInput,
                               "a Fernet key is 32 bytes in 44 characters of URL-safe base64");
    }
    std::copy(raw->begin(), raw->end(), key.begin());
    return key;
}

std::string FernetKeyToString(const Key32& key) {
    return EncodeBase64Url(std::string_view(reinterpret_cast<const char*>(key.data()), key.size()),
                           Base64Padding::kWith);
}

std::string FernetEncrypt(const Key32& key, std::string_view plaintext, std::int64_t now_seconds,
                          std::span<const unsigned char> iv) {
    NECTR_ASSERT(iv.empty() || iv.size() == kIvBytes, "a Fernet IV is 16 bytes");
    std::array<unsigned char, kIvBytes> iv_bytes{};
    if (iv.empty()) {
        FillRandom(iv_bytes);
    } else {
        std::copy(iv.begin(), iv.end(), iv_bytes.begin());
    }
    bool ok = false;
    const std::string ciphertext = AesCbc(true, key, iv_bytes.data(), plaintext, ok);
    NECTR_ASSERT(ok, "AES-128-CBC encryption succeeds on any input");

    std::string token;
    token.reserve(kHeaderBytes + ciphertext.size() + kMacBytes);
    token += static_cast<char>(kVersion);
    AppendTimestamp(token, now_seconds);
    token.append(reinterpret_cast<const char*>(iv_bytes.data()), iv_bytes.size());
    token += ciphertext;
    const Digest32 mac = HmacSha256(SigningKey(key), token);
    token.append(reinterpret_cast<const char*>(mac.data()), mac.size());
    return EncodeBase64Url(token, Base64Padding::kWith);
}

core::Result<std::string> FernetDecrypt(const Key32& key, std::string_view token,
                                        std::int64_t now_seconds,
                                        std::optional<std::int64_t> ttl_seconds) {
    const auto raw = DecodeToken(token);
    if (!raw) {
        return InvalidToken();
    }
    if (ttl_seconds && !TimestampAcceptable(ReadTimestamp(*raw), now_seconds, *ttl_seconds)) {
        return InvalidToken();
    }
    const std::string_view signed_part = std::string_view(*raw).substr(0, raw->size() - kMacBytes);
    const Digest32 expected = HmacSha256(SigningKey(key), signed_part);
    if (!ConstantTimeEquals(expected, BytesOf(std::string_view(*raw).substr(signed_part.size())))) {
        return InvalidToken();
    }
    bool ok = false;
    const auto* iv = reinterpret_cast<const unsigned char*>(raw->data() + 1 + kTimestampBytes);
    std::string plaintext = AesCbc(false, key, iv, signed_part.substr(kHeaderBytes), ok);
    if (!ok) {
        return InvalidToken();  // bad padding under a valid MAC: a key mix-up, not a forgery
    }
    return plaintext;
}

std::optional<std::int64_t> FernetTimestamp(std::string_view token) {
    const auto raw = DecodeToken(token);
    if (!raw) {
        return std::nullopt;
    }
    const std::uint64_t stamp = ReadTimestamp(*raw);
    if (stamp > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        return std::nullopt;
    }
    return static_cast<std::int64_t>(stamp);
}

}  // namespace nectr::auth
