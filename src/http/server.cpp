#include "http/server.hpp"

#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <csignal>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "core/log.hpp"
#include "core/thread_name.hpp"
#include "http/exchange.hpp"
#include "http/server_session.hpp"

namespace nectr::http {
namespace {

using tcp = net::ip::tcp;

constexpr auto kUseTuple = net::as_tuple(net::use_awaitable);
// Once the grace period is over the remaining connections are closed; whatever still runs
// this much later (a spawned task that ignores the stop) is abandoned.
constexpr std::chrono::seconds kForceStopDelay{2};
// Accept fails on every pass while the process is out of descriptors: pause, don't spin.
constexpr std::chrono::milliseconds kAcceptRetryDelay{100};
constexpr unsigned kAcceptFailuresPerLog = 100;

std::string Describe(const std::string& host, std::uint16_t port) {
    return host.find(':') != std::string::npos ? fmt::format("[{}]:{}", host, port)
                                               : fmt::format("{}:{}", host, port);
}

void LogFailure(const std::string& name, const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& exception) {
        NECTR_LOG_ERROR("http.task_failed", "task={} error={}", name, exception.what());
    } catch (...) {
        NECTR_LOG_ERROR("http.task_failed", "task={} error=unknown exception", name);
    }
}

void RunStopCallback(const std::function<void()>& callback) {
    try {
        callback();
    } catch (const std::exception& error) {
        NECTR_LOG_ERROR("http.stop_callback_failed", "error={}", error.what());
    }
}

}  // namespace

std::uint64_t ConnectionRegistry::Add(CloseFn close) {
    std::lock_guard lock(mutex_);
    const std::uint64_t id = ++next_id_;
    connections_.emplace(id, std::move(close));
    return id;
}

void ConnectionRegistry::Remove(std::uint64_t id) {
    std::lock_guard lock(mutex_);
    connections_.erase(id);
}

void ConnectionRegistry::CloseAll(bool idle_only) {
    std::lock_guard lock(mutex_);
    for (const auto& [id, close] : connections_) {
        close(idle_only);
    }
}

std::size_t ConnectionRegistry::Size() const {
    std::lock_guard lock(mutex_);
    return connections_.size();
}

struct Server::Impl {
    Impl(ServerOptions server_options, const Router& server_router, core::Metrics& registry_in)
        : options(std::move(server_options)),
          metrics(registry_in),
          env{options, server_router, registry_in, registry, stopping} {}

    core::Result<tcp::endpoint> Resolve();
    core::Result<void> Listen(const tcp::endpoint& endpoint);
    net::awaitable<void> AcceptLoop();
    // A completion handler for co_spawn that logs an escaped exception; counts the task
    // as running until it completes.
    std::function<void(std::exception_ptr)> Track(std::string name);
    void Release();
    net::any_io_executor NewExecutor();
    void RequestStop();
    void BeginStop();
    void ArmGrace(std::chrono::steady_clock::duration after, bool final_stage);

    ServerOptions options;
    core::Metrics& metrics;
    std::atomic<bool> stopping{false};
    std::atomic<std::size_t> active{0};  // the accept loop, connections and spawned tasks
    std::atomic<std::uint16_t> port{0};
    ConnectionRegistry registry;
    SessionEnv env;
    std::mutex callbacks_mutex;
    std::vector<std::function<void()>> stop_callbacks;
    bool stop_callbacks_ran = false;  // guarded by callbacks_mutex
    std::vector<std::thread> threads;
    // Declared after everything that coroutines use: destroying the io_context destroys
    // unfinished coroutine frames, whose destructors still touch the registry and metrics.
    net::io_context io;
    // Serialises the acceptor, the signal set and the grace timer, which are not thread-safe.
    net::strand<net::io_context::executor_type> control{net::make_strand(io)};
    tcp::acceptor acceptor{io};
    net::signal_set signals{io};
    net::steady_timer grace_timer{io};
};

