#include "taizhang/status_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "present/text_format.hpp"
#include "taizhang/initiative.hpp"
#include "taizhang/quantity.hpp"
#include "util/utf8.hpp"

namespace taizhang {

namespace {

// Which reports the figures count, in the words every output prints.
std::string counting_note(const RollupQuery& q) {
  if (q.include_drafts) return "含草稿（预览：计入未报送的草稿）";
  if (q.accepted_only) return "仅计已审核报告";
  return "计入已报送和已审核的报告，不含草稿";
}

// The initiatives of a chasing line: "实事一、三".
std::string initiatives_text(const std::vector<int>& numbers) {
  std::string out;
  for (const int n : numbers) out += (out.empty() ? "实事" : "、") + chinese_ordinal(n);
  return out;
}

// "未报 21 天", "迟报 4 天", "漏报 实事三 21 天", "退回未改 5 天".
std::string chase_text(const ChaseItem& c) {
  std::string out = compliance_label(c.compliance);
  if (c.compliance == Compliance::omitted) out += " " + initiatives_text(c.initiatives);
  return out + " " + std::to_string(c.days_overdue) + " 天";
}

// A status's colour on a terminal (ANSI). Its words and its colour on the dashboard are
// status_label() and status_colour() (rollup.hpp), shared with every other output.
const char* ansi_colour(ProgressStatus s) {
  switch (s) {
    case ProgressStatus::achieved: return "\x1b[32m";
    case ProgressStatus::on_track: return "\x1b[92m";
    case ProgressStatus::at_risk: return "\x1b[33m";
    case ProgressStatus::behind: return "\x1b[31m";
    case ProgressStatus::no_data: return "\x1b[90m";
    case ProgressStatus::overdue: return "\x1b[35m";
  }
  return "";
}

std::string percent(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", v * 100);
  return buf;
}

std::string amount(const std::optional<Decimal>& d, const std::string& unit) {
  if (!d) return "—";
  return Quantity{d->rounded(2), unit}.to_string();
}

std::string unit_name(const Plan& plan, const std::string& code) {
  const Unit* u = plan.find_unit(code);
  return u != nullptr ? u->name : code;
}

const Target* target_of(const Plan& plan, const std::string& code) {
  return plan.find_target(code);
}

// ---- the dashboard

std::string bar(double completion, double expected, ProgressStatus status) {
  const double width = std::clamp(completion, 0.0, 1.0) * 100;
  const double mark = std::clamp(expected, 0.0, 1.0) * 100;
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "<div class=\"bar\"><div class=\"fill\" style=\"width:%.1f%%;background:%s\">"
                "</div><div class=\"expected\" style=\"left:%.1f%%\"></div></div>",
                width, status_colour(status), mark);
  return buf;
}

std::string badge(ProgressStatus s) {
  return std::string("<span class=\"status\" style=\"background:") + status_colour(s) + "\">" +
         status_label(s) + "</span>";
}

// A small burn-up chart of one target across the series: the actual against the expected path
// towards the goal, with the forecast at the deadline.
std::string sparkline(const Plan& plan, const std::string& code,
                      const std::vector<Rollup>& series) {
  const std::size_t periods = plan.periods().size();
  if (periods == 0 || series.empty()) return {};
  // A milestone's actual is the share of its stage: its expected path runs from 0 to 1.
  const Target* target = plan.find_target(code);
  const bool milestone = target != nullptr && target->measure == Measure::milestone;
  std::vector<std::pair<std::size_t, double>> actual;
  std::vector<std::pair<std::size_t, double>> expected;
  std::optional<double> forecast;
  double top = 0;
  for (std::size_t i = 0; i < series.size(); ++i) {
    const TargetRollup* t = series[i].find_target(code);
    if (t == nullptr) continue;
    if (milestone) {
      expected.emplace_back(i, t->expected);
      top = std::max(top, 1.0);
    } else if (t->goal) {
      const double goal = t->goal->to_double();
      const double base = t->baseline ? t->baseline->to_double() : 0.0;
      const double e = base + (goal - base) * t->expected;
      expected.emplace_back(i, e);
      top = std::max({top, goal, e});
    }
    if (t->actual) {
      actual.emplace_back(i, t->actual->to_double());
      top = std::max(top, t->actual->to_double());
    }
    if (i + 1 == series.size() && t->forecast) {
      forecast = t->forecast->to_double();
      top = std::max(top, *forecast);
    }
  }
  if (top <= 0) top = 1;
  constexpr double kWidth = 160;
  constexpr double kHeight = 44;
  const auto x = [&](std::size_t i) {
    return periods <= 1
               ? kWidth / 2
               : 4 + (kWidth - 8) * static_cast<double>(i) / static_cast<double>(periods - 1);
  };
  const auto y = [&](double v) { return kHeight - 4 - (kHeight - 8) * v / top; };
  const auto polyline = [&](const std::vector<std::pair<std::size_t, double>>& points,
                            const char* colour, const char* extra) {
    if (points.empty()) return std::string();
    std::string p;
    for (const auto& [i, v] : points) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%s%.1f,%.1f", p.empty() ? "" : " ", x(i), y(v));
      p += buf;
    }
    return std::string("<polyline fill=\"none\" stroke=\"") + colour + "\" " + extra +
           " points=\"" + p + "\"/>";
  };
  std::string svg =
      "<svg class=\"burnup\" xmlns=\"http://www.w3.org/2000/svg\" width=\"160\" "
      "height=\"44\" viewBox=\"0 0 160 44\" role=\"img\" aria-label=\"" +
      present::html_escape(code) + "\">";
  svg += "<rect x=\"0.5\" y=\"0.5\" width=\"159\" height=\"43\" fill=\"#fff\" stroke=\"#ccc\"/>";
  svg += polyline(expected, "#4575b4",
                  "stroke-dasharray=\"3,2\" stroke-width=\"1.5\" class=\"expected\"");
  svg += polyline(actual, "#d73027", "stroke-width=\"2\" class=\"actual\"");
  if (forecast) {
    char buf[200];
    std::snprintf(buf, sizeof buf,
                  "<circle class=\"forecast\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"#762a83\"/>",
                  x(periods - 1), y(*forecast));
    svg += buf;
  }
  return svg + "</svg>";
}

