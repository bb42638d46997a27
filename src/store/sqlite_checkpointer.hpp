#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <semaphore>
#include <string>
#include <thread>

struct sqlite3;

namespace nectr::store {

// Copies a SQLite file's WAL back into the database on a thread and connection of its own.
// SQLite's automatic checkpoint runs inside the commit that crosses its threshold: the writer
// that made the commit (the ingest thread, which every webhook waits on) then reads and
// rewrites a thousand pages and syncs the file before it can take the next batch. Here the
// writer only wakes this thread; it checkpoints inline only when the WAL has grown far past
// the threshold, because this thread fell behind or is stuck.
//
// A checkpoint beside a busy writer seldom catches up with the WAL's end, and only one that
// does lets the next transaction start the WAL over. So after copying the bulk beside the
// writers, the thread takes the process's write lock for a last pass over the few frames
// committed meanwhile: the writers wait that long (a millisecond or two) instead of copying
// and syncing everything themselves.
class SqliteCheckpointer {
public:
    struct Thresholds {
        // Pages in the WAL after a commit that wake the thread: twice SQLite's own default.
        // The random-keyed index pages (delivery ids, payload hashes) that many commits
        // rewrite are copied once per checkpoint, so longer checkpoints copy fewer pages in
        // all; but each ends with syncing what it copied, and a long sync delays the
        // writers' own syncs on the same disk (bench/README.md, "Ingest writer").
        int background_pages = 2000;
        // Pages at which the committing connection checkpoints inline, as SQLite would have
        // done on its own: bounds the WAL (32 MB) should the thread fall behind or stall.
        int inline_pages = 8000;
    };
    // How long the thread waits for this process's writers to pause (see Checkpoint).
    static constexpr std::chrono::milliseconds kWriterPauseWait{100};

    // `write_lock` is the one this process's connections to the file take to write.
    SqliteCheckpointer(std::string filename, std::shared_ptr<std::binary_semaphore> write_lock,
                       Thresholds thresholds);
    ~SqliteCheckpointer();
    SqliteCheckpointer(const SqliteCheckpointer&) = delete;
    SqliteCheckpointer& operator=(const SqliteCheckpointer&) = delete;

    // Makes `db` hand its checkpoints to this object. `db` must be closed before this object
    // is destroyed (its owner holds a shared_ptr to it).
    void Attach(sqlite3* db);

    // Checkpoints completed by the thread so far (for tests and diagnostics).
    long long Completed() const;

private:
    static int OnCommit(void* self, sqlite3* db, const char* schema, int wal_pages);
    void Request();
    void Loop();
    // One checkpoint on the thread's connection: SQLite's result code.
    int Checkpoint(sqlite3* db);

    std::string filename_;
    std::shared_ptr<std::binary_semaphore> write_lock_;
    Thresholds thresholds_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool requested_ = false;
    bool stopping_ = false;
    long long completed_ = 0;
    std::thread thread_;  // started by the first request
};

}  // namespace nectr::store
