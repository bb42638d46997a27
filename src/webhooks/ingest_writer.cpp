#include "webhooks/ingest_writer.hpp"

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "core/log.hpp"
#include "core/thread_name.hpp"

namespace nectr::webhooks {
namespace {

using Completion = std::function<void(core::Result<IngestOutcome>)>;

struct Pending {
    IngestItem item;
    Completion complete;
};

}  // namespace

struct IngestWriter::Impl {
    Impl(store::Database& database, const core::Clock& clock_ref, IngestOptions opts)
        : db(database), clock(clock_ref), options(opts) {
        thread = std::thread([this] {
            core::NameThisThread("nectr-ingest");
            Loop();
        });
    }

    void Enqueue(Pending pending) {
        bool refused = false;
        bool wake_writer = false;
        {
            std::lock_guard lock(mutex);
            if (stopping) {
                refused = true;
            } else {
                queue.push_back(std::move(pending));
                wake_writer = WriterWaitsFor(queue.size());
                if (wake_writer) {
                    waiting_for = Awaited::kNothing;  // one wake-up is enough
                }
            }
        }
        // Outside the lock, so that the writer does not wake only to wait for the mutex.
        if (wake_writer) {
            wake.notify_one();
        }
        if (refused) {
            pending.complete(
                core::MakeError(core::Errc::kUnavailable, "the server is shutting down"));
        }
    }

    void Stop() {
        {
            std::lock_guard lock(mutex);
            stopping = true;
        }
        wake.notify_one();
        if (thread.joinable()) {
            thread.join();
        }
    }

    // Whether a queue of `size` items is what the sleeping writer waits for. Waking it for
    // every delivery while it gathers would cost a context switch per delivery.
    bool WriterWaitsFor(std::size_t size) const {
        switch (waiting_for) {
            case Awaited::kAnyItem:
                return true;
            case Awaited::kFullBatch:
                return size >= options.gather_items;
            case Awaited::kNothing:
                return false;
        }
        return false;
    }

    void Loop() {
        for (;;) {
            std::vector<Pending> batch;
            {
                std::unique_lock lock(mutex);
                waiting_for = Awaited::kAnyItem;
                wake.wait(lock, [this] { return stopping || !queue.empty(); });
                if (queue.empty()) {
                    return;  // stopping, and everything submitted was written
                }
                if (queue.size() >= 2 && queue.size() < options.gather_items &&
                    options.gather_delay.count() > 0) {
                    waiting_for = Awaited::kFullBatch;
                    wake.wait_for(lock, options.gather_delay, [this] {
                        return stopping || queue.size() >= options.gather_items;
                    });
                }
                waiting_for = Awaited::kNothing;
                while (!queue.empty() && batch.size() < options.max_batch) {
                    batch.push_back(std::move(queue.front()));
                    queue.pop_front();
                }
            }
            WriteBatch(batch);
        }
    }

    void WriteBatch(std::vector<Pending>& batch) {
        std::vector<IngestItem> items;
        items.reserve(batch.size());
        for (Pending& pending : batch) {
            items.push_back(std::move(pending.item));
        }
        std::vector<core::Result<IngestOutcome>> results;
        auto committed =
            store::InTransaction(db, [&](store::Connection& connection) -> core::Result<void> {
                results = WriteIngestBatch(connection, items, core::ToUnixMillis(clock.Now()),
                                           options.dedup_window);
                return {};
            });
        bool accepted_job = false;
        for (std::size_t i = 0; i < batch.size(); ++i) {
            if (!committed) {
                batch[i].complete(committed.error());
                continue;
            }
            accepted_job = accepted_job || (results[i] && results[i]->job_id.has_value());
            batch[i].complete(std::move(results[i]));
        }
        if (!committed) {
            NECTR_LOG_WARN("ingest.commit_failed", "items={} error=\"{}\"", batch.size(),
                           committed.error().detail);
        } else if (accepted_job && listener) {
            listener();
        }
    }

    store::Database& db;
    const core::Clock& clock;
    IngestOptions options;
    std::function<void()> listener;
    std::mutex mutex;
    std::condition_variable wake;
    std::deque<Pending> queue;
    // What the writer sleeps until (under `mutex`): the first item, a full gathered batch, or
    // nothing (it is writing and looks at the queue before it sleeps again).
    enum class Awaited { kNothing, kAnyItem, kFullBatch };
    Awaited waiting_for = Awaited::kNothing;
    bool stopping = false;
    std::thread thread;
};

IngestWriter::IngestWriter(store::Database& db, const core::Clock& clock, IngestOptions options)
    : impl_(std::make_unique<Impl>(db, clock, options)) {}

IngestWriter::~IngestWriter() { Stop(); }

void IngestWriter::SetCommitListener(std::function<void()> listener) {
    impl_->listener = std::move(listener);
}

void IngestWriter::Stop() { impl_->Stop(); }

net::awaitable<core::Result<IngestOutcome>> IngestWriter::Submit(IngestItem item) {
    auto initiate = [this, &item](auto handler) {
        // The handler resumes the coroutine; it must run on the coroutine's executor, not on
        // the writer thread, and it is move-only, hence the shared_ptr inside std::function.
        auto shared = std::make_shared<decltype(handler)>(std::move(handler));
        impl_->Enqueue(Pending{std::move(item), [shared](core::Result<IngestOutcome> result) {
                                   auto executor = net::get_associated_executor(*shared);
                                   net::post(executor,
                                             [shared, result = std::move(result)]() mutable {
                                                 (*shared)(std::move(result));
                                             });
                               }});
    };
    co_return co_await net::async_initiate<const net::use_awaitable_t<>&,
                                           void(core::Result<IngestOutcome>)>(initiate,
                                                                              net::use_awaitable);
}

}  // namespace nectr::webhooks
