// The `taizhang` command line, for coordinators and unit clerks. Built on the public API only.
//
//   taizhang [global options] COMMAND [command options]
//
// Exit codes (docs/cli.md):
//   0  done
//   1  the check asked for failed (verify found a mismatch; validate found errors)
//   2  wrong usage (unknown command or option, a missing argument)
//   3  bad input (a number, date, period, JSON or CSV that cannot be read; a plan or report that
//      breaks the rules)
//   4  permission denied (the actor may not do this)
//   5  not found (plan, unit, target, report)
//   6  conflict (imported twice, already submitted, ...)
//   7  the ledger file or another file cannot be used (storage, I/O)
//   70 an internal error
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <taizhang/csv_import.hpp>
#include <taizhang/draft.hpp>
#include <taizhang/ledger_export.hpp>
#include <taizhang/limits.hpp>
#include <taizhang/progress_form.hpp>
#include <taizhang/report_json.hpp>
#include <taizhang/safe_text.hpp>
#include <taizhang/status_report.hpp>
#include <taizhang/taizhang.hpp>
#include <vector>

#include <boost/program_options.hpp>

namespace po = boost::program_options;
namespace tz = taizhang;

namespace {

// ---- What is printed cannot take over the terminal
//
// Text from a file or the ledger (names, narratives, reasons, error messages that quote input) may
// hold escape sequences, C1 and other control characters, or bidirectional controls. Standard
// output and standard error pass through SafeText, which writes every line through
// tz::terminal_text: such characters are shown escaped (\x1B, \u202E), never acted on. Machine
// formats (JSON, CSV, Markdown, HTML) written to a file or a pipe stay exact (print_exact); on a
// terminal they are made safe too.
class SafeText : public std::streambuf {
 public:
  explicit SafeText(std::streambuf* out) : out_(out) {}
  SafeText(const SafeText&) = delete;
  SafeText& operator=(const SafeText&) = delete;
  ~SafeText() override { flush_all(); }

  // Writes `text` unchanged, after what is pending.
  void write_exact(std::string_view text) {
    flush_all();
    out_->sputn(text.data(), static_cast<std::streamsize>(text.size()));
  }

 protected:
  int_type overflow(int_type c) override {
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      pending_ += traits_type::to_char_type(c);
      if (traits_type::to_char_type(c) == '\n') flush_lines();
    }
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    pending_.append(s, static_cast<std::size_t>(n));
    flush_lines();
    return n;
  }
  // A flush (std::cerr flushes after every output) writes the complete lines only: the rest
  // waits for its line's end, or for the end of the program.
  int sync() override {
    flush_lines();
    return out_->pubsync();
  }

 private:
  void emit(std::string_view text) {
    const std::string safe = tz::terminal_text(text);
    out_->sputn(safe.data(), static_cast<std::streamsize>(safe.size()));
  }
  // Every complete line; a very long line in pieces, never cutting a character or a CR LF.
  void flush_lines() {
    if (const std::size_t nl = pending_.rfind('\n'); nl != std::string::npos) {
      emit(std::string_view(pending_).substr(0, nl + 1));
      pending_.erase(0, nl + 1);
    }
    if (pending_.size() > (std::size_t{1} << 16U)) {
      std::size_t cut = pending_.size();
      std::size_t k = cut;
      while (k > 0 && cut - k < 4 && (static_cast<unsigned char>(pending_[k - 1]) & 0xC0U) == 0x80U)
        --k;
      if (k > 0 && static_cast<unsigned char>(pending_[k - 1]) >= 0xC0) cut = k - 1;
      if (cut > 0 && pending_[cut - 1] == '\r') --cut;
      emit(std::string_view(pending_).substr(0, cut));
      pending_.erase(0, cut);
    }
  }
  void flush_all() {
    if (!pending_.empty()) emit(pending_);
    pending_.clear();
  }

  std::streambuf* out_;
  std::string pending_;
};

SafeText* safe_stdout = nullptr;  // set in main()

// A machine format (JSON, CSV, Markdown, HTML) on standard output: exact into a file or a pipe,
// made safe on a terminal.
void print_exact(const std::string& text) {
  if (safe_stdout != nullptr && isatty(STDOUT_FILENO) == 0) {
    safe_stdout->write_exact(text);
  } else {
    std::cout << text;
  }
}

constexpr int kOk = 0;
constexpr int kCheckFailed = 1;
constexpr int kUsage = 2;

int exit_code(tz::ErrorCode code) {
  switch (code) {
    case tz::ErrorCode::parse:
    case tz::ErrorCode::validation:
    case tz::ErrorCode::unit_mismatch:
    case tz::ErrorCode::overflow: return 3;
    case tz::ErrorCode::permission_denied: return 4;
    case tz::ErrorCode::not_found: return 5;
    case tz::ErrorCode::conflict: return 6;
    case tz::ErrorCode::io:
    case tz::ErrorCode::storage: return 7;
    case tz::ErrorCode::internal: return 70;
  }
  return 70;
}

// Wrong usage, reported with the command's help.
struct Usage {
  std::string message;
};

// Reads an option's value with `read`, naming the option (and the value) in any error it throws:
// "taizhang: parse: --period 2021Q9: ...".
template <class Read>
auto option_value(const std::string& option, const std::string& value, Read&& read)
    -> decltype(read(value)) {
  try {
    return read(value);
  } catch (const tz::Error& e) {
    throw tz::Error(e.code(), e.message(), tz::Location{"", 0, 0, option + " " + value});
  }
}

// What every command shares: the ledger file, the actor, the clock, the key.
struct Context {
  std::string ledger_path;
  std::string unit;
  std::string role;
  std::string person;
  std::string recorded_at;
  std::string plan;
  std::string key_path;  // --key, else $TAIZHANG_KEY
  // The actor options given on the command line (not defaulted): refused for writes in a ledger
  // with identities, where who acts is the key's.
  std::vector<std::string> declared;

  // The key of --key (its passphrase, if any, from $TAIZHANG_KEY_PASSPHRASE), loaded once.
  [[nodiscard]] std::shared_ptr<const tz::Signer> signer() const {
    if (key_path.empty()) return nullptr;
    if (!signer_) {
      const char* passphrase = std::getenv("TAIZHANG_KEY_PASSPHRASE");
      signer_ = std::make_shared<const tz::Signer>(
          tz::Signer::load(key_path, passphrase != nullptr ? passphrase : ""));
    }
    return signer_;
  }

  // Who acts in a write to `ledger`. Without identities: --as, --role and --person, as declared.
  // With them: the key's identity, derived by the library from the key and its grants; declaring
  // an actor is refused, so that nobody can believe a declaration counted.
  [[nodiscard]] tz::Actor actor(const tz::Ledger& ledger) const {
    if (!ledger.has_identities()) return declared_actor();
    if (!declared.empty()) {
      std::string given;
      for (const std::string& d : declared) given += (given.empty() ? "" : ", ") + d;
      throw tz::PermissionDenied(
          "this ledger has identities: who acts is the key's (--key), never declared; drop " +
              given,
          tz::Location{ledger_path, 0, 0, "actor"});
    }
    require_key(ledger);
    // An empty unit: the library takes the unit the key is granted for the write's role.
    return tz::Actor{"", tz::ActorRole::reporter, ""};
  }

  // The actor as declared by --as, --role and --person.
  [[nodiscard]] tz::Actor declared_actor() const {
    const auto parsed = tz::actor_role_from_string(role);
    if (!parsed) {
      throw Usage{"--role must be reporter, coordinator or administrator, not \"" + role + "\""};
    }
    if (unit.empty()) throw Usage{"this command needs the actor: --as UNIT (and --role ROLE)"};
    return tz::Actor{unit, *parsed, person};
  }

  // The unit this command's key reports for, in a ledger with identities: the one unit it holds a
  // reporter's grant for now (several: choose with --unit).
  [[nodiscard]] std::string reporting_unit(const tz::Ledger& ledger) const {
    require_key(ledger);
    std::vector<std::string> units;
    for (const tz::Actor& a : ledger.signer_actors()) {
      if (a.role == tz::ActorRole::reporter) units.push_back(a.unit);
    }
    if (units.size() == 1) return units.front();
    if (units.empty()) {
      throw tz::PermissionDenied("the key of " + key_path +
                                     " holds no reporter's grant in this ledger now",
                                 tz::Location{ledger_path, 0, 0, "actor"});
    }
    std::string list;
    for (const std::string& u : units) list += (list.empty() ? "" : ", ") + u;
    throw Usage{"the key reports for several units (" + list + "): choose one with --unit"};
  }

  void require_key(const tz::Ledger& ledger) const {
    if (key_path.empty() && ledger.has_identities()) {
      throw tz::PermissionDenied(
          "this ledger has identities: every write is signed — give your key with --key FILE "
          "(or $TAIZHANG_KEY)",
          tz::Location{ledger_path, 0, 0, "actor"});
    }
  }

  [[nodiscard]] tz::Ledger open(bool create = false, bool read_only = false) const {
    tz::LedgerOptions options;
    options.create_if_missing = create;
    options.read_only = read_only;
    if (!recorded_at.empty()) {
      // For imports of historic records and replays: every write is stamped at this time, which
      // the ledger accepts for a past time only inside an import window (`import begin`).
      const tz::Timestamp at = option_value("--recorded-at", recorded_at, tz::parse_timestamp);
      options.clock = [at] { return at; };
    }
    if (!read_only) options.signer = signer();
    return tz::Ledger::open(ledger_path, options);
  }

 private:
  mutable std::shared_ptr<const tz::Signer> signer_;

