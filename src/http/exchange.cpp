#include "http/exchange.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "core/log.hpp"

namespace nectr::http {
namespace {

bool IsServerOwnedHeader(std::string_view name) {
    static constexpr std::array<std::string_view, 6> kOwned = {
        "content-length", "transfer-encoding", "connection", "keep-alive",
        "server",         "x-request-id"};
    return std::any_of(kOwned.begin(), kOwned.end(), [name](std::string_view owned) {
        return std::equal(name.begin(), name.end(), owned.begin(), owned.end(), [](char a, char b) {
            return std::tolower(static_cast<unsigned char>(a)) == b;
        });
    });
}

bool IsTokenChar(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        return true;
    }
    return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool IsSafeHeader(const Header& header) {
    return !header.name.empty() &&
           std::all_of(header.name.begin(), header.name.end(), IsTokenChar) &&
           header.value.find_first_of(std::string_view("\r\n\0", 3)) == std::string::npos;
}

}  // namespace

void DeclareServerMetrics(core::Metrics& metrics) {
    metrics.DeclareCounter(std::string(kRequestsTotal),
                           "HTTP requests answered, by method, route pattern and status.");
    metrics.DeclareHistogram(
        std::string(kRequestDuration),
        "Time from the first byte of a request to the end of its response.",
        {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10});
    metrics.DeclareGauge(std::string(kConnectionsActive), "Open client connections.");
}

void FinalizeResponse(Response& response, std::string_view request_id) {
    if (response.status < 200 || response.status > 599) {
        NECTR_LOG_ERROR("http.bad_status", "status={} request_id={}", response.status, request_id);
        response = ErrorResponse(500, "internal", "the handler produced an invalid status");
    }
    std::erase_if(response.headers, [request_id](const Header& header) {
        if (!IsSafeHeader(header)) {
            NECTR_LOG_ERROR("http.bad_header", "request_id={} header_name_length={}", request_id,
                            header.name.size());
            return true;
        }
        return IsServerOwnedHeader(header.name);
    });
    const bool bodyless = response.status == 204 || response.status == 304;
    if (bodyless) {
        response.body.clear();
    } else if (!response.Header("Content-Type")) {
        response.SetHeader("Content-Type", "text/plain; charset=utf-8");
    }
    response.headers.push_back({"Server", "nectr"});
    response.headers.push_back({"X-Request-Id", std::string(request_id)});
    if (response.stream) {
        response.body.clear();  // the stream writes the body; the session frames it
    } else if (!bodyless) {
        response.headers.push_back({"Content-Length", std::to_string(response.body.size())});
    }
}

std::string SerializeHead(const Response& response, unsigned minor_version, bool keep_alive) {
    std::string head =
        fmt::format("HTTP/1.1 {} {}\r\n", response.status, ReasonPhrase(response.status));
    for (const auto& header : response.headers) {
        head += header.name;
        head += ": ";
        head += header.value;
        head += "\r\n";
    }
    if (!keep_alive) {
        head += "Connection: close\r\n";
    } else if (minor_version == 0) {
        head += "Connection: keep-alive\r\n";
    }
    head += "\r\n";
    return head;
}

std::string_view MethodLabel(std::string_view method) {
    static constexpr std::array<std::string_view, 7> kKnown = {"GET",    "HEAD",    "POST", "PUT",
                                                               "DELETE", "OPTIONS", "PATCH"};
    auto found = std::find(kKnown.begin(), kKnown.end(), method);
    return found == kKnown.end() ? std::string_view("OTHER") : *found;
}

void RecordExchange(core::Metrics& metrics, const ExchangeRecord& record) {
    NECTR_LOG_INFO("http.request",
                   "method={} path={} route={} status={} duration_ms={:.2f} bytes_in={} "
                   "bytes_out={} request_id={} remote={}",
                   record.method, record.path, record.route, record.status,
                   record.duration_seconds * 1000.0, record.bytes_in, record.bytes_out,
                   record.request_id, record.remote);
    const std::string route(record.route);
    metrics.Increment(kRequestsTotal, {{"method", std::string(MethodLabel(record.method))},
                                       {"route", route},
                                       {"status", std::to_string(record.status)}});
    metrics.Observe(kRequestDuration, {{"route", route}}, record.duration_seconds);
}

}  // namespace nectr::http
