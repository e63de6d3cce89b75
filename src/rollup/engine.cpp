#include "rollup/engine.hpp"

#include <algorithm>
#include <unordered_map>

#include "rollup/rules.hpp"

namespace taizhang::rollup {

namespace {

// One contributing unit of a target, with its values by period up to the as-of period.
struct Slot {
  std::string code;
  std::int32_t unit = kNone;  // the unit's id in the snapshot (kNone: it never reported)
  bool lead = false;
  std::vector<std::optional<Decimal>> cells;  // by position − 1
  std::vector<std::int16_t> stages;           // milestones only: the stage of each cell (an id)
};

struct TargetWork {
  const Initiative* initiative = nullptr;
  const Target* target = nullptr;
  Date deadline;
  int deadline_position = 0;
  std::vector<Slot> slots;
  // What target() found, for the initiatives and the plan.
  std::optional<Decimal> r;
  Decimal e;
  bool has_data = false;
};

constexpr std::int16_t kNoStage = -1;

// What a unit handed in for one period, for the compliance rules.
struct Handed {
  std::optional<std::int64_t> first_submitted_ms;
  std::optional<std::int64_t> returned_ms;  // returned and not handed in again
  std::int32_t content = kNone;             // the content last handed in (as recorded by then)
};

std::string decimal_text(const std::optional<Decimal>& d) {
  return d ? d->to_string() : "—";
}

std::string ratio_text(const Decimal& d) {
  return d.rounded(4).to_string();
}

Accumulation effective_accumulation(const Target& t) {
  return t.measure == Measure::milestone ? Accumulation::level : t.accumulation;
}

double as_double(const Decimal& d) {
  return d.to_double();
}

class Computation {
 public:
  Computation(const Snapshot& snapshot, const Plan& plan, int version, const RollupQuery& query,
              Explanation* explain, std::string_view explain_target)
      : snap_(snapshot),
        plan_(plan),
        periods_(plan.periods()),
        explain_(explain),
        explain_target_(explain_target) {
    out_.query = query;
    out_.plan_version = version;
    if (!out_.query.today) out_.query.today = query.as_of.last_day();
    today_ = *out_.query.today;
    as_of_position_ = period_position(periods_, query.as_of);
    if (query.recorded_at) until_ms_ = query.recorded_at->time_since_epoch().count();
    counting_ = detail::counting(query.accepted_only, query.include_drafts);
    for (std::size_t k = 0; k < plan.units.size(); ++k) {
      const std::int32_t id = snapshot.unit_id(plan.units[k].code);
      if (id != kNone) local_units_.emplace(id, static_cast<int>(k));
    }
    handed_.resize(plan.units.size() * static_cast<std::size_t>(std::max(as_of_position_, 0)));
  }

  Rollup run() {
    prepare_targets();
    gather();
    mark_counted_inputs();
    for (TargetWork& w : work_) out_.targets.push_back(guarded_target(w));
    initiatives_and_plan();
    units_and_chasing();
    return std::move(out_);
  }

 private:
  void prepare_targets() {
    const SnapPlan* sp = snap_.plan(plan_.code);
    if (sp != nullptr) by_snap_target_.assign(sp->target_codes.size(), kNone);
    for (const Initiative& i : plan_.initiatives) {
      const std::vector<std::string> leads = i.lead_units();
      for (const Target& t : i.targets) {
        TargetWork w;
        w.initiative = &i;
        w.target = &t;
        w.deadline = plan_.deadline_of(i, t);
        w.deadline_position =
            period_position(periods_, Period::containing(w.deadline, plan_.reporting));
        for (const std::string& code : i.contributors_of(t)) {
          Slot slot;
          slot.code = code;
          slot.unit = snap_.unit_id(code);
          slot.lead = std::find(leads.begin(), leads.end(), code) != leads.end();
          slot.cells.resize(static_cast<std::size_t>(std::max(as_of_position_, 0)));
          if (t.measure == Measure::milestone) slot.stages.assign(slot.cells.size(), kNoStage);
          w.slots.push_back(std::move(slot));
        }
        if (sp != nullptr) {
          const auto it = sp->target_ids.find(t.code);
          if (it != sp->target_ids.end()) {
            by_snap_target_[static_cast<std::size_t>(it->second)] =
                static_cast<std::int32_t>(work_.size());
          }
        }
        work_.push_back(std::move(w));
      }
    }
  }

