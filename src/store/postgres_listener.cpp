#include "store/postgres_listener.hpp"

#include <fmt/core.h>
#include <libpq-fe.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <optional>

#include "core/log.hpp"
#include "store/postgres_database.hpp"

namespace nectr::store {
namespace {

using core::Errc;
using SteadyClock = std::chrono::steady_clock;

// A server that stays away logs its first failure, then one in this many.
constexpr std::uint64_t kConnectFailureLogEvery = 20;

enum class Wait { kReady, kStop, kTimeout };

struct ConnectionDeleter {
    void operator()(PGconn* connection) const { PQfinish(connection); }
};
using ConnectionPtr = std::unique_ptr<PGconn, ConnectionDeleter>;

bool IsPlainIdentifier(std::string_view name) {
    if (name.empty() || name.size() > 63 || (name.front() >= '0' && name.front() <= '9')) {
        return false;
    }
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

// libpq's messages end in a newline and indent their later lines; a log field wants one line.
std::string OneLine(const char* message) {
    std::string line;
    for (const char* c = message != nullptr ? message : ""; *c != '\0'; ++c) {
        const bool blank = *c == '\n' || *c == '\t' || *c == '\r' || *c == ' ';
        if (!blank) {
            line.push_back(*c);
        } else if (!line.empty() && line.back() != ' ') {
            line.push_back(' ');
        }
    }
    while (!line.empty() && line.back() == ' ') {
        line.pop_back();
    }
    return line;
}

// Waits until `fd` is ready for `events`, `wake_fd` is readable (a stop), or the deadline
// passes. A socket libpq does not have (-1) or a failing poll() count as ready, so that the
// libpq call that follows reports the problem.
Wait WaitFor(int fd, short events, int wake_fd, std::optional<SteadyClock::time_point> deadline) {
    if (fd < 0) {
        return Wait::kReady;
    }
    for (;;) {
        int timeout_ms = -1;
        if (deadline) {
            const auto left =
                std::chrono::ceil<std::chrono::milliseconds>(*deadline - SteadyClock::now());
            if (left.count() <= 0) {
                return Wait::kTimeout;
            }
            timeout_ms = static_cast<int>(std::min<long long>(left.count(), INT_MAX));
        }
        pollfd fds[2] = {{fd, events, 0}, {wake_fd, POLLIN, 0}};
        const int ready = ::poll(fds, 2, timeout_ms);
        if (ready < 0 && errno == EINTR) {
            continue;
        }
        if (ready < 0) {
            return Wait::kReady;
        }
        if (fds[1].revents != 0) {
            return Wait::kStop;
        }
        if (fds[0].revents != 0) {
            return Wait::kReady;
        }
    }
}

// Sleeps for `duration` unless a stop comes first; true when it did.
bool SleepUnlessStopped(int wake_fd, std::chrono::milliseconds duration) {
    pollfd fd{wake_fd, POLLIN, 0};
    const auto deadline = SteadyClock::now() + duration;
    for (;;) {
        const auto left =
            std::chrono::ceil<std::chrono::milliseconds>(deadline - SteadyClock::now());
        if (left.count() <= 0) {
            return false;
        }
        const int ready = ::poll(&fd, 1, static_cast<int>(left.count()));
        if (ready > 0) {
            return true;
        }
        if (ready < 0 && errno != EINTR) {
            return false;
        }
    }
}

// Notices (the FATAL a server sends before it closes an idle session) go to the debug log
// instead of libpq's default of standard error; the lost connection itself is logged.
void OnNotice(void* /*unused*/, const PGresult* notice) {
    NECTR_LOG_DEBUG("store.listener_notice", "message=\"{}\"",
                    OneLine(PQresultErrorMessage(notice)));
}

}  // namespace

// One session's steps, each of which watches the wake fd so that Stop is never kept waiting.
struct PostgresListener::Session {
    PostgresListener& owner;
    std::string reason;  // why the last step failed
    std::string schema;  // the session's current schema, with only_own_schema

