#include "webhooks/payload_dictionary_store.hpp"

#include <fmt/core.h>

#include "store/sql.hpp"

namespace nectr::webhooks {
namespace {

// The dictionary in the first column of the first row; null for no row.
core::Result<std::shared_ptr<const PayloadDictionary>> DictionaryFrom(const store::Rows& rows) {
    if (rows.empty()) {
        return std::shared_ptr<const PayloadDictionary>();
    }
    std::optional<std::string> bytes = store::AsText(rows.rows.front().front());
    if (!bytes) {
        return core::MakeError(core::Errc::kInternal, "a stored payload dictionary is empty");
    }
    auto dictionary = PayloadDictionary::FromBytes(std::move(*bytes));
    if (!dictionary) {
        return core::MakeError(core::Errc::kInternal, "a stored payload dictionary is corrupt: " +
                                                          dictionary.error().detail);
    }
    return *dictionary;
}

}  // namespace

core::Result<void> SavePayloadDictionary(store::Database& db, const PayloadDictionary& dictionary,
                                         DictionaryTraining training, std::int64_t now_ms) {
    const store::Value params[] = {static_cast<std::int64_t>(dictionary.id()),
                                   store::Blob{dictionary.bytes()},
                                   static_cast<std::int64_t>(training.samples),
                                   static_cast<std::int64_t>(training.sample_bytes), now_ms};
    auto inserted = store::Execute(db, store::sql::kPayloadDictionariesInsert, params);
    if (!inserted) {
        return inserted.error();
    }
    return {};
}

core::Result<std::shared_ptr<const PayloadDictionary>> LoadNewestPayloadDictionary(
    store::Database& db) {
    auto rows = store::Execute(db, store::sql::kPayloadDictionariesLatest);
    if (!rows) {
        return rows.error();
    }
    return DictionaryFrom(*rows);
}

core::Result<std::shared_ptr<const PayloadDictionary>> LoadPayloadDictionary(store::Database& db,
                                                                             std::uint32_t id) {
    const store::Value params[] = {static_cast<std::int64_t>(id)};
    auto rows = store::Execute(db, store::sql::kPayloadDictionariesGet, params);
    if (!rows) {
        return rows.error();
    }
    auto dictionary = DictionaryFrom(*rows);
    if (dictionary && *dictionary == nullptr) {
        return core::MakeError(core::Errc::kNotFound,
                               fmt::format("payload dictionary {} is not stored", id));
    }
    return dictionary;
}

}  // namespace nectr::webhooks
