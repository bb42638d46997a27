#include "api/memory_requests.hpp"

#include <boost/json.hpp>

#include "api/query_params.hpp"

namespace nectr::api {
namespace {

namespace json = boost::json;

constexpr std::string_view kTypes =
    "project_rule, convention, developer_habit, preference or accepted_false_positive";

core::Result<memory::MemoryType> TypeFrom(std::string_view name) {
    const std::optional<memory::MemoryType> type = memory::ParseType(name);
    if (!type) {
        return BadParameter("type must be " + std::string(kTypes));
    }
    return *type;
}

core::Result<memory::MemoryScope> ScopeFrom(std::string_view name) {
    const std::optional<memory::MemoryScope> scope = memory::ParseScope(name);
    if (!scope) {
        return BadParameter("scope must be repository or developer");
    }
    return *scope;
}

// The body as an object whose keys are all `allowed`; `fields` names them for the message.
core::Result<json::object> BodyObject(std::string_view body,
                                      std::initializer_list<std::string_view> allowed,
                                      std::string_view fields) {
    boost::system::error_code ec;
    json::value parsed = json::parse(body, ec);
    if (ec || !parsed.is_object()) {
        return BadParameter("the body must be a JSON object");
    }
    for (const auto& entry : parsed.as_object()) {
        if (std::find(allowed.begin(), allowed.end(), entry.key()) == allowed.end()) {
            return BadParameter("\"" + std::string(entry.key()) +
                                "\" is not a field here: " + std::string(fields));
        }
    }
    return std::move(parsed.as_object());
}

// A string field: nullopt when absent; kInvalidInput when present but not a string.
core::Result<std::optional<std::string>> StringField(const json::object& object,
                                                     std::string_view key) {
    const json::value* value = object.if_contains(key);
    if (value == nullptr) {
        return std::optional<std::string>();
    }
    if (!value->is_string()) {
        return BadParameter(std::string(key) + " must be a string");
    }
    return std::optional<std::string>(std::string(value->as_string()));
}

core::Result<std::optional<double>> ConfidenceField(const json::object& object) {
    const json::value* value = object.if_contains("confidence");
    if (value == nullptr) {
        return std::optional<double>();
    }
    if (!value->is_number()) {
        return BadParameter("confidence must be a number from 0 to 1");
    }
    const double confidence = value->to_number<double>();
    if (!(confidence >= 0.0 && confidence <= 1.0)) {
        return BadParameter("confidence must be a number from 0 to 1");
    }
    return std::optional<double>(confidence);
}

core::Result<std::string> ContentFrom(std::optional<std::string> content) {
    if (!content || content->find_first_not_of(" \t\r\n") == std::string::npos) {
        return BadParameter("content must be a non-empty string");
    }
    if (content->size() > memory::kMaxContentBytes) {
        return BadParameter("content must be at most " + std::to_string(memory::kMaxContentBytes) +
                            " bytes");
    }
    return std::move(*content);
}

// Reads the optional ?type=, ?scope= and ?developer= into `filter`.
core::Result<void> ParseListFilters(const http::Request& request, memory::MemoryFilter& filter) {
    if (std::optional<std::string> type = NonEmptyParam(request, "type")) {
        core::Result<memory::MemoryType> parsed = TypeFrom(*type);
        if (!parsed) {
            return parsed.error();
        }
        filter.type = *parsed;
    }
    if (std::optional<std::string> scope = NonEmptyParam(request, "scope")) {
        core::Result<memory::MemoryScope> parsed = ScopeFrom(*scope);
        if (!parsed) {
            return parsed.error();
        }
        filter.scope = *parsed;
    }
    if (std::optional<std::string> developer = NonEmptyParam(request, "developer")) {
        if (!IsGitHubLogin(*developer)) {
            return BadParameter("developer must be a GitHub login");
        }
        filter.developer_login = std::move(*developer);
    }
    return {};
}

// repo, type and content of a new memory.
core::Result<void> ReadWhatAndWhere(const json::object& object, memory::NewMemory& memory) {
    core::Result<std::optional<std::string>> repo = StringField(object, "repo");
    if (!repo) {
        return repo.error();
    }
    if (!*repo || !IsRepositoryName(**repo)) {
        return BadParameter("repo must be a repository's full name, owner/name");
    }
    memory.repo_full_name = std::move(**repo);
    core::Result<std::optional<std::string>> type = StringField(object, "type");
    if (!type) {
        return type.error();
    }
    core::Result<memory::MemoryType> parsed_type = TypeFrom(type->value_or(""));
    if (!parsed_type) {
        return parsed_type.error();
    }
    memory.type = *parsed_type;
    core::Result<std::optional<std::string>> content_field = StringField(object, "content");
    if (!content_field) {
        return content_field.error();
    }
    core::Result<std::string> content = ContentFrom(std::move(*content_field));
    if (!content) {
        return content.error();
    }
    memory.content = std::move(*content);
    return {};
}

// scope and developer of a new memory: a developer without a scope means scope developer.
core::Result<void> ReadScope(const json::object& object, memory::NewMemory& memory) {
    core::Result<std::optional<std::string>> developer = StringField(object, "developer");
    if (!developer) {
        return developer.error();
    }
    core::Result<std::optional<std::string>> scope = StringField(object, "scope");
    if (!scope) {
        return scope.error();
    }
    if (*developer && !IsGitHubLogin(**developer)) {
        return BadParameter("developer must be a GitHub login");
    }
    memory.scope = *developer ? memory::MemoryScope::kDeveloper : memory::MemoryScope::kRepository;
    if (*scope) {
        core::Result<memory::MemoryScope> parsed = ScopeFrom(**scope);
        if (!parsed) {
            return parsed.error();
        }
        memory.scope = *parsed;
    }
    if (memory.scope == memory::MemoryScope::kDeveloper && !*developer) {
        return BadParameter("a developer memory needs developer: the GitHub login it is about");
    }
    if (memory.scope == memory::MemoryScope::kRepository && *developer) {
        return BadParameter("developer applies to scope developer only");
    }
    memory.developer_login = std::move(*developer);
    return {};
}

}  // namespace

bool IsGitHubLogin(std::string_view text) {
    constexpr std::string_view kBotSuffix = "[bot]";
    if (text.ends_with(kBotSuffix)) {
        text.remove_suffix(kBotSuffix.size());
    }
    if (text.empty() || text.size() > 39) {
        return false;
    }
    for (const char c : text) {
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_')) {
            return false;
        }
    }
    return true;
}

