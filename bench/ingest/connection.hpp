#pragma once

// A minimal blocking HTTP/1.1 client connection for ingest-load: keep-alive, one request in
// flight, responses framed by Content-Length only (what `nectr serve` sends).

#include <netdb.h>

#include <string>
#include <string_view>

namespace bench::ingest {

// The response at the front of `received`: complete once all of it is there; status -1 when it
// is not one this client reads (no status line, no Content-Length: a transport error here).
struct ResponseFrame {
    bool complete = false;
    int status = -1;
    std::size_t bytes = 0;     // what it takes of `received`
    bool close_after = false;  // "Connection: close"
};
ResponseFrame FrameResponse(std::string_view received);

class Connection {
public:
    Connection() = default;
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    bool IsOpen() const { return fd_ >= 0; }

    // Connects with TCP_NODELAY and a send/receive timeout of io_timeout_s. False on failure.
    bool Open(const addrinfo& address, int io_timeout_s);

    void Close();

    // Writes head then body in one sendmsg loop. False on an error (the caller closes).
    bool Send(const std::string& head, const std::string& body);

    // Reads one response; returns its status, or -1 on a transport error, a timeout or a
    // response without Content-Length (the connection is then closed). Honours
    // "Connection: close" by closing after the body.
    int ReadResponse();

private:
    bool Receive();

    int fd_ = -1;
    std::string buffer_;  // bytes received and not yet consumed
};

}  // namespace bench::ingest