 public:
  // The plan the command is about: --plan, or the ledger's only plan.
  [[nodiscard]] std::string plan_code(const tz::Ledger& ledger) const {
    if (!plan.empty()) return plan;
    const std::vector<tz::PlanSummary> plans = ledger.plans();
    if (plans.size() == 1) return plans.front().code;
    if (plans.empty()) throw tz::NotFoundError("the ledger holds no plan: import one first");
    std::string codes;
    for (const tz::PlanSummary& p : plans) codes += (codes.empty() ? "" : ", ") + p.code;
    throw Usage{"the ledger holds several plans (" + codes + "): choose one with --plan"};
  }
};

// The bytes of the file at `path`, or of standard input for "-": at most `limit` of them (`what`
// the input is names it in the error). A path must be a regular file (read_file_within): a FIFO
// or a device is refused before anything is read.
std::string read_input(const std::string& path, std::size_t limit, const std::string& what) {
  if (path != "-") return tz::read_file_within(path, limit, what);
  std::string data;
  char buffer[1 << 16];
  while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
    const auto n = static_cast<std::size_t>(std::cin.gcount());
    if (n > limit - data.size()) {
      throw tz::IoError("is larger than " + std::to_string(limit >> 20U) + " MiB, the most " +
                            what + " may be: not read (is it the right input?)",
                        tz::Location{"<stdin>", 0, 0, ""});
    }
    data.append(buffer, n);
  }
  return data;
}

// `text` into the file `path`, or onto standard output (a machine format: exact unless it is a
// terminal; `safe`: text already made safe to print, such as the coloured status table).
void write_output(const std::string& path, const std::string& text, bool safe = false) {
  if (path.empty() || path == "-") {
    if (safe && safe_stdout != nullptr) {
      safe_stdout->write_exact(text);
    } else {
      print_exact(text);
    }
    return;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw tz::IoError("cannot write the file", tz::Location{path, 0, 0, ""});
}

// The words of `explain`'s subject, as one ("initiative 3", given as one argument or two).
std::string subject_of(const po::variables_map& vm) {
  std::string subject;
  if (vm.count("subject") != 0) {
    for (const std::string& word : vm["subject"].as<std::vector<std::string>>()) {
      subject += (subject.empty() ? "" : " ") + word;
    }
  }
  if (subject.empty()) {
    throw Usage{
        "the subject is required: a target (1.1), \"initiative 3\", \"plan\" or \"unit CODE\""};
  }
  return subject;
}

// A command: its options, what it does, and a line for the overview.
struct Command {
  std::string name;
  std::string summary;
  std::function<void(po::options_description&, po::positional_options_description&)> options;
  std::function<int(const Context&, const po::variables_map&)> run;
};

std::string text(const po::variables_map& vm, const char* name) {
  return vm.count(name) != 0 ? vm[name].as<std::string>() : std::string();
}

std::string required(const po::variables_map& vm, const char* name) {
  std::string value = text(vm, name);
  if (value.empty()) throw Usage{std::string("--") + name + " is required"};
  return value;
}

std::vector<std::string> many(const po::variables_map& vm, const char* name) {
  return vm.count(name) != 0 ? vm[name].as<std::vector<std::string>>() : std::vector<std::string>{};
}

// "1.1=4500" → {"1.1", "4500"}.
std::pair<std::string, std::string> assignment(const std::string& item, const char* option) {
  const std::size_t eq = item.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw Usage{std::string("--") + option + " takes KEY=VALUE, not \"" + item + "\""};
  }
  return {item.substr(0, eq), item.substr(eq + 1)};
}

// The report content of a command line: --from FILE.json (or - for standard input), and/or
// --value T=V, --stage T=S, --comment T=C, --evidence T=E, --progress N=TEXT, --completion N=DATE.
tz::ReportContent content_of(const po::variables_map& vm) {
  tz::ReportContent content;
  if (const std::string from = text(vm, "from"); !from.empty()) {
    content = tz::report_content_from_json(
        read_input(from, tz::limits::report_json_bytes, "report content JSON"),
        from == "-" ? "<stdin>" : from);
  }
  const auto value_for = [&](const std::string& target) -> tz::TargetValue& {
    for (tz::TargetValue& v : content.values) {
      if (v.target == target) return v;
    }
    content.values.push_back(tz::TargetValue{});
    content.values.back().target = target;
    return content.values.back();
  };
  for (const std::string& item : many(vm, "value")) {
    auto [target, text_value] = assignment(item, "value");
    // Read against the target's unit when filed (read_value): 2.4=1500万 on 万元 is 1500.
    tz::TargetValue& v = value_for(target);
    v.value.reset();
    v.text = text_value;
    v.unit.clear();
  }
  for (const std::string& item : many(vm, "stage")) {
    auto [target, stage] = assignment(item, "stage");
    value_for(target).stage = stage;
  }
  for (const std::string& item : many(vm, "comment")) {
    auto [target, comment] = assignment(item, "comment");
    value_for(target).comment = comment;
  }
  for (const std::string& item : many(vm, "evidence")) {
    auto [target, evidence] = assignment(item, "evidence");
    value_for(target).evidence = evidence;
  }
  const auto progress_for = [&](const std::string& number) -> tz::InitiativeProgress& {
    const tz::Decimal n = option_value("--progress/--completion", number,
                                       [](const std::string& t) { return tz::parse_number(t); });
    if (!n.is_integer() || n.sign() <= 0)
      throw Usage{"\"" + number + "\" is not an initiative's number"};
    const int initiative = static_cast<int>(n.to_integer());
    for (tz::InitiativeProgress& p : content.progress) {
      if (p.initiative == initiative) return p;
    }
    content.progress.push_back(tz::InitiativeProgress{initiative, "", std::nullopt});
    return content.progress.back();
  };
  for (const std::string& item : many(vm, "progress")) {
    auto [number, narrative] = assignment(item, "progress");
    progress_for(number).narrative = narrative;
  }
  for (const std::string& item : many(vm, "completion")) {
    auto [number, date] = assignment(item, "completion");
    progress_for(number).expected_completion = option_value(
        "--completion", item, [&](const std::string&) { return tz::Date::parse(date); });
  }
  return content;
}

// How the command's content meets the report's: --from gives a whole content (it replaces), the
// per-value options alone change only what they name (merge); --replace and --merge say so.
tz::ContentMode mode_of(const po::variables_map& vm) {
  if (vm.count("replace") != 0 && vm.count("merge") != 0) {
    throw Usage{"--replace and --merge cannot both be given"};
  }
  if (vm.count("merge") != 0) return tz::ContentMode::merge;
  return vm.count("replace") != 0 || !text(vm, "from").empty() ? tz::ContentMode::replace
                                                               : tz::ContentMode::merge;
}

void content_options(po::options_description& o) {
  o.add_options()("from", po::value<std::string>(),
                  "the whole content as JSON (docs/cli.md); - for standard input. It replaces the "
                  "report's content; the options below adjust it")(
      "replace",
      "the content given is the report's whole content (default without --from: it changes "
      "only what it names and keeps the rest)")(
      "merge", "lay the content given (also --from) over the report's: change only what it names")(
      "value", po::value<std::vector<std::string>>(),
      "TARGET=VALUE, e.g. 1.1=4500 or 5.1=3000万元")(
      "stage", po::value<std::vector<std::string>>(),
      "TARGET=STAGE for a milestone, e.g. 1.2=推进中")(
      "comment", po::value<std::vector<std::string>>(), "TARGET=TEXT")(
      "evidence", po::value<std::vector<std::string>>(), "TARGET=LINK")(
      "progress", po::value<std::vector<std::string>>(),
      "N=TEXT: 本季度具体措施及任务进度情况 of initiative N")(
      "completion", po::value<std::vector<std::string>>(), "N=DATE: 完成时限 of initiative N");
}

// The period given with --NAME (required).
tz::Period period_option(const po::variables_map& vm, const char* name) {
  return option_value(std::string("--") + name, required(vm, name),
                      [](const std::string& t) { return tz::Period::parse(t); });
}

tz::ReportKey key_of(const Context& ctx, const tz::Ledger& ledger, const po::variables_map& vm,
                     bool unit_from_actor) {
  std::string unit = text(vm, "unit");
  if (unit.empty() && unit_from_actor) {
    // A reader names the unit with --as; a writer in a ledger with identities reports for the unit
    // its key is granted.
    unit = !ctx.unit.empty() || !ledger.has_identities() || ctx.key_path.empty()
               ? ctx.unit
               : ctx.reporting_unit(ledger);
  }
  if (unit.empty()) throw Usage{"--unit is required"};
  return tz::ReportKey{ctx.plan_code(ledger), unit, period_option(vm, "period")};
}

void print_report(const tz::Report& r) {
  std::cout << r.key.to_string() << ": " << tz::to_string(r.status()) << " (revision "
            << r.current.number << ", " << tz::format_timestamp(r.current.recorded_at) << ")\n";
  // Warnings never stop a filing; the clerk and the office must see them.
  for (const tz::Issue& w : r.warnings) {
    std::cerr << "taizhang: warning: " << w.path << ": " << w.message << "\n";
  }
}

std::optional<tz::Date> date_option(const po::variables_map& vm, const char* name) {
  const std::string value = text(vm, name);
  if (value.empty()) return std::nullopt;
  return option_value(std::string("--") + name, value,
                      [](const std::string& t) { return tz::Date::parse(t); });
}

