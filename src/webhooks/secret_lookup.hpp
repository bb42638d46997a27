#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "store/database.hpp"

namespace nectr::webhooks {

// Finds the webhook secret of a connected repository, remembering answers for a short time:
// at thousands of deliveries a second, most would otherwise ask the database the same thing.
// A secret that changes (a repository reconnected) takes effect within `ttl`.
class SecretLookup {
public:
    // Turns a stored secret (encrypted at rest) into the secret itself.
    using Opener = std::function<core::Result<std::string>(std::string_view stored)>;

    // `open` empty: secrets are stored as they are (tests).
    SecretLookup(store::Database& db, const core::Clock& clock,
                 std::chrono::milliseconds ttl = std::chrono::seconds(10), Opener open = {});

    // The repository's secret, or an empty string when it is not connected. Blocks on the
    // database on a miss: call from the blocking pool. kUnavailable when the database is down;
    // kInternal when the stored secret cannot be opened (SECRET_KEY changed without keeping
    // the old one in SECRET_KEY_PREVIOUS).
    core::Result<std::string> Find(const std::string& repo_full_name);

    // The remembered answer for the repository, without touching the database: lets the
    // caller skip the hop to the blocking pool on the common path. nullopt on a miss.
    std::optional<std::string> Cached(const std::string& repo_full_name);

private:
    struct Entry {
        std::string secret;
        std::chrono::steady_clock::time_point expires;
    };
    store::Database& db_;
    const core::Clock& clock_;
    std::chrono::milliseconds ttl_;
    Opener open_;
    std::mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
};

}  // namespace nectr::webhooks
