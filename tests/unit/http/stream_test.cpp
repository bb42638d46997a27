// Streaming response bodies (Server-Sent Events), the queue that feeds them, and the outbound
// client's piece-by-piece delivery of such a body.
#include "http/stream.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <condition_variable>
#include <future>
#include <mutex>
#include <vector>

#include "http/client.hpp"
#include "server_fixture.hpp"

namespace nectr::http {
namespace {

using nectr::testing::RawConnection;
using SteadyClock = std::chrono::steady_clock;

// Writes each message of a queue as one piece until the queue closes.
class QueueStream final : public ResponseStream {
public:
    explicit QueueStream(std::shared_ptr<MessageQueue> queue, std::string first = "")
        : queue_(std::move(queue)), first_(std::move(first)) {}

    net::awaitable<void> Produce(StreamWriter& writer) override {
        if (!first_.empty()) {
            const bool sent = co_await writer.Write(first_);
            if (!sent) {
                co_return;
            }
        }
        for (;;) {
            MessageQueue::Popped popped = co_await queue_->Pop(std::chrono::seconds(60));
            if (popped.outcome != MessageQueue::Outcome::kMessage) {
                co_return;
            }
            const bool sent = co_await writer.Write(std::move(popped.message));
            if (!sent) {
                co_return;
            }
        }
    }
    void Cancel() override { queue_->Close(); }

private:
    std::shared_ptr<MessageQueue> queue_;
    std::string first_;
};

class StreamTest : public ServerFixture {
protected:
    void AddRoutes(std::string first = "") {
        router.Add({"GET", "/events", [this, first](Request) -> net::awaitable<Response> {
                        Arrived();
                        co_return StreamingResponse(200, "text/event-stream",
                                                    std::make_shared<QueueStream>(queue, first));
                    }});
        router.Add({"POST", "/push", [this](Request request) -> net::awaitable<Response> {
                        if (request.body == "close") {
                            queue->Close();
                        } else {
                            queue->Push(request.body);
                        }
                        co_return Response::Text(202, "queued");
                    }});
    }

    void Arrived() {
        std::lock_guard lock(mutex_);
        ++streams_opened_;
        changed_.notify_all();
    }
    bool WaitForStream() {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, 10s, [this] { return streams_opened_ > 0; });
    }

    void Push(const std::string& message) {
        auto result = nectr::testing::HttpRequest("POST", Url("/push"), message);
        ASSERT_EQ(result.status, 202) << result.error;
    }

