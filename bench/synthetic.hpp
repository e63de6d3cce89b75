// The synthetic province-sized ledger of the benchmarks: plans, targets and every report's values
// as pure functions of a seed, so that the generator and the measuring program agree on them
// without reading each other's output (the measuring program files "missing" reports with the
// values the generator would have given them).
//
// Shape (defaults): 1,000 plans (one per district), each monthly over 2019-01 .. 2022-12
// (48 periods), 20 responsible units and a coordinating office, 10 initiatives of 5 targets
// (50,000 targets), each initiative assigned to 5 units (1 lead, 4 co-responsible). Targets mix
// measures (count, money, percent, milestone), accumulations (incremental, cumulative, level),
// combinations (sum, lead only, max, mean), rises over a baseline and lower-is-better rates;
// most have every assigned unit as a contributor. Each unit files one report a month covering
// its initiatives, except for ~2 % of (unit, month) left missing. That is ~10.3 million values.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <taizhang/taizhang.hpp>
#include <vector>

namespace bench {

namespace tz = taizhang;

struct Params {
  int plans = 1000;
  int initiatives = 10;    // per plan
  int targets = 5;         // per initiative
  int units = 20;          // responsible units per plan (plus the coordinating office)
  int per_initiative = 5;  // units assigned to each initiative
  int start_year = 2019;
  int months = 48;
  std::uint64_t seed = 20211231;
  double missing = 0.02;  // share of (unit, month) reports never filed

  [[nodiscard]] std::string key() const {
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "synthetic-ledger v1 plans=%d initiatives=%d targets=%d units=%d "
                  "per_initiative=%d start=%d months=%d seed=%llu missing=%.4f",
                  plans, initiatives, targets, units, per_initiative, start_year, months,
                  static_cast<unsigned long long>(seed), missing);
    return buf;
  }
};

// ---- deterministic randomness ------------------------------------------------------------------

inline std::uint64_t mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30U)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27U)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31U);
}
inline std::uint64_t hash(std::uint64_t seed, std::uint64_t a, std::uint64_t b = 0,
                          std::uint64_t c = 0, std::uint64_t d = 0, std::uint64_t e = 0) {
  std::uint64_t h = mix(seed);
  for (const std::uint64_t v : {a, b, c, d, e}) h = mix(h ^ v);
  return h;
}
// A uniform double in [0, 1).
inline double uniform(std::uint64_t h) {
  return static_cast<double>(h >> 11U) * (1.0 / 9007199254740992.0);
}

// ---- names -----------------------------------------------------------------------------------

inline std::string plan_code(int p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "d%04d-2019", p + 1);
  return buf;
}
inline std::string office_code(int p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "d%04d-office", p + 1);
  return buf;
}
inline std::string unit_code(int p, int u) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "d%04d-u%02d", p + 1, u + 1);
  return buf;
}
inline std::string target_code(int i, int t) {
  return std::to_string(i + 1) + "." + std::to_string(t + 1);
}

// The units assigned to initiative i, lead first.
inline std::vector<int> assigned_units(const Params& P, int i) {
  std::vector<int> out;
  for (int k = 0; k < P.per_initiative; ++k) out.push_back((2 * i + k) % P.units);
  return out;
}

// ---- targets ---------------------------------------------------------------------------------

enum class Kind { count, money, percent_up, percent_down, milestone, rise };

struct TargetSpec {
  Kind kind = Kind::count;
  tz::Accumulation accumulation = tz::Accumulation::incremental;
  tz::Combination combination = tz::Combination::sum;
  int contributors = 5;    // 0: the default (the lead unit only); else the first n assigned units
  double goal = 0;         // in the target's unit
  double baseline = 0;     // rise and percent_down
  double performance = 1;  // how far the units get by the end, as a share of the goal
};

