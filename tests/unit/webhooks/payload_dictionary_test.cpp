// Dictionaries trained on GitHub's own example deliveries (@octokit/webhooks-examples): half
// of them train, the other half's pull_request payloads are compressed with the result.
#include "webhooks/payload_dictionary.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "webhook_examples.hpp"
#include "webhooks/payload_codec.hpp"

namespace nectr::webhooks {
namespace {

constexpr std::size_t kCapacity = 16 * 1024;

// Every example payload, serialized as GitHub sends it, with its event name.
struct Example {
    std::string event;
    std::string json;
};

std::vector<Example> AllExamples() {
    std::vector<Example> all;
    for (const boost::json::value& entry : testing::ExampleIndex()) {
        const boost::json::object& group = entry.as_object();
        for (const boost::json::value& example : group.at("examples").as_array()) {
            all.push_back(
                {std::string(group.at("name").as_string()), boost::json::serialize(example)});
        }
    }
    return all;
}

// The examples at even (`even` true) or odd positions.
std::vector<std::string> Half(bool even) {
    std::vector<std::string> half;
    const std::vector<Example> all = AllExamples();
    for (std::size_t i = even ? 0 : 1; i < all.size(); i += 2) {
        half.push_back(all[i].json);
    }
    return half;
}

std::vector<std::string> HeldOutPullRequests() {
    std::vector<std::string> pulls;
    const std::vector<Example> all = AllExamples();
    for (std::size_t i = 1; i < all.size(); i += 2) {
        if (all[i].event == "pull_request") {
            pulls.push_back(all[i].json);
        }
    }
    return pulls;
}

std::shared_ptr<const PayloadDictionary> MustTrain(const std::vector<std::string>& samples) {
    auto trained = PayloadDictionary::Train(samples, kCapacity);
    EXPECT_TRUE(trained) << trained.error().detail;
    return trained ? *trained : nullptr;
}

TEST(PayloadDictionaryTest, ShrinksPayloadsItWasNotTrainedOnAndReadsThemBack) {
    const auto dictionary = MustTrain(Half(true));
    ASSERT_NE(dictionary, nullptr);
    EXPECT_NE(dictionary->id(), 0u);
    EXPECT_LE(dictionary->bytes().size(), kCapacity);

    const std::vector<std::string> pulls = HeldOutPullRequests();
    ASSERT_GE(pulls.size(), 10u);
    std::size_t alone = 0;
    std::size_t with_dictionary = 0;
    for (const std::string& payload : pulls) {
        const EncodedPayload plain = EncodePayload(payload);
        const EncodedPayload encoded = EncodePayload(payload, dictionary.get());
        ASSERT_EQ(encoded.encoding, "zstd-dict");
        EXPECT_EQ(PayloadDictionaryId(encoded.bytes), dictionary->id());
        auto decoded = DecodePayload(encoded.bytes, encoded.encoding, dictionary.get());
        ASSERT_TRUE(decoded) << decoded.error().detail;
        EXPECT_EQ(*decoded, payload);
        alone += plain.bytes.size();
        with_dictionary += encoded.bytes.size();
    }
    // About 55 % here, across repositories; one repository's own deliveries share more.
    EXPECT_LT(with_dictionary, alone * 3 / 4)
        << "alone " << alone << " bytes, with the dictionary " << with_dictionary;
}

TEST(PayloadDictionaryTest, AFrameIsReadOnlyWithTheDictionaryItNames) {
    const auto dictionary = MustTrain(Half(true));
    const auto other = MustTrain(Half(false));
    ASSERT_NE(dictionary, nullptr);
    ASSERT_NE(other, nullptr);
    ASSERT_NE(dictionary->id(), other->id());
    const EncodedPayload encoded = EncodePayload(HeldOutPullRequests().front(), dictionary.get());

    auto without = DecodePayload(encoded.bytes, encoded.encoding);
    ASSERT_FALSE(without);
    EXPECT_EQ(without.error().code, core::Errc::kInternal);
    EXPECT_NE(without.error().detail.find(std::to_string(dictionary->id())), std::string::npos)
        << without.error().detail;
    auto wrong = DecodePayload(encoded.bytes, encoded.encoding, other.get());
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, core::Errc::kInternal);

    EXPECT_EQ(PayloadDictionaryId(EncodePayload("{}").bytes), 0u)
        << "a payload compressed alone names no dictionary";
}

TEST(PayloadDictionaryTest, LoadsFromItsBytesAndRejectsOtherBytes) {
    const auto dictionary = MustTrain(Half(true));
    ASSERT_NE(dictionary, nullptr);
    auto loaded = PayloadDictionary::FromBytes(dictionary->bytes());
    ASSERT_TRUE(loaded) << loaded.error().detail;
    EXPECT_EQ((*loaded)->id(), dictionary->id());
    const std::string payload = HeldOutPullRequests().front();
    auto decoded =
        DecodePayload(EncodePayload(payload, dictionary.get()).bytes, "zstd-dict", loaded->get());
    ASSERT_TRUE(decoded) << decoded.error().detail;
    EXPECT_EQ(*decoded, payload);

    auto garbage = PayloadDictionary::FromBytes("not a zstd dictionary at all");
    ASSERT_FALSE(garbage);
    EXPECT_EQ(garbage.error().code, core::Errc::kInvalidInput);
}

TEST(PayloadDictionaryTest, TooLittleToTrainOnIsAClearError) {
    auto trained = PayloadDictionary::Train({"{}", "{}"}, kCapacity);
    ASSERT_FALSE(trained);
    EXPECT_EQ(trained.error().code, core::Errc::kInvalidInput);
    EXPECT_NE(trained.error().detail.find("2 payloads"), std::string::npos)
        << trained.error().detail;
}

}  // namespace
}  // namespace nectr::webhooks
