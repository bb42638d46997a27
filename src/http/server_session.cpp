#include "http/server_session.hpp"

#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <exception>
#include <memory>
#include <optional>

#include "core/log.hpp"
#include "http/exchange.hpp"
#include "http/parsed_request.hpp"
#include "http/request_parts.hpp"
#include "http/stream.hpp"

namespace nectr::http {
namespace {

namespace beast = boost::beast;
namespace wire = boost::beast::http;  // "http" is our own namespace
using tcp = net::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

constexpr auto kUseTuple = net::as_tuple(net::use_awaitable);
// Large enough that a typical webhook (headers and a 5-30 KB body) arrives in one read: the
// buffer grows to the largest request a connection carried anyway, so this costs no memory a
// busy connection would not hold.
constexpr std::size_t kFirstReadBytes = 32 * 1024;
// After an error answer the client may still be sending a body we refused. Reading (and
// dropping) some of it before closing keeps the kernel from answering with a reset, which
// can destroy our response before the client has read it.
constexpr std::size_t kMaxDrainBytes = 1 << 20;
constexpr std::chrono::seconds kDrainTimeout{2};
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
// Every write sends a head and a body, so that one instantiation of async_write serves all.
using WireBuffers = std::array<net::const_buffer, 2>;

// How a connection goes on after one exchange.
enum class Next { kKeepAlive, kClose, kDrainAndClose, kGone };

std::optional<std::string_view> FieldOf(const wire::fields& fields, std::string_view name) {
    auto found = fields.find(name);
    if (found == fields.end()) {
        return std::nullopt;
    }
    return found->value();
}

bool ExpectsContinue(const wire::request_header<>& header) {
    auto expect = FieldOf(header, "Expect");
    return header.version() >= 11 && expect && beast::iequals(*expect, "100-continue");
}

bool IsParseError(const beast::error_code& ec) {
    return ec.category() == wire::make_error_code(wire::error::bad_method).category();
}

// 405 with an Allow header when the path answers to other methods, 404 otherwise.
Response NoRoute(const Router& router, const std::string& path, const std::string& method,
                 bool other_method) {
    if (!other_method) {
        return ErrorResponse(404, "not_found", "no route matches this path");
    }
    std::string allow;
    for (const auto& allowed : router.AllowedMethods(path)) {
        allow += allow.empty() ? allowed : ", " + allowed;
    }
    Response response =
        ErrorResponse(405, "method_not_allowed", "this path does not answer to " + method);
    response.SetHeader("Allow", std::move(allow));
    return response;
}

// What the log line and the metrics need once the exchange is over.
struct Exchange {
    SteadyClock::time_point started;
    std::string method = "-";
    std::string path = "-";
    std::string route{kUnmatchedRoute};
    std::string request_id;
    unsigned version = 11;
    bool head = false;
    bool client_keep_alive = false;
    std::size_t bytes_in = 0;
    std::size_t body_limit = 0;  // the matched route's
};

class Session {
public:
    Session(tcp::socket socket, SessionEnv& env) : stream_(std::move(socket)), env_(env) {
        beast::error_code ec;
        auto endpoint = stream_.socket().remote_endpoint(ec);
        remote_ = ec ? "-" : endpoint.address().to_string();
    }

    // Member coroutines: `this` stays valid because RunSession holds the session until
    // Run() completes.
    net::awaitable<void> Run();

    // Runs on the connection's strand, posted there by the registry's CloseFn. A streaming
    // response counts as idle: it may wait for its next message for a long time.
    void Close(bool idle_only) {
        if (idle_only && !idle_ && !body_stream_) {
            return;
        }
        if (body_stream_) {
            body_stream_->Cancel();
        }
        stream_.close();  // the pending read or write ends with operation_aborted
    }

    // Sends one piece of a streaming body; see StreamWriter.
    net::awaitable<bool> WriteStreamPiece(std::string bytes, bool chunked);

private:
    net::awaitable<bool> AwaitRequest(std::chrono::seconds timeout);
    net::awaitable<Next> ServeOne();
    net::awaitable<std::optional<Next>> ReadBody(std::size_t limit);
    net::awaitable<Next> Reject(beast::error_code ec);
    net::awaitable<Response> Invoke(const Route* route, Request request);
    net::awaitable<Next> Respond(Response response, Next next);
    net::awaitable<Next> RespondStreaming(Response response);
    net::awaitable<void> DrainAndClose();

