#pragma once

#include "queue/worker.hpp"

namespace nectr::app {

// Registers a handler for every job kind this build can run. Kinds without one stay queued
// (workers claim only what they can run) until a build that has it picks them up: reviews
// (#4), pull-request and push indexing (#6) and installation sync (#5) arrive with their issues.
void RegisterJobHandlers(queue::Worker& worker);

}  // namespace nectr::app
