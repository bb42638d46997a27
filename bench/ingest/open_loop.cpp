#include "open_loop.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <memory>
#include <string_view>
#include <vector>

#include "connection.hpp"

namespace bench::ingest {
namespace {

constexpr auto kDrainLimit = std::chrono::seconds(30);

struct Connection {
    int fd = -1;
    std::string head;
    std::string body;
    std::size_t written = 0;  // of head + body
    bool busy = false;
    Clock::time_point due{};
    std::string received;
};

int OpenSocket(const addrinfo& address) {
    const int fd =
        socket(address.ai_family, address.ai_socktype | SOCK_CLOEXEC, address.ai_protocol);
    if (fd < 0) {
        return -1;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(fd, address.ai_addr, address.ai_addrlen) != 0) {
        close(fd);
        return -1;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    return fd;
}

class Driver {
public:
    Driver(const OpenLoopPlan& plan, const std::string& payload, const MakeRequest& make,
           ThreadStats& stats, std::atomic<std::uint64_t>& measured_done)
        : plan_(plan), make_(make), stats_(stats), measured_done_(measured_done) {
        interval_ = std::chrono::duration_cast<Clock::duration>(
            std::chrono::duration<double>(1.0 / plan.rate));
        epoll_ = epoll_create1(EPOLL_CLOEXEC);
        connections_.resize(static_cast<std::size_t>(plan.connections));
        for (std::size_t i = 0; i < connections_.size(); ++i) {
            connections_[i].body = payload;
            Reopen(i);
        }
    }
    ~Driver() {
        for (Connection& connection : connections_) {
            if (connection.fd >= 0) {
                close(connection.fd);
            }
        }
        close(epoll_);
    }

    void Run() {
        std::array<epoll_event, 256> events{};
        for (;;) {
            const Clock::time_point now = Clock::now();
            QueueDue(now);
            StartWaiting();
            const bool schedule_done = Due(next_) >= plan_.measure_end;
            if (schedule_done && waiting_.empty() && in_flight_ == 0) {
                return;
            }
            if (schedule_done && now >= plan_.measure_end + kDrainLimit) {
                stats_.transport_errors += in_flight_;  // never answered
                return;
            }
            const Clock::time_point wake =
                schedule_done ? now + std::chrono::milliseconds(100) : Due(next_);
            const auto wait = std::max(Clock::duration::zero(), wake - now);
            timespec timeout{
                static_cast<time_t>(std::chrono::duration_cast<std::chrono::seconds>(wait).count()),
                static_cast<long>((wait % std::chrono::seconds(1)).count())};
            const int ready = epoll_pwait2(epoll_, events.data(), static_cast<int>(events.size()),
                                           &timeout, nullptr);
            for (int i = 0; i < ready; ++i) {
                const std::size_t index = events[static_cast<std::size_t>(i)].data.u64;
                const std::uint32_t flags = events[static_cast<std::size_t>(i)].events;
                if (flags & EPOLLOUT) {
                    Write(index);
                }
                if (flags & (EPOLLIN | EPOLLERR | EPOLLHUP)) {
                    Read(index);
                }
            }
        }
    }

private:
    Clock::time_point Due(std::uint64_t k) const {
        return plan_.begin + interval_ * static_cast<long>(k);
    }

    void QueueDue(Clock::time_point now) {
        while (Due(next_) <= now && Due(next_) < plan_.measure_end) {
            waiting_.push_back(Due(next_));
            ++next_;
        }
    }

    void StartWaiting() {
        while (!waiting_.empty() && !idle_.empty()) {
            const std::size_t index = idle_.back();
            idle_.pop_back();
            Connection& connection = connections_[index];
            if (connection.fd < 0 && !Reopen(index)) {
                ++stats_.connect_errors;
                waiting_.pop_front();  // nothing was sent: this one is simply skipped
                continue;
            }
            make_(sequence_++, connection.head, connection.body);
            connection.due = waiting_.front();
            waiting_.pop_front();
            connection.written = 0;
            connection.busy = true;
            ++in_flight_;
            ++stats_.sent;
            Write(index);
        }
    }

    bool Reopen(std::size_t index) {
        Connection& connection = connections_[index];
        if (connection.fd >= 0) {
            epoll_ctl(epoll_, EPOLL_CTL_DEL, connection.fd, nullptr);
            close(connection.fd);
        }
        connection.received.clear();
        connection.fd = OpenSocket(*plan_.address);
        if (connection.fd < 0) {
            if (std::find(idle_.begin(), idle_.end(), index) == idle_.end()) {
                idle_.push_back(index);  // tried again when the next request is due
            }
            return false;
        }
        epoll_event event{};
        event.events = EPOLLIN;
        event.data.u64 = index;
        epoll_ctl(epoll_, EPOLL_CTL_ADD, connection.fd, &event);
        if (!connection.busy && std::find(idle_.begin(), idle_.end(), index) == idle_.end()) {
            idle_.push_back(index);
        }
        return true;
    }

    void Write(std::size_t index) {
        Connection& connection = connections_[index];
        const std::size_t total = connection.head.size() + connection.body.size();
        while (connection.written < total) {
            std::array<iovec, 2> parts{};
            int count = 0;
            if (connection.written < connection.head.size()) {
                parts[count++] = {connection.head.data() + connection.written,
                                  connection.head.size() - connection.written};
                parts[count++] = {connection.body.data(), connection.body.size()};
            } else {
                const std::size_t at = connection.written - connection.head.size();
                parts[count++] = {connection.body.data() + at, connection.body.size() - at};
            }
            const ssize_t sent = writev(connection.fd, parts.data(), count);
            if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                Watch(index, EPOLLIN | EPOLLOUT);
                return;
            }
            if (sent < 0) {
                Fail(index);
                return;
            }
            connection.written += static_cast<std::size_t>(sent);
        }
        Watch(index, EPOLLIN);
    }

    void Watch(std::size_t index, std::uint32_t flags) {
        epoll_event event{};
        event.events = flags;
        event.data.u64 = index;
        epoll_ctl(epoll_, EPOLL_CTL_MOD, connections_[index].fd, &event);
    }

    void Read(std::size_t index) {
        Connection& connection = connections_[index];
        char chunk[16384];
        for (;;) {
            const ssize_t got = recv(connection.fd, chunk, sizeof chunk, 0);
            if (got > 0) {
                connection.received.append(chunk, static_cast<std::size_t>(got));
                continue;
            }
            if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                break;
            }
            Fail(index);  // closed by the server, or an error
            return;
        }
        const ResponseFrame frame = FrameResponse(connection.received);
        if (!frame.complete) {
            return;
        }
        if (frame.status < 0 || !connection.busy) {
            Fail(index);
            return;
        }
        connection.received.erase(0, frame.bytes);
        Complete(index, frame.status);
        if (frame.close_after) {
            Fail(index);  // reopened when it is next needed; nothing is in flight on it
        }
    }

