#include "app/repository_tools.hpp"

#include <boost/json.hpp>
#include <functional>
#include <optional>
#include <vector>

#include "app/code_context.hpp"
#include "app/review_context.hpp"
#include "core/json_fields.hpp"
#include "index/search.hpp"
#include "memory/memory_store.hpp"
#include "memory/review_context.hpp"

namespace nectr::app {
namespace {

namespace json = boost::json;
using Answer = core::Result<std::string>;

constexpr std::size_t kMaxQueryBytes = 500;
constexpr std::int64_t kDefaultHits = 8;
constexpr std::int64_t kMaxHits = 20;
constexpr std::size_t kMaxPaths = 20;
constexpr std::size_t kMaxPathBytes = 1024;
constexpr std::int64_t kMemoryHits = 10;

core::Error Invalid(std::string detail) {
    return core::Error{core::Errc::kInvalidInput, std::move(detail)};
}

core::Result<json::object> ParseObject(const std::string& arguments, std::string_view tool) {
    boost::system::error_code error;
    json::value value = json::parse(arguments, error);
    if (error || !value.is_object()) {
        return Invalid(std::string(tool) + " needs its arguments as a JSON object");
    }
    return value.get_object();
}

// The "query" argument: a non-empty string of at most kMaxQueryBytes.
core::Result<std::string> QueryArgument(const json::object& arguments, std::string_view tool) {
    const json::value* query = arguments.if_contains("query");
    if (query == nullptr || !query->is_string() || query->as_string().empty()) {
        return Invalid(std::string(tool) + " needs a query: a non-empty string");
    }
    if (query->as_string().size() > kMaxQueryBytes) {
        return Invalid(std::string(tool) + " needs a query of at most " +
                       std::to_string(kMaxQueryBytes) + " bytes");
    }
    return std::string(query->as_string());
}

bool IsPlainPath(std::string_view path) {
    if (path.empty() || path.size() > kMaxPathBytes || path.front() == '/') {
        return false;
    }
    for (unsigned char c : path) {
        if (c < 0x20 || c == 0x7f) {
            return false;
        }
    }
    return true;
}

// The "paths" argument: 1..kMaxPaths repository paths.
core::Result<std::vector<std::string>> PathsArgument(const json::object& arguments) {
    const json::value* paths = arguments.if_contains("paths");
    if (paths == nullptr || !paths->is_array() || paths->as_array().empty()) {
        return Invalid("file_history needs paths: a non-empty array of file paths");
    }
    if (paths->as_array().size() > kMaxPaths) {
        return Invalid("file_history takes at most " + std::to_string(kMaxPaths) + " paths");
    }
    std::vector<std::string> out;
    for (const json::value& path : paths->as_array()) {
        if (!path.is_string() || !IsPlainPath(path.as_string())) {
            return Invalid("file_history needs each path as a relative file path, like src/a.cpp");
        }
        out.emplace_back(path.as_string());
    }
    return out;
}

Answer SearchIndex(store::Database& db, const std::string& repository, const std::string& query,
                   std::size_t limit, index::Embedder* embedder) {
    auto id = IndexedRepositoryId(db, repository);
    if (!id) {
        return id.error();
    }
    if (!*id) {
        return std::string("The code index does not hold " + repository +
                           ": it was never indexed, so search_repository finds nothing. Use "
                           "read_file and search_code instead.");
    }
    index::SearchOptions options;
    options.embedder = embedder;
    auto hits = index::SearchCode(db, **id, query, limit, options);
    if (!hits) {
        return hits.error();
    }
    if (hits->empty()) {
        return "No indexed code of " + repository + " matches \"" + query + "\".";
    }
    return FormatCodeHits(*hits, kMaxToolAnswerBytes);
}

}  // namespace

std::string CapAnswer(std::string text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) {
        return text;
    }
    std::size_t cut = text.rfind('\n', max_bytes);
    if (cut == std::string::npos || cut == 0) {
        cut = max_bytes;
        // Never split a UTF-8 sequence: back off its continuation bytes.
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
            --cut;
        }
    }
    text.resize(cut);
    return text + "\n[answer cut at " + std::to_string(max_bytes) + " bytes]\n";
}

SearchRepositoryTool::SearchRepositoryTool(store::Database& db, core::BlockingPool& pool,
                                           std::string repository, index::Embedder* embedder)
    : db_(db), pool_(pool), repository_(std::move(repository)), embedder_(embedder) {}

llm::ToolSpec SearchRepositoryTool::Spec() const {
    return {"search_repository",
            "Search the whole repository's code index (not only the changed files) for "
            "identifiers or words, such as a function's name to find its definition and "
            "callers. Returns path:lines, the symbol and the best lines of each hit.",
            R"({"type":"object","properties":{"query":{"type":"string"},)"
            R"("limit":{"type":"integer","minimum":1,"maximum":20}},"required":["query"]})"};
}

