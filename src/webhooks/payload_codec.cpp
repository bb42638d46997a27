#include "webhooks/payload_codec.hpp"

#include <zlib.h>
#include <zstd.h>

#include <memory>
#include <vector>

#include "webhooks/payload_dictionary.hpp"

namespace nectr::webhooks {
namespace {

// A stored payload never decodes to more than GitHub sends (25 MB), with room to spare.
constexpr unsigned long long kMaxDecodedBytes = 64ull << 20;
// The compression buffer a thread keeps between payloads, at most.
constexpr std::size_t kKeptBufferBytes = 1024 * 1024;

struct CompressionContextDeleter {
    void operator()(ZSTD_CCtx* context) const { ZSTD_freeCCtx(context); }
};

struct DecompressionContextDeleter {
    void operator()(ZSTD_DCtx* context) const { ZSTD_freeDCtx(context); }
};

// One context per thread: creating one costs more than compressing a payload.
ZSTD_CCtx* ThreadCompressionContext() {
    thread_local std::unique_ptr<ZSTD_CCtx, CompressionContextDeleter> context(ZSTD_createCCtx());
    return context.get();
}

ZSTD_DCtx* ThreadDecompressionContext() {
    thread_local std::unique_ptr<ZSTD_DCtx, DecompressionContextDeleter> context(ZSTD_createDCtx());
    return context.get();
}

core::Error Corrupt(std::string_view encoding) {
    return core::MakeError(core::Errc::kInternal,
                           "a stored payload is corrupt (" + std::string(encoding) + ")");
}

// `dictionary` null: a frame that needs none.
core::Result<std::string> DecodeZstd(std::string_view bytes, const ZSTD_DDict* dictionary,
                                     std::string_view encoding) {
    const unsigned long long size = ZSTD_getFrameContentSize(bytes.data(), bytes.size());
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN ||
        size > kMaxDecodedBytes) {
        return Corrupt(encoding);
    }
    std::string out(static_cast<std::size_t>(size), '\0');
    const std::size_t written =
        ZSTD_decompress_usingDDict(ThreadDecompressionContext(), out.data(), out.size(),
                                   bytes.data(), bytes.size(), dictionary);
    if (ZSTD_isError(written) != 0 || written != out.size()) {
        return Corrupt(encoding);
    }
    return out;
}

core::Result<std::string> DecodeWithDictionary(std::string_view bytes,
                                               const PayloadDictionary* dictionary) {
    const std::uint32_t wanted = PayloadDictionaryId(bytes);
    if (dictionary == nullptr || dictionary->id() != wanted) {
        return core::MakeError(
            core::Errc::kInternal,
            "a stored payload needs payload dictionary " + std::to_string(wanted) +
                (dictionary == nullptr ? ", and none was given"
                                       : ", not " + std::to_string(dictionary->id())));
    }
    return DecodeZstd(bytes, dictionary->decompression(), "zstd-dict");
}

core::Result<std::string> DecodeZlib(std::string_view bytes) {
    z_stream stream{};
    if (inflateInit(&stream) != Z_OK) {
        return core::MakeError(core::Errc::kInternal, "cannot start zlib");
    }
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    stream.avail_in = static_cast<uInt>(bytes.size());
    std::string out;
    char buffer[64 * 1024];
    int rc = Z_OK;
    while (rc == Z_OK && out.size() <= kMaxDecodedBytes) {
        stream.next_out = reinterpret_cast<Bytef*>(buffer);
        stream.avail_out = sizeof buffer;
        rc = inflate(&stream, Z_NO_FLUSH);
        out.append(buffer, sizeof buffer - stream.avail_out);
    }
    inflateEnd(&stream);
    if (rc != Z_STREAM_END) {
        return Corrupt("zlib");
    }
    return out;
}

}  // namespace

EncodedPayload EncodePayload(std::string_view payload_json, const PayloadDictionary* dictionary) {
    // Compressed into a buffer kept per thread, then copied out at its final size: a fresh
    // string of the worst-case size was allocated and zero-filled (24 KB for a typical
    // payload) only to keep a tenth of it.
    thread_local std::vector<char> buffer;
    const std::size_t bound = ZSTD_compressBound(payload_json.size());
    if (buffer.size() < bound) {
        buffer.resize(bound);
    }
    const std::size_t written =
        dictionary != nullptr
            ? ZSTD_compress_usingCDict(ThreadCompressionContext(), buffer.data(), bound,
                                       payload_json.data(), payload_json.size(),
                                       dictionary->compression())
            : ZSTD_compressCCtx(ThreadCompressionContext(), buffer.data(), bound,
                                payload_json.data(), payload_json.size(), kPayloadCompressionLevel);
    if (ZSTD_isError(written) != 0) {
        return {std::string(payload_json), "identity"};
    }
    std::string out(buffer.data(), written);
    if (buffer.size() > kKeptBufferBytes) {
        std::vector<char>().swap(buffer);  // a 25 MB payload's buffer is not kept
    }
    return {std::move(out), dictionary != nullptr ? "zstd-dict" : "zstd"};
}

core::Result<std::string> DecodePayload(std::string_view bytes, std::string_view encoding,
                                        const PayloadDictionary* dictionary) {
    if (encoding == "identity") {
        return std::string(bytes);
    }
    if (encoding == "zstd") {
        return DecodeZstd(bytes, nullptr, encoding);
    }
    if (encoding == "zstd-dict") {
        return DecodeWithDictionary(bytes, dictionary);
    }
    if (encoding == "zlib") {
        return DecodeZlib(bytes);
    }
    return core::MakeError(core::Errc::kInternal,
                           "unknown payload encoding " + std::string(encoding));
}

std::uint32_t PayloadDictionaryId(std::string_view bytes) {
    return ZSTD_getDictID_fromFrame(bytes.data(), bytes.size());
}

}  // namespace nectr::webhooks
