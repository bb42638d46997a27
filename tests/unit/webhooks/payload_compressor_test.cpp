// The payload compressor on both engines: trains a dictionary from the first payloads,
// stores it, uses it once stored, and a second process takes the stored one.
#include "webhooks/payload_compressor.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "support/test_database.hpp"
#include "webhook_examples.hpp"
#include "webhooks/payload_dictionary_store.hpp"

namespace nectr::webhooks {
namespace {

using store::Engine;

// Every pull_request example GitHub documents, serialized as it sends them.
std::vector<std::string> PullRequestPayloads() {
    std::vector<std::string> payloads;
    for (const boost::json::object& example : testing::ExamplesOf("pull_request")) {
        payloads.push_back(boost::json::serialize(example));
    }
    return payloads;
}

PayloadCompressorOptions SmallTraining(std::size_t samples) {
    PayloadCompressorOptions options;
    options.samples = samples;
    options.attempts = 2;
    return options;
}

class PayloadCompressorTest : public nectr::testing::MigratedDatabaseTest {
protected:
    std::int64_t StoredDictionaries() {
        static constexpr std::string_view kSql = "SELECT COUNT(*) FROM payload_dictionaries";
        auto rows = store::Execute(Db(), store::Query{"test.dictionaries", kSql, kSql});
        EXPECT_TRUE(rows) << rows.error().detail;
        return rows ? store::AsInt(rows->rows.front().front()).value_or(-1) : -1;
    }

