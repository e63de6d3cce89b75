#include "taizhang/error.hpp"

#include <gtest/gtest.h>

namespace tz = taizhang;

namespace {

TEST(Error, NamesWhereBadInputCameFrom) {
  tz::Location where;
  EXPECT_TRUE(where.empty());
  EXPECT_EQ(tz::ParseError("bad").what(), std::string("bad"));
  where.file = "plan.json";
  where.line = 12;
  where.column = 5;
  EXPECT_EQ(where.to_string(), "plan.json:12:5");
  where.path = "initiatives[3].title";
  EXPECT_EQ(where.to_string(), "plan.json:12:5: initiatives[3].title");
  const tz::ParseError e("is empty", where);
  EXPECT_EQ(std::string(e.what()), "plan.json:12:5: initiatives[3].title: is empty");
  EXPECT_EQ(e.message(), "is empty");
  EXPECT_EQ(e.where(), where);
  EXPECT_EQ(e.code(), tz::ErrorCode::parse);
  tz::Location only_path;
  only_path.path = "code";
  EXPECT_EQ(only_path.to_string(), "code");
}

TEST(Error, OneFamilyWithCodes) {
  const auto code_of = [](const tz::Error& e) { return e.code(); };
  EXPECT_EQ(code_of(tz::UnitError("x")), tz::ErrorCode::unit_mismatch);
  EXPECT_EQ(code_of(tz::OverflowError("x")), tz::ErrorCode::overflow);
  EXPECT_EQ(code_of(tz::NotFoundError("x")), tz::ErrorCode::not_found);
  EXPECT_EQ(code_of(tz::IoError("x")), tz::ErrorCode::io);
  EXPECT_EQ(code_of(tz::ValidationError("x", {})), tz::ErrorCode::validation);
  EXPECT_STREQ(tz::to_string(tz::ErrorCode::unit_mismatch), "unit_mismatch");
  EXPECT_STREQ(tz::to_string(tz::ErrorCode::permission_denied), "permission_denied");
}

TEST(Error, ValidationErrorListsEveryIssue) {
  const tz::ValidationError e({{tz::Issue::Severity::warning, "a", "first"},
                               {tz::Issue::Severity::error, "b.c", "second"},
                               {tz::Issue::Severity::error, "", "third"}},
                              "plan.json");
  EXPECT_EQ(std::string(e.what()),
            "plan.json: 2 errors\nwarning: a: first\nerror: b.c: second\nerror: third");
  EXPECT_EQ(e.where().path, "b.c");
  EXPECT_EQ(e.issues().size(), 3U);
  const tz::ValidationError single("is empty", tz::Location{"f", 0, 0, "code"});
  EXPECT_EQ(single.issues().size(), 1U);
  EXPECT_EQ(single.issues()[0].path, "code");
}

}  // namespace
