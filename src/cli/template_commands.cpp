// Clerk templates: `template` writes a unit's (or the office's consolidated) fill-in form,
// `import FILE…` files what clerks filled in. (`import begin` / `import end`, the historic import
// window, are identity_commands.cpp; a file named begin or end is given as ./begin.)
#include <iostream>
#include <string>
#include <taizhang/limits.hpp>
#include <taizhang/taizhang.hpp>
#include <taizhang/template_form.hpp>
#include <vector>

#include "commands.hpp"

namespace cli {
namespace {

// ---- template

void template_options(po::options_description& o, po::positional_options_description&) {
  o.add_options()("unit", po::value<std::string>(), "the unit whose template it is")(
      "consolidated", "the office's template: every unit")("period", po::value<std::string>(),
                                                           "the period: 2021Q3")(
      "format", po::value<std::string>()->default_value("xlsx"), "xlsx or csv")(
      "output,o", po::value<std::string>(), "the file to write (a csv may go to standard output)");
}

int run_template(const Context& ctx, const po::variables_map& vm) {
  const std::string unit = text(vm, "unit");
  const bool consolidated = vm.count("consolidated") != 0;
  if (unit.empty() == !consolidated) {
    throw Usage{tr("give either --unit UNIT or --consolidated")};
  }
  const tz::Ledger ledger = ctx.open(false, true);
  const std::string code = ctx.plan_code(ledger);
  const tz::Period period = period_option(vm, "period");
  const auto format = tz::form_format_from_string(text(vm, "format"));
  if (!format || (*format != tz::FormFormat::xlsx && *format != tz::FormFormat::csv)) {
    throw Usage{tr("--format must be xlsx or csv")};
  }
  const tz::ClerkTemplate form = consolidated ? tz::consolidated_template(ledger, code, period)
                                              : tz::unit_template(ledger, code, unit, period);
  const std::string output = text(vm, "output");
  if (output.empty() || output == "-") {
    if (*format == tz::FormFormat::xlsx) throw Usage{tr("an xlsx template needs --output FILE")};
    print_exact(tz::render_template(form, *format));
    return kOk;
  }
  tz::write_template(form, *format, output);
  std::cout << tr("wrote {file}: {targets} targets, {initiatives} initiatives to fill in",
                  {{"file", output},
                   {"targets", std::to_string(form.data.size())},
                   {"initiatives", std::to_string(form.notice.size())}})
            << "\n";
  return kOk;
}

// ---- import FILE…

void import_options(po::options_description& o, po::positional_options_description& p) {
  o.add_options()("file", po::value<std::vector<std::string>>(),
                  "filled templates (.xlsx or .csv); a file named begin or end: ./begin")(
      "dry-run", "check only: show what would be filed, write nothing");
  p.add("file", -1);
}

// Who files a template: the key's identity in a ledger with identities; else as declared, or
// (a unit's template) the unit itself as its reporter.
tz::Actor template_actor(const Context& ctx, const tz::Ledger& ledger,
                         const tz::TemplateIdentity& id) {
  if (ledger.has_identities()) {
    // A unit's template: the unit it names (the key must hold its grant).
    tz::Actor actor = ctx.actor(ledger);
    if (id.kind == tz::TemplateKind::consolidated) actor.unit = ctx.reporting_unit(ledger);
    return actor;
  }
  if (id.kind == tz::TemplateKind::consolidated) {
    // The office enters what the units gave it: each unit's rows as that unit's, and who
    // entered them recorded (--person, else the office).
    tz::Actor office = ctx.declared_actor();
    if (office.role != tz::ActorRole::coordinator) {
      throw Usage{
          tr("a consolidated template is entered by the coordinating office: --as OFFICE "
             "--role coordinator")};
    }
    if (office.person.empty()) office.person = office.unit;
    return office;
  }
  if (!ctx.unit.empty()) return ctx.declared_actor();
  return tz::Actor{"", tz::ActorRole::reporter, ctx.person};  // the unit the file names
}

std::string place_of(const tz::Issue& issue) {
  return issue.place.empty() ? issue.path : issue.place;
}

void print_issues(const std::string& path, const std::vector<tz::Issue>& problems,
                  const std::vector<tz::Issue>& warnings) {
  for (const tz::Issue& i : problems) {
    std::cerr << path << "：" << place_of(i) << "：" << i.message << "\n";
  }
  for (const tz::Issue& i : warnings) {
    std::cerr << path << "："
              << tr("{place}: to check (需核实): {message}",
                    {{"place", place_of(i)}, {"message", i.message}})
              << "\n";
  }
}

// One file: filed whole, or refused whole. True when filed (or, in a dry run, fileable).
bool import_one(const Context& ctx, tz::Ledger& ledger, const std::string& path, bool dry_run) {
  try {
    const std::string bytes = read_input(path, tz::limits::csv_bytes, "a filled template");
    const std::optional<tz::TemplateIdentity> id = tz::template_identity(bytes, path);
    if (!id) {
      std::cerr << tr("{file}: not a taizhang template (it carries no identity): refused",
                      {{"file", path}})
                << "\n";
      return false;
    }
    tz::TemplateImportOptions options;
    options.dry_run = dry_run;
    options.for_units = id->kind == tz::TemplateKind::consolidated && !ledger.has_identities();
    options.plan = ctx.plan;
    const tz::TemplateReading r =
        tz::import_template(ledger, template_actor(ctx, ledger, *id), path, options);
    print_issues(path, r.reading.problems, r.reading.warnings);
    const std::string who = id->kind == tz::TemplateKind::unit ? r.identity.unit : tr("every unit");
    if (!r.reading.problems.empty()) {
      std::cerr << tr("{file}: {count} problems: nothing of it would be filed",
                      {{"file", path}, {"count", std::to_string(r.reading.problems.size())}})
                << "\n";
      return false;
    }
    std::cout << tr(dry_run ? N_("{file}: {reports} reports would be filed ({unit}, {period}); "
                                 "nothing written (--dry-run)")
                            : N_("{file}: {reports} reports filed ({unit}, {period})"),
                    {{"file", path},
                     {"reports", std::to_string(r.reading.filings.size())},
                     {"unit", who},
                     {"period", id->period.to_string()}})
              << "\n";
    return true;
  } catch (const tz::ValidationError& e) {
    print_issues(path, e.issues(), {});
    if (e.issues().empty()) std::cerr << path << "：" << e.message() << "\n";
  } catch (const tz::Error& e) {
    std::cerr << path << "：" << e.message() << "\n";
  }
  std::cerr << tr("{file}: refused: nothing of it was filed", {{"file", path}}) << "\n";
  return false;
}

int run_import(const Context& ctx, const po::variables_map& vm) {
  const std::vector<std::string> files = many(vm, "file");
  if (files.empty()) {
    throw Usage{
        tr("give the filled templates to import: taizhang import FILE… (taizhang import "
           "begin and import end open and close a historic import)")};
  }
  const bool dry_run = vm.count("dry-run") != 0;
  tz::Ledger ledger = ctx.open();
  std::size_t refused = 0;
  for (const std::string& path : files) {
    if (!import_one(ctx, ledger, path, dry_run)) ++refused;
  }
  if (files.size() > 1) {
    std::cout << tr(dry_run ? N_("{good} of {all} files would be filed, {refused} refused")
                            : N_("{good} of {all} files filed, {refused} refused"),
                    {{"good", std::to_string(files.size() - refused)},
                     {"all", std::to_string(files.size())},
                     {"refused", std::to_string(refused)}})
              << "\n";
  }
  return refused == 0 ? kOk : kCheckFailed;
}

}  // namespace

void add_template_commands(std::vector<Command>& all) {
  all.push_back({"template", N_("write a clerk's fill-in template (xlsx or csv) for a period"),
                 template_options, run_template});
  all.push_back({"import", N_("file filled templates, each whole or not at all (--dry-run: check)"),
                 import_options, run_import});
}

}  // namespace cli