tz::RollupQuery query_of(const Context& ctx, const tz::Ledger& ledger,
                         const po::variables_map& vm) {
  tz::RollupQuery q;
  q.plan = ctx.plan_code(ledger);
  const tz::Plan plan = ledger.plan(q.plan);
  if (vm.count("as-of") != 0) {
    q.as_of = period_option(vm, "as-of");
  } else {
    // The current period, kept inside the plan's window: a plan that has ended is shown as of its
    // last period, one not yet begun as of its first.
    q.as_of = tz::Period::containing(tz::local_date(tz::now_utc()), plan.reporting);
    if (const std::vector<tz::Period> periods = plan.periods(); !periods.empty()) {
      q.as_of = std::clamp(q.as_of, periods.front(), periods.back());
    }
  }
  if (const std::string t = text(vm, "as-recorded-at"); !t.empty()) {
    q.recorded_at = option_value("--as-recorded-at", t, tz::parse_timestamp);
  }
  q.accepted_only = vm.count("accepted-only") != 0;
  q.include_drafts = vm.count("include-drafts") != 0;
  q.today = date_option(vm, "today");
  return q;
}

void query_options(po::options_description& o) {
  o.add_options()("as-of", po::value<std::string>(),
                  "the period to roll up to (2021Q3); default: the current one, or the "
                  "plan's last when it has ended")(
      "today", po::value<std::string>(),
      "the day to judge due dates and deadlines on (default: the as-of period's last day)")(
      "as-recorded-at", po::value<std::string>(), "the ledger as it stood at this time (ISO 8601)")(
      "accepted-only", "count only reports the coordinator accepted")(
      "include-drafts",
      "a preview that also counts drafts (marked 含草稿); by default only what was handed in "
      "counts");
}

// A compliance cell as the office says it.
std::string compliance_word(tz::Compliance c) {
  switch (c) {
    case tz::Compliance::not_due: return "未到期";
    case tz::Compliance::on_time: return "已报";
    case tz::Compliance::late: return "迟报";
    case tz::Compliance::missing: return "未报";
    case tz::Compliance::omitted: return "漏报";
    case tz::Compliance::returned: return "退回未改";
  }
  return "";
}

// A report's status as the office says it.
const char* status_word(tz::ReportStatus status) {
  switch (status) {
    case tz::ReportStatus::draft: return "草稿";
    case tz::ReportStatus::submitted: return "待审核";
    case tz::ReportStatus::accepted: return "已审核";
    case tz::ReportStatus::returned: return "已退回";
  }
  return "";
}

// --status: draft, submitted, accepted, returned, or the office's words for them.
tz::ReportStatus status_option(const std::string& text) {
  if (const auto parsed = tz::report_status_from_string(text)) return *parsed;
  for (const tz::ReportStatus s : {tz::ReportStatus::draft, tz::ReportStatus::submitted,
                                   tz::ReportStatus::accepted, tz::ReportStatus::returned}) {
    if (text == status_word(s)) return s;
  }
  throw Usage{
      "--status must be submitted (待审核), returned (已退回), draft (草稿) or accepted "
      "(已审核), not \"" +
      text + "\""};
}

// How wide `s` shows on a terminal: CJK characters (three-byte UTF-8 and beyond) take two columns.
std::size_t width_of(const std::string& s) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    w += n >= 3 ? 2 : 1;
    i += n;
  }
  return w;
}

std::string padded(const std::string& s, std::size_t width) {
  const std::size_t w = width_of(s);
  return w >= width ? s : s + std::string(width - w, ' ');
}

// `rows` as aligned columns (the first row is the header).
void print_table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], width_of(row[i]));
  }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += i + 1 == row.size() ? row[i] : padded(row[i], widths[i]) + "  ";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    std::cout << line << "\n";
  }
}

// A CSV cell: the library's own rule (tz::csv_cell: RFC 4180 quoting, and a ' before a cell
// that a spreadsheet would run as a formula).
std::string csv_field(const std::string& s) {
  return tz::csv_cell(s);
}

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string unit_name_of(const tz::Plan& plan, const std::string& code) {
  const tz::Unit* u = plan.find_unit(code);
  return u != nullptr ? u->name : code;
}

// `report list`: submitted reports (待审核) first, then returned, drafts and accepted ones; within
// each, by period and unit.
void list_reports(const tz::Plan& plan, std::vector<tz::Report> reports, const tz::Date& today,
                  const std::string& format) {
  const auto rank = [](tz::ReportStatus s) {
    switch (s) {
      case tz::ReportStatus::submitted: return 0;
      case tz::ReportStatus::returned: return 1;
      case tz::ReportStatus::draft: return 2;
      case tz::ReportStatus::accepted: return 3;
    }
    return 4;
  };
  std::stable_sort(reports.begin(), reports.end(), [&](const tz::Report& a, const tz::Report& b) {
    return rank(a.status()) < rank(b.status());
  });
  const auto days = [&](const tz::Report& r) {
    return std::to_string(today.days_since(tz::local_date(r.current.recorded_at)));
  };
  const auto first = [](const tz::Report& r) {
    return r.first_submitted ? tz::local_date(*r.first_submitted).to_string() : std::string("—");
  };
  // Machine formats: exact into a file or a pipe.
  std::ostringstream out;
  if (format == "json") {
    out << "[";
    for (std::size_t i = 0; i < reports.size(); ++i) {
      const tz::Report& r = reports[i];
      out << (i > 0 ? ",\n " : "\n ") << "{\"period\": " << json_string(r.key.period.to_string())
          << ", \"unit\": " << json_string(r.key.unit)
          << ", \"unit_name\": " << json_string(unit_name_of(plan, r.key.unit))
          << ", \"status\": " << json_string(tz::to_string(r.status()))
          << ", \"revision\": " << r.current.number
          << ", \"recorded_at\": " << json_string(tz::format_timestamp(r.current.recorded_at))
          << ", \"first_submitted\": "
          << (r.first_submitted ? json_string(tz::format_timestamp(*r.first_submitted))
                                : std::string("null"))
          << ", \"days\": " << days(r) << ", \"warnings\": [";
      for (std::size_t k = 0; k < r.warnings.size(); ++k) {
        out << (k > 0 ? ", " : "") << json_string(r.warnings[k].message);
      }
      out << "]}";
    }
    out << (reports.empty() ? "]\n" : "\n]\n");
    print_exact(out.str());
    return;
  }
  if (format == "csv") {
    out << "\xEF\xBB\xBF"
        << "period,unit,unit_name,status,revision,first_submitted,days,warnings\r\n";
    for (const tz::Report& r : reports) {
      std::string warnings;
      for (const tz::Issue& w : r.warnings) warnings += (warnings.empty() ? "" : "; ") + w.message;
      out << r.key.period.to_string() << ',' << csv_field(r.key.unit) << ','
          << csv_field(unit_name_of(plan, r.key.unit)) << ',' << tz::to_string(r.status()) << ','
          << r.current.number << ',' << first(r) << ',' << days(r) << ',' << csv_field(warnings)
          << "\r\n";
    }
    print_exact(out.str());
    return;
  }
  if (reports.empty()) {
    std::cout << "没有符合条件的报告\n";
    return;
  }
  std::vector<std::vector<std::string>> rows = {
      {"报告期", "单位", "状态", "修订", "首次报送", "距今天数", "需核实"}};
  for (const tz::Report& r : reports) {
    rows.push_back(
        {r.key.period.to_string(), unit_name_of(plan, r.key.unit), status_word(r.status()),
         std::to_string(r.current.number), first(r), days(r),
         r.warnings.empty() ? "" : "需核实 " + std::to_string(r.warnings.size()) + " 项"});
  }
  print_table(rows);
  for (const tz::Report& r : reports) {
    for (const tz::Issue& w : r.warnings) {
      std::cout << "  需核实 " << r.key.period.to_string() << " " << unit_name_of(plan, r.key.unit)
                << "：" << w.message << "\n";
    }
  }
}

// `report show`: the content as it stands (or as of a revision), and what the office counts.
void show_report(const tz::Ledger& ledger, const tz::ReportKey& key, std::optional<int> revision,
                 bool json) {
  const std::optional<tz::Report> report = ledger.report(key);
  if (!report) throw tz::NotFoundError("nothing has been filed for " + key.to_string());
  const std::vector<tz::Revision> history = ledger.history(key);
  const tz::Revision* shown = &history.back();
  if (revision) {
    if (*revision < 1 || *revision > static_cast<int>(history.size())) {
      throw tz::NotFoundError("report " + key.to_string() + " has revisions 1 to " +
                              std::to_string(history.size()) + ", not " +
                              std::to_string(*revision));
    }
    shown = &history[static_cast<std::size_t>(*revision - 1)];
  }
  if (json) {
    print_exact(tz::report_content_to_json(shown->content));
    return;
  }
  const tz::Plan plan = ledger.plan(key.plan);
  std::cout << key.to_string() << "  " << unit_name_of(plan, key.unit) << "\n"
            << "修订 " << shown->number << "（" << tz::format_timestamp(shown->recorded_at) << "，"
            << tz::to_string(shown->action) << "）  状态：" << status_word(shown->status) << "\n";
  if (!revision) {
    std::cout << "计入汇总的内容："
              << (report->counted_revision == 0
                      ? std::string("无（草稿或退回的报告不计入）")
                      : "修订 " + std::to_string(report->counted_revision))
              << "\n";
  }
  const tz::ReportContent& c = shown->content;
  if (!c.values.empty()) {
    std::vector<std::vector<std::string>> rows = {{"目标", "数值", "填报", "备注", "佐证"}};
    for (const tz::TargetValue& v : c.values) {
      const tz::Target* t = plan.find_target(v.target);
      const std::string unit = t != nullptr ? t->unit : "";
      rows.push_back({v.target, v.value ? tz::Quantity{*v.value, unit}.to_string() : v.stage,
                      v.filed_value ? tz::Quantity{*v.filed_value, v.filed_unit}.to_string() : "",
                      v.comment, v.evidence});
    }
    std::cout << "\n";
    print_table(rows);
  }
  if (!c.progress.empty()) {
    std::cout << "\n";
    for (const tz::InitiativeProgress& p : c.progress) {
      std::cout << "实事" << tz::chinese_ordinal(p.initiative) << "："
                << (p.narrative.empty() ? "（无进展情况）" : p.narrative)
                << (p.expected_completion
                        ? "（完成时限 " + p.expected_completion->to_string() + "）"
                        : std::string())
                << "\n";
    }
  }
  if (c.values.empty() && c.progress.empty()) std::cout << "（无内容）\n";
  if (!revision) {
    for (const tz::Issue& w : report->warnings) std::cout << "需核实：" << w.message << "\n";
  }
}

