// The commands that move the ledger in and out: import-csv, export, verify, backup.
#include <iostream>
#include <string>
#include <taizhang/csv_import.hpp>
#include <taizhang/ledger_export.hpp>
#include <taizhang/limits.hpp>
#include <taizhang/taizhang.hpp>
#include <vector>

#include "commands.hpp"

namespace cli {
namespace {

// ---- import-csv

void import_csv_options(po::options_description& o, po::positional_options_description& p) {
  o.add_options()("file", po::value<std::string>(),
                  "the CSV (UTF-8, with or without BOM, or GBK), or the same table in an .xlsx "
                  "workbook (its first visible sheet)")(
      "partial", "import the reports whose rows are all good, even if others are bad")(
      "replace",
      "each report becomes what the file gives (default: the file changes what its rows "
      "give and keeps the rest)")("dry-run", "check only; import nothing")(
      "unit", po::value<std::string>(),
      "in a ledger with identities: the unit the file is for, when the key reports for "
      "several");
  p.add("file", 1);
}

// What the file would file, checked against the plan and the ledger, with nothing written.
tz::CsvReading check_csv(const tz::Ledger& ledger, const tz::Actor& actor, const std::string& code,
                         const std::string& path, tz::ContentMode mode) {
  const std::string bytes =
      read_input(path, tz::limits::csv_bytes, "a progress CSV file or workbook");
  tz::CsvReading reading = tz::is_xlsx(bytes)
                               ? tz::read_progress_xlsx(actor, ledger.plan(code), bytes, path, mode)
                               : tz::read_progress_csv(actor, ledger.plan(code), bytes, path, mode);
  // What only the ledger knows (earlier periods, reports already handed in), unwritten.
  for (const tz::FilingCheck& check : ledger.check(reading.filings)) {
    for (const tz::Issue& e : check.errors) reading.problems.push_back(e);
  }
  return reading;
}

void print_reading(const tz::CsvReading& reading, const std::string& path, bool dry_run) {
  for (const tz::Issue& issue : reading.problems) {
    std::cerr << path << ": " << issue.path << ": " << issue.message << "\n";
  }
  if (reading.problems_not_listed != 0) {
    std::cerr << path << ": … and " << reading.problems_not_listed
              << " more problems, not listed (the first " << reading.problems.size() << " are)\n";
  }
  for (const tz::Issue& issue : reading.warnings) {
    std::cerr << path << ": " << issue.path << ": warning: " << issue.message << "\n";
  }
  std::cout << path << ": " << reading.rows << " rows (" << tz::to_string(reading.encoding) << "), "
            << reading.filings.size() << " reports " << (dry_run ? "good" : "filed") << ", "
            << reading.problems.size() + reading.problems_not_listed << " problems\n";
}

int run_import_csv(const Context& ctx, const po::variables_map& vm) {
  const std::string path = required(vm, "file");
  tz::Ledger ledger = ctx.open();
  const std::string code = ctx.plan_code(ledger);
  tz::Actor actor = ctx.actor(ledger);
  if (ledger.has_identities()) {
    // The rows are checked against the unit the key reports for.
    actor.unit = text(vm, "unit").empty() ? ctx.reporting_unit(ledger) : text(vm, "unit");
  }
  tz::CsvReading reading;
  const tz::ContentMode mode =
      vm.count("replace") != 0 ? tz::ContentMode::replace : tz::ContentMode::merge;
  if (vm.count("dry-run") != 0) {
    reading = check_csv(ledger, actor, code, path, mode);
  } else {
    tz::CsvImportOptions options;
    options.partial = vm.count("partial") != 0;
    options.mode = mode;
    reading = tz::import_progress_csv(ledger, actor, code, path, options);
  }
  print_reading(reading, path, vm.count("dry-run") != 0);
  return reading.problems.empty() ? kOk : 3;
}

// ---- export, verify, backup

int run_export(const Context& ctx, const po::variables_map& vm) {
  const tz::Ledger ledger = ctx.open(false, true);
  for (const auto& path : tz::export_ledger(ledger, required(vm, "directory"))) {
    std::cout << "wrote " << path.string() << "\n";
  }
  return kOk;
}

int run_verify(const Context& ctx, const po::variables_map& vm) {
  const tz::Ledger ledger = ctx.open(false, true);
  tz::VerifyOptions options;
  options.expect_head = text(vm, "expect-head");
  const tz::VerifyResult r = ledger.verify(options);
  for (const tz::Issue& p : r.problems) {
    std::cerr << ledger.path().string() << ": " << p.path << (p.path.empty() ? "" : ": ")
              << p.message << "\n";
  }
  std::cout << (r.ok ? "ok" : "FAILED") << ": " << r.revisions_checked << " revisions, "
            << r.plan_versions_checked << " plan versions, " << r.registry_events_checked
            << " registry events, " << r.signatures_checked << " signatures ("
            << (r.has_identities ? "signed ledger" : "unsigned: who acted is as declared")
            << "); integrity " << r.integrity;
  if (!r.ok) std::cout << "; " << r.problems.size() << " problems";
  std::cout << "\nhead " << r.head << "\n";
  if (!options.expect_head.empty() && r.ok) {
    std::cout << "the history of head " << options.expect_head.substr(0, 16) << "… is held\n";
  }
  return r.ok ? kOk : kCheckFailed;
}

int run_backup(const Context& ctx, const po::variables_map& vm) {
  const tz::Ledger ledger = ctx.open(false, true);
  const std::string destination = required(vm, "destination");
  ledger.backup(destination);
  std::cout << "backed up to " << destination << "\n";
  return kOk;
}

}  // namespace

void add_csv_import_command(std::vector<Command>& all) {
  all.push_back({"import-csv", N_("file the reports of a CSV that a unit clerk filled in"),
                 import_csv_options, run_import_csv});
}

void add_io_commands(std::vector<Command>& all) {
  all.push_back({"export", N_("write everything (plans, reports, values) as JSON and CSV"),
                 [](po::options_description& o, po::positional_options_description& p) {
                   o.add_options()("directory", po::value<std::string>(), "where to write");
                   p.add("directory", 1);
                 },
                 run_export});
  all.push_back(
      {"verify",
       N_("re-check everything (chains, signatures, rules, tables, times) and print the head"),
       [](po::options_description& o, po::positional_options_description&) {
         o.add_options()("expect-head", po::value<std::string>(),
                         "a head printed earlier (e.g. on a form sent upward): check that the "
                         "ledger still holds the history it covered");
       },
       run_verify});
  all.push_back({"backup", N_("copy the ledger into a file while others may go on writing"),
                 [](po::options_description& o, po::positional_options_description& p) {
                   o.add_options()("destination", po::value<std::string>(), "the backup file");
                   p.add("destination", 1);
                 },
                 run_backup});
}

}  // namespace cli
