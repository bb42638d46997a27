// How the server treats requests that are too big, too slow or not HTTP at all.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "server_fixture.hpp"

namespace nectr::http {
namespace {

using nectr::testing::HttpRequest;
using nectr::testing::RawConnection;

constexpr std::size_t kSmallLimit = 16;

class ServerLimitsTest : public ServerFixture {
protected:
    void SetUp() override {
        router.Add({"POST", "/small",
                    [this](Request request) -> net::awaitable<Response> {
                        ++handled;
                        co_return Response::Text(200, "got " + std::to_string(request.body.size()));
                    },
                    kSmallLimit});
        router.Add({"GET", "/ok", Reply(Response::Text(200, "ok"))});
    }

    std::string ErrorCode(const std::string& body) {
        return std::string(boost::json::parse(body).at("error").at("code").as_string());
    }

    std::atomic<int> handled{0};
};

TEST_F(ServerLimitsTest, Answers413ToALargeContentLengthWithoutWaitingForTheBody) {
    StartServer();
    RawConnection connection(port);
    // Only the header is sent: an answer proves the server did not wait for 1 MB of body.
    ASSERT_TRUE(
        connection.Send("POST /small HTTP/1.1\r\nHost: t\r\nContent-Length: 1000000\r\n\r\n"));
    auto response = connection.ReadResponse(5s);
    ASSERT_TRUE(response) << "no answer before the body arrived";
    EXPECT_EQ(response->status, 413);
    EXPECT_EQ(ErrorCode(response->body), "too_large");
    EXPECT_EQ(response->headers["connection"], "close");
    EXPECT_TRUE(connection.ReadUntilClosed(5s)) << "the connection must close after a 413";
    EXPECT_EQ(handled.load(), 0) << "the handler must not run";
}

TEST_F(ServerLimitsTest, Answers413ToACurlUploadOverTheLimit) {
    StartServer();
    auto result = HttpRequest("POST", Url("/small"), std::string(std::size_t{200} * 1024, 'x'));
    EXPECT_EQ(result.status, 413) << result.error;
    EXPECT_EQ(handled.load(), 0);
}

TEST_F(ServerLimitsTest, Answers413ToAChunkedBodyThatGrowsOverTheLimit) {
    StartServer();
    RawConnection connection(port);
    ASSERT_TRUE(
        connection.Send("POST /small HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                        "a\r\n0123456789\r\na\r\n0123456789\r\n0\r\n\r\n"));
    auto response = connection.ReadResponse(5s);
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 413);
    EXPECT_EQ(response->headers["connection"], "close");
    EXPECT_EQ(handled.load(), 0);
}

TEST_F(ServerLimitsTest, AcceptsAChunkedBodyWithinTheLimit) {
    StartServer();
    RawConnection connection(port);
    ASSERT_TRUE(
        connection.Send("POST /small HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                        "5\r\n01234\r\n5\r\n56789\r\n0\r\n\r\n"));
    auto response = connection.ReadResponse(5s);
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body, "got 10");
}

TEST_F(ServerLimitsTest, SendsContinueBeforeReadingAnAcceptedBody) {
    StartServer();
    RawConnection connection(port);
    ASSERT_TRUE(connection.Send(
        "POST /small HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n"));
    auto interim = connection.ReadResponse(5s);
    ASSERT_TRUE(interim) << "the client waits for 100 Continue before it sends the body";
    EXPECT_EQ(interim->status, 100);
    ASSERT_TRUE(connection.Send("abcd"));
    auto response = connection.ReadResponse(5s);
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body, "got 4");
}

TEST_F(ServerLimitsTest, Answers431ToAnOversizedHeader) {
    ServerOptions options;
    options.max_header_bytes = 1024;
    StartServer(options);
    RawConnection connection(port);
    ASSERT_TRUE(connection.Send("GET /ok HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(2048, 'b') +
                                "\r\n\r\n"));
    auto response = connection.ReadResponse(5s);
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 431);
    EXPECT_EQ(ErrorCode(response->body), "header_too_large");
    EXPECT_TRUE(connection.ReadUntilClosed(5s));
}

TEST_F(ServerLimitsTest, Answers400ToSomethingThatIsNotHttpAndCloses) {
    StartServer();
    RawConnection connection(port);
    ASSERT_TRUE(connection.Send("HELLO THERE\r\n\r\n"));
    auto response = connection.ReadResponse(5s);
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 400);
    EXPECT_EQ(ErrorCode(response->body), "invalid_input");
    EXPECT_EQ(response->headers["x-request-id"].size(), 16u) << "errors carry an id too";
    EXPECT_TRUE(connection.ReadUntilClosed(5s));
}

TEST_F(ServerLimitsTest, Answers400ToBadPercentEncodingInThePath) {
    StartServer();
    RawConnection connection(port);
    ASSERT_TRUE(connection.Send("GET /o%zzk HTTP/1.1\r\nHost: t\r\n\r\n"));
    auto response = connection.ReadResponse(5s);
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 400);
}

TEST_F(ServerLimitsTest, ClosesAKeepAliveConnectionLeftIdle) {
    ServerOptions options;
    options.idle_timeout = 1s;
    StartServer(options);
    RawConnection connection(port);
    ASSERT_TRUE(connection.Send("GET /ok HTTP/1.1\r\nHost: t\r\n\r\n"));
    ASSERT_TRUE(connection.ReadResponse(5s));
    EXPECT_TRUE(connection.ReadUntilClosed(5s)) << "idle_timeout must close the connection";
}

TEST_F(ServerLimitsTest, ClosesAConnectionThatNeverFinishesItsHeader) {
    ServerOptions options;
    options.header_timeout = 1s;
    StartServer(options);
    RawConnection connection(port);
    ASSERT_TRUE(connection.Send("GET /ok HTTP/1.1\r\nHost: t\r\n"));  // no blank line
    EXPECT_TRUE(connection.ReadUntilClosed(5s)) << "header_timeout must close the connection";
}

}  // namespace
}  // namespace nectr::http
