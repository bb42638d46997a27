#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/error.hpp"
#include "store/database.hpp"

struct pg_conn;
struct pg_result;

namespace nectr::store {

// One libpq connection. Parameters go as text (blobs as binary), results come back as text
// and are typed by column: integers and booleans as int64, float and numeric as double,
// bytea as Blob, anything else as text. Statements are prepared once per connection.
class PostgresConnection final : public Connection {
public:
    // Connects with a libpq connection string or URL (see PostgresConnectionString). Blocks up
    // to its connect_timeout. Errors: kUnavailable, with libpq's reason (never the password).
    static Result<std::unique_ptr<Connection>> Open(const std::string& conninfo);
    ~PostgresConnection() override;
    PostgresConnection(const PostgresConnection&) = delete;
    PostgresConnection& operator=(const PostgresConnection&) = delete;

    Result<Rows> Execute(const Query& query, std::span<const Value> params) override;
    Result<void> Prepare(const Query& query) override;
    Result<void> ExecuteScript(std::string_view sql) override;
    Result<void> Begin() override;
    Result<void> Commit() override;
    Result<void> Rollback() override;
    // False once the connection broke, while a transaction is open, and when the server has
    // closed it while it sat idle (a restart, pg_terminate_backend): this looks at the socket
    // without waiting.
    bool IsHealthy() const override;

private:
    struct PreparedStatement {
        std::string text;  // compared on every hit: a freed query's address may be reused
        std::string name;
        int param_count = 0;
    };

    explicit PostgresConnection(pg_conn* conn);
    // libpq's notice receiver: logs notices, and marks the connection broken on a FATAL.
    static void OnNotice(void* self, const pg_result* notice);
    Result<const PreparedStatement*> Prepared(const Query& query);
    Result<Rows> ReadRows(std::string_view what, pg_result* result);
    Result<void> Command(const char* sql, std::string_view what);
    // Builds the error for a failed result (or a null one); marks the connection broken when
    // the failure is the connection's.
    core::Error Failure(std::string_view what, const pg_result* result);

    pg_conn* conn_;
    std::unordered_map<const char*, PreparedStatement> statements_;
    int statement_counter_ = 0;
    mutable bool healthy_ = true;
};

}  // namespace nectr::store
