// The libcurl implementation of http::Client: one thread runs a curl multi handle that drives
// every exchange; callers hand requests over through a locked queue and a multi wake-up.
#include <curl/curl.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/log.hpp"
#include "http/client.hpp"

namespace nectr::http {
namespace {

std::once_flag curl_global_once;

void InitCurlOnce() {
    std::call_once(curl_global_once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string ToLower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string_view Trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' ||
                             text.back() == '\n')) {
        text.remove_suffix(1);
    }
    return text;
}

// "GET https://host/path" without the query, which may carry credentials.
std::string Describe(const OutboundRequest& request) {
    std::string_view url = request.url;
    url = url.substr(0, url.find('?'));
    return request.method + " " + std::string(url);
}

bool HasHeader(const OutboundRequest& request, std::string_view name) {
    return std::any_of(request.headers.begin(), request.headers.end(),
                       [&](const http::Header& h) { return ToLower(h.name) == ToLower(name); });
}

// One exchange in flight: owns the easy handle, the header list and what has arrived.
struct Transfer {
    Client::RequestId id = 0;
    OutboundRequest request;
    Client::Callback done;
    CURL* easy = nullptr;
    curl_slist* header_list = nullptr;
    OutboundResponse response;
    bool too_large = false;
    bool stopped_by_caller = false;  // on_body returned false
    char error_buffer[CURL_ERROR_SIZE] = {};

    ~Transfer() {
        if (easy != nullptr) {
            curl_easy_cleanup(easy);
        }
        curl_slist_free_all(header_list);
    }
};

size_t OnBody(char* data, size_t size, size_t count, void* user) {
    auto* transfer = static_cast<Transfer*>(user);
    const size_t bytes = size * count;
    if (transfer->request.on_body) {
        long status = 0;
        curl_easy_getinfo(transfer->easy, CURLINFO_RESPONSE_CODE, &status);
        if (!transfer->request.on_body(static_cast<int>(status), std::string_view(data, bytes))) {
            transfer->stopped_by_caller = true;
            return 0;  // ends the transfer; CollectFinished reports it as a response
        }
        return bytes;
    }
    if (transfer->response.body.size() + bytes > transfer->request.max_response_bytes) {
        transfer->too_large = true;
        return 0;  // makes curl fail the transfer with CURLE_WRITE_ERROR
    }
    transfer->response.body.append(data, bytes);
    return bytes;
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
    auto* transfer = static_cast<Transfer*>(user);
    const size_t bytes = size * count;
    std::string_view line(data, bytes);
    if (line.starts_with("HTTP/")) {
        // A new status line (after a 100 Continue or a redirect): only the last one counts.
        transfer->response.headers.clear();
        return bytes;
    }
    const auto colon = line.find(':');
    if (colon != std::string_view::npos) {
        transfer->response.headers.push_back(
            {ToLower(Trim(line.substr(0, colon))), std::string(Trim(line.substr(colon + 1)))});
    }
    return bytes;
}

core::Error TransferError(const Transfer& transfer, CURLcode code) {
    const std::string what = Describe(transfer.request);
    const std::string reason =
        transfer.error_buffer[0] != '\0' ? transfer.error_buffer : curl_easy_strerror(code);
    if (transfer.too_large) {
        return core::MakeError(core::Errc::kTooLarge,
                               what + ": response larger than " +
                                   std::to_string(transfer.request.max_response_bytes) + " bytes");
    }
    switch (code) {
        case CURLE_OPERATION_TIMEDOUT:
            return core::MakeError(core::Errc::kTimeout,
                                   what + ": timed out after " +
                                       std::to_string(transfer.request.timeout.count()) + " ms");
        case CURLE_URL_MALFORMAT:
        case CURLE_UNSUPPORTED_PROTOCOL:
            return core::MakeError(core::Errc::kInvalidInput, what + ": " + reason);
        default:
            return core::MakeError(core::Errc::kUnavailable, what + ": " + reason);
    }
}

class CurlClient final : public Client {
public:
    explicit CurlClient(ClientOptions options) : options_(std::move(options)) {
        InitCurlOnce();
        multi_ = curl_multi_init();
        curl_multi_setopt(multi_, CURLMOPT_MAX_HOST_CONNECTIONS,
                          static_cast<long>(options_.max_connections_per_host));
        curl_multi_setopt(multi_, CURLMOPT_MAX_TOTAL_CONNECTIONS,
                          static_cast<long>(options_.max_total_connections));
        curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS,
                          static_cast<long>(options_.max_total_connections));
        thread_ = std::thread([this] { RunLoop(); });
    }