    core::SystemClock clock_;
};

TEST_P(PayloadCompressorTest, TrainsOnTheFirstPayloadsAndUsesTheDictionaryOnceStored) {
    const std::vector<std::string> payloads = PullRequestPayloads();
    ASSERT_GE(payloads.size(), 25u);
    PayloadCompressor compressor(Db(), clock_, SmallTraining(24));
    ASSERT_TRUE(compressor.Start());
    EXPECT_EQ(compressor.Dictionary(), nullptr);

    for (std::size_t i = 0; i < 24; ++i) {
        EXPECT_EQ(compressor.Encode(payloads[i]).encoding, "zstd")
            << "payload " << i << " came before any dictionary was stored";
    }
    compressor.WaitForTraining();
    const auto dictionary = compressor.Dictionary();
    ASSERT_NE(dictionary, nullptr) << "24 payloads were enough samples";
    EXPECT_EQ(StoredDictionaries(), 1);
    auto newest = LoadNewestPayloadDictionary(Db());
    ASSERT_TRUE(newest) << newest.error().detail;
    ASSERT_NE(*newest, nullptr);
    EXPECT_EQ((*newest)->id(), dictionary->id());

    // A later payload uses it, and reads back with the dictionary loaded from the database.
    const EncodedPayload encoded = compressor.Encode(payloads.back());
    ASSERT_EQ(encoded.encoding, "zstd-dict");
    auto stored = LoadPayloadDictionary(Db(), PayloadDictionaryId(encoded.bytes));
    ASSERT_TRUE(stored) << stored.error().detail;
    auto decoded = DecodePayload(encoded.bytes, encoded.encoding, stored->get());
    ASSERT_TRUE(decoded) << decoded.error().detail;
    EXPECT_EQ(*decoded, payloads.back());
}

TEST_P(PayloadCompressorTest, AnotherProcessTakesTheStoredDictionaryInsteadOfTraining) {
    const std::vector<std::string> payloads = PullRequestPayloads();
    std::uint32_t first_id = 0;
    {
        PayloadCompressor first(Db(), clock_, SmallTraining(24));
        ASSERT_TRUE(first.Start());
        for (std::size_t i = 0; i < 24; ++i) {
            first.Encode(payloads[i]);
        }
        first.WaitForTraining();
        ASSERT_NE(first.Dictionary(), nullptr);
        first_id = first.Dictionary()->id();
    }
    PayloadCompressor second(Db(), clock_, SmallTraining(24));
    ASSERT_TRUE(second.Start());
    ASSERT_NE(second.Dictionary(), nullptr);
    EXPECT_EQ(second.Dictionary()->id(), first_id);
    EXPECT_EQ(second.Encode(payloads.front()).encoding, "zstd-dict");
    for (std::size_t i = 0; i < 24; ++i) {
        second.Encode(payloads[i]);
    }
    second.WaitForTraining();
    EXPECT_EQ(StoredDictionaries(), 1) << "a process with a dictionary trains no other";
}

TEST_P(PayloadCompressorTest, AFailedTrainingLeavesPayloadsCompressedAloneAndReadable) {
    PayloadCompressor compressor(Db(), clock_, SmallTraining(2));
    ASSERT_TRUE(compressor.Start());
    for (int round = 0; round < 3; ++round) {  // two failed attempts, then no more trying
        compressor.Encode("{}");
        compressor.Encode("{}");
        compressor.WaitForTraining();
    }
    EXPECT_EQ(compressor.Dictionary(), nullptr);
    EXPECT_EQ(StoredDictionaries(), 0);
    const EncodedPayload encoded = compressor.Encode(R"({"zen":"Keep it logically awesome."})");
    EXPECT_EQ(encoded.encoding, "zstd");
    auto decoded = DecodePayload(encoded.bytes, encoded.encoding);
    ASSERT_TRUE(decoded) << decoded.error().detail;
    EXPECT_EQ(*decoded, R"({"zen":"Keep it logically awesome."})");
}

// Training is deterministic: the test knows the id the compressor will train, and stores
// another dictionary under it first, as another process could (ids are 32 bits). The
// compressor must not use a dictionary that is not the one stored under its id.
TEST_P(PayloadCompressorTest, ADifferentDictionaryStoredUnderTheSameIdIsNeverUsed) {
    const std::vector<std::string> payloads = PullRequestPayloads();
    const std::vector<std::string> first(payloads.begin(), payloads.begin() + 24);
    auto expected = PayloadDictionary::Train(first, PayloadCompressorOptions{}.dictionary_bytes);
    ASSERT_TRUE(expected) << expected.error().detail;
    std::vector<std::string> issues;
    for (const boost::json::object& example : testing::ExamplesOf("issues")) {
        issues.push_back(boost::json::serialize(example));
    }
    auto other = PayloadDictionary::Train(issues, 4 * 1024);
    ASSERT_TRUE(other) << other.error().detail;
    static constexpr std::string_view kInsert =
        "INSERT INTO payload_dictionaries (dictionary_id, dictionary, samples, sample_bytes, "
        "created_at) VALUES ($1, $2, 0, 0, 0)";
    const store::Value params[] = {static_cast<std::int64_t>((*expected)->id()),
                                   store::Blob{(*other)->bytes()}};

    PayloadCompressor compressor(Db(), clock_, SmallTraining(24));
    ASSERT_TRUE(compressor.Start());  // nothing stored yet: it collects samples
    ASSERT_TRUE(store::Execute(Db(), store::Query{"test.squat", kInsert, kInsert}, params));
    for (const std::string& payload : first) {
        EXPECT_EQ(compressor.Encode(payload).encoding, "zstd");
    }
    compressor.WaitForTraining();
    EXPECT_EQ(compressor.Dictionary(), nullptr)
        << "its id was taken by another dictionary: payloads it compressed could not be read";
    EXPECT_EQ(compressor.Encode(payloads.back()).encoding, "zstd");
    EXPECT_EQ(StoredDictionaries(), 1);
}

TEST_P(PayloadCompressorTest, AMissingDictionaryIsNotFoundAndSavingTwiceKeepsOne) {
    auto missing = LoadPayloadDictionary(Db(), 12345);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, core::Errc::kNotFound);

    std::vector<std::string> samples = PullRequestPayloads();
    auto trained = PayloadDictionary::Train(samples, 16 * 1024);
    ASSERT_TRUE(trained) << trained.error().detail;
    ASSERT_TRUE(SavePayloadDictionary(Db(), **trained, {samples.size(), 0}, 1));
    ASSERT_TRUE(SavePayloadDictionary(Db(), **trained, {samples.size(), 0}, 2))
        << "another process stored the same dictionary first: not an error";
    EXPECT_EQ(StoredDictionaries(), 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, PayloadCompressorTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         nectr::testing::EngineParamName);

}  // namespace
}  // namespace nectr::webhooks