std::vector<Command> commands() {
  std::vector<Command> all;

  all.push_back(
      {"init", "create an empty ledger file (with its first administrator, and a plan)",
       [](po::options_description& o, po::positional_options_description&) {
         o.add_options()("plan-file", po::value<std::string>(),
                         "a plan to import (needs --as UNIT --role administrator)")(
             "identity", po::value<std::string>(),
             "turn identities on: the first administrator's id (with --name, --key FILE, "
             "--as UNIT --role administrator); the key file is made when it does not exist")(
             "name", po::value<std::string>(), "the first administrator's name, for the record")(
             "unit-name", po::value<std::string>(),
             "the name of the administrator's unit, when no plan names it");
       },
       [](const Context& ctx, const po::variables_map& vm) {
         const std::string id = text(vm, "identity");
         if (!id.empty() && ctx.key_path.empty()) {
           throw Usage{"--identity needs --key FILE: the first administrator's key"};
         }
         if (!id.empty() && !std::filesystem::exists(ctx.key_path)) {
           const char* passphrase = std::getenv("TAIZHANG_KEY_PASSPHRASE");
           tz::Signer::generate().save(ctx.key_path, passphrase != nullptr ? passphrase : "");
           std::cout << "made the key " << ctx.key_path << " (readable by you only)\n";
         }
         const std::string file = text(vm, "plan-file");
         const std::optional<tz::Plan> plan =
             file.empty() ? std::nullopt : std::optional<tz::Plan>(tz::load_plan(file));
         tz::Ledger ledger = ctx.open(true);
         if (!id.empty()) {
           // The administrator's unit goes into the catalogue first (from the plan, or named with
           // --unit-name), so that everything after it, the plan too, is signed.
           const tz::Actor admin = ctx.declared_actor();
           if (ledger.units().empty()) {
             const tz::Unit* in_plan = plan ? plan->find_unit(admin.unit) : nullptr;
             tz::Unit unit = in_plan != nullptr ? *in_plan : tz::Unit{};
             if (in_plan == nullptr) {
               unit.code = admin.unit;
               unit.name = text(vm, "unit-name");
               unit.kind = tz::UnitKind::coordinating_office;
               if (unit.name.empty()) {
                 throw Usage{"--as " + admin.unit +
                             " is not a unit of the plan: name it with --unit-name"};
               }
             }
             ledger.put_unit(admin, unit);
           }
           // The first identity is declared (--as, --role administrator) and proven by its key.
           tz::Identity identity;
           identity.id = id;
           identity.name = required(vm, "name");
           identity.public_key = ctx.signer()->public_key_pem();
           ledger.add_identity(ctx.declared_actor(), identity);
           std::cout << "identity " << id << " administers " << ctx.unit << " (key "
                     << ctx.signer()->key_id() << ")\n";
         }
         if (plan) {
           // Signed with the first administrator's key when there is one.
           ledger.import_plan(id.empty() ? ctx.actor(ledger) : ctx.declared_actor(), *plan, "init");
         }
         std::cout << "ledger " << ledger.path().string() << " (schema version "
                   << tz::Ledger::schema_version() << ", " << ledger.plans().size() << " plans"
                   << (ledger.has_identities() ? ", with identities" : "") << ")\n";
         return kOk;
       }});

  all.push_back({"plan import", "import a plan file (administrators)",
                 [](po::options_description& o, po::positional_options_description& p) {
                   o.add_options()("file", po::value<std::string>(), "the plan file (JSON)")(
                       "reason", po::value<std::string>(), "why, for the record");
                   p.add("file", 1);
                 },
                 [](const Context& ctx, const po::variables_map& vm) {
                   const tz::Plan plan = tz::load_plan(required(vm, "file"));
                   tz::Ledger ledger = ctx.open(true);
                   ledger.import_plan(ctx.actor(ledger), plan, text(vm, "reason"));
                   std::cout << "imported plan " << plan.code << " (" << plan.initiatives.size()
                             << " initiatives)\n";
                   return kOk;
                 }});

  all.push_back({"plan update", "record a new version of a plan (administrators)",
                 [](po::options_description& o, po::positional_options_description& p) {
                   o.add_options()("file", po::value<std::string>(), "the plan file (JSON)")(
                       "reason", po::value<std::string>(), "why the plan changes (required)");
                   p.add("file", 1);
                 },
                 [](const Context& ctx, const po::variables_map& vm) {
                   const tz::Plan plan = tz::load_plan(required(vm, "file"));
                   tz::Ledger ledger = ctx.open();
                   ledger.update_plan(ctx.actor(ledger), plan, required(vm, "reason"));
                   std::cout << "plan " << plan.code << " is now version "
                             << ledger.plan_history(plan.code).size() << "\n";
                   return kOk;
                 }});

  all.push_back(
      {"plan export", "write a plan of the ledger as JSON",
       [](po::options_description& o, po::positional_options_description&) {
         o.add_options()("output,o", po::value<std::string>(),
                         "the file (default: standard output)")(
             "as-recorded-at", po::value<std::string>(), "the plan as it stood at this time");
       },
       [](const Context& ctx, const po::variables_map& vm) {
         const tz::Ledger ledger = ctx.open(false, true);
         const std::string code = ctx.plan_code(ledger);
         const std::string at = text(vm, "as-recorded-at");
         const tz::Plan plan =
             at.empty()
                 ? ledger.plan(code)
                 : ledger.plan_at(code, option_value("--as-recorded-at", at, tz::parse_timestamp));
         write_output(text(vm, "output"), tz::plan_to_json(plan));
         return kOk;
       }});

  all.push_back({"plan show", "print a plan (a file, or the ledger's) as an outline",
                 [](po::options_description& o, po::positional_options_description& p) {
                   o.add_options()("file", po::value<std::string>(),
                                   "a plan file; default: the ledger's plan");
                   p.add("file", 1);
                 },
                 [](const Context& ctx, const po::variables_map& vm) {
                   if (const std::string file = text(vm, "file"); !file.empty()) {
                     std::cout << tz::format_outline(tz::load_plan(file));
                     return kOk;
                   }
                   const tz::Ledger ledger = ctx.open(false, true);
                   std::cout << tz::format_outline(ledger.plan(ctx.plan_code(ledger)));
                   return kOk;
                 }});

  all.push_back({"plan validate", "check a plan file and list every problem",
                 [](po::options_description& o, po::positional_options_description& p) {
                   o.add_options()("file", po::value<std::string>(), "the plan file (JSON)");
                   p.add("file", 1);
                 },
                 [](const Context&, const po::variables_map& vm) {
                   const std::string file = required(vm, "file");
                   const tz::Plan plan = tz::load_plan(file);
                   int errors = 0;
                   for (const tz::Issue& issue : tz::validate(plan)) {
                     std::cerr << file << ": " << issue.to_string() << "\n";
                     if (issue.severity == tz::Issue::Severity::error) ++errors;
                   }
                   std::cout << file << ": "
                             << (errors == 0 ? "valid" : std::to_string(errors) + " errors") << " ("
                             << plan.initiatives.size() << " initiatives)\n";
                   return errors == 0 ? kOk : kCheckFailed;
                 }});

  all.push_back(
      {"plan draft", "draft a plan from a notice's text, for review (findings on stderr)",
       [](po::options_description& o, po::positional_options_description& p) {
         o.add_options()("file", po::value<std::string>(), "the notice (UTF-8 text); - for stdin")(
             "output,o", po::value<std::string>(), "the plan file (default: standard output)")(
             "code", po::value<std::string>(), "the plan's code (default: draft-YEAR)")(
             "year", po::value<int>(), "the year when the notice states none")(
             "quiet,q", "list only the warnings, not what was drafted");
         p.add("file", 1);
       },
       [](const Context&, const po::variables_map& vm) {
         const std::string file = required(vm, "file");
         tz::DraftOptions options;
         options.code = text(vm, "code");
         if (vm.count("year") != 0) options.default_year = vm["year"].as<int>();
         options.max_bytes = tz::limits::notice_bytes;
         const tz::Draft draft =
             tz::draft_plan(read_input(file, tz::limits::notice_bytes, "a notice"), options);
         const bool quiet = vm.count("quiet") != 0;
         std::size_t warnings = 0;
         for (const tz::Finding& f : draft.findings) {
           const bool warning = f.severity == tz::FindingSeverity::warning;
           warnings += warning ? 1U : 0U;
           if (warning || !quiet) std::cerr << f.to_string() << "\n";
         }
         write_output(text(vm, "output"), tz::plan_to_json(draft.plan));
         std::cerr << (file == "-" ? "<stdin>" : file) << ": drafted "
                   << draft.plan.initiatives.size() << " initiatives, " << draft.plan.units.size()
                   << " units; " << warnings << " warnings"
                   << (draft.truncated ? "; the notice seems cut off" : "")
                   << " — review before use\n";
         return kOk;
       }});

  // The report commands: what they act on, and how.
  using Act =
      std::function<tz::Report(tz::Ledger&, const tz::Actor&, const tz::ReportKey&,
                               const tz::ReportContent&, const std::string&, tz::ContentMode)>;
  const auto content_command = [](const char* name, const char* summary, bool with_content,
                                  bool with_reason, bool unit_from_actor, Act act) {
    return Command{
        name, summary,
        [with_content, with_reason, unit_from_actor](po::options_description& o,
                                                     po::positional_options_description&) {
          o.add_options()("unit", po::value<std::string>(),
                          unit_from_actor ? "the report's unit (default: --as)"
                                          : "the report's unit (required)")(
              "period", po::value<std::string>(), "the report's period, e.g. 2021Q3");
          if (with_reason)
            o.add_options()("reason", po::value<std::string>(), "the reason (required)");
          if (with_content) content_options(o);
        },
        [with_content, with_reason, unit_from_actor, act](const Context& ctx,
                                                          const po::variables_map& vm) {
          const tz::ReportContent content = with_content ? content_of(vm) : tz::ReportContent{};
          const std::string reason = with_reason ? required(vm, "reason") : std::string();
          tz::Ledger ledger = ctx.open();
          const tz::Actor actor = ctx.actor(ledger);  // before the key: the unit defaults to --as
          const tz::ReportKey key = key_of(ctx, ledger, vm, unit_from_actor);
          print_report(act(ledger, actor, key, content, reason, mode_of(vm)));
          return kOk;
        }};
  };
  all.push_back(content_command(
      "report file", "check, save and submit a report (reporters)", true, false, true,
      [](tz::Ledger& l, const tz::Actor& a, const tz::ReportKey& k, const tz::ReportContent& c,
         const std::string&, tz::ContentMode m) { return l.file(a, k, c, m); }));
  all.push_back(content_command(
      "report save", "save a report as a draft (reporters)", true, false, true,
      [](tz::Ledger& l, const tz::Actor& a, const tz::ReportKey& k, const tz::ReportContent& c,
         const std::string&, tz::ContentMode m) { return l.save(a, k, c, m); }));
  all.push_back(content_command(
      "report submit", "hand in a saved or returned report (reporters)", false, false, true,
      [](tz::Ledger& l, const tz::Actor& a, const tz::ReportKey& k, const tz::ReportContent&,
         const std::string&, tz::ContentMode) { return l.submit(a, k); }));
  all.push_back(content_command(
      "report accept", "accept a submitted report (the coordinator)", false, false, false,
      [](tz::Ledger& l, const tz::Actor& a, const tz::ReportKey& k, const tz::ReportContent&,
         const std::string&, tz::ContentMode) { return l.accept(a, k); }));
  all.push_back(content_command(
      "report return", "send a submitted report back with a reason (the coordinator)", false, true,
      false,
      [](tz::Ledger& l, const tz::Actor& a, const tz::ReportKey& k, const tz::ReportContent&,
         const std::string& reason, tz::ContentMode) { return l.return_report(a, k, reason); }));
  all.push_back(content_command(
      "report correct", "correct an accepted report, with a reason (reporters)", true, true, true,
      [](tz::Ledger& l, const tz::Actor& a, const tz::ReportKey& k, const tz::ReportContent& c,
         const std::string& reason, tz::ContentMode m) { return l.correct(a, k, c, reason, m); }));

  all.push_back(
      {"report show", "a report's content: as it stands, or as of a revision",
       [](po::options_description& o, po::positional_options_description&) {
         o.add_options()("unit", po::value<std::string>(), "the report's unit (default: --as)")(
             "period", po::value<std::string>(), "the report's period")(
             "revision", po::value<int>(), "the content as of this revision")(
             "format", po::value<std::string>()->default_value("table"), "table or json");
       },
       [](const Context& ctx, const po::variables_map& vm) {
         const std::string format = text(vm, "format");
         if (format != "table" && format != "json") {
           throw Usage{"--format must be table or json, not \"" + format + "\""};
         }
         const tz::Ledger ledger = ctx.open(false, true);
         const tz::ReportKey key = key_of(ctx, ledger, vm, true);
         show_report(ledger, key,
                     vm.count("revision") != 0 ? std::optional<int>(vm["revision"].as<int>())
                                               : std::nullopt,
                     format == "json");
         return kOk;
       }});

  all.push_back(
      {"report list", "the office's inbox: reports by status, period and unit",
       [](po::options_description& o, po::positional_options_description&) {
         o.add_options()("period", po::value<std::string>(), "only this period")(
             "unit", po::value<std::string>(), "only this unit")(
             "status", po::value<std::string>(),
             "only this status: submitted (待审核), returned, draft, accepted")(
             "today", po::value<std::string>(),
             "the day to count days since filing on (default: today)")(
             "format", po::value<std::string>()->default_value("table"), "table, csv or json");
       },
       [](const Context& ctx, const po::variables_map& vm) {
         const std::string format = text(vm, "format");
         if (format != "table" && format != "csv" && format != "json") {
           throw Usage{"--format must be table, csv or json, not \"" + format + "\""};
         }
         const tz::Ledger ledger = ctx.open(false, true);
         tz::ReportFilter filter;
         filter.plan = ctx.plan_code(ledger);
         if (vm.count("period") != 0) filter.period = period_option(vm, "period");
         filter.unit = text(vm, "unit");
         if (const std::string st = text(vm, "status"); !st.empty()) {
           filter.status = status_option(st);
         }
         const tz::Date today = date_option(vm, "today").value_or(tz::local_date(tz::now_utc()));
         list_reports(ledger.plan(filter.plan), ledger.reports(filter), today, format);
         return kOk;
       }});

  all.push_back({"report history", "every revision of a report",
                 [](po::options_description& o, po::positional_options_description&) {
                   o.add_options()("unit", po::value<std::string>(), "the report's unit")(
                       "period", po::value<std::string>(), "the report's period")(
                       "format", po::value<std::string>()->default_value("table"), "table or json");
                 },
                 [](const Context& ctx, const po::variables_map& vm) {
                   if (const std::string f = text(vm, "format"); f != "table" && f != "json") {
                     throw Usage{"--format must be table or json, not \"" + f + "\""};
                   }
                   const tz::Ledger ledger = ctx.open(false, true);
                   const tz::ReportKey key = key_of(ctx, ledger, vm, true);
                   const std::vector<tz::Revision> history = ledger.history(key);
                   if (history.empty())
                     throw tz::NotFoundError("nothing has been filed for " + key.to_string());
                   if (text(vm, "format") == "json") {
                     print_exact(tz::report_history_to_json(key, history));
                     return kOk;
                   }
                   std::cout << key.to_string() << "\n";
                   for (const tz::Revision& r : history) {
                     std::cout << "  " << r.number << "  " << tz::format_timestamp(r.recorded_at)
                               << "  " << tz::to_string(r.action) << " → "
                               << tz::to_string(r.status) << "  by " << tz::to_string(r.actor.role)
                               << " " << r.actor.unit
                               << (r.actor.person.empty() ? "" : " (" + r.actor.person + ")")
                               << (r.reason.empty() ? "" : "  理由：" + r.reason) << "\n";
                   }
                   return kOk;
                 }});

  all.push_back(
      {"status", "the roll-up: progress, status and the chasing list",
       [](po::options_description& o, po::positional_options_description&) {
         query_options(o);
         o.add_options()("format", po::value<std::string>()->default_value("table"),
                         "table, json or html")("output,o", po::value<std::string>(),
                                                "the file (default: standard output)")(
             "width", po::value<std::size_t>()->default_value(100), "the table's width");
       },
       [](const Context& ctx, const po::variables_map& vm) {
         const tz::Ledger ledger = ctx.open(false, true);
         const tz::RollupQuery query = query_of(ctx, ledger, vm);
         const tz::Rollup rollup = ledger.rollup(query);
         const tz::Plan plan = ledger.plan(query.plan);
         const std::string format = text(vm, "format");
         if (format == "json") {
           write_output(text(vm, "output"), tz::rollup_to_json(rollup));
         } else if (format == "html") {
           write_output(
               text(vm, "output"),
               tz::render_dashboard(plan, rollup, ledger.rollup_series(query), tz::now_utc()));
         } else if (format == "table") {
           const bool colour = text(vm, "output").empty() && isatty(STDOUT_FILENO) != 0;
           // The library's terminal table: its text is made safe, its colours kept.
           write_output(
               text(vm, "output"),
               tz::format_status_table(plan, rollup, vm["width"].as<std::size_t>(), colour), true);
         } else {
           throw Usage{"--format must be table, json or html, not \"" + format + "\""};
         }
         return kOk;
       }});

  all.push_back({"explain", "where a figure of the roll-up came from",
                 [](po::options_description& o, po::positional_options_description& p) {
                   query_options(o);
                   o.add_options()("subject", po::value<std::vector<std::string>>(),
                                   "a target (1.1), \"initiative 3\", \"plan\" or \"unit CODE\"");
                   p.add("subject", -1);
                 },
                 [](const Context& ctx, const po::variables_map& vm) {
                   const tz::Ledger ledger = ctx.open(false, true);
                   const tz::Explanation e =
                       ledger.explain(query_of(ctx, ledger, vm), subject_of(vm));
                   std::cout << e.subject << "\n";
                   for (const std::string& step : e.steps) std::cout << "  " << step << "\n";
                   for (const tz::ExplanationInput& in : e.inputs) {
                     std::cout << "  input: " << in.report.to_string() << " revision "
                               << in.revision << " (" << tz::format_timestamp(in.recorded_at)
                               << ", " << in.actor.unit << ")"
                               << (in.target.empty() ? "" : " " + in.target + " = ")
                               << (in.value ? in.value->to_string() : in.stage)
                               << (in.counted ? "" : "  [not counted]") << "\n";
                   }
                   return kOk;
                 }});

  all.push_back(
      {"chase", "the chasing list (定期调度): reports late or missing",
       [](po::options_description& o, po::positional_options_description&) {
         query_options(o);
         o.add_options()("format", po::value<std::string>()->default_value("table"),
                         "table or csv");
       },
       [](const Context& ctx, const po::variables_map& vm) {
         if (const std::string f = text(vm, "format"); f != "table" && f != "csv") {
           throw Usage{"--format must be table or csv, not \"" + f + "\""};
         }
         const tz::Ledger ledger = ctx.open(false, true);
         const tz::RollupQuery query = query_of(ctx, ledger, vm);
         const tz::Rollup rollup = ledger.rollup(query);
         const tz::Plan plan = ledger.plan(query.plan);
         const bool csv = text(vm, "format") == "csv";
         std::ostringstream csv_out;  // a machine format: exact into a file or a pipe
         if (csv) {
           csv_out << "\xEF\xBB\xBF"
                   << "period,unit,unit_name,initiatives,compliance,due,days_overdue\r\n";
         }
         std::vector<std::vector<std::string>> rows;
         for (const tz::ChaseItem& c : rollup.chasing) {
           std::string numbers;
           std::string words;
           for (const int n : c.initiatives) {
             numbers += (numbers.empty() ? "" : ";") + std::to_string(n);
             words += (words.empty() ? "实事" : "、") + tz::chinese_ordinal(n);
           }
           if (csv) {
             csv_out << c.period.to_string() << ',' << csv_field(c.unit) << ','
                     << csv_field(unit_name_of(plan, c.unit)) << ',' << numbers << ','
                     << tz::to_string(c.compliance) << ',' << c.due.to_string() << ','
                     << c.days_overdue << "\r\n";
           } else {
             rows.push_back(
                 {c.period.to_string(), unit_name_of(plan, c.unit) + "（" + c.unit + "）",
                  compliance_word(c.compliance) + " " + std::to_string(c.days_overdue) + " 天",
                  "应于 " + c.due.to_string(), words});
           }
         }
         if (csv) {
           print_exact(csv_out.str());
         } else if (rollup.chasing.empty()) {
           std::cout << "没有迟报、未报、漏报或退回未改的报告\n";
         } else {
           print_table(rows);
         }
         return kOk;
       }});

  all.push_back(
      {"form", "the progress form (进展情况报表) of a unit, or consolidated",
       [](po::options_description& o, po::positional_options_description&) {
         o.add_options()("unit", po::value<std::string>(),
                         "the unit; omit for the coordinator's consolidated form")(
             "period", po::value<std::string>(), "the period, e.g. 2021Q3")(
             "format", po::value<std::string>()->default_value("xlsx"), "xlsx, csv, md or html")(
             "output,o", po::value<std::string>(), "the file (required for xlsx)")(
             "include-drafts", "a preview with drafts, marked 含草稿 (never to send)");
       },
       [](const Context& ctx, const po::variables_map& vm) {
         const tz::Ledger ledger = ctx.open(false, true);
         const std::string code = ctx.plan_code(ledger);
         const tz::Period period = period_option(vm, "period");
         const std::string unit = text(vm, "unit");
         tz::FormOptions form_options;
         form_options.include_drafts = vm.count("include-drafts") != 0;
         const tz::ProgressForm form =
             unit.empty() ? tz::consolidated_progress_form(ledger, code, period, form_options)
                          : tz::unit_progress_form(ledger, code, unit, period, form_options);
         const auto format = tz::form_format_from_string(text(vm, "format"));
         if (!format) throw Usage{"--format must be xlsx, csv, md or html"};
         const std::string output = text(vm, "output");
         if (output.empty() || output == "-") {
           if (*format == tz::FormFormat::xlsx) throw Usage{"an xlsx form needs --output FILE"};
           print_exact(tz::render_form(form, *format));
         } else {
           tz::write_form(form, *format, output);
           std::cout << "wrote " << output << "\n";
         }
         return kOk;
       }});

  all.push_back(
      {"import-csv", "file the reports of a CSV that a unit clerk filled in",
       [](po::options_description& o, po::positional_options_description& p) {
         o.add_options()("file", po::value<std::string>(),
                         "the CSV (UTF-8, with or without BOM, or GBK)")(
             "partial", "import the reports whose rows are all good, even if others are bad")(
             "replace",
             "each report becomes what the file gives (default: the file changes what its rows "
             "give and keeps the rest)")("dry-run", "check only; import nothing")(
             "unit", po::value<std::string>(),
             "in a ledger with identities: the unit the file is for, when the key reports for "
             "several");
         p.add("file", 1);
       },
       [](const Context& ctx, const po::variables_map& vm) {
         const std::string path = required(vm, "file");
         tz::Ledger ledger = ctx.open();
         const std::string code = ctx.plan_code(ledger);
         tz::Actor actor = ctx.actor(ledger);
         if (ledger.has_identities()) {
           // The rows are checked against the unit the key reports for.
           actor.unit = text(vm, "unit").empty() ? ctx.reporting_unit(ledger) : text(vm, "unit");
         }
         tz::CsvReading reading;
         const tz::ContentMode mode =
             vm.count("replace") != 0 ? tz::ContentMode::replace : tz::ContentMode::merge;
         if (vm.count("dry-run") != 0) {
           reading =
               tz::read_progress_csv(read_input(path, tz::limits::csv_bytes, "a progress CSV file"),
                                     ledger.plan(code), actor, path, mode);
           // What only the ledger knows (earlier periods, reports already handed in), unwritten.
           for (const tz::FilingCheck& check : ledger.check(reading.filings)) {
             for (const tz::Issue& e : check.errors) reading.problems.push_back(e);
           }
         } else {
           tz::CsvImportOptions options;
           options.partial = vm.count("partial") != 0;
           options.mode = mode;
           reading = tz::import_progress_csv(ledger, actor, code, path, options);
         }
         for (const tz::Issue& issue : reading.problems) {
           std::cerr << path << ": " << issue.path << ": " << issue.message << "\n";
         }
         if (reading.problems_not_listed != 0) {
           std::cerr << path << ": … and " << reading.problems_not_listed
                     << " more problems, not listed (the first " << reading.problems.size()
                     << " are)\n";
         }
         for (const tz::Issue& issue : reading.warnings) {
           std::cerr << path << ": " << issue.path << ": warning: " << issue.message << "\n";
         }
         std::cout << path << ": " << reading.rows << " rows (" << tz::to_string(reading.encoding)
                   << "), " << reading.filings.size() << " reports "
                   << (vm.count("dry-run") != 0 ? "good" : "filed") << ", "
                   << reading.problems.size() + reading.problems_not_listed << " problems\n";
         return reading.problems.empty() ? kOk : 3;
       }});

  // ---- Keys and identities (docs/security.md)

  all.push_back(
      {"key new", "make a key pair: FILE (private, 0600) and FILE.pub (to give the administrator)",
       [](po::options_description& o, po::positional_options_description& p) {
         o.add_options()("file", po::value<std::string>(), "the private key file to make");
         p.add("file", 1);
       },
       [](const Context&, const po::variables_map& vm) {
         const std::string file = required(vm, "file");
         const char* passphrase = std::getenv("TAIZHANG_KEY_PASSPHRASE");
         const tz::Signer key = tz::Signer::generate();
         const std::string pub = file + ".pub";
         if (std::filesystem::exists(pub)) {
           throw tz::IoError("exists already: not replaced", tz::Location{pub, 0, 0, ""});
         }
         key.save(file, passphrase != nullptr ? passphrase : "");
         std::ofstream out(pub, std::ios::binary | std::ios::trunc);
         out << key.public_key_pem();
         if (!out) throw tz::IoError("cannot write the file", tz::Location{pub, 0, 0, ""});
         std::cout << "private key " << file << " (keep it: readable by you only"
                   << (passphrase != nullptr && *passphrase != '\0'
                           ? ", encrypted with $TAIZHANG_KEY_PASSPHRASE"
                           : "")
                   << ")\npublic key  " << pub << " (give it to the ledger's administrator)\n"
                   << "key id      " << key.key_id() << "\n";
         return kOk;
       }});

  all.push_back({"key id", "print the fingerprint of a key file (private or public)",
                 [](po::options_description& o, po::positional_options_description& p) {
                   o.add_options()("file", po::value<std::string>(), "the key file (PEM)");
                   p.add("file", 1);
                 },
                 [](const Context&, const po::variables_map& vm) {
                   const std::string file = required(vm, "file");
                   const std::string pem = read_input(file, 64 * 1024, "a key file");
                   if (pem.find("PRIVATE KEY") != std::string::npos) {
                     const char* passphrase = std::getenv("TAIZHANG_KEY_PASSPHRASE");
                     std::cout << tz::Signer::from_pem(pem, passphrase != nullptr ? passphrase : "",
                                                       file)
                                      .key_id()
                               << "\n";
                   } else {
                     std::cout << option_value(file, "", [&](const std::string&) {
                       return tz::key_id_of(pem);
                     }) << "\n";
                   }
                   return kOk;
                 }});

  all.push_back(
      {"identity add",
       "register a person or service with its public key (administrators; the first turns "
       "identities on)",
       [](po::options_description& o, po::positional_options_description& p) {
         o.add_options()("id", po::value<std::string>(), "the identity's id, e.g. zhang-san")(
             "name", po::value<std::string>(), "its name, for the record (required)")(
             "public-key", po::value<std::string>(),
             "its public key file (FILE.pub of `key new`); for the first identity default: the "
             "public key of --key")("kind", po::value<std::string>()->default_value("person"),
                                    "person or service");
         p.add("id", 1);
       },
       [](const Context& ctx, const po::variables_map& vm) {
         tz::Ledger ledger = ctx.open();
         const bool first = !ledger.has_identities();
         tz::Identity identity;
         identity.id = required(vm, "id");
         identity.name = required(vm, "name");
         const auto kind = tz::principal_kind_from_string(text(vm, "kind"));
         if (!kind) throw Usage{"--kind must be person or service"};
         identity.kind = *kind;
         if (const std::string pub = text(vm, "public-key"); !pub.empty()) {
           identity.public_key = read_input(pub, 64 * 1024, "a public key file");
         } else if (first && ctx.signer()) {
           identity.public_key = ctx.signer()->public_key_pem();
         } else {
           throw Usage{"--public-key FILE is required (the identity's FILE.pub)"};
         }
         if (first && !ctx.signer()) {
           throw Usage{"the first identity turns identities on: sign with its own key (--key FILE)"};
         }
         // The first identity is added by an administrator acting as today (declared); every
         // later one by an administrator's key.
         ledger.add_identity(first ? ctx.declared_actor() : ctx.actor(ledger), identity);
         std::cout << "identity " << identity.id << " (key " << tz::key_id_of(identity.public_key)
                   << ")"
                   << (first ? "; identities are on: from now on every write is signed, and " +
                                   identity.id + " administers " + ctx.unit
                             : std::string())
                   << "\n";
         return kOk;
       }});

  const auto role_of = [](const po::variables_map& vm) {
    const std::string r = required(vm, "grant-role");
    const auto role = tz::actor_role_from_string(r);
    if (!role) throw Usage{"--grant-role must be reporter, coordinator or administrator"};
    return *role;
  };
  const auto grant_options = [](po::options_description& o, po::positional_options_description& p) {
    o.add_options()("id", po::value<std::string>(), "the identity's id")(
        "unit", po::value<std::string>(), "the unit's code (required)")(
        "grant-role", po::value<std::string>(), "reporter, coordinator or administrator");
    p.add("id", 1);
  };
  all.push_back(
      {"identity grant", "let an identity act for a unit in a role, for a time (administrators)",
       [grant_options](po::options_description& o, po::positional_options_description& p) {
         grant_options(o, p);
         o.add_options()("from", po::value<std::string>(), "valid from (default: now)")(
             "until", po::value<std::string>(), "valid until, exclusive (default: open-ended)");
       },
       [role_of](const Context& ctx, const po::variables_map& vm) {
         tz::Ledger ledger = ctx.open();
         tz::Grant g;
         g.identity = required(vm, "id");
         g.unit = required(vm, "unit");
         g.role = role_of(vm);
         if (const std::string from = text(vm, "from"); !from.empty()) {
           g.from = option_value("--from", from, tz::parse_timestamp);
         }
         if (const std::string until = text(vm, "until"); !until.empty()) {
           g.until = option_value("--until", until, tz::parse_timestamp);
         }
         ledger.grant(ctx.actor(ledger), g);
         std::cout << "granted " << g.identity << ": " << tz::to_string(g.role) << " of " << g.unit
                   << (g.until ? " until " + tz::format_timestamp(*g.until) : std::string())
                   << "\n";
         return kOk;
       }});

  all.push_back({"identity revoke", "end an identity's grants of a unit and role now (administrators)",
                 grant_options,
                 [role_of](const Context& ctx, const po::variables_map& vm) {
                   tz::Ledger ledger = ctx.open();
                   const std::string id = required(vm, "id");
                   const std::string unit = required(vm, "unit");
                   const tz::ActorRole role = role_of(vm);
                   ledger.revoke(ctx.actor(ledger), id, unit, role);
                   std::cout << "revoked " << id << ": " << tz::to_string(role) << " of " << unit
                             << "\n";
                   return kOk;
                 }});

  all.push_back(
      {"identity rotate", "replace an identity's key from now (administrators)",
       [](po::options_description& o, po::positional_options_description& p) {
         o.add_options()("id", po::value<std::string>(), "the identity's id")(
             "public-key", po::value<std::string>(), "the new public key file (required)");
         p.add("id", 1);
       },
       [](const Context& ctx, const po::variables_map& vm) {
         tz::Ledger ledger = ctx.open();
         const std::string id = required(vm, "id");
         const std::string pem =
             read_input(required(vm, "public-key"), 64 * 1024, "a public key file");
         ledger.rotate_key(ctx.actor(ledger), id, pem);
         std::cout << "identity " << id << " now signs with key " << tz::key_id_of(pem) << "\n";
         return kOk;
       }});

  all.push_back(
      {"identity list", "who may act in this ledger: identities, keys and grants",
       [](po::options_description& o, po::positional_options_description&) {
         o.add_options()("format", po::value<std::string>()->default_value("table"),
                         "table or json");
       },
       [](const Context& ctx, const po::variables_map& vm) {
         const std::string format = text(vm, "format");
         if (format != "table" && format != "json") {
           throw Usage{"--format must be table or json, not \"" + format + "\""};
         }
         const tz::Ledger ledger = ctx.open(false, true);
         const std::vector<tz::Identity> ids = ledger.identities();
         const std::vector<tz::Grant> grants = ledger.grants();
         const auto when = [](const std::optional<tz::Timestamp>& t) {
           return t ? tz::format_timestamp(*t) : std::string();
         };
         if (format == "json") {
           std::string out = "{\"identities\": [";
           for (std::size_t i = 0; i < ids.size(); ++i) {
             const tz::Identity& id = ids[i];
             out += std::string(i == 0 ? "\n" : ",\n") + "  {\"id\": " + json_string(id.id) +
                    ", \"name\": " + json_string(id.name) + ", \"kind\": " +
                    json_string(tz::to_string(id.kind)) + ", \"key_id\": " +
                    json_string(id.key_id) + ", \"added_at\": " +
                    json_string(tz::format_timestamp(id.added_at)) + ", \"grants\": [";
             bool first = true;
             for (const tz::Grant& g : grants) {
               if (g.identity != id.id) continue;
               out += std::string(first ? "" : ", ") + "{\"unit\": " + json_string(g.unit) +
                      ", \"role\": " + json_string(tz::to_string(g.role)) + ", \"from\": " +
                      json_string(tz::format_timestamp(g.from)) + ", \"until\": " +
                      (g.until ? json_string(when(g.until)) : "null") + ", \"revoked_at\": " +
                      (g.revoked_at ? json_string(when(g.revoked_at)) : "null") + "}";
               first = false;
             }
             out += "]}";
           }
           out += std::string(ids.empty() ? "" : "\n") + "]}\n";
           print_exact(out);
           return kOk;
         }
         if (ids.empty()) {
           std::cout << "no identities: this ledger takes the actor each caller declares "
                        "(docs/security.md)\n";
           return kOk;
         }
         std::vector<std::vector<std::string>> rows{
             {"id", "name", "kind", "key", "unit", "role", "from", "until"}};
         const tz::Timestamp now = tz::now_utc();
         for (const tz::Identity& id : ids) {
           bool any = false;
           for (const tz::Grant& g : grants) {
             if (g.identity != id.id) continue;
             std::string until = g.revoked_at && (!g.until || *g.revoked_at < *g.until)
                                     ? "revoked " + when(g.revoked_at)
                                     : when(g.until);
             if (!g.valid_at(now) && g.from <= now) until += " (ended)";
             rows.push_back({any ? "" : id.id, any ? "" : id.name,
                             any ? "" : tz::to_string(id.kind),
                             any ? "" : id.key_id.substr(0, 16), g.unit, tz::to_string(g.role),
                             tz::format_timestamp(g.from), until});
             any = true;
           }
           if (!any) {
             rows.push_back({id.id, id.name, tz::to_string(id.kind), id.key_id.substr(0, 16), "",
                             "(no grants)", "", ""});
           }
         }
         print_table(rows);
         return kOk;
       }});

  all.push_back(
      {"import begin",
       "open a historic import: writes may then carry past times (--recorded-at); administrators",
       [](po::options_description& o, po::positional_options_description&) {
         o.add_options()("reason", po::value<std::string>(),
                         "why past records are entered (required), e.g. 补录2021年台账");
       },
       [](const Context& ctx, const po::variables_map& vm) {
         const std::string reason = required(vm, "reason");
         tz::Ledger ledger = ctx.open(true);
         ledger.begin_import(ctx.actor(ledger), reason);
         std::cout << "import window open: writes may carry past times (--recorded-at), in time "
                      "order, until `taizhang import end`\n";
         return kOk;
       }});

  all.push_back({"import end", "close the historic import window (administrators)",
                 [](po::options_description&, po::positional_options_description&) {},
                 [](const Context& ctx, const po::variables_map&) {
                   tz::Ledger ledger = ctx.open();
                   ledger.end_import(ctx.actor(ledger));
                   std::cout << "import window closed: every write is stamped with the ledger's "
                                "clock\n";
                   return kOk;
                 }});

  all.push_back({"export", "write everything (plans, reports, values) as JSON and CSV",
                 [](po::options_description& o, po::positional_options_description& p) {
                   o.add_options()("directory", po::value<std::string>(), "where to write");
                   p.add("directory", 1);
                 },
                 [](const Context& ctx, const po::variables_map& vm) {
                   const tz::Ledger ledger = ctx.open(false, true);
                   for (const auto& path : tz::export_ledger(ledger, required(vm, "directory"))) {
                     std::cout << "wrote " << path.string() << "\n";
                   }
                   return kOk;
                 }});

  all.push_back(
      {"verify",
       "re-check everything (chains, signatures, rules, tables, times) and print the head",
       [](po::options_description& o, po::positional_options_description&) {
         o.add_options()("expect-head", po::value<std::string>(),
                         "a head printed earlier (e.g. on a form sent upward): check that the "
                         "ledger still holds the history it covered");
       },
       [](const Context& ctx, const po::variables_map& vm) {
         const tz::Ledger ledger = ctx.open(false, true);
         tz::VerifyOptions options;
         options.expect_head = text(vm, "expect-head");
         const tz::VerifyResult r = ledger.verify(options);
         for (const tz::Issue& p : r.problems) {
           std::cerr << ledger.path().string() << ": " << p.path << (p.path.empty() ? "" : ": ")
                     << p.message << "\n";
         }
         std::cout << (r.ok ? "ok" : "FAILED") << ": " << r.revisions_checked << " revisions, "
                   << r.plan_versions_checked << " plan versions, " << r.registry_events_checked
                   << " registry events, " << r.signatures_checked << " signatures ("
                   << (r.has_identities ? "signed ledger" : "unsigned: who acted is as declared")
                   << "); integrity " << r.integrity;
         if (!r.ok) std::cout << "; " << r.problems.size() << " problems";
         std::cout << "\nhead " << r.head << "\n";
         if (!options.expect_head.empty() && r.ok) {
           std::cout << "the history of head " << options.expect_head.substr(0, 16)
                     << "… is held\n";
         }
         return r.ok ? kOk : kCheckFailed;
       }});

  all.push_back({"backup", "copy the ledger into a file while others may go on writing",
                 [](po::options_description& o, po::positional_options_description& p) {
                   o.add_options()("destination", po::value<std::string>(), "the backup file");
                   p.add("destination", 1);
                 },
                 [](const Context& ctx, const po::variables_map& vm) {
                   const tz::Ledger ledger = ctx.open(false, true);
                   const std::string destination = required(vm, "destination");
                   ledger.backup(destination);
                   std::cout << "backed up to " << destination << "\n";
                   return kOk;
                 }});
  return all;
}