    ~CurlClient() override {
        stopping_.store(true);
        curl_multi_wakeup(multi_);
        thread_.join();
        curl_multi_cleanup(multi_);
    }

    RequestId Start(OutboundRequest request, Callback done) override {
        auto transfer = std::make_unique<Transfer>();
        transfer->request = std::move(request);
        transfer->done = std::move(done);
        RequestId id = 0;
        {
            std::lock_guard lock(mutex_);
            id = ++last_id_;
            transfer->id = id;
            incoming_.push_back(std::move(transfer));
        }
        curl_multi_wakeup(multi_);
        return id;
    }

    void Abort(RequestId id) override {
        {
            std::lock_guard lock(mutex_);
            aborts_.push_back(id);
        }
        curl_multi_wakeup(multi_);
    }

private:
    void RunLoop() {
        while (!stopping_.load()) {
            TakeNewWork();
            int running = 0;
            curl_multi_perform(multi_, &running);
            CollectFinished();
            curl_multi_poll(multi_, nullptr, 0, 1000, nullptr);
        }
        FailEverything();
    }

    // Takes started requests and aborts together, so that an abort always finds the request
    // it names either active or already finished, never still waiting to be admitted.
    void TakeNewWork() {
        std::deque<std::unique_ptr<Transfer>> batch;
        std::vector<RequestId> aborts;
        {
            std::lock_guard lock(mutex_);
            batch.swap(incoming_);
            aborts.swap(aborts_);
        }
        for (auto& transfer : batch) {
            Admit(std::move(transfer));
        }
        for (RequestId id : aborts) {
            AbortActive(id);
        }
    }

    void Admit(std::unique_ptr<Transfer> transfer) {
        if (!Configure(*transfer)) {
            Finish(std::move(transfer),
                   core::MakeError(core::Errc::kInternal, "cannot create a curl handle"));
            return;
        }
        if (curl_multi_add_handle(multi_, transfer->easy) != CURLM_OK) {
            Finish(std::move(transfer),
                   core::MakeError(core::Errc::kInternal, "cannot start the transfer"));
            return;
        }
        by_id_[transfer->id] = transfer->easy;
        CURL* easy = transfer->easy;
        active_[easy] = std::move(transfer);
    }

    void AbortActive(RequestId id) {
        auto found = by_id_.find(id);
        if (found == by_id_.end()) {
            return;  // already finished
        }
        auto transfer = Detach(found->second);
        const std::string what = Describe(transfer->request);
        Finish(std::move(transfer), core::MakeError(core::Errc::kTimeout, what + ": cancelled"));
    }

    void CollectFinished() {
        int left = 0;
        while (CURLMsg* message = curl_multi_info_read(multi_, &left)) {
            if (message->msg != CURLMSG_DONE) {
                continue;
            }
            const CURLcode code = message->data.result;
            auto transfer = Detach(message->easy_handle);
            if (code != CURLE_OK && !transfer->stopped_by_caller) {
                core::Error error = TransferError(*transfer, code);
                Finish(std::move(transfer), std::move(error));
                continue;
            }
            long status = 0;
            curl_easy_getinfo(transfer->easy, CURLINFO_RESPONSE_CODE, &status);
            transfer->response.status = static_cast<int>(status);
            OutboundResponse response = std::move(transfer->response);
            Finish(std::move(transfer), std::move(response));
        }
    }

