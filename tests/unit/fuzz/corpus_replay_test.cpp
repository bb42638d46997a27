// Every seed of every fuzz target's corpus through the target's entry point, in the normal
// sanitizer build: the entry points stay compiled, and an input that once crashed (saved in
// the corpus as crash-*) stays fixed. No libFuzzer needed.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "entries.hpp"

namespace nectr::fuzz {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> SeedsOf(std::string_view target) {
    std::vector<fs::path> seeds;
    const fs::path folder = fs::path(NECTR_FUZZ_CORPUS_DIR) / target;
    if (!fs::is_directory(folder)) {
        return seeds;
    }
    for (const auto& entry : fs::directory_iterator(folder)) {
        if (entry.is_regular_file()) {
            seeds.push_back(entry.path());
        }
    }
    std::sort(seeds.begin(), seeds.end());
    return seeds;
}

// The seed in a heap block of exactly its size, as libFuzzer passes it: a std::string has a
// terminator after its last byte, which would hide a read one past the end from
// AddressSanitizer.
void RunExactly(const Target& target, const std::string& bytes) {
    std::unique_ptr<char[]> block(new char[bytes.size()]);
    std::copy(bytes.begin(), bytes.end(), block.get());
    target.run(std::string_view(block.get(), bytes.size()));
}

std::string ReadFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

class CorpusReplayTest : public ::testing::TestWithParam<Target> {};

TEST_P(CorpusReplayTest, RunsEverySeedWithoutACrash) {
    const Target target = GetParam();
    const auto seeds = SeedsOf(target.name);
    ASSERT_GE(seeds.size(), 3u) << "the corpus of " << target.name << " has too few seeds";
    for (const auto& seed : seeds) {
        SCOPED_TRACE(seed.filename().string());
        RunExactly(target, ReadFile(seed));
    }
    // The empty input and a lone byte are the first things a fuzzer tries.
    target.run("");
    target.run("\n");
}

INSTANTIATE_TEST_SUITE_P(Targets, CorpusReplayTest, ::testing::ValuesIn(Targets()),
                         [](const ::testing::TestParamInfo<Target>& info) {
                             return std::string(info.param.name);
                         });

}  // namespace
}  // namespace nectr::fuzz