constexpr const char* kStyle = R"css(
@page { size: A4; margin: 12mm; }
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "SimHei", sans-serif;
       font-size: 10pt; color: #222; margin: 0 auto; max-width: 190mm; }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 13pt; margin: 6mm 0 2mm; border-bottom: 2px solid #444; }
h3 { font-size: 11pt; margin: 4mm 0 1mm; }
p.meta { color: #555; margin: 0 0 1mm; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #ddd; padding: 1.2mm 1.5mm; text-align: left; vertical-align: middle; }
th { background: #f2f2f2; font-weight: bold; }
tr { page-break-inside: avoid; }
td.num { text-align: right; white-space: nowrap; }
.bar { position: relative; width: 40mm; height: 3.5mm; background: #eee; }
.bar .fill { height: 100%; }
.bar .expected { position: absolute; top: -1mm; width: 0; height: 5.5mm; border-left: 2px solid #000; }
.status { color: #fff; padding: 0.3mm 1.5mm; border-radius: 1mm; white-space: nowrap; font-size: 9pt; }
.summary td { border: none; padding-right: 6mm; }
.big { font-size: 16pt; font-weight: bold; }
section { page-break-inside: auto; }
@media print { h2 { page-break-after: avoid; } }
)css";

}  // namespace

std::string render_dashboard(const Plan& plan, const Rollup& rollup,
                             const std::vector<Rollup>& series, Timestamp made_at) {
  std::string h = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n";
  h += "<title>" + present::html_escape(plan.title) + " 进展情况</title>\n<style>" +
       std::string(kStyle) + "</style>\n</head>\n<body>\n";
  h += "<h1>" + present::html_escape(plan.title) + " 进展情况</h1>\n";
  h += "<p class=\"meta\">" + present::html_escape(plan.issuer) + " · 截至 <span class=\"as-of\">" +
       present::chinese_period(rollup.query.as_of) + "</span>（" + rollup.query.as_of.to_string() +
       "）· 判定日 " +
       present::chinese_date(rollup.query.today.value_or(rollup.query.as_of.last_day())) +
       "</p>\n<p class=\"meta\">制表时间 <span class=\"made-at\">" +
       present::chinese_time(made_at) + "</span> · <span class=\"counting\">" +
       counting_note(rollup.query) + "</span></p>\n";

  // Summary.
  std::map<ProgressStatus, int> counts;
  for (const TargetRollup& t : rollup.targets) ++counts[t.status];
  h += "<section id=\"summary\"><h2>总体情况</h2>\n<table class=\"summary\"><tr>";
  h += "<td>加权完成率<br><span class=\"big\" id=\"plan-completion\">" +
       percent(rollup.plan.completion) + "</span></td>";
  h += "<td>应完成进度<br><span class=\"big\" id=\"plan-expected\">" +
       percent(rollup.plan.expected) + "</span></td>";
  h += "<td>状态<br>" + badge(rollup.plan.status) + "</td>";
  h += "<td>目标状态<br>";
  for (const ProgressStatus s :
       {ProgressStatus::achieved, ProgressStatus::on_track, ProgressStatus::at_risk,
        ProgressStatus::behind, ProgressStatus::overdue, ProgressStatus::no_data}) {
    if (counts[s] > 0) h += badge(s) + " " + std::to_string(counts[s]) + " ";
  }
  h += "</td></tr></table>\n";
  if (!rollup.plan.worst_target.empty()) {
    const Target* worst = target_of(plan, rollup.plan.worst_target);
    h += "<p>最滞后的目标：" + present::html_escape(rollup.plan.worst_target) + " " +
         present::html_escape(worst != nullptr ? worst->description : "") + "</p>\n";
  }
  h += "</section>\n";

  // Initiatives.
  h += "<section id=\"initiatives\"><h2>各项实事进展</h2>\n<table>\n<thead><tr><th>序号</th>"
       "<th>实事名称</th><th>完成率</th><th>进度（|为应完成）</th><th>状态</th></tr></thead>\n"
       "<tbody>\n";
  for (const InitiativeRollup& ir : rollup.initiatives) {
    const Initiative* i = plan.find_initiative(ir.number);
    h += "<tr data-initiative=\"" + std::to_string(ir.number) + "\"><td>" +
         chinese_ordinal(ir.number) + "</td><td>" +
         present::html_escape(i != nullptr ? i->title : "") + "</td><td class=\"num completion\">" +
         percent(ir.completion) + "</td><td>" + bar(ir.completion, ir.expected, ir.status) +
         "</td><td>" + badge(ir.status) + "</td></tr>\n";
  }
  h += "</tbody>\n</table>\n</section>\n";

  // Targets, by initiative.
  h += "<section id=\"targets\"><h2>各项目标</h2>\n";
  for (const Initiative& i : plan.initiatives) {
    h += "<h3>" + chinese_ordinal(i.number) + "、" + present::html_escape(i.title) + "</h3>\n";
    h += "<table>\n<thead><tr><th>编号</th><th>目标</th><th>实际</th><th>目标值</th>"
         "<th>完成率</th><th>进度</th><th>状态</th><th>趋势</th><th>预计</th></tr></thead>\n"
         "<tbody>\n";
    for (const Target& t : i.targets) {
      const TargetRollup* tr = rollup.find_target(t.code);
      if (tr == nullptr) continue;
      const std::string unit = t.unit;
      h +=
          "<tr data-target=\"" + present::html_escape(t.code) + "\"><td>" +
          present::html_escape(t.code) + "</td><td>" + present::html_escape(t.description) +
          "</td><td class=\"num actual\">" +
          present::html_escape(
              t.measure == Measure::milestone
                  ? (tr->contributions.empty() || tr->contributions[0].stage.empty()
                         ? "—"
                         : tr->contributions[0].stage)
                  : amount(tr->actual, unit)) +
          "</td><td class=\"num goal\">" +
          present::html_escape(t.measure == Measure::milestone ? "里程碑"
                                                               : amount(tr->goal, unit)) +
          "</td><td class=\"num completion\">" + (tr->completion ? percent(*tr->completion) : "—") +
          "</td><td>" + bar(tr->completion.value_or(0), tr->expected, tr->status) + "</td><td>" +
          badge(tr->status) + "</td><td>" + sparkline(plan, t.code, series) +
          "</td><td class=\"num forecast\">" +
          (tr->forecast
               ? present::html_escape(amount(tr->forecast, unit)) + " " + outlook_label(tr->outlook)
               : std::string("—")) +
          "</td></tr>\n";
      for (const std::string& w : tr->warnings) {
        h += "<tr class=\"check\"><td></td><td colspan=\"8\">需核实：" + present::html_escape(w) +
             "</td></tr>\n";
      }
      if (!tr->problem.empty()) {
        h += "<tr class=\"problem\"><td></td><td colspan=\"8\">无法计算：" +
             present::html_escape(tr->problem) + "</td></tr>\n";
      }
    }
    h += "</tbody>\n</table>\n";
  }
  h += "</section>\n";

  // Chasing list.
  h += "<section id=\"chasing\"><h2>定期调度：迟报、未报、漏报、退回未改</h2>\n";
  if (rollup.chasing.empty()) {
    h += "<p>截至判定日，各单位均已按时报送。</p>\n";
  } else {
    h += "<table>\n<thead><tr><th>报告期</th><th>单位</th><th>实事</th><th>情况</th>"
         "<th>应报日期</th><th>天数</th></tr></thead>\n<tbody>\n";
    for (const ChaseItem& c : rollup.chasing) {
      h += "<tr data-unit=\"" + present::html_escape(c.unit) + "\"><td>" +
           present::chinese_period(c.period) + "</td><td>" +
           present::html_escape(unit_name(plan, c.unit)) + "</td><td>" +
           initiatives_text(c.initiatives) + "</td><td class=\"compliance\">" +
           compliance_label(c.compliance) + "</td><td>" + present::chinese_date(c.due) +
           "</td><td class=\"num days\">" + std::to_string(c.days_overdue) + "</td></tr>\n";
    }
    h += "</tbody>\n</table>\n";
  }
  h += "</section>\n</body>\n</html>\n";
  return h;
}

// ---- the terminal table

namespace {

// Every cell of the terminal table passes here: text from the plan or the reports is made safe to
// print (util::terminal_safe), so that only the table's own colours reach the terminal.
std::string pad(const std::string& s, std::size_t width, bool right = false) {
  std::string text = util::terminal_safe(s);
  std::size_t w = util::display_width(text);
  if (w > width) {
    // Cut at a code point boundary, leaving room for "…".
    std::string cut;
    std::size_t pos = 0;
    std::size_t used = 0;
    while (pos < text.size()) {
      std::size_t next = pos;
      const char32_t cp = util::decode(text, next);
      const std::size_t cw = util::display_width(util::to_utf8(cp));
      if (used + cw + 1 > width) break;
      cut.append(text, pos, next - pos);
      used += cw;
      pos = next;
    }
    text = cut + "…";
    w = used + 1;
  }
  const std::string fill(width > w ? width - w : 0, ' ');
  return right ? fill + text : text + fill;
}

}  // namespace

std::string render_status_table(const Plan& plan, const Rollup& rollup, std::size_t width,
                                bool colour) {
  const std::size_t fixed = 6 + 14 + 14 + 8 + 8 + 10 + 6;  // the columns other than the text
  const std::size_t text_width = width > fixed + 12 ? width - fixed : 12;
  const auto status = [&](ProgressStatus s) {
    const std::string label = pad(status_label(s), 8);
    return colour ? std::string(ansi_colour(s)) + label + "\x1b[0m" : label;
  };
  std::string out = util::terminal_safe(plan.title) + " · 截至" +
                    present::chinese_period(rollup.query.as_of) + " · 判定日 " +
                    rollup.query.today.value_or(rollup.query.as_of.last_day()).to_string() + "\n";
  out += "全部目标加权完成率 " + percent(rollup.plan.completion) + "，应完成 " +
         percent(rollup.plan.expected) + "，" + status_label(rollup.plan.status) + "\n" +
         counting_note(rollup.query) + "\n\n";
  out += pad("编号", 6) + " " + pad("实事 / 目标", text_width) + " " + pad("实际", 14, true) + " " +
         pad("目标值", 14, true) + " " + pad("完成率", 8, true) + " " + pad("应完成", 8, true) +
         "  " + pad("状态", 8) + "\n";
  out += std::string(std::min<std::size_t>(width, fixed + text_width), '-') + "\n";
  for (const Initiative& i : plan.initiatives) {
    const InitiativeRollup* ir = rollup.find_initiative(i.number);
    if (ir == nullptr) continue;
    out += pad(chinese_ordinal(i.number), 6) + " " + pad(i.title, text_width) + " " + pad("", 14) +
           " " + pad("", 14) + " " + pad(percent(ir->completion), 8, true) + " " +
           pad(percent(ir->expected), 8, true) + "  " + status(ir->status) + "\n";
    for (const Target& t : i.targets) {
      const TargetRollup* tr = rollup.find_target(t.code);
      if (tr == nullptr) continue;
      const bool milestone = t.measure == Measure::milestone;
      const std::string actual =
          milestone ? (tr->contributions.empty() || tr->contributions[0].stage.empty()
                           ? "—"
                           : tr->contributions[0].stage)
                    : amount(tr->actual, t.unit);
      out += pad("  " + t.code, 6) + " " + pad("  " + t.description, text_width) + " " +
             pad(actual, 14, true) + " " +
             pad(milestone ? "里程碑" : amount(tr->goal, t.unit), 14, true) + " " +
             pad(tr->completion ? percent(*tr->completion) : "—", 8, true) + " " +
             pad(percent(tr->expected), 8, true) + "  " + status(tr->status) + "\n";
    }
  }
  // What the office should check before it sends the figures upward.
  std::string checks;
  for (const TargetRollup& tr : rollup.targets) {
    for (const std::string& w : tr.warnings) {
      checks += "  需核实 " + tr.code + "：" + util::terminal_safe(w) + "\n";
    }
    if (!tr.problem.empty()) {
      checks += "  无法计算 " + tr.code + "：" + util::terminal_safe(tr.problem) + "\n";
    }
  }
  if (!checks.empty()) out += "\n需核实的数值：\n" + checks;
  out += "\n定期调度（迟报、未报、漏报、退回未改）：";
  if (rollup.chasing.empty()) return out + "无\n";
  out += std::to_string(rollup.chasing.size()) + " 项\n";
  for (const ChaseItem& c : rollup.chasing) {
    out += "  " + c.period.to_string() + "  " + pad(unit_name(plan, c.unit), 18) + " " +
           chase_text(c) + "（应于 " + c.due.to_string() + "）\n";
  }
  return out;
}

}  // namespace taizhang
