#include "github/etag_cache.hpp"

#include <fmt/core.h>

namespace nectr::github {

EtagCache::EtagCache(std::size_t max_entries, std::size_t max_bytes)
    : max_entries_(max_entries), max_bytes_(max_bytes) {}

std::shared_ptr<const CachedResponse> EtagCache::Find(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto found = index_.find(key);
    if (found == index_.end()) {
        return nullptr;
    }
    order_.splice(order_.begin(), order_, found->second);
    return found->second->response;
}

void EtagCache::Store(const std::string& key, CachedResponse response) {
    const std::size_t bytes =
        key.size() + response.etag.size() + response.body.size() + response.link.size();
    std::lock_guard lock(mutex_);
    if (auto found = index_.find(key); found != index_.end()) {
        bytes_ -= found->second->bytes;
        order_.erase(found->second);
        index_.erase(found);
    }
    if (max_entries_ == 0 || bytes > max_bytes_ / 4) {
        return;
    }
    order_.push_front(
        Entry{key, std::make_shared<const CachedResponse>(std::move(response)), bytes});
    index_.emplace(key, order_.begin());
    bytes_ += bytes;
    EvictLocked();
}

void EtagCache::Erase(const std::string& key) {
    std::lock_guard lock(mutex_);
    if (auto found = index_.find(key); found != index_.end()) {
        bytes_ -= found->second->bytes;
        order_.erase(found->second);
        index_.erase(found);
    }
}

std::size_t EtagCache::Size() const {
    std::lock_guard lock(mutex_);
    return index_.size();
}

std::size_t EtagCache::Bytes() const {
    std::lock_guard lock(mutex_);
    return bytes_;
}

void EtagCache::EvictLocked() {
    while (!order_.empty() && (index_.size() > max_entries_ || bytes_ > max_bytes_)) {
        bytes_ -= order_.back().bytes;
        index_.erase(order_.back().key);
        order_.pop_back();
    }
}

std::string EtagCacheKey(std::string_view identity, std::string_view accept, std::string_view url) {
    return fmt::format("{}\n{}\n{}", identity, accept, url);
}

}  // namespace nectr::github
