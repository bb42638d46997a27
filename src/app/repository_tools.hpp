#pragma once

// Tools the model may call while it reviews, over what Nectr keeps of the repository: the code
// index (search_repository), the knowledge graph (file_history) and the semantic memory
// (search_memory). Each reads the local database through the blocking pool, checks the
// model's arguments and answers with capped text: data for the model, never instructions.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/blocking_pool.hpp"
#include "core/clock.hpp"
#include "review/context_tool.hpp"
#include "store/database.hpp"

namespace nectr::index {
class Embedder;
}

namespace nectr::app {

namespace net = boost::asio;

// The most bytes a tool answers with; longer answers are cut and say so.
inline constexpr std::size_t kMaxToolAnswerBytes = 8000;

// search_repository {query, limit?}: the index's best chunks of the whole repository.
class SearchRepositoryTool final : public review::ContextTool {
public:
    // `embedder` may be null; when set it must outlive the tool.
    SearchRepositoryTool(store::Database& db, core::BlockingPool& pool, std::string repository,
                         index::Embedder* embedder = nullptr);
    llm::ToolSpec Spec() const override;
    net::awaitable<core::Result<std::string>> Call(std::string arguments) override;

private:
    store::Database& db_;
    core::BlockingPool& pool_;
    std::string repository_;
    index::Embedder* embedder_;
};

// file_history {paths}: who knows the paths, earlier pull requests on them, the files that
// change with them and the files that import them.
class FileHistoryTool final : public review::ContextTool {
public:
    // `exclude_number`: the pull request under review (0: none), left out of earlier ones.
    FileHistoryTool(store::Database& db, core::BlockingPool& pool, const core::Clock& clock,
                    std::string repository, std::int64_t exclude_number = 0);
    llm::ToolSpec Spec() const override;
    net::awaitable<core::Result<std::string>> Call(std::string arguments) override;

private:
    store::Database& db_;
    core::BlockingPool& pool_;
    const core::Clock& clock_;
    std::string repository_;
    std::int64_t exclude_number_;
};

// search_memory {query}: what the team taught Nectr about this repository that matches.
class SearchMemoryTool final : public review::ContextTool {
public:
    SearchMemoryTool(store::Database& db, core::BlockingPool& pool, const core::Clock& clock,
                     std::string repository);
    llm::ToolSpec Spec() const override;
    net::awaitable<core::Result<std::string>> Call(std::string arguments) override;

private:
    store::Database& db_;
    core::BlockingPool& pool_;
    const core::Clock& clock_;
    std::string repository_;
};

// `text` cut to at most `max_bytes` (on a line end where there is one) with a note that it
// was; as it is when it fits. Pure.
std::string CapAnswer(std::string text, std::size_t max_bytes = kMaxToolAnswerBytes);

}  // namespace nectr::app
