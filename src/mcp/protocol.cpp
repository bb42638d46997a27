#include "mcp/protocol.hpp"

#include <algorithm>

namespace nectr::mcp {

bool IsSupportedVersion(std::string_view version) {
    return std::find(kSupportedVersions.begin(), kSupportedVersions.end(), version) !=
           kSupportedVersions.end();
}

std::string NegotiateVersion(std::string_view requested) {
    return std::string(IsSupportedVersion(requested) ? requested : kLatestVersion);
}

bool VersionAtLeast(std::string_view version, std::string_view since) { return version >= since; }

}  // namespace nectr::mcp