    ConnectionPtr Connect() {
        // After the URL's own settings (expand_dbname): the session names itself, and TCP
        // keepalives notice a server that vanished without closing the connection.
        const char* keywords[] = {"dbname",
                                  "fallback_application_name",
                                  "keepalives",
                                  "keepalives_idle",
                                  "keepalives_interval",
                                  "keepalives_count",
                                  nullptr};
        const char* values[] = {
            owner.conninfo_.c_str(), "nectr-listener", "1", "30", "10", "3", nullptr};
        ConnectionPtr connection(PQconnectStartParams(keywords, values, 1));
        if (!connection || PQstatus(connection.get()) == CONNECTION_BAD) {
            reason = connection ? OneLine(PQerrorMessage(connection.get())) : "out of memory";
            return nullptr;
        }
        const auto deadline = SteadyClock::now() + owner.options_.connect_timeout;
        PostgresPollingStatusType status = PGRES_POLLING_WRITING;
        while (status != PGRES_POLLING_OK) {
            if (status == PGRES_POLLING_FAILED) {
                reason = OneLine(PQerrorMessage(connection.get()));
                return nullptr;
            }
            const short events = status == PGRES_POLLING_READING ? POLLIN : POLLOUT;
            const Wait wait = WaitFor(PQsocket(connection.get()), events, owner.wake_fd_, deadline);
            if (wait != Wait::kReady) {
                reason = wait == Wait::kStop ? "stopping" : "timed out connecting";
                return nullptr;
            }
            status = PQconnectPoll(connection.get());
        }
        PQsetNoticeReceiver(connection.get(), &OnNotice, nullptr);
        PQsetnonblocking(connection.get(), 1);
        return connection;
    }

    // Runs one statement on the non-blocking session; `value` receives the first column of
    // the first row, if any. False (with the reason) on an error, a stop or the deadline.
    bool Run(PGconn* connection, const std::string& sql, std::string* value) {
        if (PQsendQuery(connection, sql.c_str()) == 0) {
            reason = OneLine(PQerrorMessage(connection));
            return false;
        }
        const auto deadline = SteadyClock::now() + owner.options_.connect_timeout;
        while (PQflush(connection) == 1) {
            if (WaitFor(PQsocket(connection), POLLOUT, owner.wake_fd_, deadline) != Wait::kReady) {
                reason = "timed out sending " + sql;
                return false;
            }
        }
        bool succeeded = true;
        for (;;) {
            if (PQconsumeInput(connection) == 0) {
                reason = OneLine(PQerrorMessage(connection));
                return false;
            }
            while (PQisBusy(connection) == 0) {
                PGresult* result = PQgetResult(connection);
                if (result == nullptr) {
                    return succeeded;
                }
                const ExecStatusType status = PQresultStatus(result);
                if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
                    succeeded = false;
                    reason = OneLine(PQresultErrorMessage(result));
                } else if (value != nullptr && PQntuples(result) > 0 && PQnfields(result) > 0) {
                    *value = PQgetvalue(result, 0, 0);
                }
                PQclear(result);
            }
            if (WaitFor(PQsocket(connection), POLLIN, owner.wake_fd_, deadline) != Wait::kReady) {
                reason = "timed out waiting for " + sql;
                return false;
            }
        }
    }

    bool Listen(PGconn* connection) {
        if (!Run(connection, "LISTEN \"" + owner.options_.channel + "\"", nullptr)) {
            return false;
        }
        return !owner.options_.only_own_schema ||
               Run(connection, "SELECT COALESCE(current_schema(), '')", &schema);
    }

