// The shared core of the `taizhang` command line: what every command group uses (the context of a
// call, wrong usage, reading options, printing safely, input and output, tables). Built on the
// public API only.
#pragma once

#include <unistd.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <taizhang/safe_text.hpp>
#include <taizhang/taizhang.hpp>
#include <utility>
#include <vector>

#include <boost/program_options.hpp>

namespace cli {

namespace po = boost::program_options;
namespace tz = taizhang;

// A message a person reads, in the language of the call (Chinese unless English is asked for:
// --lang en, or LANGUAGE/LC_ALL/LC_MESSAGES/LANG of en*). The identifier is the English text with
// {placeholders}; po/zh_CN.po holds the Chinese (scripts/update-po finds every tr("...")).
// N_("text") marks an identifier chosen before tr() renders it (xgettext finds it).
constexpr const char* N_(const char* id) noexcept {  // NOLINT(readability-identifier-naming)
  return id;
}

inline std::string tr(const char* id, std::vector<tz::MessageArgument> arguments = {}) {
  return tz::Message(id, std::move(arguments)).text();
}

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
  void flush_lines();
  void flush_all() {
    if (!pending_.empty()) emit(pending_);
    pending_.clear();
  }

  std::streambuf* out_;
  std::string pending_;
};

extern SafeText* safe_stdout;  // set in main()

// A machine format (JSON, CSV, Markdown, HTML) on standard output: exact into a file or a pipe,
// made safe on a terminal.
void print_exact(const std::string& text);

constexpr int kOk = 0;
constexpr int kCheckFailed = 1;
constexpr int kUsage = 2;

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
  [[nodiscard]] std::shared_ptr<const tz::Signer> signer() const;

  // Who acts in a write to `ledger`. Without identities: --as, --role and --person, as declared.
  // With them: the key's identity, derived by the library from the key and its grants; declaring
  // an actor is refused, so that nobody can believe a declaration counted.
  [[nodiscard]] tz::Actor actor(const tz::Ledger& ledger) const;

  // The actor as declared by --as, --role and --person.
  [[nodiscard]] tz::Actor declared_actor() const;

  // The unit this command's key reports for, in a ledger with identities: the one unit it holds a
  // reporter's grant for now (several: choose with --unit).
  [[nodiscard]] std::string reporting_unit(const tz::Ledger& ledger) const;

  void require_key(const tz::Ledger& ledger) const;

  [[nodiscard]] tz::Ledger open(bool create = false, bool read_only = false) const;

  // The plan the command is about: --plan, or the ledger's only plan.
  [[nodiscard]] std::string plan_code(const tz::Ledger& ledger) const;

 private:
  mutable std::shared_ptr<const tz::Signer> signer_;
};

// A command: its options, what it does, and a line for the overview.
struct Command {
  std::string name;
  std::string summary;
  std::function<void(po::options_description&, po::positional_options_description&)> options;
  std::function<int(const Context&, const po::variables_map&)> run;
};

// The bytes of the file at `path`, or of standard input for "-": at most `limit` of them (`what`
// the input is names it in the error). A path must be a regular file (read_file_within): a FIFO
// or a device is refused before anything is read.
std::string read_input(const std::string& path, std::size_t limit, const std::string& what);

// `text` into the file `path`, or onto standard output (a machine format: exact unless it is a
// terminal; `safe`: text already made safe to print, such as the coloured status table).
void write_output(const std::string& path, const std::string& text, bool safe = false);

// ---- Options

std::string text(const po::variables_map& vm, const char* name);
std::string required(const po::variables_map& vm, const char* name);
std::vector<std::string> many(const po::variables_map& vm, const char* name);

// The period given with --NAME (required).
tz::Period period_option(const po::variables_map& vm, const char* name);

std::optional<tz::Date> date_option(const po::variables_map& vm, const char* name);

// ---- Tables and machine formats

// `rows` as aligned columns (the first row is the header).
void print_table(const std::vector<std::vector<std::string>>& rows);

// Options as `--help` shows them, wrapped by display width (Chinese takes two columns) and never
// inside a character (Boost's own printing counts bytes and cuts UTF-8 apart).
std::string render_options(const std::string& caption, const po::options_description& options);

// A CSV cell: the library's own rule (tz::csv_cell: RFC 4180 quoting, and a ' before a cell
// that a spreadsheet would run as a formula).
std::string csv_field(const std::string& s);

std::string unit_name_of(const tz::Plan& plan, const std::string& code);

// ---- Did you mean

// The edit distance between two texts, in characters (UTF-8 code points): insertions, deletions,
// substitutions and the swap of two neighbours ("reprot" is 1 from "report").
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` when it is near enough to be a slip of the keyboard (at most a
// quarter of its characters off, at least one: "period" is not taken for "person"), else "". Ties
// go to the first candidate.
std::string closest(std::string_view word, const std::vector<std::string>& candidates);

// The unit of the catalogue `units` that `given` names: its code, or its name when exactly one
// unit has it. Throws NotFoundError (with the unit it most likely means: "did you mean health
// (区卫健局)?") when none does, and Usage when a name fits several units.
const tz::Unit& resolve_unit(const std::vector<tz::Unit>& units, const std::string& given);

// "did you mean health (区卫健局)?" for a unit code that is not in `units`, or "".
std::string unit_suggestion(const std::vector<tz::Unit>& units, const std::string& given);

}  // namespace cli