core::Result<tcp::endpoint> Server::Impl::Resolve() {
    boost::system::error_code ec;
    auto address = net::ip::make_address(options.host, ec);
    if (!ec) {
        return tcp::endpoint(address, options.port);
    }
    tcp::resolver resolver(io);
    auto results =
        resolver.resolve(options.host, std::to_string(options.port), tcp::resolver::passive, ec);
    if (ec || results.empty()) {
        return core::MakeError(core::Errc::kInvalidInput,
                               fmt::format("cannot listen on {}: the host does not resolve ({})",
                                           Describe(options.host, options.port),
                                           ec ? ec.message() : std::string("no address")));
    }
    return results.begin()->endpoint();
}

core::Result<void> Server::Impl::Listen(const tcp::endpoint& endpoint) {
    boost::system::error_code ec;
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) {
        // Lets a restarted server bind while old connections sit in TIME_WAIT.
        acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
    }
    if (!ec) {
        acceptor.bind(endpoint, ec);
    }
    if (!ec) {
        acceptor.listen(net::socket_base::max_listen_connections, ec);
    }
    if (ec) {
        boost::system::error_code ignored;  // reporting the first error matters, not this one
        acceptor.close(ignored);
        return core::MakeError(core::Errc::kUnavailable,
                               fmt::format("cannot listen on {}: {}",
                                           Describe(options.host, options.port), ec.message()));
    }
    return {};
}

net::any_io_executor Server::Impl::NewExecutor() {
    // With one thread nothing runs concurrently, so a strand would only cost.
    if (options.io_threads > 1) {
        return net::make_strand(io);
    }
    return io.get_executor();
}

std::function<void(std::exception_ptr)> Server::Impl::Track(std::string name) {
    active.fetch_add(1);
    return [this, name = std::move(name)](const std::exception_ptr& error) {
        if (error) {
            LogFailure(name, error);
        }
        Release();
    };
}

void Server::Impl::Release() {
    if (active.fetch_sub(1) == 1 && stopping.load()) {
        // Everything has ended: no need to keep the grace timer (and so the threads) alive.
        net::post(control, [this] { grace_timer.cancel(); });
    }
}

net::awaitable<void> Server::Impl::AcceptLoop() {
    unsigned failures = 0;
    for (;;) {
        net::any_io_executor executor = NewExecutor();
        auto [ec, socket] = co_await acceptor.async_accept(executor, kUseTuple);
        if (stopping.load() || ec == net::error::operation_aborted) {
            break;  // a connection accepted just now closes with `socket`
        }
        if (ec) {
            if (failures++ % kAcceptFailuresPerLog == 0) {
                NECTR_LOG_WARN("http.accept_failed", "error={} failures={}", ec.message(),
                               failures);
            }
            net::steady_timer pause(co_await net::this_coro::executor, kAcceptRetryDelay);
            co_await pause.async_wait(kUseTuple);
            continue;
        }
        net::co_spawn(executor, RunSession(std::move(socket), &env), Track("connection"));
    }
}

void Server::Impl::RequestStop() {
    if (stopping.exchange(true)) {
        return;
    }
    net::post(control, [this] { BeginStop(); });
}

void Server::Impl::BeginStop() {
    NECTR_LOG_INFO("http.stopping", "connections={} grace_s={}", registry.Size(),
                   options.shutdown_grace.count());
    boost::system::error_code ignored;  // either may be closed already, which is the goal
    acceptor.close(ignored);
    signals.cancel(ignored);
    registry.CloseAll(/*idle_only=*/true);
    std::vector<std::function<void()>> callbacks;
    {
        std::lock_guard lock(callbacks_mutex);
        callbacks.swap(stop_callbacks);
        stop_callbacks_ran = true;
    }
    for (const auto& callback : callbacks) {
        RunStopCallback(callback);
    }
    ArmGrace(options.shutdown_grace, /*final_stage=*/false);
}