  // Walks the plan's reports once: the values each contributing unit counts, and what each unit
  // handed in when.
  void gather() {
    const SnapPlan* sp = snap_.plan(plan_.code);
    if (sp == nullptr) return;
    for (const std::int32_t r : sp->reports) {
      const SnapReport& report = snap_.reports[static_cast<std::size_t>(r)];
      const int position = exact_position(report.period);
      if (position <= 0 || position > as_of_position_) continue;
      const ReportState state = snap_.state(r, until_ms_);
      if (!state.exists) continue;
      // (A unit the plan no longer lists has no compliance figures; its values still count.)
      if (const int local = local_unit(report.unit); local != kNone) {
        handed_[handed_index(local, position)] =
            Handed{state.first_submitted_ms, state.returned_ms, state.last_hand_in};
      }
      const std::int32_t c = state.counted(counting_);
      if (c == kNone) continue;
      const Content& content = snap_.contents[static_cast<std::size_t>(c)];
      for (std::uint32_t v = content.values_begin; v < content.values_end; ++v) {
        const std::int32_t snap_target = snap_.value_target(v);
        if (static_cast<std::size_t>(snap_target) >= by_snap_target_.size()) continue;
        const std::int32_t index = by_snap_target_[static_cast<std::size_t>(snap_target)];
        if (index == kNone) continue;
        TargetWork& w = work_[static_cast<std::size_t>(index)];
        const auto cell = static_cast<std::size_t>(position - 1);
        for (Slot& slot : w.slots) {
          if (slot.unit != report.unit) continue;
          if (w.target->measure == Measure::milestone) {
            const std::int16_t stage_id = snap_.value_stage(v);
            const std::string& stage = snap_.stage_names[static_cast<std::size_t>(stage_id)];
            slot.cells[cell] = stage.empty() ? std::nullopt : stage_share(*w.target, stage);
            slot.stages[cell] = stage_id;
          } else {
            slot.cells[cell] = snap_.value(v);
          }
        }
        if (explain_ != nullptr && w.target->code == explain_target_) {
          note_input(w, report, c, position, v);
        }
      }
    }
  }

  void note_input(const TargetWork& w, const SnapReport& report, std::int32_t c, int position,
                  std::uint32_t v) {
    ExplanationInput in;
    in.report = ReportKey{plan_.code, snap_.unit_codes[static_cast<std::size_t>(report.unit)],
                          report.period};
    const std::int64_t revision_id = snap_.contents[static_cast<std::size_t>(c)].revision_id;
    for (std::int32_t e = report.first_event; e != kNone;
         e = snap_.events[static_cast<std::size_t>(e)].next) {
      const Event& event = snap_.events[static_cast<std::size_t>(e)];
      if (event.revision_id == revision_id) {
        in.revision = event.number;
        in.recorded_at = Timestamp{std::chrono::milliseconds(event.recorded_ms)};
      }
    }
    in.target = w.target->code;
    in.value = snap_.value(v);
    in.stage = snap_.stage_names[static_cast<std::size_t>(snap_.value_stage(v))];
    explain_->inputs.push_back(std::move(in));
    const auto slot = std::find_if(w.slots.begin(), w.slots.end(),
                                   [&](const Slot& s) { return s.unit == report.unit; });
    pending_inputs_.push_back(
        {&w, slot == w.slots.end() ? -1 : static_cast<int>(slot - w.slots.begin()), position});
  }

