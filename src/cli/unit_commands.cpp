// The unit catalogue without editing JSON: unit list, unit add, unit rename (issue 15).
#include <iostream>
#include <optional>
#include <string>
#include <taizhang/taizhang.hpp>
#include <vector>

#include "commands.hpp"

namespace cli {

namespace {

void list_options(po::options_description& o, po::positional_options_description&) {
  o.add_options()("format", po::value<std::string>()->default_value("table"), "table, csv or json");
}

int run_unit_list(const Context& ctx, const po::variables_map& vm) {
  const tz::Ledger ledger = ctx.open(false, true);
  const std::vector<tz::Unit> units = ledger.units();
  const std::string format = text(vm, "format");
  if (format == "json") {
    std::string out = "[";
    for (std::size_t i = 0; i < units.size(); ++i) {
      const tz::Unit& u = units[i];
      out += std::string(i == 0 ? "\n" : ",\n") + "  {\"code\": " + tz::json_text(u.code) +
             ", \"name\": " + tz::json_text(u.name) +
             ", \"kind\": " + tz::json_text(tz::to_string(u.kind)) +
             ", \"full_name\": " + tz::json_text(u.full_name) +
             ", \"parent\": " + tz::json_text(u.parent) + "}";
    }
    write_output("", out + (units.empty() ? "]\n" : "\n]\n"));
  } else if (format == "csv") {
    std::string out = "code,name,kind,full_name,parent\r\n";
    for (const tz::Unit& u : units) {
      out += csv_field(u.code) + "," + csv_field(u.name) + "," + tz::to_string(u.kind) + "," +
             csv_field(u.full_name) + "," + csv_field(u.parent) + "\r\n";
    }
    write_output("", out);
  } else if (format == "table") {
    std::vector<std::vector<std::string>> rows = {{"代码", "名称", "类别", "全称"}};
    for (const tz::Unit& u : units) {
      rows.push_back({tz::terminal_text(u.code), tz::terminal_text(u.name), tz::to_string(u.kind),
                      tz::terminal_text(u.full_name)});
    }
    print_table(rows);
  } else {
    throw tz::ParseError("--format " + tz::terminal_text(format) + ": choose table, csv or json");
  }
  return kOk;
}

void add_options(po::options_description& o, po::positional_options_description& p) {
  o.add_options()("code", po::value<std::string>(), "the new unit's code (ASCII: finance)")(
      "name", po::value<std::string>(), "its name as the documents write it (区财政局)")(
      "kind", po::value<std::string>()->default_value("bureau"),
      "bureau, town, street, development_zone, mass_organisation, enterprise, "
      "coordinating_office, party_department, institution, government, other")(
      "full-name", po::value<std::string>(), "the formal name, when it differs")(
      "parent", po::value<std::string>(), "the code of the unit above it");
  p.add("code", 1).add("name", 1);
}

int run_unit_add(const Context& ctx, const po::variables_map& vm) {
  tz::Ledger ledger = ctx.open();
  tz::Unit unit;
  unit.code = required(vm, "code");
  unit.name = required(vm, "name");
  const std::string kind = text(vm, "kind");
  const std::optional<tz::UnitKind> k = tz::unit_kind_from_string(kind);
  if (!k) throw tz::ParseError("--kind " + tz::terminal_text(kind) + ": not a kind of unit");
  unit.kind = *k;
  unit.full_name = text(vm, "full-name");
  unit.parent = text(vm, "parent");
  if (const std::optional<tz::Unit> existing = ledger.unit(unit.code)) {
    throw tz::ConflictError("unit " + tz::terminal_text(unit.code) +
                            " is already in the catalogue as " + tz::terminal_text(existing->name) +
                            ": use unit rename to change it");
  }
  ledger.put_unit(ctx.actor(ledger), unit);
  std::cout << "added " << unit.code << " " << tz::terminal_text(unit.name) << "\n";
  return kOk;
}

void rename_options(po::options_description& o, po::positional_options_description& p) {
  o.add_options()("code", po::value<std::string>(), "the unit's code")(
      "name", po::value<std::string>(), "its new name")("full-name", po::value<std::string>(),
                                                        "its new formal name (default: unchanged)");
  p.add("code", 1).add("name", 1);
}

int run_unit_rename(const Context& ctx, const po::variables_map& vm) {
  tz::Ledger ledger = ctx.open();
  const std::string code = required(vm, "code");
  std::optional<tz::Unit> unit = ledger.unit(code);
  if (!unit) {
    throw tz::NotFoundError("unit " + tz::terminal_text(code) +
                            " is not in the catalogue: unit list shows the codes");
  }
  const std::string before = unit->name;
  unit->name = required(vm, "name");
  if (vm.count("full-name") != 0) unit->full_name = text(vm, "full-name");
  ledger.put_unit(ctx.actor(ledger), *unit);
  std::cout << "renamed " << code << ": " << tz::terminal_text(before) << " → "
            << tz::terminal_text(unit->name) << "\n";
  return kOk;
}

}  // namespace

void add_unit_commands(std::vector<Command>& all) {
  all.push_back({"unit list", N_("the ledger's catalogue of units: code, name, kind"), list_options,
                 run_unit_list});
  all.push_back(
      {"unit add", N_("add a unit to the catalogue (administrators)"), add_options, run_unit_add});
  all.push_back({"unit rename",
                 N_("rename a unit; every plan and form shows the new name "
                    "(administrators)"),
                 rename_options, run_unit_rename});
}

}  // namespace cli
