#pragma once

// The clone of a connected repository under the data directory, kept current with git over
// HTTPS. The token reaches git through its environment as an extra header, never in argv
// (which `ps` shows) nor in the remote URL (which .git/config keeps on disk). Blocks: call
// from the blocking pool.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace nectr::app {

// "<data_dir>/repos/<owner>/<name>". kInvalidInput unless `repository` is "owner/name" with
// parts GitHub allows (letters, digits, '.', '-', '_'; not "." or ".."), so that no name can
// point outside the folder.
core::Result<std::string> CheckoutPath(std::string_view data_dir, std::string_view repository);

// Deletes the repository's clone (and a clone cut short) under the data directory, if any.
// Errors: kInvalidInput for a name CheckoutPath refuses, kUnavailable when a file stays.
core::Result<void> RemoveCheckout(std::string_view data_dir, std::string_view repository);

// "<git_url>/<owner>/<name>.git".
std::string RemoteUrl(std::string_view git_url, std::string_view repository);

// The variables that make git send "Authorization: Basic base64(x-access-token:<token>)" with
// every request (what GitHub accepts for App, OAuth and personal tokens), never prompt, and
// keep no credential helper's copy. Empty token: only the no-prompt settings.
std::vector<std::pair<std::string, std::string>> GitEnvironment(std::string_view token);

// `text` with every occurrence of `secret` (and of its base64 header form) replaced.
std::string Redact(std::string text, std::string_view secret);

struct SyncedCheckout {
    std::string path;
    std::string head;  // the commit checked out: the remote's default branch
    bool cloned = false;
};

// Clones the repository into `path` (through a sibling folder renamed at the end, so that a
// clone cut short leaves nothing half-made), or, when `path` holds a clone, fetches the
// remote's default branch and checks it out. Errors: kForbidden when the remote refused the
// token, kNotFound when it has no such repository, kUnavailable for other git failures; the
// detail quotes git with the token removed.
core::Result<SyncedCheckout> SyncCheckout(const std::string& git_url, const std::string& repository,
                                          const std::string& path, const std::string& token);

struct ChangedFiles {
    std::vector<std::string> changed;  // added or modified at `to`
    std::vector<std::string> removed;  // gone at `to`
};

// The files that differ between commits `from` and `to` of the clone (renames as a removal and
// an addition). kNotFound when the clone lacks `from` (a force-push rewrote it).
core::Result<ChangedFiles> DiffCommits(const std::string& path, const std::string& from,
                                       const std::string& to);

}  // namespace nectr::app
