// ledger_fixture: writes a ledger file of the current schema version holding the Linzi plan and the
// sample year of tests/data/linzi-2021-progress.json, replayed event by event through the public
// API, each at its own time. It makes the fixtures of old schema versions (tests/data/
// ledger-v<N>.taizhang, through tests/tools/make-ledger-fixture) and, in the old-files test
// (tests/cpp/reliability_old_files_test.cpp), the fresh ledger the fixtures must agree with.
//
//   ledger_fixture <source-dir> <output-file>
//
// <source-dir> is the repository (for the script and the plan it names). The output must not exist.
// The file is compacted (VACUUM) so that the fixture kept in git stays small. Exits 0 on success;
// on failure writes the error to standard error and exits 1.
#include <sqlite3.h>

#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <string>

#include <boost/json.hpp>

#include "taizhang/ledger.hpp"
#include "taizhang/plan_json.hpp"
#include "taizhang/report_json.hpp"

namespace tz = taizhang;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string text(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

tz::Actor actor_of(const json::object& event) {
  const json::object& a = event.at("actor").as_object();
  tz::Actor actor;
  actor.unit = text(a, "unit");
  const std::string role = text(a, "role");
  const auto parsed = tz::actor_role_from_string(role.empty() ? "reporter" : role);
  if (!parsed) throw std::runtime_error("unknown role " + role);
  actor.role = *parsed;
  actor.person = text(a, "person");
  return actor;
}

// The event's "progress" and "values", read as the command line reads `--from -`.
tz::ReportContent content_of(const json::object& event) {
  json::object content;
  for (const char* key : {"progress", "values"}) {
    if (const json::value* v = event.if_contains(key)) content[key] = *v;
  }
  return tz::report_content_from_json(json::serialize(content), "script event");
}

tz::Target& target_in(tz::Plan& plan, const std::string& code) {
  for (tz::Initiative& i : plan.initiatives) {
    for (tz::Target& t : i.targets) {
      if (t.code == code) return t;
    }
  }
  throw std::runtime_error("the plan has no target " + code);
}

void replay(const fs::path& source, const fs::path& output, const fs::path& script_file) {
  const json::object script = json::parse(read_all(source / script_file)).as_object();
  const std::string plan = text(script, "plan");
  auto now = std::make_shared<tz::Timestamp>();
  tz::LedgerOptions options;
  options.clock = [now] { return *now; };
  tz::Ledger ledger = tz::Ledger::open(output, options);
  // The sample year is history: recorded in an import window (a ledger of schema 2 and later).
  if (tz::Ledger::schema_version() >= 2) {
    ledger.begin_import(tz::Actor{"women-children-centre", tz::ActorRole::administrator, ""},
                        "样本年度：历史数据导入（示例）");
  }
  for (const json::value& item : script.at("events").as_array()) {
    const json::object& e = item.as_object();
    *now = tz::parse_timestamp(text(e, "at"));
    const std::string action = text(e, "action");
    const tz::Actor actor = actor_of(e);
    const auto key = [&](const std::string& unit) {
      return tz::ReportKey{plan, unit, tz::Period::parse(text(e, "period"))};
    };
    if (action == "import_plan") {
      ledger.import_plan(actor, tz::load_plan(source / text(script, "plan_file")),
                         text(e, "reason"));
    } else if (action == "update_plan") {
      tz::Plan p = ledger.plan(plan);
      for (const json::value& b : e.at("baselines").as_array()) {
        const json::object& baseline = b.as_object();
        tz::Baseline& set = target_in(p, text(baseline, "target")).baseline.emplace();
        set.value = tz::Decimal::parse(text(baseline, "value"));
        set.date = tz::Date::parse(text(baseline, "date"));
        set.note = text(baseline, "note");
      }
      ledger.update_plan(actor, p, text(e, "reason"));
    } else if (action == "file") {
      ledger.file(actor, key(text(e, "unit")), content_of(e));
    } else if (action == "save") {
      ledger.save(actor, key(text(e, "unit")), content_of(e));
    } else if (action == "submit") {
      ledger.submit(actor, key(text(e, "unit")));
    } else if (action == "correct") {
      const json::value* mode = e.if_contains("mode");
      ledger.correct(actor, key(text(e, "unit")), content_of(e), text(e, "reason"),
                     mode != nullptr && mode->as_string() == "merge" ? tz::ContentMode::merge
                                                                     : tz::ContentMode::replace);
    } else if (action == "return") {
      ledger.return_report(actor, key(text(e, "unit")), text(e, "reason"));
    } else if (action == "accept") {
      if (const json::value* units = e.if_contains("units")) {
        for (const json::value& u : units->as_array()) {
          ledger.accept(actor, key(std::string(u.as_string())));
        }
      } else {
        ledger.accept(actor, key(text(e, "unit")));
      }
    } else {
      throw std::runtime_error("the script has an unknown action " + action);
    }
  }
}

// VACUUM with plain SQLite once the ledger is closed (and its WAL checkpointed into the file).
void compact(const fs::path& output) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(output.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
  if (rc == SQLITE_OK) rc = sqlite3_exec(db, "VACUUM", nullptr, nullptr, nullptr);
  const std::string message = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
  sqlite3_close(db);
  if (rc != SQLITE_OK) throw std::runtime_error("VACUUM failed: " + message);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 && argc != 4) {
    std::fputs("usage: ledger_fixture <source-dir> <output-file> [<script>]\n", stderr);
    return 2;
  }
  // The script, relative to the source directory: the sample year as it is now, or as an older
  // fixture was made from it (tests/data/linzi-2021-progress-v<N>.json).
  const fs::path script = argc == 4 ? argv[3] : "tests/data/linzi-2021-progress.json";
  const fs::path output = argv[2];
  try {
    if (fs::exists(output)) throw std::runtime_error(output.string() + " exists already");
    replay(argv[1], output, script);
    compact(output);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ledger_fixture: %s\n", e.what());
    return 1;
  }
  return 0;
}