    beast::tcp_stream stream_;
    SessionEnv& env_;
    std::string remote_;
    beast::flat_buffer buffer_;
    std::optional<wire::request_parser<wire::string_body>> parser_;
    Exchange exchange_;
    bool idle_ = true;  // waiting for the first byte of a request; read and written on the strand
    std::shared_ptr<ResponseStream> body_stream_;  // while a streaming response is written
    bool stream_broken_ = false;
    std::size_t stream_bytes_out_ = 0;
};

// The StreamWriter a ResponseStream gets: pieces go to the session's socket.
class SessionStreamWriter final : public StreamWriter {
public:
    SessionStreamWriter(Session& session, bool chunked) : session_(session), chunked_(chunked) {}
    net::awaitable<bool> Write(std::string bytes) override {
        return session_.WriteStreamPiece(std::move(bytes), chunked_);
    }

private:
    Session& session_;
    bool chunked_;
};

net::awaitable<void> Session::Run() {
    bool first = true;
    for (;;) {
        idle_ = true;
        if (env_.stopping.load()) {
            break;
        }
        if (buffer_.size() == 0) {
            // The first request gets header_timeout: a client that connects and says
            // nothing is no more welcome than one that sends its header slowly.
            const bool started = co_await AwaitRequest(first ? env_.options.header_timeout
                                                             : env_.options.idle_timeout);
            if (!started) {
                break;
            }
        }
        idle_ = false;
        first = false;
        const Next next = co_await ServeOne();
        if (next == Next::kKeepAlive) {
            continue;
        }
        if (next == Next::kDrainAndClose) {
            co_await DrainAndClose();
        } else if (next == Next::kClose) {
            beast::error_code ignored;  // the peer may be gone already; we close either way
            stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        }
        break;
    }
}

net::awaitable<bool> Session::AwaitRequest(std::chrono::seconds timeout) {
    stream_.expires_after(timeout);
    auto [ec, bytes] =
        co_await stream_.async_read_some(buffer_.prepare(kFirstReadBytes), kUseTuple);
    if (ec) {
        co_return false;  // closed, timed out, or closed by a stop: nothing to answer
    }
    buffer_.commit(bytes);
    co_return true;
}

net::awaitable<Next> Session::ServeOne() {
    exchange_ = Exchange{};
    exchange_.started = SteadyClock::now();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(
        std::min<std::size_t>(env_.options.max_header_bytes, UINT32_MAX)));
    parser_->body_limit(boost::none);  // each route has its own limit, checked once known
    stream_.expires_after(env_.options.header_timeout);
    auto [ec, header_bytes] =
        co_await wire::async_read_header(stream_, buffer_, *parser_, kUseTuple);
    exchange_.bytes_in = header_bytes;
    if (ec) {
        exchange_.request_id = GenerateRequestId();
        co_return co_await Reject(ec);
    }
    const auto& header = parser_->get();
    exchange_.method = std::string(header.method_string());
    exchange_.version = header.version();
    exchange_.head = header.method() == wire::verb::head;
    exchange_.client_keep_alive = header.keep_alive();
    exchange_.request_id = ChooseRequestId(FieldOf(header, "X-Request-Id"));
    std::string_view raw_target = header.target();
    exchange_.path = std::string(raw_target.substr(0, raw_target.find('?')));

