#pragma once

#include <string_view>

namespace nectr::store {

// One SQL statement from src/store/queries, embedded at build time. `name` is
// "<area>.<file>" and shows up in logs and errors. Parameters are $1..$n on both engines.
struct Query {
    std::string_view name;
    std::string_view sqlite;
    std::string_view postgres;
};

// One versioned schema migration from src/store/migrations (a script of several statements).
struct Migration {
    int version;
    std::string_view name;
    std::string_view sqlite;
    std::string_view postgres;
};

}  // namespace nectr::store