inline TargetSpec target_spec(const Params& P, int p, int i, int t) {
  const std::uint64_t h = hash(P.seed, 1, static_cast<std::uint64_t>(p),
                               static_cast<std::uint64_t>(i), static_cast<std::uint64_t>(t));
  const double r0 = uniform(hash(h, 0));
  const double r1 = uniform(hash(h, 1));
  const double r2 = uniform(hash(h, 2));
  const double r3 = uniform(hash(h, 3));
  const double r4 = uniform(hash(h, 4));
  TargetSpec s;
  s.performance = 0.55 + 0.65 * r4;  // 0.55 .. 1.2 of the goal by the end
  if (r0 < 0.05) {
    s.kind = Kind::milestone;
    s.accumulation = tz::Accumulation::level;
    s.combination = r1 < 0.5 ? tz::Combination::max : tz::Combination::lead_only;
  } else if (r0 < 0.11) {
    s.kind = Kind::percent_up;
    s.accumulation = tz::Accumulation::level;
    s.combination = tz::Combination::mean;
    s.goal = 80 + static_cast<int>(r2 * 190) / 10.0;  // 80.0 .. 98.9 %
  } else if (r0 < 0.15) {
    s.kind = Kind::percent_down;
    s.accumulation = tz::Accumulation::level;
    s.combination = tz::Combination::max;
    s.baseline = 15 + static_cast<int>(r2 * 100) / 10.0;  // 15.0 .. 24.9 %
    s.goal = s.baseline / 2;
  } else if (r0 < 0.18) {
    s.kind = Kind::rise;  // a standard raised by 10 % over its baseline, reported by the lead
    s.accumulation = tz::Accumulation::level;
    s.combination = tz::Combination::lead_only;
    s.baseline = 500 + static_cast<int>(r2 * 4500);
    s.goal = s.baseline * 1.1;
  } else if (r0 < 0.38) {
    s.kind = Kind::money;
    s.accumulation = r1 < 0.6 ? tz::Accumulation::incremental : tz::Accumulation::cumulative;
    s.combination = tz::Combination::sum;
    s.goal = 100 + static_cast<int>(r2 * 5'000'000) / 100.0;  // 万元, to the hundredth
  } else {
    s.kind = Kind::count;
    s.accumulation = r1 < 0.5    ? tz::Accumulation::incremental
                     : r1 < 0.85 ? tz::Accumulation::cumulative
                                 : tz::Accumulation::level;
    s.combination = r3 < 0.55   ? tz::Combination::sum
                    : r3 < 0.70 ? tz::Combination::max
                    : r3 < 0.80 ? tz::Combination::mean
                                : tz::Combination::lead_only;
    s.goal = 1000 + static_cast<int>(r2 * 99'000);
  }
  const double rc = uniform(hash(h, 5));
  if (s.kind == Kind::rise) {
    s.contributors = 0;
  } else {
    s.contributors = rc < 0.75 ? P.per_initiative : rc < 0.85 ? 4 : rc < 0.90 ? 3 : 0;
    s.contributors = std::min(s.contributors, P.per_initiative);
  }
  return s;
}

// The contributing units of a target (indices into the plan's units), lead first.
inline std::vector<int> contributors(const Params& P, int i, const TargetSpec& s) {
  std::vector<int> a = assigned_units(P, i);
  a.resize(static_cast<std::size_t>(s.contributors == 0 ? 1 : s.contributors));
  return a;
}

inline tz::Decimal decimal_of(double v, int places) {
  double scale = 1;
  for (int k = 0; k < places; ++k) scale *= 10;
  const auto c = static_cast<std::int64_t>(v * scale + 0.5);
  return tz::Decimal::from_parts(c, places);
}

inline const char* const kStages[] = {"未启动", "已启动", "推进中", "基本完成", "已完成"};

inline tz::Plan make_plan(const Params& P, int p) {
  tz::Plan plan;
  plan.code = plan_code(p);
  plan.title = "第" + std::to_string(p + 1) + "区2019—2022年为民办实事（基准测试）";
  plan.issuer = "第" + std::to_string(p + 1) + "区人民政府办公室";
  plan.year = P.start_year;
  plan.reporting = tz::PeriodKind::month;
  plan.start = tz::Date::make(P.start_year, 1, 1);
  const int last_month = P.months - 1;
  const int end_year = P.start_year + last_month / 12;
  const int end_month = last_month % 12 + 1;
  plan.end = tz::Date::make(end_year, end_month, tz::Date::days_in_month(end_year, end_month));
  plan.coordinator = office_code(p);
  plan.report_due_days = 10;
  plan.units.push_back({office_code(p), "区实事办" + std::to_string(p + 1),
                        tz::UnitKind::coordinating_office, "", ""});
  for (int u = 0; u < P.units; ++u) {
    plan.units.push_back({unit_code(p, u),
                          "责任单位" + std::to_string(p + 1) + "-" + std::to_string(u + 1),
                          u % 4 == 3 ? tz::UnitKind::town : tz::UnitKind::bureau, "", ""});
  }
  for (int i = 0; i < P.initiatives; ++i) {
    tz::Initiative in;
    in.number = i + 1;
    in.title = "实事" + std::to_string(i + 1);
    const std::vector<int> a = assigned_units(P, i);
    for (std::size_t k = 0; k < a.size(); ++k) {
      in.assignments.push_back(
          {unit_code(p, a[k]),
           k == 0 ? tz::AssignmentRole::lead : tz::AssignmentRole::co_responsible, "", ""});
    }
    for (int t = 0; t < P.targets; ++t) {
      const TargetSpec s = target_spec(P, p, i, t);
      tz::Target target;
      target.code = target_code(i, t);
      target.description = "指标" + target.code;
      target.accumulation = s.accumulation;
      target.combination = s.combination;
      switch (s.kind) {
        case Kind::milestone: target.measure = tz::Measure::milestone; break;
        case Kind::percent_up:
          target.measure = tz::Measure::percent;
          target.unit = "%";
          target.value = decimal_of(s.goal, 1);
          break;
        case Kind::percent_down:
          target.measure = tz::Measure::percent;
          target.unit = "%";
          target.value = decimal_of(s.goal, 2);
          target.direction = tz::Direction::lower_is_better;
          target.baseline = tz::Baseline{decimal_of(s.baseline, 1), plan.start, ""};
          break;
        case Kind::rise:
          target.measure = tz::Measure::money;
          target.unit = "元";
          target.value = tz::Decimal(10);
          target.form = tz::TargetForm::rise_percent;
          target.baseline = tz::Baseline{decimal_of(s.baseline, 0), plan.start, ""};
          break;
        case Kind::money:
          target.measure = tz::Measure::money;
          target.unit = "万元";
          target.value = decimal_of(s.goal, 2);
          break;
        case Kind::count:
          target.measure = tz::Measure::count;
          target.unit = "名";
          target.value = decimal_of(s.goal, 0);
          break;
      }
      if (s.contributors > 0) {
        for (const int u : contributors(P, i, s)) target.contributors.push_back(unit_code(p, u));
      }
      in.targets.push_back(std::move(target));
    }
    plan.initiatives.push_back(std::move(in));
  }
  return plan;
}

// ---- values ----------------------------------------------------------------------------------

inline tz::Period month_period(const Params& P, int m) {
  return tz::Period::month(P.start_year + m / 12, m % 12 + 1);
}

inline bool is_missing(const Params& P, int p, int u, int m) {
  return uniform(hash(P.seed, 2, static_cast<std::uint64_t>(p), static_cast<std::uint64_t>(u),
                      static_cast<std::uint64_t>(m))) < P.missing;
}

// The amount a unit does in month m (0-based) towards the target, in the target's unit, as an
// integer number of the smallest step (1 名, 0.01 万元).
inline std::int64_t increment(const Params& P, int p, int i, int t, int u, int m,
                              const TargetSpec& s) {
  const int n = s.contributors == 0 ? 1 : s.contributors;
  const double share = s.combination == tz::Combination::sum ? 1.0 / n : 1.0;
  const double f =
      0.4 + 1.2 * uniform(hash(P.seed, 3, static_cast<std::uint64_t>(p),
                               static_cast<std::uint64_t>(i * 64 + t),
                               static_cast<std::uint64_t>(u), static_cast<std::uint64_t>(m)));
  const double per_month = s.goal * s.performance * share / P.months;
  const double steps = s.kind == Kind::money ? 100.0 : 1.0;
  return static_cast<std::int64_t>(per_month * f * steps + 0.5);
}

// What unit u reports for target (i, t) in month m (0-based), when it files.
struct Reported {
  tz::Decimal value;
  std::string stage;
};

inline Reported reported_value(const Params& P, int p, int i, int t, int u, int m,
                               const TargetSpec& s) {
  Reported out;
  const double progress = static_cast<double>(m + 1) / P.months;
  const double noise =
      uniform(hash(P.seed, 4, static_cast<std::uint64_t>(p), static_cast<std::uint64_t>(i * 64 + t),
                   static_cast<std::uint64_t>(u), static_cast<std::uint64_t>(m)));
  switch (s.kind) {
    case Kind::milestone: {
      const int stage = std::min(4, static_cast<int>(s.performance * 4.6 * progress + noise * 0.3));
      out.stage = kStages[stage];
      return out;
    }
    case Kind::percent_up: {
      const double start = s.goal * 0.6;
      const double v = start + (s.goal * s.performance - start) * progress + (noise - 0.5) * 2;
      out.value = decimal_of(std::max(0.0, v), 1);
      return out;
    }
    case Kind::percent_down: {
      const double end = s.baseline - (s.baseline - s.goal) * s.performance;
      const double v = s.baseline + (end - s.baseline) * progress + (noise - 0.5);
      out.value = decimal_of(std::max(0.0, v), 1);
      return out;
    }
    case Kind::rise: {
      const double v = m < 12 ? s.baseline : s.baseline * (1 + 0.1 * s.performance);
      out.value = decimal_of(v, 0);
      return out;
    }
    case Kind::money:
    case Kind::count: {
      const int places = s.kind == Kind::money ? 2 : 0;
      if (s.accumulation == tz::Accumulation::incremental) {
        out.value = tz::Decimal::from_parts(increment(P, p, i, t, u, m, s), places);
      } else if (s.accumulation == tz::Accumulation::cumulative) {
        std::int64_t total = 0;
        for (int k = 0; k <= m; ++k) total += increment(P, p, i, t, u, k, s);
        out.value = tz::Decimal::from_parts(total, places);
      } else {
        const int n = s.contributors == 0 ? 1 : s.contributors;
        const double share = s.combination == tz::Combination::sum ? 1.0 / n : 1.0;
        const double v =
            s.goal * s.performance * share * (0.3 + 0.7 * progress) * (0.97 + 0.06 * noise);
        out.value = decimal_of(v, places);
      }
      return out;
    }
  }
  return out;
}

// The report unit u of plan p files for month m: progress on each of its initiatives, a value for
// each target it contributes to.
inline tz::ReportContent report_content(const Params& P, int p, int u, int m) {
  tz::ReportContent c;
  for (int i = 0; i < P.initiatives; ++i) {
    const std::vector<int> a = assigned_units(P, i);
    if (std::find(a.begin(), a.end(), u) == a.end()) continue;
    c.progress.push_back({i + 1, "本月按计划推进", std::nullopt});
    for (int t = 0; t < P.targets; ++t) {
      const TargetSpec s = target_spec(P, p, i, t);
      const std::vector<int> cs = contributors(P, i, s);
      if (std::find(cs.begin(), cs.end(), u) == cs.end()) continue;
      const Reported r = reported_value(P, p, i, t, u, m, s);
      tz::TargetValue v;
      v.target = target_code(i, t);
      if (r.stage.empty()) {
        v.value = r.value;
      } else {
        v.stage = r.stage;
      }
      c.values.push_back(std::move(v));
    }
  }
  return c;
}

// The day (1-based, of the month after m) a unit hands in its report of month m: mostly in the
// first ten days (due on the 10th), some later.
inline int submission_day(const Params& P, int p, int u, int m) {
  const double r = uniform(hash(P.seed, 5, static_cast<std::uint64_t>(p),
                                static_cast<std::uint64_t>(u), static_cast<std::uint64_t>(m)));
  return 1 + static_cast<int>(r * r * 15);  // 1 .. 15; ~18 % after the 10th
}

// The value of the command-line option at argv[k] (argv[k + 1]), advancing k past it; a missing
// value ends the program with status 2, naming the option. Shared by the benchmark programs.
inline std::string option_value(int argc, char** argv, int& k) {
  if (k + 1 >= argc) {
    std::fprintf(stderr, "%s needs a value\n", argv[k]);
    std::exit(2);
  }
  return argv[++k];
}

}  // namespace bench
