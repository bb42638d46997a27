#include "store/postgres_connection.hpp"

#include <fmt/core.h>
#include <libpq-fe.h>
#include <poll.h>

#include <charconv>
#include <cstdint>
#include <utility>
#include <vector>

#include "core/log.hpp"

namespace nectr::store {
namespace {

using core::Errc;

// Type OIDs from pg_type.h (stable across releases).
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

// How many times IsHealthy reads from a socket that keeps being readable.
constexpr int kMaxIdleReads = 4;

struct ResultDeleter {
    void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

// libpq's messages end in newlines and indent their second line; make them one line.
std::string OneLine(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool blank = false;
    for (const char c : text) {
        if (c == '\n' || c == '\t' || c == '\r' || c == ' ') {
            blank = !out.empty();
            continue;
        }
        if (blank) {
            out.push_back(' ');
            blank = false;
        }
        out.push_back(c);
    }
    return out;
}

Errc ErrcForSqlState(std::string_view state) {
    if (state == "23505" || state == "23503" || state == "23514" || state == "23P01" ||
        state == "40001" || state == "40P01") {
        return Errc::kConflict;  // a duplicate, a missing parent, or a lost race: retry-able
    }
    if (state == "57014" || state == "55P03") {
        return Errc::kTimeout;  // statement timeout / lock not available
    }
    if (state.starts_with("08") || state.starts_with("53") || state == "57P01" ||
        state == "57P02" || state == "57P03" || state == "58030") {
        return Errc::kUnavailable;  // connection gone, server shutting down, out of resources
    }
    if (state.empty() || state.starts_with("XX") || state.starts_with("58")) {
        return Errc::kInternal;
    }
    return Errc::kInvalidInput;
}

// Parameters in libpq's form. Numbers are printed into `numbers`, which is reserved up front
// so that the pointers into it stay valid.
struct EncodedParams {
    std::vector<std::string> numbers;
    std::vector<const char*> values;
    std::vector<int> lengths;
    std::vector<int> formats;
};

Result<void> Encode(std::string_view query_name, std::span<const Value> params,
                    EncodedParams& out) {
    out.numbers.reserve(params.size());
    for (std::size_t i = 0; i < params.size(); ++i) {
        const Value& value = params[i];
        const char* data = nullptr;
        int length = 0;
        int format = 0;  // text
        if (const auto* integer = std::get_if<std::int64_t>(&value)) {
            data = out.numbers.emplace_back(std::to_string(*integer)).c_str();
        } else if (const auto* real = std::get_if<double>(&value)) {
            data = out.numbers.emplace_back(fmt::format("{}", *real)).c_str();
        } else if (const auto* text = std::get_if<std::string>(&value)) {
            if (text->find('\0') != std::string::npos) {
                return core::MakeError(Errc::kInvalidInput,
                                       fmt::format("query {}: text parameter ${} holds a NUL "
                                                   "byte, which PostgreSQL text cannot store; "
                                                   "pass it as a Blob",
                                                   query_name, i + 1));
            }
            data = text->c_str();
        } else if (const auto* blob = std::get_if<Blob>(&value)) {
            data = blob->bytes.data();
            length = static_cast<int>(blob->bytes.size());
            format = 1;  // binary: zero bytes and all, no escaping
        }
        out.values.push_back(data);
        out.lengths.push_back(length);
        out.formats.push_back(format);
    }
    return {};
}

Value Decode(Oid type, const char* text, int length) {
    const char* end = text + length;
    switch (type) {
        case kInt8Oid:
        case kInt2Oid:
        case kInt4Oid: {
            std::int64_t integer = 0;
            auto [ptr, ec] = std::from_chars(text, end, integer);
            if (ec == std::errc() && ptr == end) {
                return integer;
            }
            break;
        }
        case kBoolOid:
            return static_cast<std::int64_t>(length > 0 && text[0] == 't' ? 1 : 0);
        case kFloat4Oid:
        case kFloat8Oid:
        case kNumericOid: {
            double real = 0;
            auto [ptr, ec] = std::from_chars(text, end, real);  // also NaN and Infinity
            if (ec == std::errc() && ptr == end) {
                return real;
            }
            break;  // a numeric too large for a double stays text
        }
        case kByteaOid: {
            std::size_t size = 0;
            unsigned char* bytes =
                PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &size);
            if (bytes != nullptr) {
                Blob blob{std::string(reinterpret_cast<const char*>(bytes), size)};
                PQfreemem(bytes);
                return blob;
            }
            break;
        }
        default:
            break;
    }
    return std::string(text, static_cast<std::size_t>(length));
}

}  // namespace

PostgresConnection::PostgresConnection(PGconn* conn) : conn_(conn) {
    // Notices (e.g. "relation already exists, skipping") go to the debug log, not stderr.
    PQsetNoticeReceiver(conn_, &PostgresConnection::OnNotice, this);
}

void PostgresConnection::OnNotice(void* self, const PGresult* notice) {
    const char* severity = PQresultErrorField(notice, PG_DIAG_SEVERITY_NONLOCALIZED);
    const std::string_view level = severity != nullptr ? severity : "";
    // The server says why it is about to close an idle session (shutdown, termination) with an
    // error that libpq hands here, as it belongs to no query.
    if (level == "FATAL" || level == "PANIC") {
        static_cast<PostgresConnection*>(self)->healthy_ = false;
    }
    NECTR_LOG_DEBUG("store.postgres_notice", "severity={} message=\"{}\"", level,
                    OneLine(PQresultErrorMessage(notice)));
}

PostgresConnection::~PostgresConnection() { PQfinish(conn_); }

Result<std::unique_ptr<Connection>> PostgresConnection::Open(const std::string& conninfo) {
    PGconn* conn = PQconnectdb(conninfo.c_str());
    if (conn == nullptr) {
        return core::MakeError(Errc::kUnavailable, "cannot connect to PostgreSQL: out of memory");
    }
    if (PQstatus(conn) != CONNECTION_OK) {
        std::string message = OneLine(PQerrorMessage(conn));
        PQfinish(conn);
        return core::MakeError(Errc::kUnavailable,
                               fmt::format("cannot connect to PostgreSQL: {}", message));
    }
    return std::unique_ptr<Connection>(new PostgresConnection(conn));
}

Result<Rows> PostgresConnection::Execute(const Query& query, std::span<const Value> params) {
    Result<const PreparedStatement*> prepared = Prepared(query);
    if (!prepared) {
        return prepared.error();
    }
    const PreparedStatement& statement = **prepared;
    if (static_cast<std::size_t>(statement.param_count) != params.size()) {
        return core::MakeError(Errc::kInternal,
                               fmt::format("query {}: takes {} parameters but was given {}",
                                           query.name, statement.param_count, params.size()));
    }
    EncodedParams encoded;
    if (Result<void> ok = Encode(query.name, params, encoded); !ok) {
        return ok.error();
    }
    ResultPtr result(PQexecPrepared(conn_, statement.name.c_str(), static_cast<int>(params.size()),
                                    encoded.values.data(), encoded.lengths.data(),
                                    encoded.formats.data(), 0));
    return ReadRows(fmt::format("query {}", query.name), result.get());
}

Result<void> PostgresConnection::Prepare(const Query& query) {
    Result<const PreparedStatement*> prepared = Prepared(query);
    if (!prepared) {
        return prepared.error();
    }
    return {};
}

Result<void> PostgresConnection::ExecuteScript(std::string_view sql) {
    ResultPtr result(PQexec(conn_, std::string(sql).c_str()));
    const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        return Failure("script", result.get());
    }
    return {};
}

