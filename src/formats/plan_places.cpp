#include "formats/plan_places.hpp"

#include <charconv>
#include <optional>
#include <string>
#include <vector>

#include "taizhang/message.hpp"
#include "util/message_mark.hpp"

namespace taizhang::formats {

using util::N_;

namespace {

struct Segment {
  std::string_view name;
  std::optional<std::size_t> index;
};

std::vector<Segment> split(std::string_view path) {
  std::vector<Segment> out;
  while (!path.empty()) {
    const std::size_t dot = path.find('.');
    std::string_view part = path.substr(0, dot);
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
    Segment s{part, std::nullopt};
    if (const std::size_t open = part.find('['); open != std::string_view::npos) {
      s.name = part.substr(0, open);
      std::size_t i = 0;
      const std::string_view digits = part.substr(open + 1, part.size() - open - 2);
      if (std::from_chars(digits.data(), digits.data() + digits.size(), i).ec == std::errc()) {
        s.index = i;
      }
    }
    out.push_back(s);
  }
  return out;
}

std::string nth(std::size_t index) {
  return std::to_string(index + 1);
}

// The name of a field as a person knows it. TRANSLATORS: the fields of a plan.
std::string field_label(std::string_view name) {
  static const std::pair<std::string_view, const char*> kFields[] = {
      {"value", N_("target value")},
      {"unit", N_("unit of measure")},
      {"code", N_("code")},
      {"title", N_("title")},
      {"description", N_("description")},
      {"deadline", N_("deadline")},
      {"baseline", N_("baseline")},
      {"weight", N_("weight")},
      {"trajectory", N_("schedule")},
      {"stages", N_("stages")},
      {"name", N_("name")},
      {"full_name", N_("full name")},
      {"share", N_("share")},
      {"period", N_("period")},
      {"assignments", N_("responsible units")},
      {"contributors", N_("contributing units")},
      {"number", N_("number")},
      {"accumulation", N_("accumulation")},
      {"combination", N_("combination")},
      {"form", N_("form")},
      {"measure", N_("measure")},
      {"year", N_("year")},
      {"start", N_("start date")},
      {"end", N_("end date")},
      {"tolerance", N_("tolerance")},
      {"coordinator", N_("coordinating unit")},
      {"issuer", N_("issuer")},
      {"issue_date", N_("date of issue")},
      {"contact", N_("contact")},
      {"email", N_("e-mail")},
      {"phone", N_("telephone")},
      {"parent", N_("parent unit")},
      {"kind", N_("kind")},
      {"role", N_("role")},
      {"report_due_days", N_("days to report")},
      {"reporting", N_("reporting frequency")},
      {"reporting_rules", N_("reporting rules")},
      {"notes", N_("notes")},
      {"source", N_("source")},
      {"source_text", N_("source text")},
      {"initiatives", N_("initiatives")},
      {"units", N_("units")},
      {"units_of_measure", N_("units of measure")},
      {"targets", N_("targets")},
  };
  for (const auto& [key, label] : kFields) {
    if (key == name) return Message(label).text();
  }
  return std::string(name);
}

// The model's names that messages show through Message(to_string(x)): here for xgettext to find.
[[maybe_unused]] constexpr const char* kModelNames[] = {
    N_("count"),           N_("money"),
    N_("percent"),         N_("milestone"),
    N_("qualitative"),     N_("higher_is_better"),
    N_("lower_is_better"), N_("month"),
    N_("quarter"),         N_("year"),
    N_("cumulative"),      N_("incremental"),
    N_("level"),
};

}  // namespace

std::string plan_place(const Plan& plan, std::string_view path) {
  const bool chinese = language() == Language::chinese;
  const std::string separator = chinese ? " " : ", ";
  std::string out;
  const auto add = [&](const std::string& part) {
    if (part.empty()) return;
    if (!out.empty()) out += separator;
    out += part;
  };
  const Initiative* initiative = nullptr;
  bool after_assignment = false;
  for (const Segment& s : split(path)) {
    if (s.name == "initiatives" && s.index) {
      initiative = *s.index < plan.initiatives.size() ? &plan.initiatives[*s.index] : nullptr;
      const int number = initiative != nullptr && initiative->number > 0
                             ? initiative->number
                             : static_cast<int>(*s.index) + 1;
      add(Message("initiative {number}",
                  {{"number", std::to_string(number)}, {"chinese", chinese_ordinal(number)}})
              .text());
    } else if (s.name == "targets" && s.index) {
      std::string code;
      if (initiative != nullptr && *s.index < initiative->targets.size()) {
        code = initiative->targets[*s.index].code;
      }
      add(Message(code.empty() ? N_("target {n}") : N_("target {n} ({code})"),
                  {{"n", nth(*s.index)}, {"code", code}})
              .text());
    } else if (s.name == "units" && s.index) {
      const std::string code = *s.index < plan.units.size() ? plan.units[*s.index].code : "";
      add(Message(code.empty() ? N_("unit {n} of the list") : N_("unit {n} of the list ({code})"),
                  {{"n", nth(*s.index)}, {"code", code}})
              .text());
    } else if (s.name == "assignments" && s.index) {
      add(Message("responsible unit {n}", {{"n", nth(*s.index)}}).text());
      after_assignment = true;
      continue;
    } else if (s.index) {
      add(Message("{field} no. {n}", {{"field", field_label(s.name)}, {"n", nth(*s.index)}})
              .text());
    } else if (!(after_assignment && s.name == "unit")) {  // "第1个责任单位" says it already
      add(field_label(s.name));
    }
    after_assignment = false;
  }
  return out;
}

}  // namespace taizhang::formats