    auto target = ParseTarget(raw_target);
    if (!target) {
        co_return co_await Respond(ErrorResponse(target.error()), Next::kDrainAndClose);
    }
    bool other_method = false;
    auto match = env_.router.Find(exchange_.method, target->path, &other_method);
    if (!match) {
        // Without a route, an unread body would be parsed as the next request: close instead.
        co_return co_await Respond(
            NoRoute(env_.router, target->path, exchange_.method, other_method),
            parser_->is_done() ? Next::kKeepAlive : Next::kDrainAndClose);
    }
    exchange_.route = match->route->pattern;
    const std::size_t limit = match->route->max_body_bytes;
    exchange_.body_limit = limit;
    if (parser_->content_length() && *parser_->content_length() > limit) {
        co_return co_await Respond(
            ErrorResponse(413, "too_large", fmt::format("the body exceeds {} bytes", limit)),
            Next::kDrainAndClose);
    }
    if (!parser_->is_done()) {
        if (auto failed = co_await ReadBody(limit)) {
            co_return *failed;
        }
    }
    Request request = MakeRequest(parser_->release(), std::move(*target));
    request.remote_address = remote_;
    request.request_id = exchange_.request_id;
    request.path_params = std::move(match->params);
    Response response = co_await Invoke(match->route, std::move(request));
    if (response.stream && !exchange_.head) {
        co_return co_await RespondStreaming(std::move(response));
    }
    if (response.stream) {
        response.stream->Cancel();  // HEAD: the head alone, as for any GET
        response.stream.reset();
    }
    co_return co_await Respond(std::move(response), Next::kKeepAlive);
}

net::awaitable<std::optional<Next>> Session::ReadBody(std::size_t limit) {
    parser_->body_limit(limit);  // a chunked body has no length up front
    if (ExpectsContinue(parser_->get())) {
        stream_.expires_after(env_.options.body_timeout);
        const WireBuffers bytes{net::buffer(kContinue), net::const_buffer()};
        auto [ec, written] = co_await net::async_write(stream_, bytes, kUseTuple);
        if (ec) {
            co_return Next::kGone;
        }
    }
    stream_.expires_after(env_.options.body_timeout);
    auto [ec, body_bytes] = co_await wire::async_read(stream_, buffer_, *parser_, kUseTuple);
    exchange_.bytes_in += body_bytes;
    if (ec) {
        co_return co_await Reject(ec);
    }
    co_return std::nullopt;
}

net::awaitable<Next> Session::Reject(beast::error_code ec) {
    if (ec == wire::error::header_limit) {
        co_return co_await Respond(ErrorResponse(431, "header_too_large",
                                                 fmt::format("the request header exceeds {} bytes",
                                                             env_.options.max_header_bytes)),
                                   Next::kDrainAndClose);
    }
    if (ec == wire::error::body_limit) {
        co_return co_await Respond(
            ErrorResponse(413, "too_large",
                          fmt::format("the body exceeds {} bytes", exchange_.body_limit)),
            Next::kDrainAndClose);
    }
    if (IsParseError(ec) && ec != wire::error::end_of_stream &&
        ec != wire::error::partial_message) {
        co_return co_await Respond(
            ErrorResponse(400, "invalid_input", "malformed HTTP request: " + ec.message()),
            Next::kDrainAndClose);
    }
    // The peer went away or was too slow: there is nobody to answer.
    NECTR_LOG_DEBUG("http.connection_dropped", "remote={} reason={}", remote_, ec.message());
    co_return Next::kGone;
}

net::awaitable<Response> Session::Invoke(const Route* route, Request request) {
    try {
        co_return co_await route->handler(std::move(request));
    } catch (const std::exception& error) {
        NECTR_LOG_ERROR("http.handler_failed", "route={} request_id={} error={}", route->pattern,
                        exchange_.request_id, error.what());
    } catch (...) {
        NECTR_LOG_ERROR("http.handler_failed", "route={} request_id={} error=unknown exception",
                        route->pattern, exchange_.request_id);
    }
    co_return ErrorResponse(500, "internal",
                            "internal error; quote the X-Request-Id header when reporting it");
}

net::awaitable<Next> Session::Respond(Response response, Next next) {
    FinalizeResponse(response, exchange_.request_id);
    const int status = response.status;
    const bool keep_alive =
        next == Next::kKeepAlive && exchange_.client_keep_alive && !env_.stopping.load();
    const std::string head = SerializeHead(response, exchange_.version % 10, keep_alive);
    // HEAD keeps GET's Content-Length but sends no body.
    const WireBuffers bytes{net::buffer(head),
                            exchange_.head ? net::const_buffer() : net::buffer(response.body)};
    stream_.expires_after(env_.options.body_timeout);
    auto [ec, bytes_out] = co_await net::async_write(stream_, bytes, kUseTuple);
    const std::chrono::duration<double> elapsed = SteadyClock::now() - exchange_.started;
    RecordExchange(env_.metrics, {.method = exchange_.method,
                                  .path = exchange_.path,
                                  .route = exchange_.route,
                                  .status = status,
                                  .duration_seconds = elapsed.count(),
                                  .bytes_in = exchange_.bytes_in,
                                  .bytes_out = bytes_out,
                                  .request_id = exchange_.request_id,
                                  .remote = remote_});
    if (ec) {
        co_return Next::kGone;
    }
    if (keep_alive) {
        co_return Next::kKeepAlive;
    }
    co_return next == Next::kKeepAlive ? Next::kClose : next;
}

net::awaitable<Next> Session::RespondStreaming(Response response) {
    FinalizeResponse(response, exchange_.request_id);  // sees the stream: no Content-Length
    std::shared_ptr<ResponseStream> body = std::move(response.stream);
    if (!body) {
        // A bad status turned the response into a plain 500 error.
        co_return co_await Respond(std::move(response), Next::kClose);
    }
    // HTTP/1.0 has no chunked encoding: its body ends when the connection closes.
    const bool chunked = exchange_.version >= 11;
    if (chunked) {
        response.headers.push_back({"Transfer-Encoding", "chunked"});
    }
    const std::string head = SerializeHead(response, exchange_.version % 10, false);
    stream_.expires_after(env_.options.body_timeout);
    const WireBuffers head_bytes{net::buffer(head), net::const_buffer()};
    auto [ec, written] = co_await net::async_write(stream_, head_bytes, kUseTuple);
    stream_bytes_out_ = written;
    stream_broken_ = static_cast<bool>(ec);
    if (!stream_broken_ && !env_.stopping.load()) {
        body_stream_ = body;
        SessionStreamWriter writer(*this, chunked);
        try {
            co_await body->Produce(writer);
        } catch (const std::exception& error) {
            NECTR_LOG_ERROR("http.stream_failed", "route={} request_id={} error={}",
                            exchange_.route, exchange_.request_id, error.what());
        }
        body_stream_.reset();
        if (chunked && !stream_broken_) {
            static constexpr std::string_view kLastChunk = "0\r\n\r\n";
            stream_.expires_after(env_.options.body_timeout);
            const WireBuffers last{net::buffer(kLastChunk), net::const_buffer()};
            auto [last_ec, last_written] = co_await net::async_write(stream_, last, kUseTuple);
            stream_bytes_out_ += last_written;
            stream_broken_ = static_cast<bool>(last_ec);
        }
    }
    body->Cancel();
    const std::chrono::duration<double> elapsed = SteadyClock::now() - exchange_.started;
    RecordExchange(env_.metrics, {.method = exchange_.method,
                                  .path = exchange_.path,
                                  .route = exchange_.route,
                                  .status = response.status,
                                  .duration_seconds = elapsed.count(),
                                  .bytes_in = exchange_.bytes_in,
                                  .bytes_out = stream_bytes_out_,
                                  .request_id = exchange_.request_id,
                                  .remote = remote_});
    co_return stream_broken_ ? Next::kGone : Next::kClose;
}

net::awaitable<bool> Session::WriteStreamPiece(std::string bytes, bool chunked) {
    if (stream_broken_ || env_.stopping.load()) {
        co_return false;
    }
    if (bytes.empty()) {
        co_return true;  // an empty chunk would end a chunked body
    }
    std::string frame_head = chunked ? fmt::format("{:x}\r\n", bytes.size()) : std::string();
    if (chunked) {
        bytes += "\r\n";
    }
    stream_.expires_after(env_.options.body_timeout);
    const WireBuffers piece{net::buffer(frame_head), net::buffer(bytes)};
    auto [ec, written] = co_await net::async_write(stream_, piece, kUseTuple);
    stream_bytes_out_ += written;
    if (ec) {
        stream_broken_ = true;
        co_return false;
    }
    co_return true;
}

net::awaitable<void> Session::DrainAndClose() {
    beast::error_code ignored;  // the peer may be gone already; we close either way
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(kDrainTimeout);
    std::size_t drained = 0;
    while (drained < kMaxDrainBytes) {
        buffer_.clear();
        auto [ec, bytes] =
            co_await stream_.async_read_some(buffer_.prepare(kFirstReadBytes), kUseTuple);
        if (ec) {
            break;  // end of stream, the drain deadline, or a reset: all mean "done"
        }
        drained += bytes;
    }
    stream_.close();
}

// Keeps a session in the registry and the connection gauge while it runs.
class Registration {
public:
    Registration(SessionEnv& env, const std::shared_ptr<Session>& session,
                 const net::any_io_executor& executor)
        : env_(env) {
        id_ = env_.registry.Add([weak = std::weak_ptr<Session>(session), executor](bool idle_only) {
            net::post(executor, [weak, idle_only] {
                if (auto alive = weak.lock()) {
                    alive->Close(idle_only);
                }
            });
        });
        env_.metrics.Increment(kConnectionsActive, {}, 1);
    }
    ~Registration() {
        env_.registry.Remove(id_);
        env_.metrics.Increment(kConnectionsActive, {}, -1);
    }
    Registration(const Registration&) = delete;
    Registration& operator=(const Registration&) = delete;

private:
    SessionEnv& env_;
    std::uint64_t id_ = 0;
};

}  // namespace

net::awaitable<void> RunSession(tcp::socket socket, SessionEnv* env) {
    net::any_io_executor executor = socket.get_executor();
    auto session = std::make_shared<Session>(std::move(socket), *env);
    Registration registration(*env, session, executor);
    co_await session->Run();
}

}  // namespace nectr::http
