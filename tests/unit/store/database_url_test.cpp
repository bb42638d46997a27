#include <gtest/gtest.h>

#include "store/database.hpp"

namespace nectr::store {
namespace {

using core::Errc;

TEST(StoreUrlTest, MasksThePasswordOfAUrl) {
    EXPECT_EQ(MaskDatabaseUrl("postgresql://nectr:s3cret@db.internal:5432/nectr"),
              "postgresql://nectr:***@db.internal:5432/nectr");
    EXPECT_EQ(MaskDatabaseUrl("postgresql+asyncpg://nectr:s3cret@db/nectr?sslmode=require"),
              "postgresql+asyncpg://nectr:***@db/nectr?sslmode=require");
}

TEST(StoreUrlTest, MasksAPasswordThatHoldsAnAtSignOrAColon) {
    EXPECT_EQ(MaskDatabaseUrl("postgresql://nectr:p@ss:w0rd@db/nectr"),
              "postgresql://nectr:***@db/nectr");
}

TEST(StoreUrlTest, MasksPasswordParameters) {
    EXPECT_EQ(MaskDatabaseUrl("postgresql://db/nectr?user=nectr&password=s3cret&sslmode=require"),
              "postgresql://db/nectr?user=nectr&password=***&sslmode=require");
    EXPECT_EQ(MaskDatabaseUrl("host=db user=nectr password='s3 cret' dbname=nectr"),
              "host=db user=nectr password=*** dbname=nectr");
}

TEST(StoreUrlTest, LeavesUrlsWithoutAPasswordAlone) {
    for (const char* url : {"sqlite:////var/lib/nectr/nectr.db", "sqlite:///:memory:",
                            "postgresql://nectr@db/nectr", "postgresql://db/nectr?user=a@b"}) {
        EXPECT_EQ(MaskDatabaseUrl(url), url);
    }
}

TEST(StoreUrlTest, RejectsAnUnsupportedDatabase) {
    DatabaseOptions options;
    options.url = "mysql://root:s3cret@x/nectr";

    auto db = OpenDatabase(options);

    ASSERT_FALSE(db);
    EXPECT_EQ(db.error().code, Errc::kInvalidInput);
    EXPECT_NE(db.error().detail.find("mysql"), std::string::npos) << db.error().detail;
    EXPECT_NE(db.error().detail.find("postgresql://"), std::string::npos)
        << "the message says what is supported: " << db.error().detail;
    EXPECT_EQ(db.error().detail.find("s3cret"), std::string::npos) << db.error().detail;
}

TEST(StoreUrlTest, RejectsEmptyAndSchemelessUrls) {
    for (const char* url : {"", "nectr.db", "sqlite://"}) {
        DatabaseOptions options;
        options.url = url;

        auto db = OpenDatabase(options);

        ASSERT_FALSE(db) << "'" << url << "' must be rejected";
        EXPECT_EQ(db.error().code, Errc::kInvalidInput) << db.error().detail;
        EXPECT_NE(db.error().detail.find("sqlite:///"), std::string::npos)
            << "the message shows a valid form: " << db.error().detail;
    }
}

TEST(StoreUrlTest, RejectsAPoolWithoutConnections) {
    DatabaseOptions options;
    options.url = "sqlite:///:memory:";
    options.max_connections = 0;

    auto db = OpenDatabase(options);

    ASSERT_FALSE(db);
    EXPECT_EQ(db.error().code, Errc::kInvalidInput);
}

TEST(StoreUrlTest, NamesEachEngine) {
    EXPECT_EQ(EngineName(Engine::kSqlite), "sqlite");
    EXPECT_EQ(EngineName(Engine::kPostgres), "postgres");
}

}  // namespace
}  // namespace nectr::store