Result<void> PostgresConnection::Begin() {
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE) {
        return core::MakeError(healthy_ ? Errc::kInternal : Errc::kUnavailable,
                               "begin: a transaction is already open, or the connection broke");
    }
    return Command("BEGIN", "begin");
}

Result<void> PostgresConnection::Commit() {
    switch (PQtransactionStatus(conn_)) {
        case PQTRANS_INERROR:
            // COMMIT would quietly roll back; say so instead of reporting success.
            if (Result<void> undone = Command("ROLLBACK", "rollback"); !undone) {
                return undone.error();
            }
            return core::MakeError(Errc::kInternal,
                                   "commit: a statement of the transaction had failed, so it "
                                   "was rolled back");
        case PQTRANS_IDLE:
            return core::MakeError(Errc::kInvalidInput, "commit: no transaction is open");
        default:
            return Command("COMMIT", "commit");
    }
}

Result<void> PostgresConnection::Rollback() {
    const PGTransactionStatusType status = PQtransactionStatus(conn_);
    if (status == PQTRANS_IDLE || status == PQTRANS_UNKNOWN) {
        return {};  // nothing open, or the server dropped it with the connection
    }
    return Command("ROLLBACK", "rollback");
}

bool PostgresConnection::IsHealthy() const {
    if (!healthy_ || PQstatus(conn_) != CONNECTION_OK ||
        PQtransactionStatus(conn_) != PQTRANS_IDLE) {
        return false;
    }
    // An idle connection has nothing to read unless the server said goodbye (or sent a
    // notification): read it. libpq notices a closed socket, and parsing what was read
    // (PQisBusy) hands a goodbye FATAL to OnNotice.
    for (int i = 0; i < kMaxIdleReads; ++i) {
        pollfd fd{PQsocket(conn_), POLLIN, 0};
        if (::poll(&fd, 1, 0) <= 0) {
            break;
        }
        if (PQconsumeInput(conn_) == 0) {
            healthy_ = false;
            break;
        }
        PQisBusy(conn_);
    }
    return healthy_ && PQstatus(conn_) == CONNECTION_OK;
}

