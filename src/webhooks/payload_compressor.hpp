#pragma once

// Compresses deliveries for storage with the deployment's payload dictionary, and trains
// that dictionary in the background from the first payloads when the database has none.
// Training takes a fraction of a second off the I/O threads; until a dictionary is stored,
// payloads are compressed alone. A dictionary is used only once it is committed, so every
// stored payload stays readable by every process.
#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "store/database.hpp"
#include "webhooks/payload_codec.hpp"
#include "webhooks/payload_dictionary.hpp"

namespace nectr::webhooks {

struct PayloadCompressorOptions {
    // Training starts after this many payloads, or this many bytes of them: zstd wants about
    // a hundred times the dictionary's size in samples, and GitHub's payloads are 5-30 KB.
    std::size_t samples = 128;
    std::size_t sample_bytes = 4 * 1024 * 1024;
    std::size_t largest_sample = 256 * 1024;  // a bigger payload is no sample
    std::size_t dictionary_bytes = 16 * 1024;
    int attempts = 3;  // trainings or saves that may fail in one process before it stops trying
};

class PayloadCompressor {
public:
    PayloadCompressor(store::Database& db, const core::Clock& clock,
                      PayloadCompressorOptions options = {});
    // Waits for a training in progress.
    ~PayloadCompressor();
    PayloadCompressor(const PayloadCompressor&) = delete;
    PayloadCompressor& operator=(const PayloadCompressor&) = delete;

    // Takes the newest stored dictionary; with none, collects the next payloads to train one.
    core::Result<void> Start();

    // The payload compressed for storage. Thread-safe; never waits for a training.
    EncodedPayload Encode(std::string_view payload_json);

    // The dictionary Encode uses now; null before one is stored.
    std::shared_ptr<const PayloadDictionary> Dictionary() const;

    // Waits until a training that has started has finished (stored or given up). For tests
    // and a clean shutdown.
    void WaitForTraining();

private:
    void Offer(std::string_view payload_json);
    void Train(std::vector<std::string> samples, std::size_t bytes);
    core::Result<void> CheckStoredAsTrained(const PayloadDictionary& trained);

    store::Database& db_;
    const core::Clock& clock_;
    const PayloadCompressorOptions options_;
    std::atomic<std::shared_ptr<const PayloadDictionary>> dictionary_;
    std::atomic<bool> collecting_{false};
    std::mutex mutex_;  // guards what follows
    std::vector<std::string> samples_;
    std::size_t sample_bytes_ = 0;
    int failures_ = 0;
    std::thread training_;
};

}  // namespace nectr::webhooks