// The global options. Before the command they fill `ctx`, with defaults; after it (`late`), the
// same options are accepted too and override what came before.
po::options_description global_options(Context& ctx, bool late) {
  po::options_description o(late ? "Global options (also before the command)" : "Global options");
  const char* env_ledger = std::getenv("TAIZHANG_LEDGER");
  const char* env_key = std::getenv("TAIZHANG_KEY");
  const auto value = [late](std::string* target, const char* fallback) {
    // One value object per option: the options_description takes ownership of it.
    auto* v = late ? po::value<std::string>() : po::value<std::string>(target);
    if (!late && fallback != nullptr) v->default_value(fallback);
    return v;
  };
  if (!late) {
    o.add_options()("help,h", "this help; COMMAND --help for a command's")("version",
                                                                           "the library's version");
  }
  o.add_options()("ledger,l",
                  value(&ctx.ledger_path, env_ledger != nullptr ? env_ledger : "taizhang.db"),
                  "the ledger file (default: $TAIZHANG_LEDGER, else taizhang.db)")(
      "plan,p", value(&ctx.plan, nullptr), "the plan (default: the ledger's only plan)")(
      "as", value(&ctx.unit, nullptr), "the acting unit's code")(
      "role", value(&ctx.role, "reporter"), "reporter, coordinator or administrator")(
      "person", value(&ctx.person, nullptr), "who acts, for the record")(
      "recorded-at", value(&ctx.recorded_at, nullptr),
      "stamp writes at this time (ISO 8601): a past time only inside an import window "
      "(taizhang import begin)")(
      "key,k", value(&ctx.key_path, env_key != nullptr ? env_key : nullptr),
      "the private key that signs your writes (default: $TAIZHANG_KEY; passphrase: "
      "$TAIZHANG_KEY_PASSPHRASE)");
  return o;
}

