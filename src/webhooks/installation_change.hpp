#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace nectr::webhooks {

struct InstallationRepository {
    std::int64_t id = 0;    // GitHub's repository id: stable across renames
    std::string full_name;  // "owner/name" at the time of the delivery
};

// What one `installation` or `installation_repositories` delivery says about the
// installation and the repositories it covers.
struct InstallationChange {
    std::int64_t installation_id = 0;
    std::string account_login;         // empty when the payload lacks it
    std::string account_type;          // "User", "Organization"; empty when absent
    std::string repository_selection;  // "all" or "selected"; empty when the payload does not say
    std::string status;                // "active", "suspended", "deleted"; empty: unchanged
    std::vector<InstallationRepository> added;    // covered from now on
    std::vector<InstallationRepository> removed;  // no longer covered
    bool remove_all = false;                      // the App was uninstalled: nothing stays covered
};

// Reads the change from a stored delivery:
//   installation.created                  status from installation.suspended_at; the listed
//                                          repositories are added
//   installation.deleted                  status deleted, every repository removed
//   installation.suspend / unsuspend      status suspended / active
//   installation.new_permissions_accepted  and any newer action: status from suspended_at when
//                                          the payload has it; listed repositories are added
//   installation_repositories.added/removed  repositories_added / repositories_removed
// Repository entries without an id or a full name are skipped. kInvalidInput when the
// payload is not a JSON object, the event is neither of the two, or installation.id is
// missing. Pure; never throws.
core::Result<InstallationChange> ParseInstallationChange(std::string_view event,
                                                         std::string_view action,
                                                         std::string_view payload_json);

}  // namespace nectr::webhooks