    std::shared_ptr<MessageQueue> queue = std::make_shared<MessageQueue>();
    std::mutex mutex_;
    std::condition_variable changed_;
    int streams_opened_ = 0;
};

TEST_F(StreamTest, WritesPushedMessagesAsChunksUntilTheQueueCloses) {
    AddRoutes();
    StartServer();
    RawConnection connection(port);
    ASSERT_TRUE(connection.Send("GET /events HTTP/1.1\r\nHost: t\r\n\r\n"));
    ASSERT_TRUE(WaitForStream());
    Push("data: one\n\n");
    Push("data: two\n\n");
    Push("close");

    std::optional<std::string> raw = connection.ReadUntilClosed(10s);
    ASSERT_TRUE(raw) << "the connection must close once the stream ends";
    EXPECT_NE(raw->find("HTTP/1.1 200 OK\r\n"), std::string::npos) << *raw;
    EXPECT_NE(raw->find("Transfer-Encoding: chunked\r\n"), std::string::npos) << *raw;
    EXPECT_NE(raw->find("Content-Type: text/event-stream\r\n"), std::string::npos) << *raw;
    EXPECT_EQ(raw->find("Content-Length"), std::string::npos) << "a stream has no length";
    const std::string body = raw->substr(raw->find("\r\n\r\n") + 4);
    EXPECT_EQ(body, "b\r\ndata: one\n\n\r\nb\r\ndata: two\n\n\r\n0\r\n\r\n")
        << "each message is one chunk, in order, and the last chunk ends the body";
}

TEST_F(StreamTest, AnHttp10ClientGetsABodyThatEndsWithTheConnection) {
    AddRoutes("hello");
    StartServer();
    RawConnection connection(port);
    ASSERT_TRUE(connection.Send("GET /events HTTP/1.0\r\n\r\n"));
    ASSERT_TRUE(WaitForStream());
    Push("close");
    std::optional<std::string> raw = connection.ReadUntilClosed(10s);
    ASSERT_TRUE(raw);
    EXPECT_EQ(raw->find("Transfer-Encoding"), std::string::npos) << *raw;
    EXPECT_TRUE(raw->ends_with("\r\n\r\nhello")) << *raw;
}

TEST_F(StreamTest, AStopEndsAWaitingStreamWithoutTheGracePeriod) {
    AddRoutes("ready");
    StartServer();
    RawConnection connection(port);
    ASSERT_TRUE(connection.Send("GET /events HTTP/1.1\r\nHost: t\r\n\r\n"));
    ASSERT_TRUE(WaitForStream());

    const auto stop_began = SteadyClock::now();
    server->RequestStop();
    EXPECT_TRUE(connection.ReadUntilClosed(10s)) << "a stop must close a streaming connection";
    server->Wait();
    EXPECT_LT(SteadyClock::now() - stop_began, 10s)
        << "a stream waiting for messages must not hold the stop for the grace period (30 s)";
    EXPECT_TRUE(queue->IsClosed()) << "the stop must cancel the stream";
}

TEST_F(StreamTest, AHeadRequestGetsTheHeadAndTheStreamIsCancelled) {
    AddRoutes();
    StartServer();
    auto result = nectr::testing::HttpRequest("HEAD", Url("/events"));
    EXPECT_EQ(result.status, 200) << result.error;
    EXPECT_TRUE(queue->IsClosed());
}

TEST_F(StreamTest, TheClientHandsOverPiecesWhileTheStreamIsStillOpen) {
    AddRoutes("first;");
    StartServer();
    auto client = MakeCurlClient({});
    std::mutex mutex;
    std::condition_variable changed;
    std::string received;
    std::vector<int> statuses;
    OutboundRequest request;
    request.url = Url("/events");
    request.timeout = 20s;
    request.on_body = [&](int status, std::string_view piece) {
        std::lock_guard lock(mutex);
        statuses.push_back(status);
        received += piece;
        changed.notify_all();
        return received.find("stop;") == std::string::npos;
    };
    std::promise<core::Result<OutboundResponse>> done;
    client->Start(std::move(request),
                  [&done](core::Result<OutboundResponse> outcome) { done.set_value(outcome); });
    {
        std::unique_lock lock(mutex);
        ASSERT_TRUE(changed.wait_for(lock, 10s, [&] { return received == "first;"; }))
            << "the first piece must arrive before the stream ends; got: " << received;
    }
    Push("second;");
    Push("stop;");
    auto outcome = done.get_future().get();
    ASSERT_TRUE(outcome) << "stopping on purpose is not an error: " << outcome.error().detail;
    EXPECT_EQ(outcome->status, 200);
    EXPECT_TRUE(outcome->body.empty()) << "pieces go to on_body, not into the body";
    EXPECT_EQ(received, "first;second;stop;");
    EXPECT_EQ(statuses.front(), 200);
}

TEST(MessageQueueTest, PopTimesOutThenReturnsWhatArrivesAndReportsTheClose) {
    net::io_context context;
    MessageQueue queue;
    std::vector<MessageQueue::Outcome> outcomes;
    std::vector<std::string> messages;
    std::thread pusher;
    auto run = [&]() -> net::awaitable<void> {
        auto first = co_await queue.Pop(std::chrono::milliseconds(20));
        outcomes.push_back(first.outcome);
        // Pushed from another thread while this waits.
        pusher = std::thread([&queue] {
            queue.Push("a");
            queue.Push("b");
            queue.Close();
        });
        for (int i = 0; i < 3; ++i) {
            auto next = co_await queue.Pop(std::chrono::seconds(10));
            outcomes.push_back(next.outcome);
            messages.push_back(next.message);
        }
    };
    net::co_spawn(context, run(), [](const std::exception_ptr& error) { ASSERT_FALSE(error); });
    context.run();
    pusher.join();
    using O = MessageQueue::Outcome;
    EXPECT_EQ(outcomes, (std::vector<O>{O::kTimeout, O::kMessage, O::kMessage, O::kClosed}));
    EXPECT_EQ(messages, (std::vector<std::string>{"a", "b", ""}));
    queue.Push("late");
    EXPECT_TRUE(queue.IsClosed());
}

}  // namespace
}  // namespace nectr::http
