// What changed between two versions of a plan, in words (plan_diff.hpp).
#include "taizhang/plan_diff.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "taizhang/initiative.hpp"
#include "taizhang/quantity.hpp"
#include "taizhang/target.hpp"

namespace taizhang {

const char* to_string(PlanChangeKind kind) noexcept {
  switch (kind) {
    case PlanChangeKind::added: return "added";
    case PlanChangeKind::removed: return "removed";
    case PlanChangeKind::changed: return "changed";
  }
  return "";
}

std::optional<PlanChangeKind> plan_change_kind_from_string(std::string_view text) noexcept {
  for (const PlanChangeKind k :
       {PlanChangeKind::added, PlanChangeKind::removed, PlanChangeKind::changed}) {
    if (text == to_string(k)) return k;
  }
  return std::nullopt;
}

namespace {

std::string date_text(const std::optional<Date>& d, const char* none) {
  if (!d) return none;
  return std::to_string(d->year()) + "年" + std::to_string(d->month()) + "月" +
         std::to_string(d->day()) + "日";
}

std::string quantity_text(const std::optional<Decimal>& v, const std::string& unit) {
  return v ? Quantity{*v, unit}.to_string() : "（无）";
}

std::string initiative_name(int number) {
  return "实事" + chinese_ordinal(number);
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : "、") + s;
  return out.empty() ? "（无）" : out;
}

class Differ {
 public:
  Differ(const Plan& before, const Plan& after) : before_(before), after_(after) {}

  std::vector<PlanChange> run() {
    plan_fields();
    units();
    initiatives();
    return std::move(changes_);
  }

 private:
  // A unit as people name it: its name in the newer plan (else the older), else its code.
  [[nodiscard]] std::string unit_name(const std::string& code) const {
    if (const Unit* u = after_.find_unit(code)) return u->name;
    if (const Unit* u = before_.find_unit(code)) return u->name;
    return code;
  }
  [[nodiscard]] std::vector<std::string> unit_names(const std::vector<std::string>& codes) const {
    std::vector<std::string> out;
    for (const std::string& c : codes) out.push_back(unit_name(c));
    return out;
  }

  void changed(const std::string& subject, const std::string& field, const std::string& from,
               const std::string& to) {
    if (from == to) return;
    changes_.push_back({PlanChangeKind::changed, subject, field, from, to,
                        subject + " " + field + " " + from + " → " + to});
  }
  void added(const std::string& subject, const std::string& field, const std::string& what,
             const std::string& text) {
    changes_.push_back({PlanChangeKind::added, subject, field, "", what, text});
  }
  void removed(const std::string& subject, const std::string& field, const std::string& what,
               const std::string& text) {
    changes_.push_back({PlanChangeKind::removed, subject, field, what, "", text});
  }

  void plan_fields() {
    changed("计划", "标题", before_.title, after_.title);
    changed("计划", "发文单位", before_.issuer, after_.issuer);
    changed("计划", "年度", std::to_string(before_.year), std::to_string(after_.year));
    changed("计划", "起止", date_text(before_.start, "") + "—" + date_text(before_.end, ""),
            date_text(after_.start, "") + "—" + date_text(after_.end, ""));
    changed("计划", "报送周期", to_string(before_.reporting), to_string(after_.reporting));
    changed("计划", "牵头协调单位", unit_name(before_.coordinator), unit_name(after_.coordinator));
    changed("计划", "报送期限", "期末后" + std::to_string(before_.report_due_days) + "天",
            "期末后" + std::to_string(after_.report_due_days) + "天");
    changed("计划", "容差", before_.tolerance.to_string(), after_.tolerance.to_string());
    changed("计划", "应报单位", to_string(before_.reporting_rules.reporters),
            to_string(after_.reporting_rules.reporters));
    changed("计划", "超目标核实倍数", before_.reporting_rules.over_goal.to_string(),
            after_.reporting_rules.over_goal.to_string());
    changed("计划", "跳变核实倍数", before_.reporting_rules.jump.to_string(),
            after_.reporting_rules.jump.to_string());
  }

  void units() {
    for (const Unit& u : after_.units) {
      const Unit* old = before_.find_unit(u.code);
      if (old == nullptr) {
        added("单位 " + u.code, "", u.name, "单位 新增 " + u.name + "（" + u.code + "）");
        continue;
      }
      changed("单位 " + u.code, "名称", old->name, u.name);
      changed("单位 " + u.code, "类别", to_string(old->kind), to_string(u.kind));
    }
    for (const Unit& u : before_.units) {
      if (after_.find_unit(u.code) == nullptr) {
        removed("单位 " + u.code, "", u.name, "单位 删除 " + u.name + "（" + u.code + "）");
      }
    }
  }

