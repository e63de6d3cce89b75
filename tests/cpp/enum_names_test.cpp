// Every public enum that has a to_string() has its from_string(): each name reads back as the value
// it names, and a name no value has is refused (issue 14: the public-API consistency pass). And
// every value of the roll-up's enums has its Chinese label and, for ProgressStatus and Compliance,
// its colour.
#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>

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
  EXPECT_EQ(round_trip<TextEncoding>(text_encoding_from_string), 4);
  EXPECT_EQ(round_trip<ActorRole>(actor_role_from_string), 3);
  EXPECT_EQ(round_trip<PrincipalKind>(principal_kind_from_string), 2);
  EXPECT_GE(round_trip<AssignmentRole>(assignment_role_from_string), 2);
  EXPECT_GE(round_trip<PeriodKind>(period_kind_from_string), 3);
  EXPECT_GE(round_trip<Reporters>(reporters_from_string), 3);
  EXPECT_GE(round_trip<FormFormat>(form_format_from_string), 4);
  EXPECT_GE(round_trip<ReportStatus>(report_status_from_string), 4);
  EXPECT_GE(round_trip<ReportAction>(report_action_from_string), 5);
  EXPECT_GE(round_trip<ProgressStatus>(progress_status_from_string), 4);
  EXPECT_GE(round_trip<Outlook>(outlook_from_string), 2);
  EXPECT_GE(round_trip<Compliance>(compliance_from_string), 5);
  EXPECT_GE(round_trip<Measure>(measure_from_string), 3);
  EXPECT_GE(round_trip<Direction>(direction_from_string), 2);
  EXPECT_GE(round_trip<Accumulation>(accumulation_from_string), 2);
  EXPECT_GE(round_trip<Combination>(combination_from_string), 2);
  EXPECT_GE(round_trip<TargetForm>(target_form_from_string), 2);
  EXPECT_GE(round_trip<UnitKind>(unit_kind_from_string), 8);
}

// "#rrggbb", lower-case hex.
bool is_hex_colour(std::string_view colour) {
  if (colour.size() != 7 || colour[0] != '#') return false;
  return colour.substr(1).find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

// Every named value of E: its label and, when E has colours, its colour; returns how many.
template <class E, class Label, class Colour>
int labelled(Label label, Colour colour) {
  int named = 0;
  for (int v = 0; v < 256; ++v) {
    const auto e = static_cast<E>(v);
    const std::string name = to_string(e);
    if (name == "unknown") {
      EXPECT_STREQ(label(e), "") << v;
      continue;
    }
    ++named;
    EXPECT_STRNE(label(e), "") << name;
    if constexpr (!std::is_same_v<Colour, std::nullptr_t>) {
      EXPECT_TRUE(is_hex_colour(colour(e))) << name << ": " << colour(e);
    }
  }
  return named;
}

// The words and colours of the roll-up's enums are defined once (rollup.hpp): every value has
// them, and each label is its own.
TEST(EnumLabels, EveryStatusAndComplianceHasItsLabelAndColour) {
  EXPECT_EQ(labelled<ProgressStatus>(status_label, status_colour), 6);
  EXPECT_EQ(labelled<Compliance>(compliance_label, compliance_colour), 6);
  EXPECT_STREQ(status_label(ProgressStatus::on_track), "进度正常");
  EXPECT_STREQ(status_colour(ProgressStatus::behind), "#d73027");
  EXPECT_STREQ(compliance_label(Compliance::returned), "退回未改");
  EXPECT_STREQ(compliance_colour(Compliance::on_time), "#1a9850");
  std::set<std::string> statuses;
  for (int v = 1; v <= 6; ++v) statuses.insert(status_label(static_cast<ProgressStatus>(v)));
  EXPECT_EQ(statuses.size(), std::size_t{6});
  std::set<std::string> compliance;
  for (int v = 1; v <= 6; ++v) compliance.insert(compliance_label(static_cast<Compliance>(v)));
  EXPECT_EQ(compliance.size(), std::size_t{6});
}

// A forecast is labelled as a forecast, never with the words of a status; none has no label.
TEST(EnumLabels, EveryOutlookWithAForecastHasItsLabel) {
  EXPECT_STREQ(outlook_label(Outlook::none), "");
  EXPECT_STREQ(outlook_label(Outlook::likely_met), "预计完成");
  EXPECT_STREQ(outlook_label(Outlook::likely_short), "预计滞后");
  EXPECT_STREQ(outlook_label(static_cast<Outlook>(99)), "");
  for (int v = 1; v <= 6; ++v) {
    EXPECT_STRNE(outlook_label(Outlook::likely_short),
                 status_label(static_cast<ProgressStatus>(v)));
    EXPECT_STRNE(outlook_label(Outlook::likely_met), status_label(static_cast<ProgressStatus>(v)));
  }
}

// The names renamed in 0.2.0 (CHANGELOG.md) still build, with a deprecation warning, and mean
// what the new names mean: a district system moves at its own pace.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
TEST(RenamedIn020, OldNamesStillMeanTheNewOnes) {
  static_assert(std::is_same_v<Role, AssignmentRole>);
  static_assert(std::is_same_v<Status, ProgressStatus>);
  EXPECT_EQ(role_from_string("lead"), AssignmentRole::lead);
  EXPECT_EQ(status_from_string("behind"), ProgressStatus::behind);

  Plan plan;
  plan.code = "p";
  plan.title = "实事";
  plan.year = 2021;
  EXPECT_EQ(format_outline(plan), render_outline(plan));

  const Actor clerk{"health", ActorRole::reporter, ""};
  const std::string csv = "unit,period,target,value\n";
  EXPECT_EQ(read_progress_csv(csv, plan, clerk, "a.csv"),
            read_progress_csv(clerk, plan, csv, "a.csv"));
}
#pragma GCC diagnostic pop

}  // namespace
}  // namespace taizhang
