#include "core/error.hpp"

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace nectr::core {

std::string_view ErrcName(Errc code) {
    switch (code) {
        case Errc::kInvalidInput:
            return "invalid_input";
        case Errc::kUnauthorized:
            return "unauthorized";
        case Errc::kForbidden:
            return "forbidden";
        case Errc::kNotFound:
            return "not_found";
        case Errc::kConflict:
            return "conflict";
        case Errc::kTooLarge:
            return "too_large";
        case Errc::kUnsupportedMediaType:
            return "unsupported_media_type";
        case Errc::kRateLimited:
            return "rate_limited";
        case Errc::kTimeout:
            return "timeout";
        case Errc::kUnavailable:
            return "unavailable";
        case Errc::kUpstream:
            return "upstream";
        case Errc::kInternal:
            return "internal";
    }
    return "internal";
}

void throw_exception_from_error(const Error& error, const boost::source_location& where) {
    throw std::runtime_error(std::string(ErrcName(error.code)) + ": " + error.detail + " (at " +
                             where.file_name() + ":" + std::to_string(where.line()) + ")");
}

void AssertFailed(const char* condition, const char* why, const char* file, int line) {
    std::fprintf(stderr, "nectr: assertion failed at %s:%d: %s (%s)\n", file, line, condition, why);
    std::abort();
}

}  // namespace nectr::core