net::awaitable<Answer> SearchRepositoryTool::Call(std::string arguments) {
    auto parsed = ParseObject(arguments, "search_repository");
    if (!parsed) {
        co_return parsed.error();
    }
    auto query = QueryArgument(*parsed, "search_repository");
    if (!query) {
        co_return query.error();
    }
    std::int64_t limit = kDefaultHits;
    if (const json::value* given = parsed->if_contains("limit"); given && !given->is_null()) {
        if (!given->is_int64() || given->as_int64() < 1 || given->as_int64() > kMaxHits) {
            co_return Invalid("search_repository's limit must be an integer from 1 to " +
                              std::to_string(kMaxHits));
        }
        limit = given->as_int64();
    }
    const std::string text = *query;
    const auto hits = static_cast<std::size_t>(limit);
    std::function<Answer()> search = [this, &text, hits] {
        return SearchIndex(db_, repository_, text, hits, embedder_);
    };
    auto answer = co_await pool_.Call<Answer>(std::move(search));
    if (!answer) {
        co_return answer.error();
    }
    co_return CapAnswer(std::move(*answer));
}

FileHistoryTool::FileHistoryTool(store::Database& db, core::BlockingPool& pool,
                                 const core::Clock& clock, std::string repository,
                                 std::int64_t exclude_number)
    : db_(db),
      pool_(pool),
      clock_(clock),
      repository_(std::move(repository)),
      exclude_number_(exclude_number) {}

llm::ToolSpec FileHistoryTool::Spec() const {
    return {"file_history",
            "What the repository's history says about files: who changed them most, earlier "
            "pull requests on them, files that usually change with them, files that import "
            "them.",
            R"({"type":"object","properties":{"paths":{"type":"array","items":{"type":"string"},)"
            R"("minItems":1,"maxItems":20}},"required":["paths"]})"};
}

net::awaitable<Answer> FileHistoryTool::Call(std::string arguments) {
    auto parsed = ParseObject(arguments, "file_history");
    if (!parsed) {
        co_return parsed.error();
    }
    auto paths = PathsArgument(*parsed);
    if (!paths) {
        co_return paths.error();
    }
    const auto number = static_cast<int>(exclude_number_);
    const std::int64_t now = core::ToUnixMillis(clock_.Now());
    std::function<core::Result<std::vector<review::ContextItem>>()> read = [this, &paths, number,
                                                                            now] {
        return ReadGraphContext(db_, repository_, *paths, number, now);
    };
    auto items =
        co_await pool_.Call<core::Result<std::vector<review::ContextItem>>>(std::move(read));
    if (!items) {
        co_return items.error();
    }
    if (items->empty()) {
        co_return "The knowledge graph has no history of these files in " + repository_ + ".";
    }
    std::string text;
    for (const review::ContextItem& item : *items) {
        text += "## " + item.title + "\n" + item.text + "\n";
    }
    co_return CapAnswer(std::move(text));
}

SearchMemoryTool::SearchMemoryTool(store::Database& db, core::BlockingPool& pool,
                                   const core::Clock& clock, std::string repository)
    : db_(db), pool_(pool), clock_(clock), repository_(std::move(repository)) {}

llm::ToolSpec SearchMemoryTool::Spec() const {
    return {"search_memory",
            "Search what this repository's team taught Nectr (rules, conventions, accepted "
            "false positives, preferences) for memories that match the words of the query.",
            R"({"type":"object","properties":{"query":{"type":"string"}},"required":["query"]})"};
}

net::awaitable<Answer> SearchMemoryTool::Call(std::string arguments) {
    auto parsed = ParseObject(arguments, "search_memory");
    if (!parsed) {
        co_return parsed.error();
    }
    auto query = QueryArgument(*parsed, "search_memory");
    if (!query) {
        co_return query.error();
    }
    const std::string text = *query;
    std::function<Answer()> search = [this, &text]() -> Answer {
        memory::MemoryStore store(db_, clock_);
        memory::SearchOptions options;
        options.limit = kMemoryHits;
        auto found = store.Search(repository_, text, options);
        if (!found) {
            return found.error();
        }
        if (found->empty()) {
            return "No memory of " + repository_ + " matches \"" + text + "\".";
        }
        return memory::FormatMemories(*found);
    };
    auto answer = co_await pool_.Call<Answer>(std::move(search));
    if (!answer) {
        co_return answer.error();
    }
    co_return CapAnswer(std::move(*answer));
}

}  // namespace nectr::app
