#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <iostream>

#include "app/commands.hpp"
#include "app/settings.hpp"
#include "app/storage_setup.hpp"
#include "core/log.hpp"

namespace nectr::app {

int RunWorker(core::Config config) {
    if (auto prepared = PrepareDataDir(config); !prepared) {
        std::cerr << "nectr: " << prepared.error().detail << "\n";
        return 1;
    }
    auto db = OpenStore(config);
    if (!db) {
        std::cerr << "nectr: " << db.error().detail << "\n";
        return 1;
    }
    // The queue consumer attaches to this loop (issue #3); until then the process holds its
    // database connection and exits cleanly on SIGINT/SIGTERM, as an operator would expect.
    boost::asio::io_context io;
    boost::asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([](const boost::system::error_code&, int signal_number) {
        NECTR_LOG_INFO("worker.stopping", "signal={}", signal_number);
    });
    NECTR_LOG_INFO("worker.started", "database={} workers={}", (*db)->Describe(), config.workers);
    io.run();
    NECTR_LOG_INFO("worker.stopped", "");
    return 0;
}

}  // namespace nectr::app
