#pragma once

// Conditional requests: GitHub answers `If-None-Match` with 304 Not Modified when nothing
// changed, and a 304 does not count against the rate limit. The cache keeps the last 200 body
// of each URL with its ETag, least recently used out first. Keys include the caller's identity,
// so that one installation never sees a body fetched with another's token. Thread-safe: one
// cache may serve every client of the process.
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace nectr::github {

struct CachedResponse {
    std::string etag;
    std::string body;
    std::string link;  // the Link header, so that a cached page still leads to the next one
};

class EtagCache {
public:
    // Holds at most `max_entries` responses and `max_bytes` of bodies; a body larger than a
    // quarter of `max_bytes` is not kept, so that one huge diff cannot empty the cache.
    explicit EtagCache(std::size_t max_entries = 512,
                       std::size_t max_bytes = std::size_t{32} * 1024 * 1024);

    // The response stored under `key`, now the most recently used; nullptr when absent.
    std::shared_ptr<const CachedResponse> Find(const std::string& key);
    // Stores (or replaces) the response under `key`, evicting the least recently used.
    void Store(const std::string& key, CachedResponse response);
    void Erase(const std::string& key);

    std::size_t Size() const;
    std::size_t Bytes() const;

private:
    struct Entry {
        std::string key;
        std::shared_ptr<const CachedResponse> response;
        std::size_t bytes = 0;
    };
    void EvictLocked();

    const std::size_t max_entries_;
    const std::size_t max_bytes_;
    mutable std::mutex mutex_;
    std::list<Entry> order_;  // most recently used first
    std::unordered_map<std::string, std::list<Entry>::iterator> index_;
    std::size_t bytes_ = 0;
};

// The cache key of a GET: who asked, which representation, which URL.
std::string EtagCacheKey(std::string_view identity, std::string_view accept, std::string_view url);

}  // namespace nectr::github
