// Editing the plan without JSON: plan assign, plan set, plan stages, plan settings. Each loads the
// plan as the ledger holds it, changes it, prints the change in words (diff_plans) and records it
// as a new version with Ledger::update_plan, which checks it exactly as `plan update` checks a
// file: the same validation, the same permission (administrators), the same required reason.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iostream>
#include <optional>
#include <string>
#include <taizhang/plan_diff.hpp>
#include <taizhang/taizhang.hpp>
#include <vector>

#include "commands.hpp"

namespace cli {
namespace {

// ---- What every edit shares

// A plan edit: the ledger, the plan as it stands, and the plan as it will be.
struct PlanEdit {
  tz::Ledger ledger;
  tz::Plan before;
  tz::Plan after;
  std::vector<tz::Unit> catalogue;
};

PlanEdit begin_edit(const Context& ctx, const po::variables_map& vm) {
  (void)required(vm, "reason");  // wrong usage before anything is read
  tz::Ledger ledger = ctx.open();
  tz::Plan plan = ledger.plan(ctx.plan_code(ledger));
  std::vector<tz::Unit> catalogue = ledger.units();
  return PlanEdit{std::move(ledger), plan, plan, std::move(catalogue)};
}

// Records the edit: refuses one that changes nothing, prints each change, then the new version.
int finish_edit(const Context& ctx, PlanEdit& edit, const po::variables_map& vm) {
  if (edit.after == edit.before) {
    throw tz::ConflictError(tz::Message(
        "this changes nothing: the plan already says so (taizhang plan show prints it)"));
  }
  const std::vector<tz::PlanChange> changes = tz::diff_plans(edit.before, edit.after);
  edit.ledger.update_plan(ctx.actor(edit.ledger), edit.after, required(vm, "reason"));
  for (const tz::PlanChange& c : changes) std::cout << tz::terminal_text(c.text) << "\n";
  if (changes.empty())
    std::cout << tr("a change plan diff does not name (see plan export)") << "\n";
  std::cout << tr("plan {plan} is now version {version}",
                  {{"plan", edit.after.code},
                   {"version", std::to_string(edit.ledger.plan_history(edit.after.code).size())}})
            << "\n";
  return kOk;
}

// The code of the unit `given` names (code, or name), put into the plan's units from the
// catalogue when the plan does not name it yet.
std::string plan_unit(PlanEdit& edit, const std::string& given) {
  std::vector<tz::Unit> known = edit.catalogue;
  for (const tz::Unit& u : edit.after.units) {
    if (std::none_of(known.begin(), known.end(),
                     [&](const tz::Unit& k) { return k.code == u.code; })) {
      known.push_back(u);
    }
  }
  const tz::Unit& unit = resolve_unit(known, given);
  if (edit.after.find_unit(unit.code) == nullptr) edit.after.units.push_back(unit);
  return unit.code;
}

// What an edit is about: an initiative (by number: 2, 二, 实事二) or a target (by code: 2.1).
struct Item {
  tz::Initiative* initiative = nullptr;
  tz::Target* target = nullptr;  // with its initiative
};

Item find_item(tz::Plan& plan, const std::string& given) {
  std::vector<std::string> names;
  for (tz::Initiative& i : plan.initiatives) {
    for (tz::Target& t : i.targets) {
      if (t.code == given) return Item{&i, &t};
      names.push_back(t.code);
    }
  }
  for (tz::Initiative& i : plan.initiatives) {
    const std::string number = std::to_string(i.number);
    const std::string ordinal = tz::chinese_ordinal(i.number);
    if (given == number || given == ordinal || given == "实事" + ordinal) return Item{&i, nullptr};
    names.push_back(number);
  }
  const std::string guess = closest(given, names);
  throw tz::NotFoundError(
      guess.empty()
          ? tz::Message("plan {plan} has no initiative or target \"{item}\" (taizhang plan show "
                        "lists them)",
                        {{"plan", plan.code}, {"item", tz::terminal_text(given)}})
          : tz::Message(
                "plan {plan} has no initiative or target \"{item}\"; did you mean {guess}?",
                {{"plan", plan.code}, {"item", tz::terminal_text(given)}, {"guess", guess}}));
}

void item_option(po::options_description& o, po::positional_options_description& p,
                 const char* what) {
  o.add_options()("item", po::value<std::string>(), what);
  p.add("item", 1);
}

void reason_option(po::options_description& o) {
  o.add_options()("reason", po::value<std::string>(),
                  "why the plan changes (required; kept with the new version)");
}

// Refuses options that belong to the other kind of item.
void refuse_options(const po::variables_map& vm, std::initializer_list<const char*> names,
                    const std::string& why) {
  for (const char* name : names) {
    if (vm.count(name) != 0) {
      throw Usage{tr("--{option} does not apply here: {why}", {{"option", name}, {"why", why}})};
    }
  }
}

// Refuses a command given nothing to change (which would otherwise be a conflict: no change).
void require_some(const po::variables_map& vm, std::initializer_list<const char*> names) {
  std::string list;
  for (const char* name : names) {
    if (vm.count(name) != 0) return;
    list += std::string(list.empty() ? "" : ", ") + "--" + name;
  }
  throw Usage{tr("say what to change: {options}", {{"options", list}})};
}

// ---- plan assign

void assign_options(po::options_description& o, po::positional_options_description& p) {
  item_option(o, p, "an initiative's number (2, 二, 实事二) or a target's code (2.1)");
  o.add_options()("lead", po::value<std::vector<std::string>>()->composing(),
                  "an initiative's lead unit (code or name; repeat for several): the leads become "
                  "these, a former lead stays as co-responsible")(
      "co", po::value<std::vector<std::string>>()->composing(),
      "a co-responsible unit to add to the initiative (or a lead to make co-responsible)")(
      "remove", po::value<std::vector<std::string>>()->composing(),
      "a unit to take off the initiative (and off its targets' contributors), or off the "
      "target's contributors")(
      "contributor", po::value<std::vector<std::string>>()->composing(),
      "a target's contributing unit (repeat): the units whose values count, replacing the list");
  reason_option(o);
}

void assign_initiative(PlanEdit& edit, tz::Initiative& initiative, const po::variables_map& vm) {
  const std::vector<std::string> leads = many(vm, "lead");
  std::vector<std::string> lead_codes;
  for (const std::string& given : leads) lead_codes.push_back(plan_unit(edit, given));
  if (!lead_codes.empty()) {
    for (tz::Assignment& a : initiative.assignments) {
      const bool lead = std::find(lead_codes.begin(), lead_codes.end(), a.unit) != lead_codes.end();
      a.role = lead ? tz::AssignmentRole::lead : tz::AssignmentRole::co_responsible;
    }
    // A new lead goes after the leads already there: a notice lists its leads first.
    for (const std::string& code : lead_codes) {
      if (initiative.find_assignment(code) != nullptr) continue;
      auto at =
          std::find_if(initiative.assignments.begin(), initiative.assignments.end(),
                       [](const tz::Assignment& a) { return a.role != tz::AssignmentRole::lead; });
      initiative.assignments.insert(at, tz::Assignment{code, tz::AssignmentRole::lead, "", ""});
    }
  }
  for (const std::string& given : many(vm, "co")) {
    const std::string code = plan_unit(edit, given);
    auto found = std::find_if(initiative.assignments.begin(), initiative.assignments.end(),
                              [&](const tz::Assignment& a) { return a.unit == code; });
    if (found != initiative.assignments.end()) {
      found->role = tz::AssignmentRole::co_responsible;
    } else {
      initiative.assignments.push_back({code, tz::AssignmentRole::co_responsible, "", ""});
    }
  }
  for (const std::string& given : many(vm, "remove")) {
    const std::string code = plan_unit(edit, given);
    if (initiative.find_assignment(code) == nullptr) {
      throw tz::NotFoundError(
          tz::Message("{unit} is not a unit of initiative {number}",
                      {{"unit", code}, {"number", std::to_string(initiative.number)}}));
    }
    std::erase_if(initiative.assignments, [&](const tz::Assignment& a) { return a.unit == code; });
    for (tz::Target& t : initiative.targets) std::erase(t.contributors, code);
  }
}

void assign_target(PlanEdit& edit, tz::Target& target, const po::variables_map& vm) {
  if (vm.count("contributor") != 0) {
    target.contributors.clear();
    for (const std::string& given : many(vm, "contributor")) {
      const std::string code = plan_unit(edit, given);
      if (std::find(target.contributors.begin(), target.contributors.end(), code) ==
          target.contributors.end()) {
        target.contributors.push_back(code);
      }
    }
  }
  for (const std::string& given : many(vm, "remove")) {
    const std::string code = plan_unit(edit, given);
    if (std::find(target.contributors.begin(), target.contributors.end(), code) ==
        target.contributors.end()) {
      throw tz::NotFoundError(tz::Message("{unit} is not a contributor of target {target}",
                                          {{"unit", code}, {"target", target.code}}));
    }
    std::erase(target.contributors, code);
  }
}

int run_plan_assign(const Context& ctx, const po::variables_map& vm) {
  const std::string given = required(vm, "item");
  require_some(vm, {"lead", "co", "remove", "contributor"});
  PlanEdit edit = begin_edit(ctx, vm);
  const Item item = find_item(edit.after, given);
  if (item.target != nullptr) {
    refuse_options(vm, {"lead", "co"},
                   tr("a target's units are its initiative's (give the initiative {number})",
                      {{"number", std::to_string(item.initiative->number)}}));
    assign_target(edit, *item.target, vm);
  } else {
    refuse_options(vm, {"contributor"}, tr("contributors belong to a target (give its code)"));
    assign_initiative(edit, *item.initiative, vm);
  }
  return finish_edit(ctx, edit, vm);
}

// ---- plan set

void set_options(po::options_description& o, po::positional_options_description& p) {
  item_option(o, p, "a target's code (2.1) or an initiative's number (2, 二, 实事二)");
  o.add_options()("value", po::value<std::string>(), "a target's value (a rise, for a rise)")(
      "unit", po::value<std::string>(), "a target's unit of measure (所, 名, 亿元)")(
      "deadline", po::value<std::string>(),
      "the deadline (YYYY-MM-DD; none: the initiative's, or the plan's end)")(
      "baseline", po::value<std::string>(), "a target's baseline value (none: unknown)")(
      "baseline-date", po::value<std::string>(), "when the baseline held (YYYY-MM-DD)")(
      "baseline-note", po::value<std::string>(), "where the baseline comes from, for the record")(
      "weight", po::value<std::string>(), "a target's weight within its initiative")(
      "description", po::value<std::string>(), "what a target promises")(
      "scope", po::value<std::string>(), "who or where a target covers")(
      "title", po::value<std::string>(), "an initiative's title");
  reason_option(o);
}

tz::Decimal decimal_option(const po::variables_map& vm, const char* name) {
  return option_value(std::string("--") + name, text(vm, name),
                      [](const std::string& t) { return tz::Decimal::parse(t); });
}

std::optional<tz::Date> deadline_option(const po::variables_map& vm) {
  return text(vm, "deadline") == "none" ? std::nullopt : date_option(vm, "deadline");
}

void set_target(tz::Target& t, const po::variables_map& vm) {
  if (vm.count("value") != 0) t.value = decimal_option(vm, "value");
  if (vm.count("unit") != 0) t.unit = text(vm, "unit");
  if (vm.count("deadline") != 0) t.deadline = deadline_option(vm);
  if (vm.count("weight") != 0) t.weight = decimal_option(vm, "weight");
  if (vm.count("description") != 0) t.description = text(vm, "description");
  if (vm.count("scope") != 0) t.scope = text(vm, "scope");
  if (vm.count("baseline") != 0 || vm.count("baseline-date") != 0 ||
      vm.count("baseline-note") != 0) {
    tz::Baseline b = t.baseline.value_or(tz::Baseline{});
    if (vm.count("baseline") != 0) {
      b.value = text(vm, "baseline") == "none" ? std::nullopt
                                               : std::optional(decimal_option(vm, "baseline"));
    }
    if (vm.count("baseline-date") != 0) b.date = date_option(vm, "baseline-date");
    if (vm.count("baseline-note") != 0) b.note = text(vm, "baseline-note");
    t.baseline = b;
  }
}

int run_plan_set(const Context& ctx, const po::variables_map& vm) {
  const std::string given = required(vm, "item");
  require_some(vm, {"value", "unit", "deadline", "baseline", "baseline-date", "baseline-note",
                    "weight", "description", "scope", "title"});
  PlanEdit edit = begin_edit(ctx, vm);
  const Item item = find_item(edit.after, given);
  if (item.target != nullptr) {
    refuse_options(vm, {"title"}, tr("a target has a description, not a title"));
    set_target(*item.target, vm);
  } else {
    refuse_options(vm,
                   {"value", "unit", "baseline", "baseline-date", "baseline-note", "weight",
                    "description", "scope"},
                   tr("an initiative takes --title and --deadline; the rest is its targets'"));
    if (vm.count("title") != 0) item.initiative->title = text(vm, "title");
    if (vm.count("deadline") != 0) item.initiative->deadline = deadline_option(vm);
  }
  return finish_edit(ctx, edit, vm);
}

// ---- plan stages

void stages_options(po::options_description& o, po::positional_options_description& p) {
  item_option(o, p, "a milestone target's code (3.1)");
  o.add_options()("stage", po::value<std::vector<std::string>>()->composing(),
                  "a stage, in order (repeat): NAME, or NAME=SHARE (0..1); without shares the "
                  "stages share completion evenly, the last is 1")(
      "default", "go back to the default stages (未启动, 已启动, 推进中, 基本完成, 已完成)");
  reason_option(o);
}

std::vector<tz::MilestoneStage> stages_of(const std::vector<std::string>& given) {
  std::vector<tz::MilestoneStage> stages;
  for (std::size_t i = 0; i < given.size(); ++i) {
    const std::size_t eq = given[i].rfind('=');
    tz::MilestoneStage s;
    if (eq == std::string::npos) {
      s.name = given[i];
      s.share = tz::Decimal::divide(static_cast<std::int64_t>(i + 1),
                                    static_cast<std::int64_t>(given.size()), 4);
    } else {
      s.name = given[i].substr(0, eq);
      s.share = option_value("--stage", given[i], [eq](const std::string& t) {
        return tz::Decimal::parse(t.substr(eq + 1));
      });
    }
    stages.push_back(s);
  }
  return stages;
}

int run_plan_stages(const Context& ctx, const po::variables_map& vm) {
  const std::string given = required(vm, "item");
  const bool back_to_default = vm.count("default") != 0;
  if (back_to_default == (vm.count("stage") != 0)) {
    throw Usage{tr("give the stages with --stage (repeated), or --default")};
  }
  PlanEdit edit = begin_edit(ctx, vm);
  const Item item = find_item(edit.after, given);
  if (item.target == nullptr) {
    throw Usage{tr("stages belong to a milestone target: give its code, not initiative {number}",
                   {{"number", given}})};
  }
  if (item.target->measure != tz::Measure::milestone) {
    throw tz::ValidationError(
        tz::Message(
            "target {target} is measured in numbers ({measure}), not in stages: only a milestone "
            "target has stages",
            {{"target", item.target->code}, {"measure", tz::to_string(item.target->measure)}}),
        tz::Location{"", 0, 0, "--stage"});
  }
  item.target->stages =
      back_to_default ? std::vector<tz::MilestoneStage>{} : stages_of(many(vm, "stage"));
  return finish_edit(ctx, edit, vm);
}

// ---- plan settings

void settings_options(po::options_description& o, po::positional_options_description&) {
  o.add_options()("reporting", po::value<std::string>(),
                  "how often units report: month, quarter or year")(
      "due-days", po::value<int>(), "a report is due this many days after its period ends")(
      "reporters", po::value<std::string>(),
      "who must report: assigned (every unit of an initiative), leads, or contributors")(
      "tolerance", po::value<std::string>(), "the width of a status band (0.1: 10 points)")(
      "over-goal", po::value<std::string>(),
      "a value more than this many times its goal is flagged 需核实")(
      "jump", po::value<std::string>(),
      "a value that jumps by more than this factor from the last one is flagged 需核实")(
      "coordinator", po::value<std::string>(), "the coordinating unit that receives the reports")(
      "start", po::value<std::string>(), "the first day of the plan (YYYY-MM-DD)")(
      "end", po::value<std::string>(), "the last day of the plan (YYYY-MM-DD)")(
      "title", po::value<std::string>(), "the plan's title");
  reason_option(o);
}

template <class Parsed>
Parsed named_choice(const po::variables_map& vm, const char* name, std::optional<Parsed> parsed,
                    const char* choices) {
  if (!parsed) {
    throw Usage{
        tr("--{option} must be {choices}, not \"{value}\"",
           {{"option", name}, {"choices", choices}, {"value", tz::terminal_text(text(vm, name))}})};
  }
  return *parsed;
}

int run_plan_settings(const Context& ctx, const po::variables_map& vm) {
  require_some(vm, {"reporting", "due-days", "reporters", "tolerance", "over-goal", "jump",
                    "coordinator", "start", "end", "title"});
  PlanEdit edit = begin_edit(ctx, vm);
  tz::Plan& p = edit.after;
  if (vm.count("reporting") != 0) {
    p.reporting = named_choice(vm, "reporting", tz::period_kind_from_string(text(vm, "reporting")),
                               "month, quarter or year");
  }
  if (vm.count("reporters") != 0) {
    p.reporting_rules.reporters =
        named_choice(vm, "reporters", tz::reporters_from_string(text(vm, "reporters")),
                     "assigned, leads or contributors");
  }
  if (vm.count("due-days") != 0) p.report_due_days = vm["due-days"].as<int>();
  if (vm.count("tolerance") != 0) p.tolerance = decimal_option(vm, "tolerance");
  if (vm.count("over-goal") != 0) p.reporting_rules.over_goal = decimal_option(vm, "over-goal");
  if (vm.count("jump") != 0) p.reporting_rules.jump = decimal_option(vm, "jump");
  if (vm.count("coordinator") != 0) p.coordinator = plan_unit(edit, text(vm, "coordinator"));
  if (const auto start = date_option(vm, "start")) p.start = *start;
  if (const auto end = date_option(vm, "end")) p.end = *end;
  if (vm.count("title") != 0) p.title = text(vm, "title");
  return finish_edit(ctx, edit, vm);
}

}  // namespace

void add_plan_edit_commands(std::vector<Command>& all) {
  all.push_back({"plan assign",
                 N_("set an initiative's lead and co-responsible units, or a target's contributors "
                    "(administrators)"),
                 assign_options, run_plan_assign});
  all.push_back({"plan set",
                 N_("change a target's value, unit, deadline or baseline, or an initiative's title "
                    "or deadline (administrators)"),
                 set_options, run_plan_set});
  all.push_back({"plan stages", N_("set the stages of a milestone target (administrators)"),
                 stages_options, run_plan_stages});
  all.push_back({"plan settings",
                 N_("change how the plan is reported: period, due days, who reports, tolerance "
                    "(administrators)"),
                 settings_options, run_plan_settings});
}

}  // namespace cli
