#include "support/http_client.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <mutex>

namespace nectr::testing {
namespace {

std::string Lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::string Trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' ||
                             text.back() == '\n')) {
        text.remove_suffix(1);
    }
    return std::string(text);
}

size_t AppendBody(char* data, size_t size, size_t count, void* out) {
    static_cast<std::string*>(out)->append(data, size * count);
    return size * count;
}

size_t AppendHeader(char* data, size_t size, size_t count, void* out) {
    auto* result = static_cast<HttpResult*>(out);
    std::string_view line(data, size * count);
    if (line.starts_with("HTTP/")) {
        result->headers.clear();  // a new response began (after a 100 Continue, say)
        result->cookies.clear();
    } else if (auto colon = line.find(':'); colon != std::string_view::npos) {
        std::string name = Lower(std::string(line.substr(0, colon)));
        std::string value = Trim(line.substr(colon + 1));
        if (name == "set-cookie") {
            result->cookies.push_back(value);
        }
        result->headers[std::move(name)] = std::move(value);
    }
    return size * count;
}

void InitCurlOnce() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// Splits "HTTP/1.1 200 OK\r\nA: b\r\n" into a status and lower-case headers.
bool ParseHead(std::string_view head, RawResponse& out) {
    auto line_end = head.find("\r\n");
    std::string_view status_line = head.substr(0, line_end);
    if (!status_line.starts_with("HTTP/1.") || status_line.size() < 12) {
        return false;
    }
    out.status = std::atoi(std::string(status_line.substr(9, 3)).c_str());
    while (line_end != std::string_view::npos) {
        head.remove_prefix(line_end + 2);
        line_end = head.find("\r\n");
        std::string_view line = head.substr(0, line_end);
        if (auto colon = line.find(':'); colon != std::string_view::npos) {
            out.headers[Lower(std::string(line.substr(0, colon)))] = Trim(line.substr(colon + 1));
        }
    }
    return out.status > 0;
}

}  // namespace

HttpResult HttpRequest(const std::string& method, const std::string& url, const std::string& body,
                       const std::vector<std::pair<std::string, std::string>>& headers,
                       long timeout_ms) {
    InitCurlOnce();
    HttpResult result;
    CURL* curl = curl_easy_init();
    if (curl == nullptr) {
        result.error = "curl_easy_init failed";
        return result;
    }
    curl_slist* header_list = nullptr;
    for (const auto& [name, value] : headers) {
        std::string line = name;
        line += value.empty() ? ":" : ": ";
        line += value;
        header_list = curl_slist_append(header_list, line.c_str());
    }
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, header_list);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, AppendBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &result.body);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, AppendHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &result);
    if (method == "HEAD") {
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    } else {
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
        if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
            curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
            curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                             static_cast<curl_off_t>(body.size()));
        }
    }
    CURLcode code = curl_easy_perform(curl);
    if (code == CURLE_OK) {
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result.status);
    } else {
        result.error = curl_easy_strerror(code);
    }
    curl_slist_free_all(header_list);
    curl_easy_cleanup(curl);
    return result;
}

RawConnection::RawConnection(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) {
        return;
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
        ::close(fd_);
        fd_ = -1;
    }
}

RawConnection::~RawConnection() {
    if (fd_ >= 0) {
        ::close(fd_);
    }
}

bool RawConnection::Send(std::string_view bytes) {
    while (!bytes.empty()) {
        ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (sent <= 0) {
            return false;
        }
        bytes.remove_prefix(static_cast<std::size_t>(sent));
    }
    return true;
}

void RawConnection::ShutdownSend() { ::shutdown(fd_, SHUT_WR); }

bool RawConnection::ReadMore(std::chrono::steady_clock::time_point deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (fd_ < 0 || left.count() <= 0) {
        return false;
    }
    pollfd waiting{fd_, POLLIN, 0};
    if (::poll(&waiting, 1, static_cast<int>(left.count())) <= 0) {
        return false;
    }
    char chunk[4096];
    ssize_t got = ::recv(fd_, chunk, sizeof(chunk), 0);
    if (got <= 0) {
        return false;
    }
    pending_.append(chunk, static_cast<std::size_t>(got));
    return true;
}

std::optional<RawResponse> RawConnection::ReadResponse(std::chrono::milliseconds timeout,
                                                       bool head_request) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::size_t head_end;
    while ((head_end = pending_.find("\r\n\r\n")) == std::string::npos) {
        if (!ReadMore(deadline)) {
            return std::nullopt;
        }
    }
    RawResponse response;
    if (!ParseHead(std::string_view(pending_).substr(0, head_end + 2), response)) {
        return std::nullopt;
    }
    pending_.erase(0, head_end + 4);
    std::size_t length = 0;
    const bool bodyless =
        head_request || response.status < 200 || response.status == 204 || response.status == 304;
    if (auto found = response.headers.find("content-length");
        !bodyless && found != response.headers.end()) {
        length = std::stoul(found->second);
    }
    while (pending_.size() < length) {
        if (!ReadMore(deadline)) {
            return std::nullopt;
        }
    }
    response.body = pending_.substr(0, length);
    pending_.erase(0, length);
    return response;
}

std::optional<std::string> RawConnection::ReadUntilClosed(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (fd_ < 0 || left.count() <= 0) {
            return std::nullopt;
        }
        pollfd waiting{fd_, POLLIN, 0};
        if (::poll(&waiting, 1, static_cast<int>(left.count())) <= 0) {
            return std::nullopt;
        }
        char chunk[4096];
        ssize_t got = ::recv(fd_, chunk, sizeof(chunk), 0);
        if (got <= 0) {
            // End of stream or a reset: either way the server closed the connection.
            std::string all = std::move(pending_);
            pending_.clear();
            return all;
        }
        pending_.append(chunk, static_cast<std::size_t>(got));
    }
}

bool CanConnect(std::uint16_t port) { return RawConnection(port).Connected(); }

}  // namespace nectr::testing
