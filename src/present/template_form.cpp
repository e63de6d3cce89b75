#include "taizhang/template_form.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "formats/xlsx_reader.hpp"
#include "present/table_import.hpp"
#include "present/text_format.hpp"
#include "taizhang/error.hpp"
#include "taizhang/initiative.hpp"
#include "taizhang/limits.hpp"
#include "util/file.hpp"
#include "util/utf8.hpp"

namespace taizhang {

std::string render_template_xlsx(const ClerkTemplate& form);  // template_xlsx.cpp

namespace {

// ---- what a template holds

std::string unit_name(const Plan& plan, const std::string& code) {
  const Unit* u = plan.find_unit(code);
  return u != nullptr ? u->name : code;
}

int plan_version(const Ledger& ledger, const std::string& code) {
  for (const PlanSummary& s : ledger.plans()) {
    if (s.code == code) return s.versions;
  }
  return 0;
}

std::string title_of(const Plan& plan) {
  if (!plan.source.form_title.empty()) return plan.source.form_title;
  return plan.title + "工作进展情况报表";
}

// What a unit reports about its targets for the period, and its earlier reports (for 上期累计).
struct UnitReports {
  std::optional<Report> current;
  std::vector<Report> earlier;  // periods before the template's, any status
};

UnitReports reports_of(const Ledger& ledger, const Plan& plan, const std::string& unit,
                       const Period& period) {
  UnitReports out;
  ReportFilter filter;
  filter.plan = plan.code;
  filter.unit = unit;
  for (Report& r : ledger.reports(filter)) {
    if (r.key.period == period) {
      out.current = std::move(r);
    } else if (r.key.period < period && r.counted_revision != 0) {
      out.earlier.push_back(std::move(r));
    }
  }
  return out;
}

// The latest earlier value counted of a running total, and its period.
void previous_value(const Target& target, const UnitReports& reports, TemplateDataRow& row) {
  if (target.accumulation != Accumulation::cumulative || !target.is_numeric()) return;
  for (const Report& r : reports.earlier) {
    const TargetValue* v = r.counted.find_value(target.code);
    if (v == nullptr || !v->value) continue;
    if (row.previous && Period::parse(row.previous_period) > r.key.period) continue;
    row.previous = v->value;
    row.previous_period = r.key.period.to_string();
  }
}

TemplateDataRow data_row(const Plan& plan, const Target& target, const std::string& unit,
                         const UnitReports& reports) {
  TemplateDataRow row;
  row.unit = unit;
  row.unit_name = unit_name(plan, unit);
  row.target = target.code;
  row.description = target.description;
  row.unit_of_measure = target.unit;
  row.goal = target.goal();
  row.milestone = target.measure == Measure::milestone;
  if (row.milestone) {
    for (const MilestoneStage& s :
         target.stages.empty() ? default_milestone_stages() : target.stages) {
      row.stages.push_back(s.name);
    }
  }
  previous_value(target, reports, row);
  if (reports.current) {
    if (const TargetValue* v = reports.current->content().find_value(target.code)) {
      row.value = v->value ? v->value->to_string() : v->stage;
      row.comment = v->comment;
    }
  }
  return row;
}

TemplateNoticeRow notice_row(const Plan& plan, const Initiative& initiative,
                             const std::string& unit, std::string units,
                             const UnitReports& reports) {
  TemplateNoticeRow row;
  row.number = initiative.number;
  row.initiative = initiative.title;
  row.units = std::move(units);
  row.unit = unit;
  row.unit_name = unit_name(plan, unit);
  if (reports.current) {
    if (const InitiativeProgress* p = reports.current->content().find_progress(initiative.number)) {
      row.narrative = p->narrative;
      row.expected_completion = p->expected_completion;
    }
  }
  return row;
}

// The rows of `unit` for `initiative`: its narrative and the targets whose values count for it.
void add_unit_rows(const Plan& plan, const Initiative& initiative, const std::string& unit,
                   const std::string& units, const UnitReports& reports, ClerkTemplate& out) {
  out.notice.push_back(notice_row(plan, initiative, unit, units, reports));
  for (const Target& t : initiative.targets) {
    const std::vector<std::string> contributors = initiative.contributors_of(t);
    if (std::find(contributors.begin(), contributors.end(), unit) == contributors.end()) continue;
    out.data.push_back(data_row(plan, t, unit, reports));
  }
}

// ---- CSV: one table in the progress CSV's columns, after the identity line

constexpr const char* kCsvHeader[] = {"单位",     "报告期",   "序号",     "实事名称",
                                      "本季度具体措施及任务进度情况",   "完成时限", "目标编号",
                                      "目标内容", "计量单位", "目标值",   "上期累计",
                                      "本期数值", "说明"};

std::string identity_line(const TemplateIdentity& id) {
  return std::string(present::kTemplateLinePrefix) + " plan=" + id.plan +
         "; plan_version=" + std::to_string(id.plan_version) + "; unit=" + id.unit +
         "; period=" + id.period.to_string() + "; kind=" + to_string(id.kind);
}

std::string render_csv(const ClerkTemplate& form) {
  std::string out = "\xEF\xBB\xBF";
  const auto line = [&out](const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) out += ',';
      out += present::csv_field(fields[i]);
    }
    out += "\r\n";
  };
  out += identity_line(form.identity) + "\r\n";
  line(std::vector<std::string>(std::begin(kCsvHeader), std::end(kCsvHeader)));
  const std::string period = form.identity.period.to_string();
  for (const TemplateNoticeRow& r : form.notice) {
    line({r.unit_name, period, std::to_string(r.number), r.initiative, r.narrative,
          r.expected_completion ? r.expected_completion->to_string() : "", "", "", "", "", "", "",
          ""});
  }
  for (const TemplateDataRow& r : form.data) {
    line({r.unit_name, period, "", "", "", "", r.target, r.description, r.unit_of_measure,
          r.goal ? r.goal->to_string() : "", r.previous ? r.previous->to_string() : "", r.value,
          r.comment});
  }
  return out;
}

}  // namespace