void Server::Impl::ArmGrace(std::chrono::steady_clock::duration after, bool final_stage) {
    if (active.load() == 0) {
        return;
    }
    grace_timer.expires_after(after);
    grace_timer.async_wait(
        net::bind_executor(control, [this, final_stage](boost::system::error_code ec) {
            if (ec || active.load() == 0) {
                return;  // everything ended in time
            }
            if (!final_stage) {
                NECTR_LOG_WARN("http.stop_grace_expired", "connections={}", registry.Size());
                registry.CloseAll(/*idle_only=*/false);
                ArmGrace(kForceStopDelay, /*final_stage=*/true);
                return;
            }
            NECTR_LOG_WARN("http.stop_forced", "unfinished={}", active.load());
            io.stop();
        }));
}

Server::Server(ServerOptions options, const Router& router, core::Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), router, metrics)) {
    DeclareServerMetrics(metrics);
    // Publishes the gauge at 0 before the first connection without resetting it when
    // another server shares the registry.
    metrics.Increment(kConnectionsActive, {}, 0);
}

Server::~Server() {
    RequestStop();
    Wait();
}

core::Result<std::uint16_t> Server::Start() {
    Impl& impl = *impl_;
    NECTR_ASSERT(impl.threads.empty() && !impl.acceptor.is_open(), "Start() is called once");
    auto endpoint = impl.Resolve();
    if (!endpoint) {
        return endpoint.error();
    }
    if (auto listening = impl.Listen(*endpoint); !listening) {
        return listening.error();
    }
    impl.port = impl.acceptor.local_endpoint().port();
    net::co_spawn(impl.control, impl.AcceptLoop(), impl.Track("accept loop"));
    const std::size_t count = std::max<std::size_t>(1, impl.options.io_threads);
    for (std::size_t i = 0; i < count; ++i) {
        impl.threads.emplace_back([&impl] {
            core::NameThisThread("nectr-http");
            impl.io.run();
        });
    }
    return impl.port.load();
}

std::uint16_t Server::Port() const { return impl_->port.load(); }

void Server::StopOnSignals() {
    Impl* impl = impl_.get();
    // Registered here, before returning, so that a signal sent the moment the caller says
    // "running" is caught: Asio keeps a signal that arrives before the wait below begins.
    boost::system::error_code ec;
    impl->signals.add(SIGINT, ec);
    if (!ec) {
        impl->signals.add(SIGTERM, ec);
    }
    if (ec) {
        NECTR_LOG_ERROR("http.signals_failed", "error={}", ec.message());
        return;
    }
    net::post(impl->control, [impl] {
        if (impl->stopping.load()) {
            return;  // a pending wait would keep the threads alive after the stop
        }
        impl->signals.async_wait(
            net::bind_executor(impl->control, [impl](boost::system::error_code wait_ec, int sig) {
                if (wait_ec) {
                    return;  // cancelled by a stop that began otherwise
                }
                NECTR_LOG_INFO("http.signal_received", "signal={}", sig);
                impl->RequestStop();
            }));
    });
}

void Server::RequestStop() { impl_->RequestStop(); }

bool Server::StopRequested() const { return impl_->stopping.load(); }

void Server::AddStopCallback(std::function<void()> callback) {
    {
        std::lock_guard lock(impl_->callbacks_mutex);
        if (!impl_->stop_callbacks_ran) {
            impl_->stop_callbacks.push_back(std::move(callback));
            return;
        }
    }
    // Too late to run with the others, and the I/O threads may be gone already: run it here.
    RunStopCallback(callback);
}

void Server::Wait() {
    for (auto& thread : impl_->threads) {
        if (thread.joinable()) {
            thread.join();
        }
    }
}

void Server::Spawn(std::string name, std::function<net::awaitable<void>()> task) {
    net::co_spawn(impl_->NewExecutor(), std::move(task), impl_->Track(std::move(name)));
}

}  // namespace nectr::http
