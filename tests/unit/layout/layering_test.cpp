// Data flows one way (DESIGN.md): app wires; api, webhooks, mcp and queue call into review,
// graph, memory and index; those call store, github and llm; everything may use core and http.
// Linking cannot catch an upward #include, because the binary links every module, so this
// test reads the #include lines of src/ and fails on one that goes the wrong way.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>

namespace {

namespace fs = std::filesystem;

const std::map<std::string, std::set<std::string>>& AllowedIncludes() {
    static const std::map<std::string, std::set<std::string>> kAllowed = {
        {"core", {"core"}},
        {"http", {"core", "http"}},
        {"store", {"core", "store"}},
        {"github", {"core", "http", "github"}},
        {"llm", {"core", "http", "llm"}},
        {"analyzers", {"core", "analyzers"}},
        {"auth", {"core", "http", "store", "github", "auth"}},
        {"graph", {"core", "store", "github", "graph"}},
        {"memory", {"core", "store", "llm", "memory"}},
        {"index", {"core", "store", "index"}},
        {"review",
         {"core", "http", "store", "github", "llm", "analyzers", "graph", "memory", "index",
          "review"}},
        {"queue", {"core", "store", "review", "graph", "memory", "index", "queue"}},
        {"webhooks", {"core", "http", "store", "queue", "webhooks"}},
        {"mcp", {"core", "http", "store", "auth", "review", "graph", "memory", "index", "mcp"}},
        {"api",
         {"core", "http", "store", "auth", "github", "queue", "review", "graph", "memory", "index",
          "webhooks", "mcp", "api"}},
    };
    return kAllowed;
}

TEST(LayeringTest, NoModuleIncludesAModuleAboveIt) {
    const fs::path src = fs::path(NECTR_SOURCE_DIR) / "src";
    const std::regex include_line(R"rx(^\s*#\s*include\s+"([a-z_]+)/)rx");
    int files_checked = 0;
    for (const auto& entry : fs::recursive_directory_iterator(src)) {
        if (!entry.is_regular_file()) {
            continue;
        }
        std::string module = fs::relative(entry.path(), src).begin()->string();
        if (module == "app") {
            continue;  // app wires everything
        }
        auto allowed = AllowedIncludes().find(module);
        ASSERT_NE(allowed, AllowedIncludes().end())
            << "src/" << module << " is a new module: add its allowed includes to this test";
        std::ifstream in(entry.path());
        std::string line;
        while (std::getline(in, line)) {
            std::smatch match;
            if (std::regex_search(line, match, include_line)) {
                EXPECT_TRUE(allowed->second.contains(match[1].str()))
                    << entry.path().string() << " includes " << match[1] << "/: src/" << module
                    << " may not depend on it";
            }
        }
        ++files_checked;
    }
    EXPECT_GT(files_checked, 10) << "the source tree was not found at " << src;
}

}  // namespace
