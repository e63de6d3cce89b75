// Uses the installed public API only: builds a plan in code, validates it, writes and reads its
// JSON, and works with exact quantities. Exits non-zero on any surprise.
#include <cstdlib>
#include <iostream>
#include <string>
#include <taizhang/taizhang.hpp>

namespace tz = taizhang;

int main() {
  int failures = 0;
  const auto expect = [&failures](bool ok, const std::string& what) {
    if (!ok) {
      std::cerr << "consumer: FAILED: " << what << '\n';
      ++failures;
    }
  };

  tz::Plan plan;
  plan.code = "consumer-2021";
  plan.title = "2021年民生实事";
  plan.issuer = "某区人民政府办公室";
  plan.year = 2021;
  plan.start = tz::Date::make(2021, 1, 1);
  plan.end = tz::Date::make(2021, 12, 31);
  plan.coordinator = "office";
  plan.units = {{"office", "区政府办", tz::UnitKind::coordinating_office, "", ""},
                {"health", "区卫健局", tz::UnitKind::bureau, "", ""}};
  tz::Initiative initiative;
  initiative.number = 1;
  initiative.title = "“两癌”免费检查";
  initiative.assignments = {{"health", tz::AssignmentRole::lead, "", ""}};
  tz::Target target;
  target.code = "1.1";
  target.description = "免费检查";
  target.unit = "名";
  target.value = tz::parse_quantity("1.8万名").value;
  initiative.targets.push_back(target);
  plan.initiatives.push_back(initiative);

  tz::require_valid(plan);
  const tz::Plan again = tz::plan_from_json(tz::plan_to_json(plan));
  expect(again == plan, "JSON round trip keeps the plan");
  expect(plan.periods().size() == 4, "a year holds four quarters");
  expect(target.value->to_string() == "18000", "1.8万 reads as 18000");

  // The names of 0.2.0 (CHANGELOG.md), as a district system writes them.
  expect(tz::render_outline(plan).find("一、") != std::string::npos, "render_outline numbers 一、");
  expect(tz::progress_status_from_string("behind") == tz::ProgressStatus::behind,
         "ProgressStatus reads back from its name");
  expect(std::string(tz::status_label(tz::ProgressStatus::behind)) == "滞后", "behind is 滞后");
  expect(tz::read_value("1500万", "", "万元").value == tz::Decimal(1500),
         "1500万 on a target in 万元 is 1500 (chinese_number.hpp)");
  expect(tz::json_text("区\"卫健局\"") == "\"区\\\"卫健局\\\"\"", "json_text escapes quotes");

  const tz::Decimal yuan = tz::UnitRegistry::standard().convert(tz::Decimal(12), "亿元", "元");
  expect(yuan.to_string() == "1200000000", "12亿元 is 1200000000 元");

  try {
    (void)tz::UnitRegistry::standard().convert(tz::Decimal(3), "所", "名");
    expect(false, "所 must not convert into 名");
  } catch (const tz::UnitError& e) {
    expect(e.code() == tz::ErrorCode::unit_mismatch, "the error says unit_mismatch");
  }

  // A build may leave out the .xlsx writer (TAIZHANG_WITH_XLSX=OFF): then it says so, clearly.
  if (const char* want = std::getenv("TAIZHANG_EXPECT_XLSX")) {
    expect(tz::xlsx_supported() == (std::string(want) == "1"), "xlsx support as built");
  }
  try {
    const std::string book = tz::render_form(tz::ProgressForm{}, tz::FormFormat::xlsx);
    expect(tz::xlsx_supported() && book.rfind("PK", 0) == 0, "an .xlsx form is a zip file");
  } catch (const tz::IoError& e) {
    expect(!tz::xlsx_supported() && e.message().find("TAIZHANG_WITH_XLSX=OFF") != std::string::npos,
           std::string("an .xlsx form: ") + e.what());
  }

  expect(std::string(tz::runtime_version()) == tz::version_string,
         "the loaded library matches the headers");
  std::cout << "consumer: taizhang " << tz::runtime_version() << ", " << plan.title << ", "
            << (failures == 0 ? "ok" : "FAILED") << '\n';
  return failures == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
