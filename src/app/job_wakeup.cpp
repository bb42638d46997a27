#include "app/job_wakeup.hpp"

#include "queue/job.hpp"

namespace nectr::app {

void WorkerSlot::Set(queue::Worker* worker) {
    std::lock_guard lock(mutex_);
    worker_ = worker;
}

void WorkerSlot::Notify() {
    std::lock_guard lock(mutex_);
    if (worker_ != nullptr) {
        worker_->Notify();
    }
}

core::Result<std::unique_ptr<store::PostgresListener>> StartJobWakeups(const core::Config& config,
                                                                       store::Engine engine,
                                                                       std::function<void()> wake) {
    if (engine != store::Engine::kPostgres) {
        return std::unique_ptr<store::PostgresListener>();
    }
    store::ListenerOptions options;
    options.url = config.database_url;
    options.channel = std::string(queue::kJobsChannel);
    options.only_own_schema = true;
    return store::PostgresListener::Start(std::move(options), std::move(wake));
}

}  // namespace nectr::app
