#include "core/thread_name.hpp"

#include <pthread.h>

#include <string>

namespace nectr::core {

void NameThisThread(std::string_view name) {
    constexpr std::size_t kMaxLength = 15;  // TASK_COMM_LEN minus the terminating NUL
    const std::string truncated(name.substr(0, kMaxLength));
    pthread_setname_np(pthread_self(), truncated.c_str());
}

}  // namespace nectr::core
