#include "webhooks/payload_dictionary.hpp"

#include <zdict.h>
#include <zstd.h>

#include <numeric>

#include "webhooks/payload_codec.hpp"

namespace nectr::webhooks {

struct PayloadDictionary::Digested {
    struct CompressionDeleter {
        void operator()(ZSTD_CDict* dictionary) const { ZSTD_freeCDict(dictionary); }
    };
    struct DecompressionDeleter {
        void operator()(ZSTD_DDict* dictionary) const { ZSTD_freeDDict(dictionary); }
    };
    std::unique_ptr<ZSTD_CDict, CompressionDeleter> compression;
    std::unique_ptr<ZSTD_DDict, DecompressionDeleter> decompression;
};

core::Result<std::shared_ptr<const PayloadDictionary>> PayloadDictionary::FromBytes(
    std::string bytes) {
    const unsigned id = ZDICT_getDictID(bytes.data(), bytes.size());
    if (id == 0) {
        return core::MakeError(core::Errc::kInvalidInput,
                               "not a zstd dictionary (it carries no dictionary id)");
    }
    auto digested = std::make_unique<Digested>();
    digested->compression.reset(
        ZSTD_createCDict(bytes.data(), bytes.size(), kPayloadCompressionLevel));
    digested->decompression.reset(ZSTD_createDDict(bytes.data(), bytes.size()));
    if (!digested->compression || !digested->decompression) {
        return core::MakeError(core::Errc::kInvalidInput, "zstd cannot load the dictionary");
    }
    return std::shared_ptr<const PayloadDictionary>(
        new PayloadDictionary(std::move(bytes), id, std::move(digested)));
}

core::Result<std::shared_ptr<const PayloadDictionary>> PayloadDictionary::Train(
    const std::vector<std::string>& samples, std::size_t capacity) {
    std::string joined;
    joined.reserve(std::accumulate(
        samples.begin(), samples.end(), std::size_t{0},
        [](std::size_t sum, const std::string& sample) { return sum + sample.size(); }));
    std::vector<std::size_t> sizes;
    sizes.reserve(samples.size());
    for (const std::string& sample : samples) {
        joined += sample;
        sizes.push_back(sample.size());
    }
    std::string dictionary(capacity, '\0');
    const std::size_t written =
        ZDICT_trainFromBuffer(dictionary.data(), dictionary.size(), joined.data(), sizes.data(),
                              static_cast<unsigned>(sizes.size()));
    if (ZDICT_isError(written) != 0) {
        return core::MakeError(core::Errc::kInvalidInput,
                               std::string("zstd cannot train a dictionary on ") +
                                   std::to_string(samples.size()) +
                                   " payloads: " + ZDICT_getErrorName(written));
    }
    dictionary.resize(written);
    return FromBytes(std::move(dictionary));
}

PayloadDictionary::PayloadDictionary(std::string bytes, std::uint32_t id,
                                     std::unique_ptr<Digested> digested)
    : bytes_(std::move(bytes)), id_(id), digested_(std::move(digested)) {}

PayloadDictionary::~PayloadDictionary() = default;

const ZSTD_CDict_s* PayloadDictionary::compression() const { return digested_->compression.get(); }

const ZSTD_DDict_s* PayloadDictionary::decompression() const {
    return digested_->decompression.get();
}

}  // namespace nectr::webhooks