  // Whether each input noted for the explanation went into the figure (known only once every
  // report has been walked): a contributing unit's value that rules 1 and 2 use — every period of
  // an incremental target, only the latest reported period of a cumulative, level or milestone
  // one; not a unit that lead_only leaves out, nor one whose value max passes over.
  void mark_counted_inputs() {
    if (explain_ == nullptr) return;
    for (std::size_t k = 0; k < pending_inputs_.size(); ++k) {
      const PendingInput& p = pending_inputs_[k];
      bool counted = false;
      if (p.slot >= 0) {
        const TargetWork& w = *p.work;
        const Target& t = *w.target;
        const Slot& slot = w.slots[static_cast<std::size_t>(p.slot)];
        const Accumulation accumulation = effective_accumulation(t);
        std::vector<PeriodValue> series = series_of(slot);
        counted =
            slot.cells[static_cast<std::size_t>(p.position - 1)].has_value() &&
            (accumulation == Accumulation::incremental || series.back().position == p.position) &&
            (t.combination != Combination::lead_only || slot.lead);
        if (counted && t.combination == Combination::max) {
          std::vector<UnitAmount> amounts;
          for (const Slot& s : w.slots) {
            amounts.push_back({unit_value(accumulation, series_of(s)), s.lead});
          }
          counted = unit_value(accumulation, series) == combine(t.combination, amounts);
        }
      }
      explain_->inputs[k].counted = counted;
      if (p.slot >= 0) {
        explain_->inputs[k].warning =
            warning_at(*p.work, p.work->slots[static_cast<std::size_t>(p.slot)], p.position);
      }
    }
  }

  // 需核实: why the slot's value at `position` looks implausible, or "" (rollup::implausible, with
  // the unit's value in its latest earlier period).
  std::string warning_at(const TargetWork& w, const Slot& slot, int position) const {
    const Target& t = *w.target;
    if (!t.is_numeric()) return {};
    const auto& cell = slot.cells[static_cast<std::size_t>(position - 1)];
    if (!cell) return {};
    std::optional<Decimal> previous;
    for (int k = position - 1; k >= 1 && t.accumulation != Accumulation::incremental; --k) {
      if (const auto& before = slot.cells[static_cast<std::size_t>(k - 1)]) {
        previous = before;
        break;
      }
    }
    return implausible(t, plan_.reporting_rules, *cell, previous);
  }

  static std::vector<PeriodValue> series_of(const Slot& slot) {
    std::vector<PeriodValue> series;
    for (std::size_t k = 0; k < slot.cells.size(); ++k) {
      if (slot.cells[k]) series.push_back({static_cast<int>(k + 1), *slot.cells[k]});
    }
    return series;
  }

  // The position of `period` among the plan's periods (1-based), 0 when it is not one of them.
  // The plan's periods are consecutive ones of one kind, so this is arithmetic on the count of
  // periods since the first (a Period comparison works out calendar days; this is on every report).
  int exact_position(const Period& period) const {
    if (periods_.empty() || period.kind() != periods_.front().kind()) return 0;
    const auto count = [](const Period& p) {
      const int per_year = p.kind() == PeriodKind::month     ? 12
                           : p.kind() == PeriodKind::quarter ? 4
                                                             : 1;
      return p.year_number() * per_year + p.index() - 1;
    };
    const long offset = count(period) - count(periods_.front());
    if (offset < 0 || offset >= static_cast<long>(periods_.size())) return 0;
    return periods_[static_cast<std::size_t>(offset)] == period ? static_cast<int>(offset + 1) : 0;
  }

  // The unit's index in plan_.units, kNone when the plan does not list it.
  int local_unit(std::int32_t snap_unit) const {
    const auto it = local_units_.find(snap_unit);
    return it == local_units_.end() ? kNone : it->second;
  }

  [[nodiscard]] std::size_t handed_index(int local, int position) const {
    return static_cast<std::size_t>(local) * static_cast<std::size_t>(as_of_position_) +
           static_cast<std::size_t>(position - 1);
  }

  std::string stage_name(const Slot& slot, int position) const {
    if (slot.stages.empty()) return {};
    const std::int16_t id = slot.stages[static_cast<std::size_t>(position - 1)];
    return id == kNoStage ? std::string() : snap_.stage_names[static_cast<std::size_t>(id)];
  }

