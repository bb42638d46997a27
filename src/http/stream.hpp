#pragma once

// Response bodies written piece by piece while the connection stays open (Server-Sent Events),
// and the queue that feeds such a body with messages produced elsewhere (another request, a
// background task, a streaming download).
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <memory>
#include <string>

#include "http/message.hpp"

namespace nectr::http {

namespace net = boost::asio;

// What a ResponseStream writes through: the connection, after the head has been sent.
class StreamWriter {
public:
    virtual ~StreamWriter() = default;
    // Sends `bytes` to the client at once. False when the client has gone, the write timed out
    // (ServerOptions::body_timeout) or the server is stopping: the producer should return.
    virtual net::awaitable<bool> Write(std::string bytes) = 0;
};

// The body of a streaming response. The server sends the head (chunked transfer encoding on
// HTTP/1.1, otherwise a body that ends when the connection closes), runs Produce on the
// connection's executor, ends the body when it returns, and closes the connection.
class ResponseStream {
public:
    virtual ~ResponseStream() = default;
    virtual net::awaitable<void> Produce(StreamWriter& writer) = 0;
    // Called from any thread when the server stops or gives up the connection, so that a
    // producer waiting for something other than a write wakes up and returns. Must not block.
    // May be called more than once, and also when Produce never ran (a HEAD request).
    virtual void Cancel() = 0;
};

// A response with `stream` as its body and `content_type` (e.g. "text/event-stream").
Response StreamingResponse(int status, std::string content_type,
                           std::shared_ptr<ResponseStream> stream);

// Messages handed from any thread to one waiting coroutine, in order. Push and Close are
// thread-safe. Pop is for one coroutine at a time, which must run on a single-threaded
// executor or a strand (the server's connections do): wake-ups are posted to it.
class MessageQueue {
public:
    enum class Outcome { kMessage, kTimeout, kClosed };
    struct Popped {
        Outcome outcome = Outcome::kTimeout;
        std::string message;  // with kMessage
    };

    MessageQueue();
    ~MessageQueue();
    MessageQueue(const MessageQueue&) = delete;
    MessageQueue& operator=(const MessageQueue&) = delete;

    // Adds a message; ignored once the queue is closed.
    void Push(std::string message);
    // Wakes the waiter; Pop answers kClosed once the messages pushed before are taken.
    void Close();
    bool IsClosed() const;

    // The next message, waiting up to `timeout` for one.
    net::awaitable<Popped> Pop(std::chrono::milliseconds timeout);

private:
    struct State;
    std::shared_ptr<State> state_;
};

}  // namespace nectr::http