    void Complete(std::size_t index, int status) {
        Connection& connection = connections_[index];
        const Clock::time_point end = Clock::now();
        stats_.CountAll(status);
        if (end >= plan_.measure_start && end < plan_.measure_end) {
            stats_.CountMeasured(status, connection.due, end);
            measured_done_.fetch_add(1, std::memory_order_relaxed);
        }
        connection.busy = false;
        --in_flight_;
        idle_.push_back(index);
    }

    // The exchange on this connection failed; its request's outcome is unknown.
    void Fail(std::size_t index) {
        Connection& connection = connections_[index];
        if (connection.busy) {
            connection.busy = false;
            --in_flight_;
            ++stats_.transport_errors;
        }
        epoll_ctl(epoll_, EPOLL_CTL_DEL, connection.fd, nullptr);
        close(connection.fd);
        connection.fd = -1;
        connection.received.clear();
        if (std::find(idle_.begin(), idle_.end(), index) == idle_.end()) {
            idle_.push_back(index);  // reopened when it is next needed
        }
    }

    const OpenLoopPlan& plan_;
    const MakeRequest& make_;
    ThreadStats& stats_;
    std::atomic<std::uint64_t>& measured_done_;
    Clock::duration interval_{};
    int epoll_ = -1;
    std::vector<Connection> connections_;
    std::vector<std::size_t> idle_;
    std::deque<Clock::time_point> waiting_;  // due requests with no idle connection yet
    std::uint64_t next_ = 0;                 // the next request to fall due
    std::uint64_t sequence_ = 0;
    std::uint64_t in_flight_ = 0;
};

}  // namespace

void RunOpenLoop(const OpenLoopPlan& plan, const std::string& payload, const MakeRequest& make,
                 ThreadStats& stats, std::atomic<std::uint64_t>& measured_done) {
    Driver driver(plan, payload, make, stats, measured_done);
    driver.Run();
}

}  // namespace bench::ingest
