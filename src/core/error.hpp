#pragma once

#include <boost/system/result.hpp>
#include <string>
#include <string_view>

namespace nectr::core {

// What went wrong, in terms the edges (HTTP, CLI) can translate to a status or exit code.
enum class Errc {
    kInvalidInput,
    kUnauthorized,
    kForbidden,
    kNotFound,
    kConflict,
    kTooLarge,
    kUnsupportedMediaType,
    kRateLimited,
    kTimeout,
    kUnavailable,
    kUpstream,
    kInternal,
};

struct Error {
    Errc code = Errc::kInternal;
    std::string detail;  // shown to users and logs: never a token, secret or payload
};

template <typename T>
using Result = boost::system::result<T, Error>;

// A stable snake_case name for the code, used in JSON error bodies and logs.
std::string_view ErrcName(Errc code);

// Shorthand for building an error value: `return MakeError(Errc::kNotFound, "no such repo");`
inline Error MakeError(Errc code, std::string detail) { return Error{code, std::move(detail)}; }

// ADL hook that result<T, Error>::value() calls when it holds an error.
[[noreturn]] void throw_exception_from_error(  // NOLINT(readability-identifier-naming)
    const Error& error, const boost::source_location& where);

// Aborts with a message: for broken invariants (bugs), never for untrusted input.
[[noreturn]] void AssertFailed(const char* condition, const char* why, const char* file, int line);

}  // namespace nectr::core

#define NECTR_ASSERT(cond, why)                                          \
    do {                                                                 \
        if (!(cond)) {                                                   \
            ::nectr::core::AssertFailed(#cond, why, __FILE__, __LINE__); \
        }                                                                \
    } while (false)
