#include "github/options.hpp"

#include "core/version.hpp"

namespace nectr::github {

std::string DefaultUserAgent() { return std::string(core::kServiceName) + "/" + core::kVersion; }

}  // namespace nectr::github
