#include "memory/memory_rows.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace nectr::memory {
namespace {

const store::Value* ValueAt(const store::Rows& rows, std::size_t i, std::string_view name) {
    const std::optional<std::size_t> column = rows.ColumnIndex(name);
    if (!column || i >= rows.rows.size() || *column >= rows.rows[i].size()) {
        return nullptr;
    }
    return &rows.rows[i][*column];
}

std::optional<std::string> Text(const store::Rows& rows, std::size_t i, std::string_view name) {
    const store::Value* value = ValueAt(rows, i, name);
    return value != nullptr ? store::AsText(*value) : std::nullopt;
}

std::optional<std::int64_t> Int(const store::Rows& rows, std::size_t i, std::string_view name) {
    const store::Value* value = ValueAt(rows, i, name);
    return value != nullptr ? store::AsInt(*value) : std::nullopt;
}

core::Error BadColumn(std::string_view column, std::string_view value) {
    return core::MakeError(core::Errc::kInternal, "memories." + std::string(column) +
                                                      " holds an unknown value \"" +
                                                      std::string(value) + "\"");
}

}  // namespace

core::Result<Memory> MemoryFromRow(const store::Rows& rows, std::size_t i) {
    Memory memory;
    memory.id = Int(rows, i, "id").value_or(0);
    memory.repo_full_name = Text(rows, i, "repo_full_name").value_or("");
    const std::string scope = Text(rows, i, "scope").value_or("");
    const std::string type = Text(rows, i, "type").value_or("");
    const std::string source = Text(rows, i, "source").value_or("");
    const std::optional<MemoryScope> parsed_scope = ParseScope(scope);
    if (!parsed_scope) {
        return BadColumn("scope", scope);
    }
    const std::optional<MemoryType> parsed_type = ParseType(type);
    if (!parsed_type) {
        return BadColumn("type", type);
    }
    const std::optional<MemorySource> parsed_source = ParseSource(source);
    if (!parsed_source) {
        return BadColumn("source", source);
    }
    memory.scope = *parsed_scope;
    memory.type = *parsed_type;
    memory.source = *parsed_source;
    memory.developer_login = Text(rows, i, "developer_login");
    memory.content = Text(rows, i, "content").value_or("");
    memory.source_review_id = Int(rows, i, "source_review_id");
    memory.source_ref = Text(rows, i, "source_ref");
    const store::Value* confidence = ValueAt(rows, i, "confidence");
    memory.confidence = confidence != nullptr ? store::AsDouble(*confidence).value_or(0) : 0;
    memory.hits = Int(rows, i, "hits").value_or(0);
    memory.created_at = Int(rows, i, "created_at").value_or(0);
    memory.updated_at = Int(rows, i, "updated_at").value_or(0);
    memory.last_used_at = Int(rows, i, "last_used_at");
    memory.created_by_user_id = Int(rows, i, "created_by_user_id");
    return memory;
}

core::Result<std::vector<Memory>> MemoriesFromRows(const store::Rows& rows) {
    std::vector<Memory> memories;
    memories.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        core::Result<Memory> memory = MemoryFromRow(rows, i);
        if (!memory) {
            return memory.error();
        }
        memories.push_back(std::move(*memory));
    }
    return memories;
}

std::optional<double> RelevanceAt(const store::Rows& rows, std::size_t i) {
    const store::Value* value = ValueAt(rows, i, "relevance");
    return value != nullptr ? store::AsDouble(*value) : std::nullopt;
}

}  // namespace nectr::memory
