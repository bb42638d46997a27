#pragma once

// MCP protocol revisions: which ones Nectr speaks and how a session agrees on one.
#include <array>
#include <string>
#include <string_view>

namespace nectr::mcp {

// Newest first. 2025-11-25 is the current revision; the older ones are what clients built on
// earlier SDKs (the inspector, editors) still send.
inline constexpr std::array<std::string_view, 4> kSupportedVersions = {"2025-11-25", "2025-06-18",
                                                                       "2025-03-26", "2024-11-05"};
inline constexpr std::string_view kLatestVersion = kSupportedVersions.front();
// What a Streamable HTTP request without an MCP-Protocol-Version header is taken to speak.
inline constexpr std::string_view kHttpDefaultVersion = "2025-03-26";

bool IsSupportedVersion(std::string_view version);

// The version to answer an initialize with: the client's when supported, else our latest
// (the client then decides whether it can go on).
std::string NegotiateVersion(std::string_view requested);

// True when `version` is `since` or newer (revisions are dates, so they compare as text).
bool VersionAtLeast(std::string_view version, std::string_view since);

}  // namespace nectr::mcp