  // Records an explanation step; `text` builds it only when a figure is being explained, so a
  // plain roll-up pays nothing for explanations.
  template <class Text>
  void step(Text&& text) {
    if (explaining_) explain_->steps.push_back(text());
  }

  // The first and the latest period (positions) in which any contributing unit reported, 0 when
  // none did; rule 6 draws its line through them.
  struct ReportedSpan {
    int first = 0;
    int latest = 0;
  };

  // One target's roll-up: rules 1 to 6 of docs/rollup.md ("Per target") in order, each step
  // recorded for an explanation of this target; leaves r, e and has_data in `w` for its initiative
  // and plan.
  TargetRollup target(TargetWork& w) {
    TargetRollup out = start_target(w);
    const Target& t = *w.target;
    const Accumulation accumulation = effective_accumulation(t);
    const ReportedSpan span = combine_units(w, accumulation, out);
    const bool has_data = out.actual.has_value();
    const std::optional<Decimal> r = completion_rule(t, has_data, out);
    const Decimal e = expected_and_status(w, r, has_data, out);
    flag_implausible(w, out);
    if (has_data) forecast_rule(w, accumulation, span, out);
    explaining_ = false;
    w.r = r;
    w.e = e;
    w.has_data = has_data;
    return out;
  }

  // Starts explaining when `w` is the target asked about (guarded_target() reads explaining_ too
  // when the figures overflow) and fills in what the plan itself says of the target.
  TargetRollup start_target(const TargetWork& w) {
    const Target& t = *w.target;
    explaining_ = explain_ != nullptr && t.code == explain_target_;
    if (explaining_) {
      explain_->subject = "target " + t.code + " as of " + out_.query.as_of.to_string() +
                          (out_.query.include_drafts ? " (含草稿: a preview counting drafts)" : "");
    }
    TargetRollup out;
    out.code = t.code;
    out.initiative = w.initiative->number;
    out.goal = t.goal();
    if (t.baseline && t.baseline->value) out.baseline = t.baseline->value;
    out.deadline = w.deadline;
    return out;
  }

  // Rules 1 and 2: each unit's value at the as-of period (its contribution), then the units'
  // values combined into the target's actual.
  ReportedSpan combine_units(const TargetWork& w, Accumulation accumulation, TargetRollup& out) {
    const Target& t = *w.target;
    std::vector<UnitAmount> amounts;
    ReportedSpan span;
    for (const Slot& slot : w.slots) {
      const std::vector<PeriodValue> series = series_of(slot);
      Contribution contribution;
      contribution.unit = slot.code;
      contribution.value = unit_value(accumulation, series);
      if (!series.empty()) {
        contribution.latest = periods_[static_cast<std::size_t>(series.back().position - 1)];
        contribution.stage = stage_name(slot, series.back().position);
        if (span.first == 0 || series.front().position < span.first) {
          span.first = series.front().position;
        }
        span.latest = std::max(span.latest, series.back().position);
      }
      step([&] {
        return "rule 1 (" + std::string(to_string(accumulation)) + "): " + slot.code + " → " +
               decimal_text(contribution.value) + describe(series, accumulation);
      });
      amounts.push_back({contribution.value, slot.lead});
      out.contributions.push_back(std::move(contribution));
    }
    out.actual = combine(t.combination, amounts);
    step([&] {
      return "rule 2 (" + std::string(to_string(t.combination)) + " of " +
             std::to_string(w.slots.size()) +
             " contributing unit(s)): actual = " + decimal_text(out.actual);
    });
    return span;
  }

  // Rule 3: the completion ratio r of the actual against the goal (from the baseline).
  std::optional<Decimal> completion_rule(const Target& t, bool has_data, TargetRollup& out) {
    std::optional<Decimal> r;
    if (has_data) r = completion(t, *out.actual);
    if (r) out.completion = as_double(*r);
    step([&] {
      return "rule 3: goal " + decimal_text(out.goal) + ", baseline " + decimal_text(out.baseline) +
             (t.direction == Direction::lower_is_better ? ", lower is better" : "") +
             " → r = " + (r ? ratio_text(*r) : std::string("—"));
    });
    return r;
  }