void note_declared(Context& ctx, const po::variables_map& vm);

// Global options given after the command.
void apply_late(Context& ctx, const po::variables_map& vm) {
  const std::pair<const char*, std::string*> fields[] = {
      {"ledger", &ctx.ledger_path}, {"plan", &ctx.plan},     {"as", &ctx.unit},
      {"role", &ctx.role},          {"person", &ctx.person}, {"recorded-at", &ctx.recorded_at},
      {"key", &ctx.key_path}};
  for (const auto& [name, field] : fields) {
    if (vm.count(name) != 0) *field = vm[name].as<std::string>();
  }
  note_declared(ctx, vm);
}

// Which actor options the user gave (not defaulted), wherever they came.
void note_declared(Context& ctx, const po::variables_map& vm) {
  for (const char* name : {"as", "role", "person"}) {
    if (vm.count(name) != 0 && !vm[name].defaulted() &&
        std::find(ctx.declared.begin(), ctx.declared.end(), std::string("--") + name) ==
            ctx.declared.end()) {
      ctx.declared.push_back(std::string("--") + name);
    }
  }
}

void overview(std::ostream& out, const std::vector<Command>& all,
              const po::options_description& global) {
  out << "taizhang " << tz::runtime_version()
      << " — the work ledger (台账) of a programme of public commitments\n\n"
      << "usage: taizhang [global options] COMMAND [options]\n\ncommands:\n";
  for (const Command& c : all) {
    std::string name = c.name;
    name.resize(std::max<std::size_t>(name.size(), 16), ' ');
    out << "  " << name << "  " << c.summary << "\n";
  }
  out << "\n"
      << global
      << "\nexit codes: 0 done, 1 check failed, 2 usage, 3 bad input, 4 permission denied,\n"
      << "  5 not found, 6 conflict, 7 storage or file error, 70 internal error (docs/cli.md)\n";
}

}  // namespace

