#include "store/postgres_database.hpp"

#include <fmt/core.h>
#include <libpq-fe.h>

#include <algorithm>
#include <cctype>
#include <utility>

#include "store/connection_pool.hpp"
#include "store/postgres_connection.hpp"

namespace nectr::store {
namespace {

class PostgresDatabase final : public Database {
public:
    PostgresDatabase(std::string description, ConnectionPool::Factory factory,
                     std::size_t max_connections, std::chrono::milliseconds acquire_timeout)
        : description_(std::move(description)),
          pool_("postgres", std::move(factory), max_connections, acquire_timeout) {}

    Engine GetEngine() const override { return Engine::kPostgres; }
    Result<PooledConnection> Acquire() override { return pool_.Acquire(); }
    std::string Describe() const override { return description_; }

private:
    std::string description_;
    ConnectionPool pool_;
};

bool HasParameter(std::string_view url, std::string_view key) {
    const std::size_t query = url.find('?');
    if (query == std::string_view::npos) {
        return false;
    }
    std::string_view rest = url.substr(query + 1);
    while (!rest.empty()) {
        const std::size_t amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        if (pair.substr(0, pair.find('=')) == key) {
            return true;
        }
        rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    }
    return false;
}

void AddParameter(std::string& url, std::string_view key, std::string_view value) {
    if (HasParameter(url, key)) {
        return;
    }
    url += url.find('?') == std::string::npos ? '?' : '&';
    url += key;
    url += '=';
    url += value;
}

// The raw password of `scheme://user:password@host`, so that it can be cut out of messages.
std::string_view RawPassword(std::string_view url) {
    const std::size_t begin = url.find("://");
    if (begin == std::string_view::npos) {
        return {};
    }
    std::string_view authority = url.substr(begin + 3);
    authority = authority.substr(0, authority.find_first_of("/?#"));
    const std::size_t at = authority.rfind('@');
    const std::size_t colon = authority.find(':');
    if (at == std::string_view::npos || colon == std::string_view::npos || colon > at) {
        return {};
    }
    return authority.substr(colon + 1, at - colon - 1);
}

std::string WithoutSecret(std::string message, std::string_view secret) {
    if (secret.empty()) {
        return message;
    }
    for (std::size_t pos = message.find(secret); pos != std::string::npos;
         pos = message.find(secret, pos + 3)) {
        message.replace(pos, secret.size(), "***");
    }
    return message;
}

}  // namespace

Result<std::string> PostgresConnectionString(std::string_view url,
                                             std::chrono::seconds connect_timeout) {
    const std::size_t scheme_end = url.find("://");
    std::string scheme(url.substr(0, scheme_end == std::string_view::npos ? 0 : scheme_end));
    std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    scheme = scheme.substr(0, scheme.find('+'));
    if (scheme != "postgresql" && scheme != "postgres") {
        return core::MakeError(core::Errc::kInvalidInput,
                               fmt::format("'{}' is not a PostgreSQL URL; use "
                                           "postgresql://user:password@host:5432/database",
                                           MaskDatabaseUrl(url)));
    }
    std::string conninfo = "postgresql://" + std::string(url.substr(scheme_end + 3));
    AddParameter(conninfo, "connect_timeout",
                 std::to_string(std::max<long long>(1, connect_timeout.count())));
    AddParameter(conninfo, "fallback_application_name", "nectr");
    AddParameter(conninfo, "client_encoding", "UTF8");

    char* error = nullptr;
    PQconninfoOption* parsed = PQconninfoParse(conninfo.c_str(), &error);
    if (parsed == nullptr) {
        std::string message = error != nullptr ? error : "out of memory";
        PQfreemem(error);
        while (!message.empty() && std::isspace(static_cast<unsigned char>(message.back()))) {
            message.pop_back();
        }
        return core::MakeError(
            core::Errc::kInvalidInput,
            fmt::format("invalid PostgreSQL URL '{}': {}", MaskDatabaseUrl(url),
                        MaskDatabaseUrl(WithoutSecret(message, RawPassword(url)))));
    }
    PQconninfoFree(parsed);
    return conninfo;
}

Result<std::unique_ptr<Database>> OpenPostgresDatabase(const DatabaseOptions& options) {
    Result<std::string> conninfo = PostgresConnectionString(options.url, options.connect_timeout);
    if (!conninfo) {
        return conninfo.error();
    }
    ConnectionPool::Factory factory = [conninfo = std::move(*conninfo)] {
        return PostgresConnection::Open(conninfo);
    };
    return std::unique_ptr<Database>(
        std::make_unique<PostgresDatabase>(MaskDatabaseUrl(options.url), std::move(factory),
                                           options.max_connections, options.acquire_timeout));
}

}  // namespace nectr::store
