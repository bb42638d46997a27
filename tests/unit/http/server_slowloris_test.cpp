// A slowloris client keeps a connection busy by sending its header one byte at a time. The
// header timeout is a deadline for the whole header, not for each byte, so such connections
// are closed while the server goes on answering everybody else.
#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "server_fixture.hpp"

namespace nectr::http {
namespace {

using nectr::testing::HttpRequest;
using nectr::testing::RawConnection;

class ServerSlowlorisTest : public ServerFixture {
protected:
    void SetUp() override { router.Add({"GET", "/ok", Reply(Response::Text(200, "ok"))}); }
};

TEST_F(ServerSlowlorisTest, ClosesTricklingConnectionsAtTheHeaderDeadlineAndServesOthers) {
    ServerOptions options;
    options.header_timeout = 1s;
    StartServer(options);
    constexpr int kAttackers = 8;
    std::vector<std::unique_ptr<RawConnection>> slow;
    for (int i = 0; i < kAttackers; ++i) {
        slow.push_back(std::make_unique<RawConnection>(port));
        ASSERT_TRUE(slow.back()->Connected());
        ASSERT_TRUE(slow.back()->Send("GET /ok HTTP/1.1\r\nHost: t\r\nX-Slow: "));
    }
    std::vector<bool> closed(kAttackers, false);
    int open = kAttackers;
    int served = 0;
    // Each round sends one more byte on every open connection; the short read deadline
    // paces the rounds. 10 s is ten header timeouts: far more than the server needs.
    const auto give_up = std::chrono::steady_clock::now() + 10s;
    while (open > 0 && std::chrono::steady_clock::now() < give_up) {
        for (int i = 0; i < kAttackers; ++i) {
            if (closed[i]) {
                continue;
            }
            slow[i]->Send("a");
            if (slow[i]->ReadUntilClosed(20ms)) {
                closed[i] = true;
                --open;
            }
        }
        auto other = HttpRequest("GET", "http://127.0.0.1:" + std::to_string(port) + "/ok");
        EXPECT_EQ(other.status, 200) << "a well-behaved client must be served during the attack";
        served += other.status == 200 ? 1 : 0;
    }
    EXPECT_EQ(open, 0) << "every trickling connection must be closed by the header deadline";
    EXPECT_GT(served, 0);
}

}  // namespace
}  // namespace nectr::http