    // Reads notifications until the session breaks (the reason) or a stop (empty).
    std::string ReadUntilLost(PGconn* connection) {
        for (;;) {
            if (WaitFor(PQsocket(connection), POLLIN, owner.wake_fd_, std::nullopt) ==
                Wait::kStop) {
                return "";
            }
            if (PQconsumeInput(connection) == 0) {
                return OneLine(PQerrorMessage(connection));
            }
            std::uint64_t arrived = 0;
            while (PGnotify* notification = PQnotifies(connection)) {
                if (!owner.options_.only_own_schema || schema == notification->extra) {
                    ++arrived;
                }
                PQfreemem(notification);
            }
            if (arrived > 0) {
                owner.notifications_ += arrived;
                owner.on_signal_();
            }
            if (PQstatus(connection) == CONNECTION_BAD) {
                return OneLine(PQerrorMessage(connection));
            }
        }
    }
};

Result<std::unique_ptr<PostgresListener>> PostgresListener::Start(ListenerOptions options,
                                                                  std::function<void()> on_signal) {
    if (!IsPlainIdentifier(options.channel)) {
        return core::MakeError(Errc::kInvalidInput,
                               fmt::format("'{}' is not a channel name: use lower-case letters, "
                                           "digits and underscores",
                                           options.channel));
    }
    Result<std::string> conninfo = PostgresConnectionString(options.url, options.connect_timeout);
    if (!conninfo) {
        return conninfo.error();
    }
    const int wake_fd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (wake_fd < 0) {
        return core::MakeError(Errc::kInternal, "cannot create the listener's wake-up eventfd");
    }
    std::unique_ptr<PostgresListener> listener(new PostgresListener(
        std::move(options), std::move(*conninfo), std::move(on_signal), wake_fd));
    listener->thread_ = std::thread([raw = listener.get()] { raw->Run(); });
    return listener;
}

PostgresListener::PostgresListener(ListenerOptions options, std::string conninfo,
                                   std::function<void()> on_signal, int wake_fd)
    : options_(std::move(options)),
      conninfo_(std::move(conninfo)),
      on_signal_(std::move(on_signal)),
      wake_fd_(wake_fd) {}

PostgresListener::~PostgresListener() {
    Stop();
    ::close(wake_fd_);
}

void PostgresListener::Stop() {
    if (!stopping_.exchange(true)) {
        const std::uint64_t one = 1;
        // An eventfd write of 8 bytes cannot be partial; it fails only on overflow, which
        // one write cannot reach.
        [[maybe_unused]] const ssize_t written = ::write(wake_fd_, &one, sizeof one);
    }
    if (thread_.joinable()) {
        thread_.join();
    }
}

void PostgresListener::Run() {
    std::chrono::milliseconds backoff = options_.min_backoff;
    std::uint64_t failures = 0;
    bool first = true;
    while (!stopping_.load()) {
        if (!first && SleepUnlessStopped(wake_fd_, backoff)) {
            break;
        }
        first = false;
        Session session{*this, "", ""};
        ConnectionPtr connection = session.Connect();
        if (!connection || !session.Listen(connection.get())) {
            if (stopping_.load()) {
                break;
            }
            if (failures++ % kConnectFailureLogEvery == 0) {
                NECTR_LOG_WARN("store.listener_connect_failed",
                               "channel={} failures={} retry_ms={} reason=\"{}\"", options_.channel,
                               failures, backoff.count(), session.reason);
            }
            backoff = std::min(backoff * 2, options_.max_backoff);
            continue;
        }
        failures = 0;
        backoff = options_.min_backoff;
        backend_pid_ = PQbackendPID(connection.get());
        const std::uint64_t connects = ++connects_;
        NECTR_LOG_INFO("store.listener_listening", "channel={} connects={} backend_pid={}",
                       options_.channel, connects, backend_pid_.load());
        // Whatever was signalled while no session listened is lost: look once in any case.
        on_signal_();
        const std::string lost = session.ReadUntilLost(connection.get());
        backend_pid_ = 0;
        if (stopping_.load()) {
            break;
        }
        NECTR_LOG_WARN("store.listener_lost", "channel={} reason=\"{}\"", options_.channel, lost);
    }
}

}  // namespace nectr::store
