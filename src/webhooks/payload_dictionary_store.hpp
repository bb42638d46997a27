#pragma once

// Where payload dictionaries live: the payload_dictionaries table, so that every process
// sharing the database can read every stored payload.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "core/error.hpp"
#include "store/database.hpp"
#include "webhooks/payload_dictionary.hpp"

namespace nectr::webhooks {

struct DictionaryTraining {
    std::size_t samples = 0;       // payloads it was trained on
    std::size_t sample_bytes = 0;  // their bytes in all
};

// Stores `dictionary` (a no-op when one with its zstd id is stored already).
core::Result<void> SavePayloadDictionary(store::Database& db, const PayloadDictionary& dictionary,
                                         DictionaryTraining training, std::int64_t now_ms);

// The newest stored dictionary; null when there is none yet.
core::Result<std::shared_ptr<const PayloadDictionary>> LoadNewestPayloadDictionary(
    store::Database& db);

// The dictionary with zstd id `id`: kNotFound when none is stored.
core::Result<std::shared_ptr<const PayloadDictionary>> LoadPayloadDictionary(store::Database& db,
                                                                             std::uint32_t id);

}  // namespace nectr::webhooks