Result<const PostgresConnection::PreparedStatement*> PostgresConnection::Prepared(
    const Query& query) {
    auto cached = statements_.find(query.postgres.data());
    if (cached != statements_.end() && cached->second.text == query.postgres) {
        return &cached->second;
    }
    PreparedStatement statement{std::string(query.postgres),
                                fmt::format("nectr_{}", ++statement_counter_), 0};
    const std::string what = fmt::format("query {}", query.name);
    ResultPtr prepared(
        PQprepare(conn_, statement.name.c_str(), statement.text.c_str(), 0, nullptr));
    if (!prepared || PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) {
        return Failure(what, prepared.get());
    }
    ResultPtr described(PQdescribePrepared(conn_, statement.name.c_str()));
    if (!described || PQresultStatus(described.get()) != PGRES_COMMAND_OK) {
        return Failure(what, described.get());
    }
    statement.param_count = PQnparams(described.get());
    if (cached != statements_.end()) {
        // Another query's text at a reused address: its server-side statement stays unused.
        statements_.erase(cached);
    }
    auto inserted = statements_.emplace(query.postgres.data(), std::move(statement)).first;
    return &inserted->second;
}

Result<Rows> PostgresConnection::ReadRows(std::string_view what, PGresult* result) {
    const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status == PGRES_EMPTY_QUERY) {
        return core::MakeError(Errc::kInvalidInput, fmt::format("{}: holds no statement", what));
    }
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        return Failure(what, result);
    }
    Rows rows;
    const int columns = PQnfields(result);
    const int count = PQntuples(result);
    rows.columns.reserve(static_cast<std::size_t>(columns));
    std::vector<Oid> types;
    types.reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) {
        rows.columns.emplace_back(PQfname(result, c));
        types.push_back(PQftype(result, c));
    }
    rows.rows.reserve(static_cast<std::size_t>(count));
    for (int r = 0; r < count; ++r) {
        std::vector<Value>& row = rows.rows.emplace_back();
        row.reserve(static_cast<std::size_t>(columns));
        for (int c = 0; c < columns; ++c) {
            if (PQgetisnull(result, r, c) != 0) {
                row.emplace_back(std::monostate{});
            } else {
                row.push_back(
                    Decode(types[c], PQgetvalue(result, r, c), PQgetlength(result, r, c)));
            }
        }
    }
    // PQcmdTuples also counts the rows a SELECT returned; only changes count here.
    const std::string_view command = PQcmdStatus(result);
    const std::string_view tuples = PQcmdTuples(result);
    if (!command.starts_with("SELECT") && !tuples.empty()) {
        std::from_chars(tuples.data(), tuples.data() + tuples.size(), rows.affected_rows);
    }
    return rows;
}

Result<void> PostgresConnection::Command(const char* sql, std::string_view what) {
    ResultPtr result(PQexec(conn_, sql));
    if (!result || PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
        return Failure(what, result.get());
    }
    return {};
}

core::Error PostgresConnection::Failure(std::string_view what, const PGresult* result) {
    std::string state;
    std::string message;
    if (result != nullptr) {
        const char* field = PQresultErrorField(result, PG_DIAG_SQLSTATE);
        state = field != nullptr ? field : "";
        field = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
        message = field != nullptr ? field : "";
    }
    if (message.empty()) {
        message = OneLine(PQerrorMessage(conn_));
    }
    Errc code = ErrcForSqlState(state);
    if (PQstatus(conn_) == CONNECTION_BAD) {
        code = Errc::kUnavailable;
    }
    if (code == Errc::kUnavailable) {
        healthy_ = false;
    }
    if (state.starts_with("22")) {
        // Data exceptions quote the offending value, which may be a token: leave it out.
        message = "a value does not fit its column or type";
    }
    if (state.empty()) {
        return core::MakeError(code, fmt::format("{}: {}", what, message));
    }
    return core::MakeError(code, fmt::format("{}: {} (SQLSTATE {})", what, message, state));
}

}  // namespace nectr::store
