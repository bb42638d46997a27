#include "webhooks/secret_lookup.hpp"

#include "store/sql.hpp"

namespace nectr::webhooks {
namespace {
constexpr std::size_t kMaxEntries = 10000;  // bounds memory under deliveries for random names
}

SecretLookup::SecretLookup(store::Database& db, const core::Clock& clock,
                           std::chrono::milliseconds ttl, Opener open)
    : db_(db), clock_(clock), ttl_(ttl), open_(std::move(open)) {}

std::optional<std::string> SecretLookup::Cached(const std::string& repo_full_name) {
    const auto now = clock_.Steady();
    std::lock_guard lock(mutex_);
    auto it = entries_.find(repo_full_name);
    if (it != entries_.end() && it->second.expires > now) {
        return it->second.secret;
    }
    return std::nullopt;
}

core::Result<std::string> SecretLookup::Find(const std::string& repo_full_name) {
    if (std::optional<std::string> cached = Cached(repo_full_name)) {
        return std::move(*cached);
    }
    const auto now = clock_.Steady();
    const store::Value params[] = {repo_full_name};
    auto rows = store::Execute(db_, store::sql::kIngestWebhookSecret, params);
    if (!rows) {
        return rows.error();
    }
    std::string secret;
    if (!rows->empty()) {
        secret = store::AsText(rows->rows.front().front()).value_or("");
    }
    if (!secret.empty() && open_) {
        core::Result<std::string> opened = open_(secret);
        if (!opened) {
            return core::MakeError(core::Errc::kInternal,
                                   "the webhook secret of " + repo_full_name +
                                       " cannot be decrypted: " + opened.error().detail);
        }
        secret = std::move(*opened);
    }
    std::lock_guard lock(mutex_);
    if (entries_.size() >= kMaxEntries) {
        entries_.clear();
    }
    entries_[repo_full_name] = Entry{secret, now + ttl_};
    return secret;
}

}  // namespace nectr::webhooks
