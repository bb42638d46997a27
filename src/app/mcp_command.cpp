// `nectr mcp`: the MCP server over stdio, for editors and agents that start Nectr as a local
// process. Newline-delimited JSON-RPC on standard input, answers on standard output, logs on
// standard error only. It runs on the local database as the operator: every repository Nectr
// knows of is visible (docs/mcp.md).
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <iostream>
#include <optional>
#include <string>

#include "app/commands.hpp"
#include "app/llm_setup.hpp"
#include "app/mcp_context.hpp"
#include "app/storage_setup.hpp"
#include "core/blocking_pool.hpp"
#include "core/log.hpp"
#include "core/version.hpp"
#include "http/client.hpp"
#include "mcp/diff_reviewer.hpp"
#include "mcp/server.hpp"

namespace nectr::app {
namespace {

namespace net = boost::asio;

// One line in, at most one line out: the dispatcher's answer on the local event loop (the
// model provider, if review_diff calls it, resumes there too).
std::optional<std::string> HandleLine(net::io_context& context, mcp::Dispatcher& dispatcher,
                                      mcp::SessionState& state, std::string line) {
    std::optional<std::string> answer;
    context.restart();
    net::co_spawn(context, dispatcher.Handle(std::move(line), mcp::Access::Everything(), &state),
                  [&answer](const std::exception_ptr& error, std::optional<std::string> reply) {
                      if (error) {
                          NECTR_LOG_ERROR("mcp.stdio_failed", "error=the request crashed");
                          return;
                      }
                      answer = std::move(reply);
                  });
    context.run();
    return answer;
}

}  // namespace

int RunMcp(core::Config config) {
    auto db = PrepareAndOpenStore(config);
    if (!db) {
        std::cerr << "nectr: " << db.error().detail << "\n";
        return 1;
    }
    auto http =
        http::MakeCurlClient({.user_agent = std::string("nectr/") + core::kVersion, .ca_file = {}});
    auto provider = MakeConfiguredProvider(config, *http);
    if (!provider) {
        std::cerr << "nectr: " << provider.error().detail << "\n";
        return 2;
    }
    mcp::PipelineDiffReviewer reviewer(provider->get(), ReviewOptionsFor(config));
    core::BlockingPool pool(2);
    core::SystemClock clock;
    GraphMemoryContext graph_and_memory(**db, pool, clock);
    mcp::McpServer server({.db = db->get(),
                           .pool = &pool,
                           .clock = &clock,
                           .context = &graph_and_memory,
                           .reviewer = &reviewer,
                           .project_map = nullptr});
    NECTR_LOG_INFO("mcp.stdio_started", "database={} model={}", (*db)->Describe(),
                   DescribeProvider(config));
    net::io_context context;
    mcp::SessionState state;
    std::string line;
    while (std::getline(std::cin, line)) {
        if (line.find_first_not_of(" \t\r") == std::string::npos) {
            continue;
        }
        std::optional<std::string> answer =
            HandleLine(context, server.GetDispatcher(), state, std::move(line));
        if (answer) {
            std::cout << *answer << '\n' << std::flush;
        }
    }
    pool.Join();
    NECTR_LOG_INFO("mcp.stdio_stopped", "reason=end of input");
    return 0;
}

}  // namespace nectr::app
