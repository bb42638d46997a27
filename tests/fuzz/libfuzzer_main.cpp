// libFuzzer's entry for one target; CMake builds it once per target with NECTR_FUZZ_ENTRY set
// to that target's function (tests/fuzz/entries.hpp).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "entries.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    nectr::fuzz::NECTR_FUZZ_ENTRY(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