const char* to_string(TemplateKind kind) noexcept {
  return kind == TemplateKind::consolidated ? "consolidated" : "unit";
}

std::optional<TemplateKind> template_kind_from_string(std::string_view text) noexcept {
  if (text == "unit") return TemplateKind::unit;
  if (text == "consolidated") return TemplateKind::consolidated;
  return std::nullopt;
}

ClerkTemplate unit_template(const Ledger& ledger, std::string_view plan_code,
                            std::string_view unit, const Period& period) {
  const Plan plan = ledger.plan(plan_code);
  ClerkTemplate out;
  out.identity = {plan.code, plan_version(ledger, plan.code), std::string(unit), period,
                  TemplateKind::unit};
  out.title = title_of(plan);
  out.unit_name = unit_name(plan, out.identity.unit);
  const UnitReports reports = reports_of(ledger, plan, out.identity.unit, period);
  for (const Initiative& i : plan.initiatives) {
    if (i.find_assignment(unit) == nullptr) continue;
    std::string units;
    for (const Assignment& a : i.assignments) {
      units += (units.empty() ? "" : "、") + unit_name(plan, a.unit);
    }
    add_unit_rows(plan, i, out.identity.unit, units, reports, out);
  }
  if (out.notice.empty()) {
    throw NotFoundError(Message("unit \"{unit}\" is not assigned to any initiative of plan \"{plan}\"",
                                {{"unit", out.identity.unit}, {"plan", plan.code}}));
  }
  return out;
}

ClerkTemplate consolidated_template(const Ledger& ledger, std::string_view plan_code,
                                    const Period& period) {
  const Plan plan = ledger.plan(plan_code);
  ClerkTemplate out;
  out.identity = {plan.code, plan_version(ledger, plan.code), "", period,
                  TemplateKind::consolidated};
  out.title = title_of(plan);
  std::map<std::string, UnitReports> reports;
  for (const Initiative& i : plan.initiatives) {
    for (const Assignment& a : i.assignments) {
      auto [it, fresh] = reports.try_emplace(a.unit);
      if (fresh) it->second = reports_of(ledger, plan, a.unit, period);
      add_unit_rows(plan, i, a.unit, unit_name(plan, a.unit), it->second, out);
    }
  }
  // The data rows unit by unit (by code), each unit's in the order of the plan.
  std::stable_sort(out.data.begin(), out.data.end(),
                   [](const TemplateDataRow& a, const TemplateDataRow& b) { return a.unit < b.unit; });
  return out;
}

std::string render_template(const ClerkTemplate& form, FormFormat format) {
  switch (format) {
    case FormFormat::csv: return render_csv(form);
    case FormFormat::xlsx: return render_template_xlsx(form);
    default: break;
  }
  throw ValidationError(Message("a template is written as xlsx or csv, not {format}",
                                {{"format", to_string(format)}}),
                        Location{});
}

void write_template(const ClerkTemplate& form, FormFormat format,
                    const std::filesystem::path& path) {
  const std::string bytes = render_template(form, format);
  try {
    util::write_file_atomic(path, bytes);
  } catch (const IoError& e) {
    throw IoError(e.message(), Location{path.string(), 0, 0, ""});
  }
}

}  // namespace taizhang
