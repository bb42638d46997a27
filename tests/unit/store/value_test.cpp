#include "store/value.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

namespace nectr::store {
namespace {

TEST(StoreValueTest, ReadsIntegersFromIntegersTextAndWholeDoubles) {
    EXPECT_EQ(AsInt(Value(std::int64_t{-42})), -42);
    EXPECT_EQ(AsInt(Value(std::string("9223372036854775807"))),
              std::numeric_limits<std::int64_t>::max());
    EXPECT_EQ(AsInt(Value(2.0)), 2);
    EXPECT_EQ(AsInt(Value(2.5)), std::nullopt) << "2.5 is not an integer";
    EXPECT_EQ(AsInt(Value(1e300)), std::nullopt) << "too large for int64";
    EXPECT_EQ(AsInt(Value(std::string("12abc"))), std::nullopt);
    EXPECT_EQ(AsInt(Value(std::string(""))), std::nullopt);
    EXPECT_EQ(AsInt(Value(Blob{"1"})), std::nullopt);
    EXPECT_EQ(AsInt(Null()), std::nullopt);
}

TEST(StoreValueTest, ReadsTextFromEveryTypeButNull) {
    EXPECT_EQ(AsText(Value(std::string("h\u00e9"))), "h\u00e9");
    EXPECT_EQ(AsText(Value(Blob{std::string("a\0b", 3)})), std::string("a\0b", 3));
    EXPECT_EQ(AsText(Value(std::int64_t{7})), "7");
    EXPECT_EQ(AsText(Value(0.1)), "0.1") << "the shortest form that reads back the same";
    EXPECT_EQ(AsText(Null()), std::nullopt);
}

TEST(StoreValueTest, ReadsDoublesFromNumbersAndText) {
    EXPECT_EQ(AsDouble(Value(1.25)), 1.25);
    EXPECT_EQ(AsDouble(Value(std::int64_t{3})), 3.0);
    EXPECT_EQ(AsDouble(Value(std::string("2.5"))), 2.5);
    EXPECT_EQ(AsDouble(Value(std::string("2.5x"))), std::nullopt);
    EXPECT_EQ(AsDouble(Null()), std::nullopt);
}

TEST(StoreValueTest, FindsColumnsByName) {
    Rows rows;
    rows.columns = {"id", "name"};
    EXPECT_EQ(rows.ColumnIndex("name"), 1u);
    EXPECT_EQ(rows.ColumnIndex("missing"), std::nullopt);
    EXPECT_TRUE(IsNull(Null()));
    EXPECT_FALSE(IsNull(Value(std::int64_t{0})));
}

TEST(StoreValueTest, TakesTheInsertedIdFromReturningOrFromTheRowid) {
    Rows returning;
    returning.columns = {"id"};
    returning.rows.push_back({Value(std::int64_t{42})});
    returning.affected_rows = 1;
    returning.inserted_rowid = 7;  // a RETURNING row wins
    EXPECT_EQ(InsertedId(returning), 42);

    Rows sqlite_insert;
    sqlite_insert.affected_rows = 1;
    sqlite_insert.inserted_rowid = 7;
    EXPECT_EQ(InsertedId(sqlite_insert), 7);

    Rows nothing_inserted;  // ON CONFLICT DO NOTHING: the rowid of an earlier insert lingers
    nothing_inserted.inserted_rowid = 7;
    EXPECT_EQ(InsertedId(nothing_inserted), std::nullopt);
}

}  // namespace
}  // namespace nectr::store
