#include "taizhang/outline.hpp"

#include <string>

#include "taizhang/quantity.hpp"

namespace taizhang {

namespace {

const char* accumulation_label(Accumulation a) {
  switch (a) {
    case Accumulation::incremental: return "逐期累加";
    case Accumulation::cumulative: return "累计数";
    case Accumulation::level: return "时点值";
  }
  return "";
}

const char* combination_label(Combination c) {
  switch (c) {
    case Combination::sum: return "各单位合计";
    case Combination::lead_only: return "仅计牵头单位";
    case Combination::max: return "取各单位最大值";
    case Combination::mean: return "取各单位平均值";
  }
  return "";
}

const char* period_label(PeriodKind k) {
  switch (k) {
    case PeriodKind::year: return "按年度";
    case PeriodKind::quarter: return "按季度";
    case PeriodKind::month: return "按月";
  }
  return "";
}

std::string join_names(const Plan& plan, const std::vector<std::string>& codes) {
  std::string out;
  for (const std::string& code : codes) {
    if (!out.empty()) out += "、";
    const Unit* unit = plan.find_unit(code);
    out += unit != nullptr ? unit->name : code;
  }
  return out;
}

// "18000名", "比基数提高10%（基数待定）", "里程碑".
std::string goal_text(const Target& t) {
  if (t.measure == Measure::milestone) return "里程碑";
  if (t.measure == Measure::qualitative) return "定性";
  if (!t.value) return "（未定）";
  const std::string v = Quantity{*t.value, t.unit}.to_string();
  std::string base;
  if (t.baseline && t.baseline->value) {
    base = "基数" + Quantity{*t.baseline->value, t.unit}.to_string();
  }
  switch (t.form) {
    case TargetForm::absolute: return base.empty() ? v : v + "（" + base + "）";
    case TargetForm::rise_percent: {
      std::string out = "比基数提高" + t.value->to_string() + "%";
      if (const auto goal = t.goal()) {
        out += "（" + base + "，目标" + Quantity{*goal, t.unit}.to_string() + "）";
      } else {
        out += "（基数待定）";
      }
      return out;
    }
    case TargetForm::rise_amount: {
      std::string out = "比基数增加" + v;
      if (const auto goal = t.goal()) {
        out += "（" + base + "，目标" + Quantity{*goal, t.unit}.to_string() + "）";
      } else {
        out += "（基数待定）";
      }
      return out;
    }
  }
  return v;
}

}  // namespace

std::string render_outline(const Plan& plan) {
  std::string out;
  out += plan.title + "\n";
  std::string line = plan.issuer;
  if (plan.year != 0) line += (line.empty() ? "" : " · ") + std::to_string(plan.year) + "年";
  if (!plan.source.number.empty()) line += " · " + plan.source.number;
  if (!plan.source.title.empty()) line += " · " + plan.source.title;
  if (!line.empty()) out += line + "\n";
  out += "实施期 " + plan.start.to_string() + " 至 " + plan.end.to_string() + "；" +
         period_label(plan.reporting) + "报送进展，每期结束后" +
         std::to_string(plan.report_due_days) + "日内报";
  const Unit* coordinator = plan.find_unit(plan.coordinator);
  out += coordinator != nullptr ? coordinator->name : plan.coordinator;
  std::string contact;
  if (!plan.contact.phone.empty()) contact += "电话 " + plan.contact.phone;
  if (!plan.contact.email.empty()) {
    contact += (contact.empty() ? "" : "，") + std::string("邮箱 ") + plan.contact.email;
  }
  if (!contact.empty()) out += "（" + contact + "）";
  out += "\n";
  std::size_t targets = 0;
  for (const Initiative& i : plan.initiatives) targets += i.targets.size();
  out += std::to_string(plan.initiatives.size()) + "项实事，" + std::to_string(targets) +
         "项目标，" + std::to_string(plan.units.size()) + "个单位\n";

  for (const Initiative& i : plan.initiatives) {
    out += "\n" + chinese_ordinal(i.number) + "、" + i.title;
    if (i.deadline) out += "（完成时限 " + i.deadline->to_string() + "）";
    out += "\n";
    std::vector<std::string> leads;
    std::vector<std::string> others;
    for (const Assignment& a : i.assignments)
      (a.role == AssignmentRole::lead ? leads : others).push_back(a.unit);
    out += "    牵头单位：" + join_names(plan, leads) + "\n";
    if (!others.empty()) out += "    责任单位：" + join_names(plan, others) + "\n";
    for (const Target& t : i.targets) {
      out += "    " + t.code + "  " + t.description + "：" + goal_text(t);
      if (t.is_numeric()) {
        out += " · " + std::string(accumulation_label(t.accumulation));
        const std::vector<std::string> contributors = i.contributors_of(t);
        if (contributors.size() > 1) {
          out += " · " + std::string(combination_label(t.combination)) + "（" +
                 join_names(plan, contributors) + "）";
        } else if (!t.contributors.empty()) {
          out += " · 由" + join_names(plan, contributors) + "报送";
        }
      }
      if (t.direction == Direction::lower_is_better) out += " · 越低越好";
      out += " · 截止 " + plan.deadline_of(i, t).to_string();
      if (!t.note.empty()) out += "（" + t.note + "）";
      out += "\n";
    }
    for (const Parameter& p : i.parameters) {
      out += "    参数  " + p.name + "：" + (p.basis.empty() ? "" : p.basis) +
             Quantity{p.value, p.unit}.to_string() + "\n";
    }
  }
  return out;
}

}  // namespace taizhang
