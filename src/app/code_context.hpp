#pragma once

// What the code index tells a review: code elsewhere in the repository that the change's
// identifiers lead to (callers, definitions, siblings), files near the change first. Reads the
// local database through the blocking pool; a repository that was never indexed adds nothing.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/blocking_pool.hpp"
#include "index/ranking.hpp"
#include "review/change.hpp"
#include "store/database.hpp"

namespace nectr::index {
class Embedder;
}

namespace nectr::app {

namespace net = boost::asio;

struct CodeContextOptions {
    std::size_t max_identifiers = 3;  // of the change, one search each
    // No further search starts once the searches took this long: an identifier made of words
    // that every file holds can take a second to rank on a large index.
    std::chrono::milliseconds budget{300};
    std::size_t max_hits = 8;
    std::size_t max_bytes = 6000;  // of the item's text
};

class CodeContextSource final : public review::ContextSource {
public:
    // `embedder` may be null (full text and proximity only); when set it must outlive the
    // source and may be called from the pool's threads.
    CodeContextSource(store::Database& db, core::BlockingPool& pool,
                      index::Embedder* embedder = nullptr, CodeContextOptions options = {});
    std::string_view Name() const override { return "code"; }
    net::awaitable<core::Result<std::vector<review::ContextItem>>> Gather(
        const review::ContextQuery& query) override;

private:
    store::Database& db_;
    core::BlockingPool& pool_;
    index::Embedder* embedder_;
    CodeContextOptions options_;
};

// The id of repository `full_name` when the code index holds files of it; nullopt when it was
// never indexed (the graph alone may know the name). Blocks.
core::Result<std::optional<std::int64_t>> IndexedRepositoryId(store::Database& db,
                                                              const std::string& full_name);

// The index's view of a change, for the code source: one search per identifier (a query of
// many identifiers would match nearly every chunk on their common words and rank them all),
// with the files near `changed_paths` ranked higher; the hits taken in turns, each
// identifier's best first, without chunks over the changed lines, at most `limit`. Blocks.
struct ChangeSearch {
    std::int64_t repository_id = 0;
    std::vector<std::string> changed_paths;
    std::vector<std::string> identifiers;  // most distinctive first
    std::size_t limit = 8;
    index::Embedder* embedder = nullptr;
    std::chrono::milliseconds budget{300};  // no search starts after this; the first always runs
};
core::Result<std::vector<index::CodeHit>> SearchAroundChange(
    store::Database& db, const ChangeSearch& search, const std::vector<review::FileDiff>& files);

// Hits as "path:start-end symbol" lines each followed by its snippet, indented; stops before
// `max_bytes`. Pure.
std::string FormatCodeHits(const std::vector<index::CodeHit>& hits, std::size_t max_bytes);

}  // namespace nectr::app
