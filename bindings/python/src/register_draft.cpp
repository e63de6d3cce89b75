// Drafting a plan from a notice's text (taizhang/draft.hpp): draft_plan, Draft, Finding.
#include <taizhang/draft.hpp>

#include "common.hpp"
#include "lists.hpp"

namespace taizhang::python {

namespace {

// FindingSeverity and Finding.
void register_findings(py::module_& m) {
  py::enum_<FindingSeverity>(m, "FindingSeverity", "How much a finding on a draft needs attention.")
      .value("info", FindingSeverity::info,
             "what the draft took from the text (a target, a parameter), for checking")
      .value("warning", FindingSeverity::warning,
             "something the draft guessed, left out or could not read: review it");

  py::class_<Finding> finding(m, "Finding", R"doc(
One remark on a draft plan, for the person who reviews it.

Parameters
----------
severity : FindingSeverity
    ``FindingSeverity.info`` (what was drafted) or ``FindingSeverity.warning`` (review it).
path : str
    Where in the draft plan, as :func:`validate` writes paths: ``"initiatives[2].targets[0]"``
    (0-based); ``""`` for the plan as a whole.
message : str
    What was drafted or what is doubtful, in English, quoting the notice's words.
source : str
    The sentence of the notice it concerns, without line breaks or stray spaces; may be ``""``.
confidence : float
    How sure the draft is, 0..1: about 0.9 for a figure read from a plain pattern, less for
    guesses.
)doc");
  finding
      .def(py::init([](FindingSeverity severity, std::string path, std::string message,
                       std::string source, double confidence) {
             return Finding{severity, std::move(path), std::move(message), std::move(source),
                            confidence};
           }),
           py::arg("severity") = FindingSeverity::info, py::arg("path") = "",
           py::arg("message") = "", py::arg("source") = "", py::arg("confidence") = 1.0)
      .def_readwrite("severity", &Finding::severity, "``info`` or ``warning``.")
      .def_readwrite("path", &Finding::path,
                     "Where in the draft plan: ``initiatives[2].targets[0]``; \"\" for the plan.")
      .def_readwrite("message", &Finding::message, "What was drafted or what is doubtful.")
      .def_readwrite("source", &Finding::source_text,
                     "The sentence of the notice it concerns (may be \"\").")
      .def_readwrite("confidence", &Finding::confidence, "How sure the draft is, 0..1.")
      .def("__str__", &Finding::to_string)
      .def("__repr__",
           [](const Finding& f) {
             return std::string("Finding(severity=FindingSeverity.") + to_string(f.severity) +
                    ", path=" + repr_of(py::str(f.path)) +
                    ", message=" + repr_of(py::str(f.message)) +
                    ", confidence=" + repr_of(py::float_(f.confidence)) + ")";
           })
      .def(py::self == py::self);
  pickle_fields(finding, &Finding::severity, &Finding::path, &Finding::message,
                &Finding::source_text, &Finding::confidence);
}

void register_draft_type(py::module_& m) {
  py::class_<Draft> draft(m, "Draft", R"doc(
A plan drafted from a notice, and the remarks on it: what :func:`draft_plan` returns.

Attributes
----------
plan : Plan
    The draft plan. It passes :func:`validate` without errors; what would have broken a rule is
    left out and reported as a finding. Units have generated codes ``"u01"``, ``"u02"``, … (the
    coordinating unit first), targets ``"<initiative>.<n>"``.
findings : list of Finding
    In document order, the plan-wide ones first: every target drafted (``info``, with the
    sentence it came from and a confidence) and everything to review (``warning``).
truncated : bool
    The notice seems cut off (it ends inside an item or a sentence, has fewer items than its
    title announces, or was longer than ``max_bytes``): the draft holds what is there.
)doc");
  draft.def(py::init<>())
      .def_readwrite("plan", &Draft::plan, "The draft plan.")
      .def_readwrite("findings", &Draft::findings, "The remarks on it (a list copy).")
      .def_readwrite("truncated", &Draft::truncated, "Whether the notice seems cut off.")
      .def_property_readonly(
          "warnings",
          [](const Draft& d) {
            std::vector<Finding> out;
            for (const Finding& f : d.findings) {
              if (f.severity == FindingSeverity::warning) out.push_back(f);
            }
            return out;
          },
          "The findings to review: those of severity ``warning``.")
      .def("__repr__",
           [](const Draft& d) {
             std::size_t warnings = 0;
             for (const Finding& f : d.findings) {
               if (f.severity == FindingSeverity::warning) ++warnings;
             }
             return "<Draft " + d.plan.code + ": " + std::to_string(d.plan.initiatives.size()) +
                    " initiatives, " + std::to_string(d.plan.units.size()) + " units, " +
                    std::to_string(d.findings.size()) + " findings (" + std::to_string(warnings) +
                    " warnings)" + (d.truncated ? ", cut off" : "") + ">";
           })
      .def(py::self == py::self);
  pickle_fields(draft, &Draft::plan, &Draft::findings, &Draft::truncated);
}

void register_draft_plan(py::module_& m) {
  m.def(
      "draft_plan",
      [](const std::string& text, const std::string& code, int default_year,
         PeriodKind default_reporting, int default_report_due_days, std::size_t max_bytes) {
        DraftOptions options;
        options.code = code;
        options.default_year = default_year;
        options.default_reporting = default_reporting;
        options.default_report_due_days = default_report_due_days;
        options.max_bytes = max_bytes;
        const py::gil_scoped_release release;
        return draft_plan(text, options);
      },
      py::arg("text"), py::kw_only(), py::arg("code") = "", py::arg("default_year") = 0,
      py::arg("default_reporting") = PeriodKind::quarter, py::arg("default_report_due_days") = 10,
      py::arg("max_bytes") = DraftOptions{}.max_bytes, R"doc(
Draft a plan from the text of a notice (通知), for a person to review.

Reads the title, issuer, year and document number; the numbered initiatives (一、 / （一） /
1. / 第一件 / 一是) or a table with one cell per line (序号 / 实事 / 责任单位 / 完成时限); the
responsible units and their roles; the numeric targets with value, unit of measure and kind; the
figures that are rates as parameters; deadlines; the coordinating office and its contact.
docs/drafting.md describes the approach, its limits and its measured accuracy.

Parameters
----------
text : str or bytes
    The notice as pasted: full- or half-width, with line breaks inside sentences, stray spaces
    and table pipes. Bytes that are not UTF-8 are read as U+FFFD.
code : str, optional
    The plan's code; ``""`` (or a code that is not valid) gives ``"draft-<year>"``.
default_year : int, optional
    The year when the notice states none; 0 for the current year.
default_reporting : PeriodKind, optional
    How often units report when the notice does not say.
default_report_due_days : int, optional
    Days after a period's end a report is due when the notice sets no rule.
max_bytes : int, optional
    Longer text is cut there and the draft flagged truncated (0: no limit).

Returns
-------
Draft
    Never raises for any text: a text that holds no notice gives an almost empty plan and
    findings that say so. The GIL is released while drafting.

Examples
--------
>>> d = taizhang.draft_plan(open("notice.txt", encoding="utf-8").read())  # doctest: +SKIP
>>> d.plan.initiatives[0].title, [str(f) for f in d.warnings]             # doctest: +SKIP
)doc");
}

}  // namespace

void register_draft(py::module_& m) {
  register_findings(m);
  register_draft_type(m);
  register_draft_plan(m);
}

}  // namespace taizhang::python
