#include "index/parse_pipeline.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace nectr::index {
namespace {

// Parsed batches waiting for the writer; workers wait when it is full.
class BatchQueue {
public:
    explicit BatchQueue(std::size_t capacity) : capacity_(capacity) {}

    // False when the queue was closed meanwhile (the batch is then discarded).
    bool Push(ParsedBatch batch) {
        std::unique_lock lock(mutex_);
        space_.wait(lock, [this] { return closed_ || items_.size() < capacity_; });
        if (closed_) {
            return false;
        }
        items_.push_back(std::move(batch));
        ready_.notify_one();
        return true;
    }

    // Waits for at least one batch, then takes every batch waiting, up to `most`.
    std::vector<ParsedBatch> PopSome(std::size_t most) {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [this] { return !items_.empty(); });
        std::vector<ParsedBatch> batches;
        while (!items_.empty() && batches.size() < most) {
            batches.push_back(std::move(items_.front()));
            items_.pop_front();
        }
        space_.notify_all();
        return batches;
    }

    void Close() {
        std::lock_guard lock(mutex_);
        closed_ = true;
        space_.notify_all();
    }

private:
    std::mutex mutex_;
    std::condition_variable ready_;
    std::condition_variable space_;
    std::deque<ParsedBatch> items_;
    std::size_t capacity_;
    bool closed_ = false;
};

}  // namespace

Result<void> RunParsePipeline(
    const std::string& root, const std::vector<FileTask>& tasks, const PipelineOptions& options,
    const std::function<Result<void>(std::vector<ParsedBatch>&)>& consume) {
    const std::size_t batch_files = std::max<std::size_t>(1, options.batch_files);
    const std::size_t batches = (tasks.size() + batch_files - 1) / batch_files;
    if (batches == 0) {
        return {};
    }
    std::size_t threads =
        options.threads != 0 ? options.threads : std::max(1U, std::thread::hardware_concurrency());
    threads = std::min(threads, batches);
    BatchQueue queue(std::max(threads * 2, options.max_batches_per_write));
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> workers;
    workers.reserve(threads);
    for (std::size_t t = 0; t < threads; ++t) {
        workers.emplace_back([&] {
            for (std::size_t b = next++; b < batches && !stop; b = next++) {
                const auto first = tasks.begin() + static_cast<std::ptrdiff_t>(b * batch_files);
                const auto last = tasks.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                      tasks.size(), (b + 1) * batch_files));
                ParsedBatch batch = ParseBatch(root, std::vector<FileTask>(first, last));
                // The rows' JSON is made here, in parallel, not by the one writer.
                for (const ParsedFile& file : batch.parsed) {
                    batch.encoded.push_back(EncodeRows(file));
                }
                if (!queue.Push(std::move(batch))) {
                    return;
                }
            }
        });
    }
    Result<void> outcome;
    for (std::size_t done = 0; done < batches;) {
        std::vector<ParsedBatch> ready =
            queue.PopSome(std::max<std::size_t>(1, options.max_batches_per_write));
        done += ready.size();
        if (auto consumed = consume(ready); !consumed) {
            outcome = consumed.error();
            break;
        }
    }
    stop = true;
    queue.Close();
    for (std::thread& worker : workers) {
        worker.join();
    }
    return outcome;
}

}  // namespace nectr::index
