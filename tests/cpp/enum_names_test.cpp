// Every public enum that has a to_string() has its from_string(): each name reads back as the value
// it names, and a name no value has is refused (issue 14: the public-API consistency pass).
#include <optional>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "taizhang/csv_import.hpp"
#include "taizhang/draft.hpp"
#include "taizhang/error.hpp"
#include "taizhang/identity.hpp"
#include "taizhang/progress_form.hpp"
#include "taizhang/taizhang.hpp"

namespace taizhang {
namespace {

// Every value of E's underlying range that has a name reads back from it; returns how many do.
template <class E, class From>
int round_trip(From from) {
  int named = 0;
  for (int v = 0; v < 256; ++v) {
    const auto e = static_cast<E>(v);
    const std::string name = to_string(e);
    if (name == "unknown") continue;
    ++named;
    const std::optional<E> back = from(name);
    EXPECT_TRUE(back.has_value()) << name;
    if (back) {
      EXPECT_EQ(static_cast<int>(*back), v) << name;
    }
  }
  EXPECT_FALSE(from("no-such-name").has_value());
  EXPECT_FALSE(from("").has_value());
  return named;
}

TEST(EnumNames, EveryNameReadsBackAsItsValue) {
  EXPECT_EQ(round_trip<ErrorCode>(error_code_from_string), 10);
  EXPECT_EQ(round_trip<StorageFault>(storage_fault_from_string), 9);
  EXPECT_EQ(round_trip<ContentMode>(content_mode_from_string), 2);
  EXPECT_EQ(round_trip<FindingSeverity>(finding_severity_from_string), 2);
  EXPECT_EQ(round_trip<TextEncoding>(text_encoding_from_string), 3);
  EXPECT_EQ(round_trip<ActorRole>(actor_role_from_string), 3);
  EXPECT_EQ(round_trip<PrincipalKind>(principal_kind_from_string), 2);
  EXPECT_GE(round_trip<AssignmentRole>(assignment_role_from_string), 2);
  EXPECT_GE(round_trip<PeriodKind>(period_kind_from_string), 3);
  EXPECT_GE(round_trip<Reporters>(reporters_from_string), 3);
  EXPECT_GE(round_trip<FormFormat>(form_format_from_string), 4);
  EXPECT_GE(round_trip<ReportStatus>(report_status_from_string), 4);
  EXPECT_GE(round_trip<ReportAction>(report_action_from_string), 5);
  EXPECT_GE(round_trip<Status>(status_from_string), 4);
  EXPECT_GE(round_trip<Outlook>(outlook_from_string), 2);
  EXPECT_GE(round_trip<Compliance>(compliance_from_string), 5);
  EXPECT_GE(round_trip<Measure>(measure_from_string), 3);
  EXPECT_GE(round_trip<Direction>(direction_from_string), 2);
  EXPECT_GE(round_trip<Accumulation>(accumulation_from_string), 2);
  EXPECT_GE(round_trip<Combination>(combination_from_string), 2);
  EXPECT_GE(round_trip<TargetForm>(target_form_from_string), 2);
  EXPECT_GE(round_trip<UnitKind>(unit_kind_from_string), 8);
}

}  // namespace
}  // namespace taizhang
