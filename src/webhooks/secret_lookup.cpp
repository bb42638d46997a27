#include "webhooks/secret_lookup.hpp"

#include "store/sql.hpp"

namespace nectr::webhooks {
namespace {
constexpr std::size_t kMaxEntries = 10000;  // bounds memory under deliveries for random names
}

SecretLookup::SecretLookup(store::Database& db, const core::Clock& clock,
                           std::chrono::milliseconds ttl)
    : db_(db), clock_(clock), ttl_(ttl) {}

core::Result<std::string> SecretLookup::Find(const std::string& repo_full_name) {
    const auto now = clock_.Steady();
    {
        std::lock_guard lock(mutex_);
        auto it = entries_.find(repo_full_name);
        if (it != entries_.end() && it->second.expires > now) {
            return it->second.secret;
        }
    }
    const store::Value params[] = {repo_full_name};
    auto rows = store::Execute(db_, store::sql::kIngestWebhookSecret, params);
    if (!rows) {
        return rows.error();
    }
    std::string secret;
    if (!rows->empty()) {
        secret = store::AsText(rows->rows.front().front()).value_or("");
    }
    std::lock_guard lock(mutex_);
    if (entries_.size() >= kMaxEntries) {
        entries_.clear();
    }
    entries_[repo_full_name] = Entry{secret, now + ttl_};
    return secret;
}

}  // namespace nectr::webhooks
