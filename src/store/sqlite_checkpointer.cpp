#include "store/sqlite_checkpointer.hpp"

#include <sqlite3.h>

#include <utility>

#include "core/log.hpp"
#include "core/thread_name.hpp"

namespace nectr::store {
namespace {

struct CloseDatabase {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using DatabaseHandle = std::unique_ptr<sqlite3, CloseDatabase>;

DatabaseHandle OpenForCheckpoints(const std::string& filename) {
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(filename.c_str(), &db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    DatabaseHandle handle(db);
    if (rc != SQLITE_OK) {
        NECTR_LOG_WARN("store.checkpointer_unavailable", "file={} error=\"{}\"", filename,
                       db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        return nullptr;
    }
    // FULL, as the writers: the checkpoint syncs the WAL before copying it and the database
    // file before the WAL may be reused.
    sqlite3_exec(db, "PRAGMA synchronous=FULL", nullptr, nullptr, nullptr);
    return handle;
}

}  // namespace

SqliteCheckpointer::SqliteCheckpointer(std::string filename,
                                       std::shared_ptr<std::binary_semaphore> write_lock,
                                       Thresholds thresholds)
    : filename_(std::move(filename)), write_lock_(std::move(write_lock)), thresholds_(thresholds) {}

SqliteCheckpointer::~SqliteCheckpointer() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) {
        thread_.join();
    }
}

void SqliteCheckpointer::Attach(sqlite3* db) {
    // Replaces SQLite's automatic checkpoint, which is itself a WAL hook.
    sqlite3_wal_hook(db, &SqliteCheckpointer::OnCommit, this);
}

long long SqliteCheckpointer::Completed() const {
    std::lock_guard lock(mutex_);
    return completed_;
}

int SqliteCheckpointer::OnCommit(void* self, sqlite3* db, const char* schema, int wal_pages) {
    auto* checkpointer = static_cast<SqliteCheckpointer*>(self);
    if (wal_pages >= checkpointer->thresholds_.inline_pages) {
        sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    } else if (wal_pages >= checkpointer->thresholds_.background_pages) {
        checkpointer->Request();
    }
    return SQLITE_OK;
}

void SqliteCheckpointer::Request() {
    {
        std::lock_guard lock(mutex_);
        if (requested_ || stopping_) {
            return;
        }
        requested_ = true;
        if (!thread_.joinable()) {
            thread_ = std::thread([this] {
                core::NameThisThread("nectr-checkpoint");
                Loop();
            });
        }
    }
    wake_.notify_one();
}

int SqliteCheckpointer::Checkpoint(sqlite3* db) {
    if (db == nullptr) {
        return SQLITE_CANTOPEN;
    }
    // PASSIVE: copies what no reader still needs and never waits for readers or writers;
    // SQLITE_BUSY only means another connection is checkpointing already.
    int wal_frames = 0;
    int copied = 0;
    int rc =
        sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &wal_frames, &copied);
    if (rc != SQLITE_OK || copied >= wal_frames ||
        !write_lock_->try_acquire_for(kWriterPauseWait)) {
        return rc;
    }
    // The tail, with this process's writers held off: afterwards the WAL starts over.
    rc = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    write_lock_->release();
    return rc;
}

void SqliteCheckpointer::Loop() {
    DatabaseHandle db;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return requested_ || stopping_; });
            if (stopping_) {
                return;
            }
            requested_ = false;  // a commit made while this one runs asks for the next
        }
        if (db == nullptr) {
            db = OpenForCheckpoints(filename_);
        }
        const int rc = Checkpoint(db.get());
        if (rc != SQLITE_OK && rc != SQLITE_BUSY && db != nullptr) {
            NECTR_LOG_WARN("store.checkpoint_failed", "file={} error=\"{}\"", filename_,
                           sqlite3_errmsg(db.get()));
            db.reset();  // a fresh connection next time; the writers' inline fallback still runs
        }
        if (rc == SQLITE_OK) {
            std::lock_guard lock(mutex_);
            ++completed_;
        }
    }
}

}  // namespace nectr::store