  // Rules 4 and 5: the share e expected by the as-of period, and the status r earns against it.
  Decimal expected_and_status(const TargetWork& w, const std::optional<Decimal>& r, bool has_data,
                              TargetRollup& out) {
    const Target& t = *w.target;
    const Decimal e = expected_share(t, out_.query.as_of, as_of_position_, w.deadline_position);
    out.expected = as_double(e);
    out.status = status(t.is_measurable(), r, has_data, e, plan_.tolerance, w.deadline, today_);
    step([&] {
      return "rule 4: e = " + ratio_text(e) +
             (t.trajectory.empty()
                  ? " (linear: " + std::to_string(std::min(as_of_position_, w.deadline_position)) +
                        " of " + std::to_string(w.deadline_position) + " periods)"
                  : " (explicit trajectory)");
    });
    step([&] {
      return "rule 5: tolerance " + plan_.tolerance.to_string() + ", deadline " +
             w.deadline.to_string() + ", today " + today_.to_string() + " → " +
             to_string(out.status);
    });
    return e;
  }

  // 需核实: the counted values that look implausible.
  void flag_implausible(const TargetWork& w, TargetRollup& out) {
    for (const Slot& slot : w.slots) {
      for (int position = 1; position <= static_cast<int>(slot.cells.size()); ++position) {
        std::string why = warning_at(w, slot, position);
        if (why.empty()) continue;
        out.warnings.push_back(slot.code + " " +
                               periods_[static_cast<std::size_t>(position - 1)].to_string() + ": " +
                               why);
        step([&] { return "需核实: " + out.warnings.back(); });
      }
    }
  }

  // Rule 6, for a target with data: the forecast at the deadline and the outlook it gives.
  void forecast_rule(const TargetWork& w, Accumulation accumulation, const ReportedSpan& span,
                     TargetRollup& out) {
    const Target& t = *w.target;
    std::vector<PeriodValue> points;
    if (span.first > 0 && span.first < span.latest && accumulation != Accumulation::incremental) {
      if (const auto v = actual_until(w, accumulation, span.first)) {
        points.push_back({span.first, *v});
      }
    }
    // Incremental: the pace over all the periods so far; otherwise the line through the first
    // and the latest reported points.
    points.push_back(
        {accumulation == Accumulation::incremental ? as_of_position_ : span.latest, *out.actual});
    out.forecast = forecast(t, points, as_of_position_, w.deadline_position,
                            out.status == ProgressStatus::achieved);
    std::optional<Decimal> fr;
    if (out.forecast) fr = completion(t, *out.forecast);
    if (fr) out.forecast_completion = as_double(*fr);
    out.outlook = outlook(fr);
    step([&] {
      if (!out.forecast) {
        return std::string("rule 6: no forecast (") +
               (out.status == ProgressStatus::achieved ? "achieved already"
                : t.measure == Measure::milestone      ? "a milestone"
                                                       : "nothing to project") +
               ")";
      }
      return "rule 6: forecast at " + w.deadline.to_string() + " = " + decimal_text(out.forecast) +
             " → " + to_string(out.outlook);
    });
  }

  // The target's actual (rules 1 and 2) counting only the periods up to `position`: rule 6's first
  // point.
  std::optional<Decimal> actual_until(const TargetWork& w, Accumulation accumulation,
                                      int position) const {
    std::vector<UnitAmount> amounts;
    for (const Slot& slot : w.slots) {
      std::vector<PeriodValue> series;
      for (int k = 0; k < position; ++k) {
        const auto& cell = slot.cells[static_cast<std::size_t>(k)];
        if (cell) series.push_back({k + 1, *cell});
      }
      amounts.push_back({unit_value(accumulation, series), slot.lead});
    }
    return combine(w.target->combination, amounts);
  }