core::Result<std::string> ParseRequiredRepository(const http::Request& request) {
    core::Result<std::string> repo = ParseRepositoryParam(request);
    if (!repo) {
        return repo.error();
    }
    if (repo->empty()) {
        return BadParameter("repo is required: a repository's full name, owner/name");
    }
    return repo;
}

core::Result<MemoryListQuery> ParseMemoryListQuery(const http::Request& request) {
    MemoryListQuery query;
    core::Result<std::string> repo = ParseRequiredRepository(request);
    if (!repo) {
        return repo.error();
    }
    query.repository = std::move(*repo);
    if (core::Result<void> filters = ParseListFilters(request, query.filter); !filters) {
        return filters.error();
    }
    core::Result<std::int64_t> limit =
        ParseLimitParam(request, kDefaultMemoryPage, memory::kMaxPage);
    if (!limit) {
        return limit.error();
    }
    query.filter.limit = *limit;
    core::Result<std::optional<std::int64_t>> cursor = ParseCursorParam(request);
    if (!cursor) {
        return cursor.error();
    }
    query.filter.before_id = *cursor;
    query.q = NonEmptyParam(request, "q");
    if (query.q && query.q->size() > kMaxMemoryQueryBytes) {
        return BadParameter("q must be at most " + std::to_string(kMaxMemoryQueryBytes) + " bytes");
    }
    if (query.q && query.filter.before_id) {
        return BadParameter("cursor pages the list; a search (q) returns its best matches only");
    }
    if (query.q && query.filter.scope) {
        return BadParameter("scope filters the list; a search (q) takes developer instead");
    }
    return query;
}

core::Result<memory::NewMemory> ParseNewMemory(std::string_view body) {
    core::Result<json::object> object =
        BodyObject(body, {"repo", "type", "content", "scope", "developer", "confidence"},
                   "a memory has repo, type, content, scope, developer and confidence");
    if (!object) {
        return object.error();
    }
    memory::NewMemory memory;
    memory.source = memory::MemorySource::kManual;
    if (core::Result<void> read = ReadWhatAndWhere(*object, memory); !read) {
        return read.error();
    }
    if (core::Result<void> read = ReadScope(*object, memory); !read) {
        return read.error();
    }
    core::Result<std::optional<double>> confidence = ConfidenceField(*object);
    if (!confidence) {
        return confidence.error();
    }
    memory.confidence = confidence->value_or(kManualConfidence);
    return memory;
}

core::Result<memory::MemoryChanges> ParseMemoryChanges(std::string_view body) {
    core::Result<json::object> object = BodyObject(
        body, {"content", "type", "confidence"}, "a memory's content, type and confidence change");
    if (!object) {
        return object.error();
    }
    memory::MemoryChanges changes;
    core::Result<std::optional<std::string>> content = StringField(*object, "content");
    if (!content) {
        return content.error();
    }
    if (*content) {
        core::Result<std::string> checked = ContentFrom(std::move(*content));
        if (!checked) {
            return checked.error();
        }
        changes.content = std::move(*checked);
    }
    core::Result<std::optional<std::string>> type = StringField(*object, "type");
    if (!type) {
        return type.error();
    }
    if (*type) {
        core::Result<memory::MemoryType> parsed = TypeFrom(**type);
        if (!parsed) {
            return parsed.error();
        }
        changes.type = *parsed;
    }
    core::Result<std::optional<double>> confidence = ConfidenceField(*object);
    if (!confidence) {
        return confidence.error();
    }
    changes.confidence = *confidence;
    if (!changes.content && !changes.type && !changes.confidence) {
        return BadParameter("nothing to change: give content, type or confidence");
    }
    return changes;
}

}  // namespace nectr::api