    std::unique_ptr<Transfer> Detach(CURL* easy) {
        curl_multi_remove_handle(multi_, easy);
        auto node = active_.extract(easy);
        by_id_.erase(node.mapped()->id);
        return std::move(node.mapped());
    }

    void FailEverything() {
        while (!active_.empty()) {
            auto transfer = Detach(active_.begin()->first);
            Finish(std::move(transfer),
                   core::MakeError(core::Errc::kUnavailable, "the HTTP client is shutting down"));
        }
        std::deque<std::unique_ptr<Transfer>> left;
        {
            std::lock_guard lock(mutex_);
            left.swap(incoming_);
        }
        for (auto& transfer : left) {
            Finish(std::move(transfer),
                   core::MakeError(core::Errc::kUnavailable, "the HTTP client is shutting down"));
        }
    }

    static void Finish(std::unique_ptr<Transfer> transfer, core::Result<OutboundResponse> outcome) {
        Callback done = std::move(transfer->done);
        transfer.reset();  // free the handle before the caller runs
        try {
            done(std::move(outcome));
        } catch (const std::exception& error) {
            NECTR_LOG_ERROR("http.client_callback_failed", "error={}", error.what());
        }
    }

    bool Configure(Transfer& transfer) {
        transfer.easy = curl_easy_init();
        if (transfer.easy == nullptr) {
            return false;
        }
        CURL* easy = transfer.easy;
        const OutboundRequest& request = transfer.request;
        curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
        curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, transfer.error_buffer);
        curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
        curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                         static_cast<long>(std::min<std::int64_t>(request.timeout.count(), 15000)));
        curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");  // gzip/deflate, decoded by curl
        curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
        curl_easy_setopt(easy, CURLOPT_MAXREDIRS, 5L);
        curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, OnBody);
        curl_easy_setopt(easy, CURLOPT_WRITEDATA, &transfer);
        curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, OnHeader);
        curl_easy_setopt(easy, CURLOPT_HEADERDATA, &transfer);
        if (!options_.ca_file.empty()) {
            curl_easy_setopt(easy, CURLOPT_CAINFO, options_.ca_file.c_str());
        }
        if (request.method == "HEAD") {
            curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
        } else if (request.method != "GET" || !request.body.empty()) {
            curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, request.method.c_str());
            curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                             static_cast<curl_off_t>(request.body.size()));
            curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.data());
        }
        for (const auto& header : request.headers) {
            const std::string line = header.name + ": " + header.value;
            transfer.header_list = curl_slist_append(transfer.header_list, line.c_str());
        }
        // No 100-continue round trip: the peers here answer bodies straight away.
        transfer.header_list = curl_slist_append(transfer.header_list, "Expect:");
        if (!HasHeader(request, "user-agent") && !options_.user_agent.empty()) {
            curl_easy_setopt(easy, CURLOPT_USERAGENT, options_.user_agent.c_str());
        }
        curl_easy_setopt(easy, CURLOPT_HTTPHEADER, transfer.header_list);
        return true;
    }

    ClientOptions options_;
    CURLM* multi_ = nullptr;
    std::thread thread_;
    std::atomic<bool> stopping_{false};

    std::mutex mutex_;  // guards incoming_, aborts_ and last_id_
    std::deque<std::unique_ptr<Transfer>> incoming_;
    std::vector<RequestId> aborts_;
    RequestId last_id_ = 0;

    // Owned by the loop thread.
    std::unordered_map<CURL*, std::unique_ptr<Transfer>> active_;
    std::unordered_map<RequestId, CURL*> by_id_;
};

}  // namespace

std::unique_ptr<Client> MakeCurlClient(ClientOptions options) {
    return std::make_unique<CurlClient>(std::move(options));
}

}  // namespace nectr::http
