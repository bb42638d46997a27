#pragma once

#include "queue/job.hpp"
#include "webhooks/delivery.hpp"
#include "webhooks/routing.hpp"

namespace nectr::webhooks {

// The job a routed delivery asks for: kind, priority, keys and a JSON payload with what the
// worker needs (repository, pull request, head sha, installation, delivery id). Never carries
// the raw payload or any secret; the worker reads the stored event when it needs more.
queue::NewJob MakeJobRequest(const Delivery& delivery, const RoutingDecision& decision);

}  // namespace nectr::webhooks