int main(int argc, char** argv) {
  // Everything printed passes through SafeText (above); each stream gets its own back, and what is
  // pending is written, on every way out.
  SafeText safe_out(std::cout.rdbuf());
  SafeText safe_err(std::cerr.rdbuf());
  struct Restore {
    std::streambuf* out;
    std::streambuf* err;
    ~Restore() {
      std::cout.rdbuf(out);
      std::cerr.rdbuf(err);
      safe_stdout = nullptr;
    }
  } const restore{std::cout.rdbuf(&safe_out), std::cerr.rdbuf(&safe_err)};
  safe_stdout = &safe_out;
  Context ctx;
  const std::vector<Command> all = commands();
  const po::options_description global = global_options(ctx, false);
  try {
    // Global options come before the command; the command is one or two words.
    std::vector<std::string> args(argv + 1, argv + argc);
    std::size_t i = 0;
    std::vector<std::string> global_args;
    while (i < args.size() && args[i].rfind("-", 0) == 0) {
      global_args.push_back(args[i]);
      const bool takes_value = args[i].find('=') == std::string::npos && args[i] != "-h" &&
                               args[i] != "--help" && args[i] != "--version";
      if (takes_value && i + 1 < args.size()) global_args.push_back(args[++i]);
      ++i;
    }
    po::variables_map gvm;
    po::store(po::command_line_parser(global_args).options(global).run(), gvm);
    po::notify(gvm);
    note_declared(ctx, gvm);
    if (gvm.count("version") != 0) {
      std::cout << "taizhang " << tz::runtime_version() << "\n";
      return kOk;
    }
    if (i >= args.size() || gvm.count("help") != 0) {
      overview(i >= args.size() && gvm.count("help") == 0 ? std::cerr : std::cout, all, global);
      return i >= args.size() && gvm.count("help") == 0 ? kUsage : kOk;
    }
    const Command* command = nullptr;
    for (const Command& c : all) {
      if (c.name == args[i]) command = &c;
      if (i + 1 < args.size() && c.name == args[i] + " " + args[i + 1]) command = &c;
    }
    if (command == nullptr) {
      throw Usage{"unknown command \"" + args[i] + "\" (taizhang --help lists them)"};
    }
    i += command->name.find(' ') == std::string::npos ? std::size_t{1} : std::size_t{2};
    po::options_description options("Options of taizhang " + command->name);
    po::positional_options_description positional;
    options.add_options()("help,h", "this help");
    command->options(options, positional);
    options.add(global_options(ctx, true));
    po::variables_map vm;
    try {
      po::store(
          po::command_line_parser(
              std::vector<std::string>(args.begin() + static_cast<std::ptrdiff_t>(i), args.end()))
              .options(options)
              .positional(positional)
              .run(),
          vm);
      po::notify(vm);
    } catch (const po::error& e) {
      std::cerr << "taizhang " << command->name << ": " << e.what() << "\n\n" << options;
      return kUsage;
    }
    apply_late(ctx, vm);
    if (vm.count("help") != 0) {
      std::cout << "taizhang " << command->name << " — " << command->summary << "\n\n" << options;
      return kOk;
    }
    try {
      // A role nobody has is wrong usage on any command, not only on those that write.
      if (!tz::actor_role_from_string(ctx.role)) (void)ctx.declared_actor();
      return command->run(ctx, vm);
    } catch (const Usage& u) {
      std::cerr << "taizhang " << command->name << ": " << u.message << "\n\n" << options;
      return kUsage;
    }
  } catch (const Usage& u) {
    std::cerr << "taizhang: " << u.message << "\n";
    return kUsage;
  } catch (const po::error& e) {
    std::cerr << "taizhang: " << e.what() << "\n";
    return kUsage;
  } catch (const tz::Error& e) {
    std::cerr << "taizhang: " << tz::to_string(e.code()) << ": " << e.what() << "\n";
    return exit_code(e.code());
  } catch (const std::exception& e) {
    std::cerr << "taizhang: internal error: " << e.what() << "\n";
    return 70;
  }
}
