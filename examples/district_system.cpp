// A district system pushing its own records into a ledger as progress reports.
//
//   district_system LEDGER.db [SENT_AT]
//
// The district's own system keeps its records in its own shape: departments by name, quarters as
// "2021-1", amounts as its clerks typed them ("2.5亿元", "1.25万"). This program maps them onto the
// plan in the ledger — names to unit codes through the ledger's unit catalogue, quarters to
// periods — and files one report per department and quarter with Ledger::file_all, as one
// transaction (all or none). Reports already in the ledger are skipped, so running it again files
// nothing twice. SENT_AT (ISO 8601: 2021-04-08T16:00:00+08:00) stamps the reports with the day the
// district sent its figures, for records pushed after the fact; by default they are stamped now.
// Either way the ledger judges them on time or late by that stamp.
//
// Exit status: 0 done, 1 when the ledger refuses a report (nothing is filed; the reason is printed
// to stderr), 2 on wrong usage.
#include <cstdlib>
#include <iostream>
#include <string>
#include <taizhang/taizhang.hpp>
#include <vector>

namespace tz = taizhang;

namespace {

// The plan the district system feeds.
constexpr const char* kPlan = "linzi-2021-women-children";

// One row of the district's own table: what a department did on an initiative in a quarter, with
// a figure for one of its targets (or none).
struct Record {
  std::string department;  // as the district names it: "区卫健局"
  std::string quarter;     // "2021-1"
  int item;                // the initiative's number
  std::string indicator;   // the plan's target code; empty for words only
  std::string amount;      // as typed: "4500", "2.5亿元"
  std::string note;        // 本季度具体措施及任务进度情况
};

const std::vector<Record> kRecords = {
    {"区卫健局", "2021-1", 1, "1.1", "4500", "一季度筛查4500人（示例）"},
    {"区卫健局", "2021-1", 10, "", "", "开展健康科普宣传（示例）"},
    {"区综合行政执法局", "2021-1", 5, "5.1", "2.5亿元", "公园城市项目开工（示例）"},
    {"区综合行政执法局", "2021-1", 5, "5.2", "9", ""},
    {"区教体局", "2021-1", 2, "2.4", "3", "幼儿园主体施工（示例）"},
    {"区教体局", "2021-1", 3, "", "", "美学进校园（示例）"},
    {"区教体局", "2021-1", 10, "", "", "筹备中小学生体育联赛（示例）"},
    {"区委宣传部", "2021-1", 3, "3.6", "1.25万", "创建标兵示范户，累计1.25万户（示例）"},
    {"区妇联", "2021-1", 7, "7.1", "8", "开展技能培训（示例）"},
    {"区妇联", "2021-1", 7, "7.2", "300", ""},
    {"区妇联", "2021-1", 1, "", "", "宣传动员（示例）"},
    {"区妇联", "2021-1", 3, "", "", "推广美家超市（示例）"},
    // (区妇联 is also assigned to initiative 9 and says nothing on it: see quarterly_run.)
};

// "2021-1" → 2021Q1.
tz::Period period_of(const std::string& quarter) {
  return tz::Period::quarter(std::stoi(quarter.substr(0, 4)), std::stoi(quarter.substr(5)));
}

// The ledger's unit named `name` (its short or formal name).
std::string unit_code(const std::vector<tz::Unit>& units, const std::string& name) {
  for (const tz::Unit& u : units) {
    if (u.name == name || u.full_name == name) return u.code;
  }
  throw tz::NotFoundError("the ledger has no unit named " + name);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 && argc != 3) {
    std::cerr << "usage: " << argv[0] << " LEDGER.db [SENT_AT]\n";
    return 2;
  }
  try {
    tz::LedgerOptions options;
    options.create_if_missing = false;  // the ledger and its plan come first
    if (argc == 3) {
      const tz::Timestamp sent = tz::parse_timestamp(argv[2]);
      options.clock = [sent] { return sent; };
    }
    tz::Ledger ledger = tz::Ledger::open(argv[1], options);
    const std::vector<tz::Unit> units = ledger.units();
    // Records sent at a past time are a historic import, which the coordinating office opens as
    // the ledger's administrator; the ledger records that it did.
    if (argc == 3 && !ledger.import_open()) {
      ledger.begin_import({"women-children-centre", tz::ActorRole::administrator, "区级业务系统（接口）"},
                          "区级业务系统补录历史报送记录");
    }

    // One filing per department and quarter, gathering its rows in order.
    std::vector<tz::Filing> filings;
    for (const Record& r : kRecords) {
      const tz::ReportKey key{kPlan, unit_code(units, r.department), period_of(r.quarter)};
      auto f = filings.begin();
      while (f != filings.end() && f->key != key) ++f;
      if (f == filings.end()) {
        // Each report is filed as the unit's reporter: the ledger checks what a reporter may do.
        f = filings.insert(f,
                           {{key.unit, tz::ActorRole::reporter, "区级业务系统（接口）"}, key, {}});
      }
      if (!r.note.empty()) f->content.progress.push_back({r.item, r.note, std::nullopt});
      if (!r.indicator.empty()) {
        const tz::Quantity q = tz::parse_quantity(r.amount);  // "2.5亿元" → 2.5 in 亿元
        tz::TargetValue value;
        value.target = r.indicator;
        value.value = q.value;
        value.unit = q.unit;  // the ledger converts exactly into the target's unit
        f->content.values.push_back(value);
      }
    }

    // Idempotent: leave out what the ledger holds already (filed by hand, or by an earlier run).
    std::vector<tz::Filing> to_file;
    for (tz::Filing& f : filings) {
      if (const auto existing = ledger.report(f.key)) {
        std::cout << "skipped " << f.key.to_string() << " (already "
                  << tz::to_string(existing->status()) << ")\n";
      } else {
        to_file.push_back(std::move(f));
      }
    }
    const std::size_t filed = ledger.file_all(to_file);  // all or none
    for (const tz::Filing& f : to_file) std::cout << "filed " << f.key.to_string() << '\n';
    std::cout << "filed " << filed << " reports, skipped " << filings.size() - to_file.size()
              << " already in the ledger\n";
  } catch (const tz::Error& e) {
    std::cerr << tz::to_string(e.code()) << ": " << e.what() << '\n';
    return EXIT_FAILURE;
  }
  return EXIT_SUCCESS;
}