  // target(), with a figure that cannot be computed (a sum beyond exact decimals) reported on that
  // target alone: no data, r counted as 0 in its initiative and the plan.
  TargetRollup guarded_target(TargetWork& w) {
    try {
      return target(w);
    } catch (const OverflowError& e) {
      const Target& t = *w.target;
      TargetRollup out;
      out.code = t.code;
      out.initiative = w.initiative->number;
      out.deadline = w.deadline;
      out.problem = "the figures of target " + t.code + " cannot be computed: " + e.message();
      try {
        out.goal = t.goal();
      } catch (const OverflowError&) {
        out.goal.reset();
      }
      if (t.baseline && t.baseline->value) out.baseline = t.baseline->value;
      const Decimal e_share =
          expected_share(t, out_.query.as_of, as_of_position_, w.deadline_position);
      out.expected = as_double(e_share);
      if (explaining_) explain_->steps.push_back(out.problem);
      explaining_ = false;
      w.r.reset();
      w.e = e_share;
      w.has_data = false;
      return out;
    }
  }

  static std::string describe(const std::vector<PeriodValue>& series, Accumulation accumulation) {
    if (series.empty()) return " (nothing reported)";
    std::string out = " (";
    for (std::size_t i = 0; i < series.size(); ++i) {
      if (i > 0) out += accumulation == Accumulation::incremental ? " + " : ", ";
      out += series[i].value.to_string() + " at period " + std::to_string(series[i].position);
    }
    return out + (accumulation == Accumulation::incremental ? ")" : "; the latest counts)");
  }

  void initiatives_and_plan() {
    std::vector<WeightedTarget> all;
    std::size_t next = 0;  // work_ holds the targets in the plan's order
    for (const Initiative& i : plan_.initiatives) {
      std::vector<WeightedTarget> mine;
      for (const Target& t : i.targets) {
        const TargetWork& w = work_[next++];
        if (!t.is_measurable()) continue;
        std::optional<Decimal> r = w.r;
        if (!w.has_data || !r) r = Decimal(0);
        mine.push_back({t.code, t.weight, r, w.e, w.deadline});
      }
      const Aggregate a = aggregate(mine, plan_.tolerance, today_);
      InitiativeRollup ir;
      ir.number = i.number;
      ir.completion = as_double(a.completion);
      ir.expected = as_double(a.expected);
      ir.status = a.status;
      ir.worst_target = a.worst;
      ir.measurable_targets = a.measurable;
      out_.initiatives.push_back(ir);
      all.insert(all.end(), mine.begin(), mine.end());
    }
    const Aggregate a = aggregate(all, plan_.tolerance, today_);
    out_.plan.completion = as_double(a.completion);
    out_.plan.expected = as_double(a.expected);
    out_.plan.status = a.status;
    out_.plan.worst_target = a.worst;
    out_.plan.measurable_targets = a.measurable;
  }

  // Whether `content` holds progress for initiative `number` or a value of one of its targets.
  bool covers(std::int32_t content, const Initiative& initiative) const {
    if (content == kNone) return false;
    const Content& c = snap_.contents[static_cast<std::size_t>(content)];
    for (std::uint32_t p = c.progress_begin; p < c.progress_end; ++p) {
      if (snap_.progress_initiative(p) == initiative.number) return true;
    }
    for (std::uint32_t v = c.values_begin; v < c.values_end; ++v) {
      const std::int32_t snap_target = snap_.value_target(v);
      if (static_cast<std::size_t>(snap_target) >= by_snap_target_.size()) continue;
      const std::int32_t index = by_snap_target_[static_cast<std::size_t>(snap_target)];
      if (index != kNone && work_[static_cast<std::size_t>(index)].initiative == &initiative) {
        return true;
      }
    }
    return false;
  }

  static std::optional<Date> day_of(const std::optional<std::int64_t>& ms) {
    if (!ms) return std::nullopt;
    return local_date(Timestamp{std::chrono::milliseconds(*ms)});
  }

