#include "auth/oauth_states.hpp"

#include <openssl/rand.h>

#include <array>

#include "auth/store_rows.hpp"
#include "store/sql.hpp"

namespace nectr::auth {

std::string NewOAuthState() {
    std::array<unsigned char, 32> bytes{};
    NECTR_ASSERT(RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) == 1,
                 "OpenSSL must be able to draw random bytes");
    static constexpr char kHex[] = "0123456789abcdef";
    std::string state;
    state.reserve(bytes.size() * 2);
    for (const unsigned char byte : bytes) {
        state += kHex[byte >> 4];
        state += kHex[byte & 0x0f];
    }
    return state;
}

core::Result<void> SaveOAuthState(store::Database& db, std::string_view state,
                                  std::int64_t now_ms) {
    const std::int64_t lifetime_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(kOAuthStateLifetime).count();
    const store::Value stale[] = {now_ms};
    if (auto dropped = store::Execute(db, store::sql::kAuthDeleteStaleStates, stale); !dropped) {
        return StoreFailure(dropped.error());
    }
    const store::Value params[] = {std::string(state), now_ms, now_ms + lifetime_ms};
    if (auto saved = store::Execute(db, store::sql::kAuthInsertState, params); !saved) {
        return StoreFailure(saved.error());
    }
    return {};
}

core::Result<bool> ConsumeOAuthState(store::Database& db, std::string_view state,
                                     std::int64_t now_ms) {
    const store::Value params[] = {std::string(state), now_ms};
    auto consumed = store::Execute(db, store::sql::kAuthConsumeState, params);
    if (!consumed) {
        return StoreFailure(consumed.error());
    }
    return consumed->affected_rows == 1;
}

}  // namespace nectr::auth
