#pragma once

#include "github/options.hpp"

namespace nectr::github {

// Sleeps on a steady timer of the awaiting coroutine's executor; cancellation ends it early.
Sleeper MakeTimerSleeper();

}  // namespace nectr::github
