#pragma once

#include "app/cli.hpp"
#include "core/config.hpp"

namespace nectr::app {

// Reads the .env file (the --env-file, or ./.env when present; `nectr review` reads only an
// --env-file), the environment and the flags, and builds the configuration. A problem is a
// kInvalidInput error listing them all.
core::Result<core::Config> LoadSettings(const Invocation& invocation);

// Makes sure the data directory exists (0700) and that a development SECRET_KEY exists: read
// from <data_dir>/secret_key, or generated there (0600) with a warning. Production keys are
// never generated (LoadConfig already refused a missing one).
core::Result<void> PrepareDataDir(core::Config& config);

}  // namespace nectr::app
