#pragma once

#include <optional>
#include <string_view>

#include "review/repo_config.hpp"

namespace nectr::review {

// Why a changed file is left out of the review. The order is the order of the checks.
enum class SkipReason {
    kIgnoredPath,  // matches one of the repository's ignore_paths
    kBinary,
    kLockfile,   // package-lock.json, Cargo.lock, go.sum, *.lock, ...
    kVendored,   // under vendor/, node_modules/, third_party/, ...
    kGenerated,  // *.min.js, *.pb.go, *_pb2.py, dist/, build/, or marked generated in its header
};

// Decides whether the file at `path` is reviewed: nullopt if it is, otherwise the first reason
// that applies. `first_lines` is the start of the new file when the caller has it (a few lines
// are enough); it is searched for "Code generated ... DO NOT EDIT", "@generated" and similar
// markers. Pure; never throws.
std::optional<SkipReason> WhySkipped(std::string_view path, bool binary, const RepoConfig& config,
                                     std::string_view first_lines = {});

// A short phrase for the review body, e.g. "lockfile" or "ignored by .nectr.toml".
std::string_view SkipReasonText(SkipReason reason);

}  // namespace nectr::review