  // Rule 8 for every unit that must report and every period it must report for: the compliance
  // grid, the chasing list and the units' counts, all from the one rule.
  void units_and_chasing() {
    for (std::size_t local = 0; local < plan_.units.size(); ++local) {
      const Unit& unit = plan_.units[local];
      int assignments = 0;
      for (const Initiative& i : plan_.initiatives) {
        if (i.find_assignment(unit.code) != nullptr) ++assignments;
      }
      if (assignments == 0) continue;
      UnitRollup ur;
      ur.unit = unit.code;
      ur.assignments = assignments;
      std::vector<const Initiative*> reported;
      for (const int number : plan_.reported_initiatives(unit.code)) {
        reported.push_back(plan_.find_initiative(number));
      }
      for (int position = 1; position <= as_of_position_ && !reported.empty(); ++position) {
        const Period& period = periods_[static_cast<std::size_t>(position - 1)];
        if (!plan_.requires_report(period)) continue;
        const Handed& handed = handed_[handed_index(static_cast<int>(local), position)];
        ComplianceCell cell;
        cell.period = period;
        cell.unit = unit.code;
        cell.due = plan_.report_due(period);
        std::vector<int> left_out;
        for (const Initiative* i : reported) {
          if (!covers(handed.content, *i)) left_out.push_back(i->number);
        }
        const std::optional<Date> handed_in = day_of(handed.first_submitted_ms);
        const ComplianceResult result =
            compliance(handed_in, day_of(handed.returned_ms), left_out.empty(), cell.due, today_);
        cell.compliance = result.compliance;
        cell.days_overdue = result.days;
        if (handed_in && *handed_in <= today_) {
          cell.submitted = Timestamp{std::chrono::milliseconds(*handed.first_submitted_ms)};
        }
        switch (cell.compliance) {
          case Compliance::missing:
          case Compliance::returned:
            for (const Initiative* i : reported) cell.initiatives.push_back(i->number);
            break;
          case Compliance::omitted: cell.initiatives = left_out; break;
          default: break;
        }
        // Only reports due by `today` are counted, so that the counts never exceed the reports
        // due (a report handed in early is counted once it falls due).
        if (cell.due <= today_) {
          ++ur.reports_due;
          switch (cell.compliance) {
            case Compliance::on_time: ++ur.on_time; break;
            case Compliance::late:
              ++ur.late;
              ur.days_late += cell.days_overdue;
              break;
            case Compliance::missing: ++ur.missing; break;
            case Compliance::omitted: ++ur.omitted; break;
            case Compliance::returned: ++ur.returned; break;
            case Compliance::not_due: break;
          }
        }
        const bool chase =
            cell.compliance != Compliance::on_time && cell.compliance != Compliance::not_due;
        if (chase) out_.chasing.push_back(cell);
        out_.compliance.push_back(std::move(cell));
      }
      out_.units.push_back(std::move(ur));
    }
    std::stable_sort(out_.chasing.begin(), out_.chasing.end(),
                     [](const ChaseItem& a, const ChaseItem& b) { return a.period < b.period; });
  }

  const Snapshot& snap_;
  const Plan& plan_;
  std::vector<Period> periods_;
  Explanation* explain_;
  std::string_view explain_target_;
  bool explaining_ = false;
  Rollup out_;
  Date today_;
  int as_of_position_ = 0;
  std::optional<std::int64_t> until_ms_;
  detail::Counting counting_ = detail::Counting::handed_in;
  std::vector<TargetWork> work_;
  // The inputs noted for the explanation, in order: their target, contributing slot (−1: the
  // unit does not contribute) and period position.
  struct PendingInput {
    const TargetWork* work = nullptr;
    int slot = -1;
    int position = 0;
  };
  std::vector<PendingInput> pending_inputs_;
  std::vector<std::int32_t> by_snap_target_;
  std::unordered_map<std::int32_t, int> local_units_;  // snapshot unit id → index in plan_.units
  std::vector<Handed> handed_;  // by handed_index(unit in plan_.units, position)
};

}  // namespace

Rollup compute(const Snapshot& snapshot, const Plan& plan, int plan_version,
               const RollupQuery& query, Explanation* explain, std::string_view explain_target) {
  return Computation(snapshot, plan, plan_version, query, explain, explain_target).run();
}

}  // namespace taizhang::rollup
