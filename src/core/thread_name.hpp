#pragma once

#include <string_view>

namespace nectr::core {

// Names the calling thread as `top -H`, `ps -L` and profilers show it (Linux keeps the first
// 15 characters). Best effort: a failure changes nothing else.
void NameThisThread(std::string_view name);

}  // namespace nectr::core
