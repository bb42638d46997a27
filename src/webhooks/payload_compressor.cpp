#include "webhooks/payload_compressor.hpp"

#include <fmt/core.h>

#include "core/log.hpp"
#include "core/thread_name.hpp"
#include "webhooks/payload_dictionary_store.hpp"

namespace nectr::webhooks {

PayloadCompressor::PayloadCompressor(store::Database& db, const core::Clock& clock,
                                     PayloadCompressorOptions options)
    : db_(db), clock_(clock), options_(options) {}

PayloadCompressor::~PayloadCompressor() { WaitForTraining(); }

core::Result<void> PayloadCompressor::Start() {
    auto newest = LoadNewestPayloadDictionary(db_);
    if (!newest) {
        return newest.error();
    }
    dictionary_.store(*newest);
    collecting_.store(*newest == nullptr && options_.attempts > 0);
    return {};
}

EncodedPayload PayloadCompressor::Encode(std::string_view payload_json) {
    std::shared_ptr<const PayloadDictionary> dictionary = dictionary_.load();
    if (!dictionary && collecting_.load(std::memory_order_relaxed)) {
        Offer(payload_json);
    }
    return EncodePayload(payload_json, dictionary.get());
}

std::shared_ptr<const PayloadDictionary> PayloadCompressor::Dictionary() const {
    return dictionary_.load();
}

void PayloadCompressor::WaitForTraining() {
    std::thread finished;
    {
        std::lock_guard lock(mutex_);
        finished = std::move(training_);
    }
    if (finished.joinable()) {
        finished.join();
    }
}

void PayloadCompressor::Offer(std::string_view payload_json) {
    if (payload_json.size() > options_.largest_sample) {
        return;
    }
    std::lock_guard lock(mutex_);
    if (!collecting_.load()) {
        return;  // another thread completed the samples meanwhile
    }
    samples_.emplace_back(payload_json);
    sample_bytes_ += payload_json.size();
    if (samples_.size() < options_.samples && sample_bytes_ < options_.sample_bytes) {
        return;
    }
    collecting_.store(false);
    if (training_.joinable()) {
        training_.join();  // the last one, which failed: it set collecting_ last and has ended
    }
    training_ = std::thread([this, samples = std::move(samples_), bytes = sample_bytes_]() mutable {
        core::NameThisThread("nectr-dictionary");
        Train(std::move(samples), bytes);
    });
    samples_ = {};
    sample_bytes_ = 0;
}

// The row under the dictionary's zstd id holds these very bytes. Saving keeps a row another
// process stored first under the same id; were it another dictionary (ids are 32 bits),
// payloads compressed with this one could never be read.
core::Result<void> PayloadCompressor::CheckStoredAsTrained(const PayloadDictionary& trained) {
    auto stored = LoadPayloadDictionary(db_, trained.id());
    if (!stored) {
        return stored.error();
    }
    if ((*stored)->bytes() != trained.bytes()) {
        return core::MakeError(
            core::Errc::kConflict,
            fmt::format("another dictionary is stored under zstd id {}", trained.id()));
    }
    return {};
}

void PayloadCompressor::Train(std::vector<std::string> samples, std::size_t bytes) {
    const auto started = clock_.Steady();
    auto trained = PayloadDictionary::Train(samples, options_.dictionary_bytes);
    core::Result<void> saved = trained
                                   ? SavePayloadDictionary(db_, **trained, {samples.size(), bytes},
                                                           core::ToUnixMillis(clock_.Now()))
                                   : core::Result<void>(trained.error());
    if (saved) {
        saved = CheckStoredAsTrained(**trained);
    }
    if (saved) {
        // Another process may have stored a dictionary of its own first: either is readable.
        dictionary_.store(*trained);
        NECTR_LOG_INFO(
            "webhooks.payload_dictionary_trained",
            "dictionary_id={} bytes={} samples={} sample_bytes={} ms={}", (*trained)->id(),
            (*trained)->bytes().size(), samples.size(), bytes,
            std::chrono::duration_cast<std::chrono::milliseconds>(clock_.Steady() - started)
                .count());
        return;
    }
    std::lock_guard lock(mutex_);
    ++failures_;
    const bool again = failures_ < options_.attempts;
    NECTR_LOG_WARN(
        "webhooks.payload_dictionary_failed", "samples={} error=\"{}\" next=\"{}\"", samples.size(),
        saved.error().detail,
        again ? "training again on the next payloads" : "payloads stay compressed alone");
    collecting_.store(again);
}

}  // namespace nectr::webhooks
