// The shared core of the `taizhang` command line (core.hpp).
#include "core.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <taizhang/limits.hpp>

namespace cli {

void SafeText::flush_lines() {
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

SafeText* safe_stdout = nullptr;

void print_exact(const std::string& text) {
  if (safe_stdout != nullptr && isatty(STDOUT_FILENO) == 0) {
    safe_stdout->write_exact(text);
  } else {
    std::cout << text;
  }
}

// ---- Context

std::shared_ptr<const tz::Signer> Context::signer() const {
  if (key_path.empty()) return nullptr;
  if (!signer_) {
    const char* passphrase = std::getenv("TAIZHANG_KEY_PASSPHRASE");
    signer_ = std::make_shared<const tz::Signer>(
        tz::Signer::load(key_path, passphrase != nullptr ? passphrase : ""));
  }
  return signer_;
}

tz::Actor Context::actor(const tz::Ledger& ledger) const {
  if (!ledger.has_identities()) return declared_actor();
  if (!declared.empty()) {
    std::string given;
    for (const std::string& d : declared) given += (given.empty() ? "" : ", ") + d;
    throw tz::PermissionDenied(
        "this ledger has identities: who acts is the key's (--key), never declared; drop " + given,
        tz::Location{ledger_path, 0, 0, "actor"});
  }
  require_key(ledger);
  // An empty unit: the library takes the unit the key is granted for the write's role.
  return tz::Actor{"", tz::ActorRole::reporter, ""};
}

tz::Actor Context::declared_actor() const {
  const auto parsed = tz::actor_role_from_string(role);
  if (!parsed) {
    throw Usage{tr("--role must be reporter, coordinator or administrator, not \"{value}\"",
                   {{"value", role}})};
  }
  if (unit.empty()) throw Usage{tr("this command needs the actor: --as UNIT (and --role ROLE)")};
  return tz::Actor{unit, *parsed, person};
}

std::string Context::reporting_unit(const tz::Ledger& ledger) const {
  require_key(ledger);
  std::vector<std::string> units;
  for (const tz::Actor& a : ledger.signer_actors()) {
    if (a.role == tz::ActorRole::reporter) units.push_back(a.unit);
  }
  if (units.size() == 1) return units.front();
  if (units.empty()) {
    throw tz::PermissionDenied(
        "the key of " + key_path + " holds no reporter's grant in this ledger now",
        tz::Location{ledger_path, 0, 0, "actor"});
  }
  std::string list;
  for (const std::string& u : units) list += (list.empty() ? "" : ", ") + u;
  throw Usage{
      tr("the key reports for several units ({units}): choose one with --unit", {{"units", list}})};
}

void Context::require_key(const tz::Ledger& ledger) const {
  if (key_path.empty() && ledger.has_identities()) {
    throw tz::PermissionDenied(
        "this ledger has identities: every write is signed — give your key with --key FILE "
        "(or $TAIZHANG_KEY)",
        tz::Location{ledger_path, 0, 0, "actor"});
  }
}

tz::Ledger Context::open(bool create, bool read_only) const {
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

std::string Context::plan_code(const tz::Ledger& ledger) const {
  if (!plan.empty()) return plan;
  const std::vector<tz::PlanSummary> plans = ledger.plans();
  if (plans.size() == 1) return plans.front().code;
  if (plans.empty()) throw tz::NotFoundError("the ledger holds no plan: import one first");
  std::string codes;
  for (const tz::PlanSummary& p : plans) codes += (codes.empty() ? "" : ", ") + p.code;
  throw Usage{
      tr("the ledger holds several plans ({plans}): choose one with --plan", {{"plans", codes}})};
}

// ---- Input and output

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

void write_output(const std::string& path, const std::string& text, bool safe) {
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

// ---- Options

std::string text(const po::variables_map& vm, const char* name) {
  return vm.count(name) != 0 ? vm[name].as<std::string>() : std::string();
}

std::string required(const po::variables_map& vm, const char* name) {
  std::string value = text(vm, name);
  if (value.empty()) throw Usage{tr("--{option} is required", {{"option", name}})};
  return value;
}

std::vector<std::string> many(const po::variables_map& vm, const char* name) {
  return vm.count(name) != 0 ? vm[name].as<std::vector<std::string>>() : std::vector<std::string>{};
}

tz::Period period_option(const po::variables_map& vm, const char* name) {
  return option_value(std::string("--") + name, required(vm, name),
                      [](const std::string& t) { return tz::Period::parse(t); });
}

std::optional<tz::Date> date_option(const po::variables_map& vm, const char* name) {
  const std::string value = text(vm, name);
  if (value.empty()) return std::nullopt;
  return option_value(std::string("--") + name, value,
                      [](const std::string& t) { return tz::Date::parse(t); });
}

// ---- Tables and machine formats

namespace {

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

// `text` in lines at most `width` columns wide, broken at spaces or between CJK characters,
// never inside a character.
std::vector<std::string> wrapped(const std::string& text, std::size_t width) {
  std::vector<std::string> lines(1);
  std::size_t used = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    // The next piece: a run of ASCII up to a space (a word), or one wider character.
    std::size_t end = i;
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      while (end < text.size() && static_cast<unsigned char>(text[end]) < 0x80 &&
             text[end] != ' ') {
        ++end;
      }
      if (end == i) end = i + 1;  // a space
    } else {
      end = i + (c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4);
    }
    const std::string piece = text.substr(i, end - i);
    const std::size_t w = width_of(piece);
    if (used + w > width && used > 0) {
      while (!lines.back().empty() && lines.back().back() == ' ') lines.back().pop_back();
      lines.emplace_back();
      used = 0;
      if (piece == " ") {
        i = end;
        continue;
      }
    }
    lines.back() += piece;
    used += w;
    i = end;
  }
  return lines;
}

}  // namespace

std::string render_options(const std::string& caption, const po::options_description& options) {
  constexpr std::size_t kLeft = 36;
  constexpr std::size_t kLine = 100;
  std::string out = caption + (tz::language() == tz::Language::chinese ? "：\n" : ":\n");
  for (const auto& o : options.options()) {
    std::string left = "  " + o->format_name();
    const std::string parameter = o->format_parameter();
    if (!parameter.empty()) left += " " + parameter;
    const std::vector<std::string> lines = wrapped(o->description(), kLine - kLeft);
    if (width_of(left) + 1 > kLeft) {
      out += left + "\n" + std::string(kLeft, ' ');
    } else {
      out += padded(left, kLeft);
    }
    for (std::size_t k = 0; k < lines.size(); ++k) {
      if (k > 0) out += std::string(kLeft, ' ');
      out += lines[k] + "\n";
    }
  }
  return out;
}

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

std::string csv_field(const std::string& s) {
  return tz::csv_cell(s);
}

std::string unit_name_of(const tz::Plan& plan, const std::string& code) {
  const tz::Unit* u = plan.find_unit(code);
  return u != nullptr ? u->name : code;
}

}  // namespace cli

namespace cli {

// ---- Did you mean

namespace {

std::vector<char32_t> code_points(std::string_view s) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? c : c & (0xFFU >> (n + 1));
    for (std::size_t k = 1; k < n && i + k < s.size(); ++k) {
      cp = (cp << 6U) | (static_cast<unsigned char>(s[i + k]) & 0x3FU);
    }
    out.push_back(cp);
    i += n;
  }
  return out;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment (Damerau–Levenshtein without repeated edits of a substring).
  const std::vector<char32_t> x = code_points(a);
  const std::vector<char32_t> y = code_points(b);
  std::vector<std::vector<std::size_t>> d(x.size() + 1, std::vector<std::size_t>(y.size() + 1));
  for (std::size_t i = 0; i <= x.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= y.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    for (std::size_t j = 1; j <= y.size(); ++j) {
      const std::size_t cost = x[i - 1] == y[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[x.size()][y.size()];
}

std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
  const std::size_t limit = std::max<std::size_t>(1, code_points(word).size() / 4);
  std::string best;
  std::size_t best_distance = limit + 1;
  for (const std::string& c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_distance && d > 0) {
      best = c;
      best_distance = d;
    }
  }
  return best;
}

std::string unit_suggestion(const std::vector<tz::Unit>& units, const std::string& given) {
  std::vector<std::string> codes;
  std::vector<std::string> names;
  for (const tz::Unit& u : units) {
    codes.push_back(u.code);
    names.push_back(u.name);
  }
  std::string guess = closest(given, codes);
  if (guess.empty()) {
    const std::string name = closest(given, names);
    for (const tz::Unit& u : units) {
      if (!name.empty() && u.name == name) guess = u.code;
    }
  }
  for (const tz::Unit& u : units) {
    if (!guess.empty() && u.code == guess) {
      return tr("did you mean {code} ({name})?", {{"code", u.code}, {"name", u.name}});
    }
  }
  return "";
}

const tz::Unit& resolve_unit(const std::vector<tz::Unit>& units, const std::string& given) {
  std::vector<const tz::Unit*> named;
  for (const tz::Unit& u : units) {
    if (u.code == given) return u;
    if (u.name == given) named.push_back(&u);
  }
  if (named.size() == 1) return *named.front();
  if (named.size() > 1) {
    std::string codes;
    for (const tz::Unit* u : named) codes += (codes.empty() ? "" : ", ") + u->code;
    throw Usage{tr("\"{name}\" is the name of several units ({codes}): give the code",
                   {{"name", tz::terminal_text(given)}, {"codes", codes}})};
  }
  const std::string hint = unit_suggestion(units, given);
  throw tz::NotFoundError(
      hint.empty()
          ? tz::Message(
                "the unit \"{unit}\" is not in the catalogue (taizhang unit list lists them)",
                {{"unit", tz::terminal_text(given)}})
          : tz::Message("the unit \"{unit}\" is not in the catalogue; {hint}",
                        {{"unit", tz::terminal_text(given)}, {"hint", hint}}));
}

}  // namespace cli
