#pragma once

// A stand-in embeddings service for the index tests: bags of identifier words hashed into 64
// dimensions, with "fragment" and "hunk" made one word, so that a query for "fragment" finds
// the hunk parser by vector although no chunk holds the word.
#include <functional>
#include <string>
#include <vector>

#include "index/embedder.hpp"
#include "index/identifiers.hpp"

namespace nectr::index {

class WordEmbedder final : public Embedder {
public:
    explicit WordEmbedder(std::string model = "test-words-64") : model_(std::move(model)) {}

    std::string Model() const override { return model_; }

    core::Result<std::vector<std::vector<float>>> Embed(
        const std::vector<std::string>& texts) override {
        ++calls;
        if (fail) {
            return core::MakeError(core::Errc::kUnavailable, "embedding service down");
        }
        std::vector<std::vector<float>> out;
        for (const std::string& text : texts) {
            std::vector<float> vector(64, 0.0F);
            for (std::string word : SplitIdentifier(text)) {
                if (word == "fragment") {
                    word = "hunk";
                }
                vector[std::hash<std::string>{}(word) % 64] += 1.0F;
            }
            out.push_back(std::move(vector));
        }
        return out;
    }

    int calls = 0;
    bool fail = false;

private:
    std::string model_;
};

}  // namespace nectr::index
