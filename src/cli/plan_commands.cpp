// `taizhang init` and the plan commands: import, update, export, show, validate, draft.
#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <taizhang/draft.hpp>
#include <taizhang/limits.hpp>
#include <taizhang/taizhang.hpp>
#include <vector>

#include "commands.hpp"

namespace cli {
namespace {

// ---- init

void init_options(po::options_description& o, po::positional_options_description&) {
  o.add_options()("plan-file", po::value<std::string>(),
                  "a plan to import (needs --as UNIT --role administrator)")(
      "identity", po::value<std::string>(),
      "turn identities on: the first administrator's id (with --name, --key FILE, "
      "--as UNIT --role administrator); the key file is made when it does not exist")(
      "name", po::value<std::string>(), "the first administrator's name, for the record")(
      "unit-name", po::value<std::string>(),
      "the name of the administrator's unit, when no plan names it");
}

// The administrator's unit goes into the catalogue first (from the plan, or named with
// --unit-name), so that everything after it, the plan too, is signed.
void put_admin_unit(tz::Ledger& ledger, const tz::Actor& admin, const std::optional<tz::Plan>& plan,
                    const po::variables_map& vm) {
  if (!ledger.units().empty()) return;
  const tz::Unit* in_plan = plan ? plan->find_unit(admin.unit) : nullptr;
  tz::Unit unit = in_plan != nullptr ? *in_plan : tz::Unit{};
  if (in_plan == nullptr) {
    unit.code = admin.unit;
    unit.name = text(vm, "unit-name");
    unit.kind = tz::UnitKind::coordinating_office;
    if (unit.name.empty()) {
      throw Usage{"--as " + admin.unit + " is not a unit of the plan: name it with --unit-name"};
    }
  }
  ledger.put_unit(admin, unit);
}

// The first identity is declared (--as, --role administrator) and proven by its key.
void add_first_identity(const Context& ctx, tz::Ledger& ledger, const std::string& id,
                        const std::optional<tz::Plan>& plan, const po::variables_map& vm) {
  put_admin_unit(ledger, ctx.declared_actor(), plan, vm);
  tz::Identity identity;
  identity.id = id;
  identity.name = required(vm, "name");
  identity.public_key = ctx.signer()->public_key_pem();
  ledger.add_identity(ctx.declared_actor(), identity);
  std::cout << "identity " << id << " administers " << ctx.unit << " (key "
            << ctx.signer()->key_id() << ")\n";
}

int run_init(const Context& ctx, const po::variables_map& vm) {
  const std::string id = text(vm, "identity");
  if (!id.empty() && ctx.key_path.empty()) {
    throw Usage{"--identity needs --key FILE: the first administrator's key"};
  }
  if (!id.empty() && !std::filesystem::exists(ctx.key_path)) {
    const char* passphrase = std::getenv("TAIZHANG_KEY_PASSPHRASE");
    tz::Signer::generate().save(ctx.key_path, passphrase != nullptr ? passphrase : "");
    std::cout << "made the key " << ctx.key_path << " (readable by you only)\n";
  }
  const std::string file = text(vm, "plan-file");
  const std::optional<tz::Plan> plan =
      file.empty() ? std::nullopt : std::optional<tz::Plan>(tz::load_plan(file));
  tz::Ledger ledger = ctx.open(true);
  if (!id.empty()) add_first_identity(ctx, ledger, id, plan, vm);
  if (plan) {
    // Signed with the first administrator's key when there is one.
    ledger.import_plan(id.empty() ? ctx.actor(ledger) : ctx.declared_actor(), *plan, "init");
  }
  std::cout << "ledger " << ledger.path().string() << " (schema version "
            << tz::Ledger::schema_version() << ", " << ledger.plans().size() << " plans"
            << (ledger.has_identities() ? ", with identities" : "") << ")\n";
  return kOk;
}

// ---- plan import, plan update

int run_plan_import(const Context& ctx, const po::variables_map& vm) {
  const tz::Plan plan = tz::load_plan(required(vm, "file"));
  tz::Ledger ledger = ctx.open(true);
  ledger.import_plan(ctx.actor(ledger), plan, text(vm, "reason"));
  std::cout << tr("imported plan {plan} ({count} initiatives)",
                  {{"plan", plan.code}, {"count", std::to_string(plan.initiatives.size())}})
            << "\n";
  return kOk;
}

int run_plan_update(const Context& ctx, const po::variables_map& vm) {
  const tz::Plan plan = tz::load_plan(required(vm, "file"));
  tz::Ledger ledger = ctx.open();
  ledger.update_plan(ctx.actor(ledger), plan, required(vm, "reason"));
  std::cout << tr("plan {plan} is now version {version}",
                  {{"plan", plan.code},
                   {"version", std::to_string(ledger.plan_history(plan.code).size())}})
            << "\n";
  return kOk;
}

// ---- plan export, plan show, plan validate

int run_plan_export(const Context& ctx, const po::variables_map& vm) {
  const tz::Ledger ledger = ctx.open(false, true);
  const std::string code = ctx.plan_code(ledger);
  const std::string at = text(vm, "as-recorded-at");
  const tz::Plan plan =
      at.empty() ? ledger.plan(code)
                 : ledger.plan_at(code, option_value("--as-recorded-at", at, tz::parse_timestamp));
  write_output(text(vm, "output"), tz::plan_to_json(plan));
  return kOk;
}

int run_plan_show(const Context& ctx, const po::variables_map& vm) {
  if (const std::string file = text(vm, "file"); !file.empty()) {
    std::cout << tz::render_outline(tz::load_plan(file));
    return kOk;
  }
  const tz::Ledger ledger = ctx.open(false, true);
  std::cout << tz::render_outline(ledger.plan(ctx.plan_code(ledger)));
  return kOk;
}

// ---- plan history, plan diff

int run_plan_history(const Context& ctx, const po::variables_map&) {
  const tz::Ledger ledger = ctx.open(false, true);
  const std::vector<tz::PlanVersion> versions = ledger.plan_history(ctx.plan_code(ledger));
  for (std::size_t i = 0; i < versions.size(); ++i) {
    const tz::PlanVersion& v = versions[i];
    const std::size_t changes = i == 0 ? 0 : tz::diff_plans(versions[i - 1].plan, v.plan).size();
    std::cout << "版本 " << v.version << "  " << tz::format_local_time(v.recorded_at) << "  "
              << tz::terminal_text(v.actor.unit) << "（"
              << tz::Message(tz::to_string(v.actor.role)).text()
              << (v.actor.person.empty() ? "" : "，" + tz::terminal_text(v.actor.person)) << "）  "
              << (i == 0 ? "首次导入" : std::to_string(changes) + " 处改动") << "  "
              << tz::terminal_text(v.reason) << "\n";
  }
  return kOk;
}

// The index in `versions` of version `number` ("" for the current one).
std::size_t version_index(const std::vector<tz::PlanVersion>& versions, const std::string& number,
                          const char* option) {
  if (number.empty()) return versions.size() - 1;
  for (std::size_t i = 0; i < versions.size(); ++i) {
    if (std::to_string(versions[i].version) == number) return i;
  }
  throw tz::NotFoundError(std::string(option) + " " + tz::terminal_text(number) +
                          ": the plan has versions 1 to " +
                          std::to_string(versions.back().version));
}

int run_plan_diff(const Context& ctx, const po::variables_map& vm) {
  const tz::Ledger ledger = ctx.open(false, true);
  const std::vector<tz::PlanVersion> versions = ledger.plan_history(ctx.plan_code(ledger));
  tz::Plan before;
  tz::Plan after;
  if (const std::string file = text(vm, "file"); !file.empty()) {
    // A draft of the next version against the plan as the ledger holds it.
    before = versions[version_index(versions, text(vm, "from"), "--from")].plan;
    after = tz::load_plan(file);
  } else {
    const std::size_t to = version_index(versions, text(vm, "to"), "--to");
    const std::string from = text(vm, "from");
    before =
        versions[from.empty() ? (to == 0 ? 0 : to - 1) : version_index(versions, from, "--from")]
            .plan;
    after = versions[to].plan;
  }
  const std::vector<tz::PlanChange> changes = tz::diff_plans(before, after);
  for (const tz::PlanChange& c : changes) std::cout << tz::terminal_text(c.text) << "\n";
  if (changes.empty()) std::cout << "没有改动\n";
  return kOk;
}

int run_plan_validate(const Context&, const po::variables_map& vm) {
  const std::string file = required(vm, "file");
  const tz::Plan plan = tz::load_plan(file);
  int errors = 0;
  for (const tz::Issue& issue : tz::validate(plan)) {
    std::cerr << file << ": " << issue.to_string() << "\n";
    if (issue.severity == tz::Issue::Severity::error) ++errors;
  }
  std::cout << file << ": "
            << tr(errors == 0 ? N_("valid ({count} initiatives)")
                              : N_("{errors} errors ({count} initiatives)"),
                  {{"errors", std::to_string(errors)},
                   {"count", std::to_string(plan.initiatives.size())}})
            << "\n";
  return errors == 0 ? kOk : kCheckFailed;
}

// ---- plan draft

void draft_options(po::options_description& o, po::positional_options_description& p) {
  o.add_options()("file", po::value<std::string>(), "the notice (UTF-8 text); - for stdin")(
      "output,o", po::value<std::string>(), "the plan file (default: standard output)")(
      "code", po::value<std::string>(), "the plan's code (default: draft-YEAR)")(
      "year", po::value<int>(), "the year when the notice states none")(
      "quiet,q", "list only the warnings, not what was drafted");
  p.add("file", 1);
}

int run_plan_draft(const Context&, const po::variables_map& vm) {
  const std::string file = required(vm, "file");
  tz::DraftOptions options;
  options.code = text(vm, "code");
  if (vm.count("year") != 0) options.default_year = vm["year"].as<int>();
  options.max_bytes = tz::limits::notice_bytes;
  const tz::Draft draft =
      tz::draft_plan(read_input(file, tz::limits::notice_bytes, "a notice"), options);
  const bool quiet = vm.count("quiet") != 0;
  std::size_t warnings = 0;
  for (const tz::Finding& f : draft.findings) {
    const bool warning = f.severity == tz::FindingSeverity::warning;
    warnings += warning ? 1U : 0U;
    if (warning || !quiet) std::cerr << f.to_string() << "\n";
  }
  write_output(text(vm, "output"), tz::plan_to_json(draft.plan));
  std::cerr << (file == "-" ? "<stdin>" : file) << ": drafted " << draft.plan.initiatives.size()
            << " initiatives, " << draft.plan.units.size() << " units; " << warnings << " warnings"
            << (draft.truncated ? "; the notice seems cut off" : "") << " — review before use\n";
  return kOk;
}

// The options of a command that takes a plan file and a reason.
void file_and_reason(po::options_description& o, po::positional_options_description& p,
                     const char* reason) {
  o.add_options()("file", po::value<std::string>(), "the plan file (JSON)")(
      "reason", po::value<std::string>(), reason);
  p.add("file", 1);
}

}  // namespace

void add_plan_commands(std::vector<Command>& all) {
  all.push_back({"init",
                 N_("create an empty ledger file (with its first administrator, and a plan)"),
                 init_options, run_init});
  all.push_back({"plan import", N_("import a plan file (administrators)"),
                 [](po::options_description& o, po::positional_options_description& p) {
                   file_and_reason(o, p, "why, for the record");
                 },
                 run_plan_import});
  all.push_back({"plan update", N_("record a new version of a plan (administrators)"),
                 [](po::options_description& o, po::positional_options_description& p) {
                   file_and_reason(o, p, "why the plan changes (required)");
                 },
                 run_plan_update});
  all.push_back({"plan export", N_("write a plan of the ledger as JSON"),
                 [](po::options_description& o, po::positional_options_description&) {
                   o.add_options()("output,o", po::value<std::string>(),
                                   "the file (default: standard output)")(
                       "as-recorded-at", po::value<std::string>(),
                       "the plan as it stood at this time");
                 },
                 run_plan_export});
  all.push_back({"plan show", N_("print a plan (a file, or the ledger's) as an outline"),
                 [](po::options_description& o, po::positional_options_description& p) {
                   o.add_options()("file", po::value<std::string>(),
                                   "a plan file; default: the ledger's plan");
                   p.add("file", 1);
                 },
                 run_plan_show});
  all.push_back(
      {"plan history", N_("every version of the plan: when, by whom, why, how many changes"),
       [](po::options_description&, po::positional_options_description&) {}, run_plan_history});
  all.push_back(
      {"plan diff",
       N_("what changed between two versions of the plan, or from the plan to a draft file"),
       [](po::options_description& o, po::positional_options_description& p) {
         o.add_options()("file", po::value<std::string>(),
                         "a plan file (a draft of the next version) to compare with the "
                         "ledger's plan")("from", po::value<std::string>(),
                                          "the older version (default: the one before "
                                          "--to; with FILE: the current one)")(
             "to", po::value<std::string>(), "the newer version (default: the current)");
         p.add("file", 1);
       },
       run_plan_diff});
  all.push_back({"plan validate", N_("check a plan file and list every problem"),
                 [](po::options_description& o, po::positional_options_description& p) {
                   o.add_options()("file", po::value<std::string>(), "the plan file (JSON)");
                   p.add("file", 1);
                 },
                 run_plan_validate});
  all.push_back({"plan draft",
                 N_("draft a plan from a notice's text, for review (findings on stderr)"),
                 draft_options, run_plan_draft});
}

}  // namespace cli