  void initiatives() {
    for (const Initiative& i : after_.initiatives) {
      const Initiative* old = before_.find_initiative(i.number);
      const std::string name = initiative_name(i.number);
      if (old == nullptr) {
        added(name, "", i.title, "新增 " + name + " " + i.title);
      } else {
        changed(name, "名称", old->title, i.title);
        changed(name, "完成时限", date_text(old->deadline, "年内"), date_text(i.deadline, "年内"));
        assignments(name, *old, i);
      }
      targets_of(name, old, i);
    }
    for (const Initiative& i : before_.initiatives) {
      if (after_.find_initiative(i.number) == nullptr) {
        const std::string name = initiative_name(i.number);
        removed(name, "", i.title, "删除 " + name + " " + i.title);
      }
    }
  }

  void assignments(const std::string& name, const Initiative& old, const Initiative& now) {
    changed(name, "牵头单位", join(unit_names(old.lead_units())),
            join(unit_names(now.lead_units())));
    for (const Assignment& a : now.assignments) {
      const Assignment* was = old.find_assignment(a.unit);
      if (was == nullptr) {
        added(name, "责任单位", unit_name(a.unit), name + " 责任单位 增加 " + unit_name(a.unit));
        continue;
      }
      changed(name + " " + unit_name(a.unit), "责任科室", was->division, a.division);
      changed(name + " " + unit_name(a.unit), "责任人", was->person, a.person);
    }
    for (const Assignment& a : old.assignments) {
      if (now.find_assignment(a.unit) == nullptr) {
        removed(name, "责任单位", unit_name(a.unit), name + " 责任单位 减少 " + unit_name(a.unit));
      }
    }
  }

  // The targets of initiative `now` (numbered as `name`), against the older plan's.
  void targets_of(const std::string& name, const Initiative* old, const Initiative& now) {
    for (const Target& t : now.targets) {
      const Target* was = before_.find_target(t.code);
      if (was == nullptr) {
        added(name, "目标", t.code, name + " 新增目标 " + t.code + " " + t.description);
        continue;
      }
      const Initiative* held = before_.initiative_of(t.code);
      if (held != nullptr && held->number != now.number) {
        changed("目标 " + t.code, "所属实事", initiative_name(held->number), name);
      }
      target_fields(*was, t);
    }
    if (old == nullptr) return;
    for (const Target& t : old->targets) {
      if (after_.find_target(t.code) == nullptr) {
        removed(name, "目标", t.code, name + " 删除目标 " + t.code + " " + t.description);
      }
    }
  }

  void target_fields(const Target& was, const Target& now) {
    const std::string subject = now.code;
    changed(subject, "内容", was.description, now.description);
    changed(subject, "目标值", quantity_text(was.value, was.unit),
            quantity_text(now.value, now.unit));
    changed(subject, "计量单位", was.unit, now.unit);
    changed(subject, "类别", to_string(was.measure), to_string(now.measure));
    changed(subject, "基数", was.baseline ? quantity_text(was.baseline->value, was.unit) : "（无）",
            now.baseline ? quantity_text(now.baseline->value, now.unit) : "（无）");
    changed(subject, "完成时限", date_text(was.deadline, "随实事"),
            date_text(now.deadline, "随实事"));
    changed(subject, "计入单位", join(unit_names(was.contributors)),
            join(unit_names(now.contributors)));
    changed(subject, "权重", was.weight.to_string(), now.weight.to_string());
    changed(subject, "累计方式", to_string(was.accumulation), to_string(now.accumulation));
    changed(subject, "汇总方式", to_string(was.combination), to_string(now.combination));
    changed(subject, "方向", to_string(was.direction), to_string(now.direction));
    changed(subject, "范围", was.scope, now.scope);
    std::vector<std::string> was_stages;
    std::vector<std::string> now_stages;
    for (const MilestoneStage& s : was.stages) was_stages.push_back(s.name);
    for (const MilestoneStage& s : now.stages) now_stages.push_back(s.name);
    changed(subject, "节点", join(was_stages), join(now_stages));
  }

  const Plan& before_;
  const Plan& after_;
  std::vector<PlanChange> changes_;
};

}  // namespace

std::vector<PlanChange> diff_plans(const Plan& before, const Plan& after) {
  return Differ(before, after).run();
}

}  // namespace taizhang
