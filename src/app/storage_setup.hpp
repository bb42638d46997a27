#pragma once

#include <memory>

#include "core/config.hpp"
#include "store/database.hpp"

namespace nectr::app {

// Opens the configured database and applies pending migrations, logging what it did.
// Errors carry a message fit for the terminal (the URL's password masked).
core::Result<std::unique_ptr<store::Database>> OpenStore(const core::Config& config);

// PrepareDataDir (the data directory and a development SECRET_KEY), then OpenStore: what every
// command that uses the database does first.
core::Result<std::unique_ptr<store::Database>> PrepareAndOpenStore(core::Config& config);

}  // namespace nectr::app
