#pragma once

// A zstd dictionary trained on a deployment's own webhook payloads. Deliveries repeat most
// of their bytes from one to the next (the repository object, the users, GitHub's URL
// templates), which zstd alone cannot see across deliveries: a 24 KB pull_request shrinks to
// about 2.3 KB on its own, too big for two to share a 4 KB SQLite page, so every stored
// delivery wrote a page of its own. With a dictionary they take a quarter to a half of that
// (bench/README.md, "Latest figures (2026-11-24, after payload dictionaries)").
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

struct ZSTD_CDict_s;
struct ZSTD_DDict_s;

namespace nectr::webhooks {

class PayloadDictionary {
public:
    // kInvalidInput when `bytes` is not a zstd dictionary (no dictionary id in it).
    static core::Result<std::shared_ptr<const PayloadDictionary>> FromBytes(std::string bytes);

    // Trains a dictionary of at most `capacity` bytes on `samples`. kInvalidInput when zstd
    // cannot (too few samples, or too little in them).
    static core::Result<std::shared_ptr<const PayloadDictionary>> Train(
        const std::vector<std::string>& samples, std::size_t capacity);

    ~PayloadDictionary();
    PayloadDictionary(const PayloadDictionary&) = delete;
    PayloadDictionary& operator=(const PayloadDictionary&) = delete;

    // zstd's id of the dictionary, written into the header of every frame compressed with it.
    std::uint32_t id() const { return id_; }
    const std::string& bytes() const { return bytes_; }

    // The dictionary digested once for compression (at payload_codec's level) and for
    // decompression; what EncodePayload and DecodePayload use.
    const ZSTD_CDict_s* compression() const;
    const ZSTD_DDict_s* decompression() const;

private:
    struct Digested;
    PayloadDictionary(std::string bytes, std::uint32_t id, std::unique_ptr<Digested> digested);

    std::string bytes_;
    std::uint32_t id_;
    std::unique_ptr<Digested> digested_;
};

}  // namespace nectr::webhooks
