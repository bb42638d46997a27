#include "connection.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace bench::ingest {

ResponseFrame FrameResponse(std::string_view received) {
    const std::size_t head_end = received.find("\r\n\r\n");
    if (head_end == std::string_view::npos) {
        return {};
    }
    const std::string_view head = received.substr(0, head_end);
    int status = -1;
    if (head.size() < 12 ||
        std::sscanf(std::string(head.substr(9, 3)).c_str(), "%3d", &status) != 1) {
        return {true, -1, 0, false};
    }
    long long content_length = -1;
    bool close_after = false;
    for (std::size_t at = head.find("\r\n"); at != std::string_view::npos;
         at = head.find("\r\n", at + 2)) {
        std::string line(head.substr(at + 2, head.find("\r\n", at + 2) - at - 2));
        std::transform(line.begin(), line.end(), line.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (line.rfind("content-length:", 0) == 0) {
            content_length = std::atoll(line.c_str() + 15);
        } else if (line.rfind("connection:", 0) == 0 && line.find("close") != std::string::npos) {
            close_after = true;
        }
    }
    if (content_length < 0) {
        return {true, -1, 0, false};
    }
    const std::size_t total = head_end + 4 + static_cast<std::size_t>(content_length);
    if (received.size() < total) {
        return {};
    }
    return {true, status, total, close_after};
}

Connection::~Connection() { Close(); }

bool Connection::Open(const addrinfo& address, int io_timeout_s) {
    Close();
    fd_ = socket(address.ai_family, address.ai_socktype | SOCK_CLOEXEC, address.ai_protocol);
    if (fd_ < 0) {
        return false;
    }
    int one = 1;
    setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    timeval timeout{io_timeout_s, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    if (connect(fd_, address.ai_addr, address.ai_addrlen) != 0) {
        Close();
        return false;
    }
    return true;
}

void Connection::Close() {
    if (fd_ >= 0) {
        close(fd_);
        fd_ = -1;
    }
    buffer_.clear();
}

bool Connection::Send(const std::string& head, const std::string& body) {
    std::array<iovec, 2> parts{iovec{const_cast<char*>(head.data()), head.size()},
                               iovec{const_cast<char*>(body.data()), body.size()}};
    std::size_t index = 0;
    while (index < parts.size()) {
        msghdr message{};
        message.msg_iov = parts.data() + index;
        message.msg_iovlen = parts.size() - index;
        ssize_t sent = sendmsg(fd_, &message, MSG_NOSIGNAL);
        if (sent < 0) {
            return false;
        }
        for (auto left = static_cast<std::size_t>(sent); left > 0 && index < parts.size();) {
            std::size_t step = std::min(left, parts[index].iov_len);
            parts[index].iov_base = static_cast<char*>(parts[index].iov_base) + step;
            parts[index].iov_len -= step;
            left -= step;
            index += parts[index].iov_len == 0 ? 1 : 0;
        }
    }
    return true;
}

int Connection::ReadResponse() {
    ResponseFrame frame = FrameResponse(buffer_);
    while (!frame.complete) {
        if (!Receive()) {
            return -1;
        }
        frame = FrameResponse(buffer_);
    }
    if (frame.status < 0) {
        Close();  // chunked or unframed: not something the webhook route sends
        return -1;
    }
    buffer_.erase(0, frame.bytes);
    if (frame.close_after) {
        Close();
    }
    return frame.status;
}

bool Connection::Receive() {
    char chunk[16384];
    ssize_t got = recv(fd_, chunk, sizeof chunk, 0);
    if (got <= 0) {
        Close();
        return false;
    }
    buffer_.append(chunk, static_cast<std::size_t>(got));
    return true;
}

}  // namespace bench::ingest
