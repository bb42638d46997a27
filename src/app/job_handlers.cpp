#include "app/job_handlers.hpp"

namespace nectr::app {

void RegisterJobHandlers(queue::Worker& /*worker*/) {
    // No job kind has a handler yet: see the header.
}

}  // namespace nectr::app
