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
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <string>
#include <taizhang/taizhang.hpp>
#include <vector>

#include "commands.hpp"
#include "core.hpp"

using namespace cli;  // NOLINT(google-build-using-namespace): the command line's own core

namespace {

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

// Every command, in the order the overview lists them.
std::vector<Command> commands() {
  std::vector<Command> all;
  add_plan_commands(all);
  add_plan_edit_commands(all);
  add_unit_commands(all);
  add_report_commands(all);
  add_rollup_commands(all);
  add_csv_import_command(all);
  add_template_commands(all);
  // ---- Keys and identities (docs/security.md)
  add_identity_commands(all);
  add_io_commands(all);
  return all;
}

// The global options. Before the command they fill `ctx`, with defaults; after it (`late`), the
// same options are accepted too and override what came before.
po::options_description global_options(Context& ctx, bool late) {
  po::options_description o;
  const char* env_ledger = std::getenv("TAIZHANG_LEDGER");
  const char* env_key = std::getenv("TAIZHANG_KEY");
  const auto value = [late](std::string* target, const char* fallback) {
    // One value object per option: the options_description takes ownership of it.
    auto* v = late ? po::value<std::string>() : po::value<std::string>(target);
    if (!late && fallback != nullptr) v->default_value(fallback);
    return v;
  };
  if (!late) {
    o.add_options()("help,h", tr("this help; COMMAND --help for a command's").c_str())(
        "version", tr("the library's version").c_str());
  }
  o.add_options()("ledger,l",
                  value(&ctx.ledger_path, env_ledger != nullptr ? env_ledger : "taizhang.db"),
                  tr("the ledger file (default: $TAIZHANG_LEDGER, else taizhang.db)").c_str())(
      "plan,p", value(&ctx.plan, nullptr),
      tr("the plan (default: the ledger's only plan)").c_str())(
      "as", value(&ctx.unit, nullptr), tr("the acting unit's code").c_str())(
      "role", value(&ctx.role, "reporter"), tr("reporter, coordinator or administrator").c_str())(
      "person", value(&ctx.person, nullptr), tr("who acts, for the record").c_str())(
      "recorded-at", value(&ctx.recorded_at, nullptr),
      tr("stamp writes at this time (ISO 8601): a past time only inside an import window "
         "(taizhang import begin)")
          .c_str())("key,k", value(&ctx.key_path, env_key != nullptr ? env_key : nullptr),
                    tr("the private key that signs your writes (default: $TAIZHANG_KEY; "
                       "passphrase: $TAIZHANG_KEY_PASSPHRASE)")
                        .c_str())(
      "lang", po::value<std::string>(),
      tr("the language of messages: zh (Chinese, the default) or en (default: LANGUAGE, "
         "LC_ALL, LC_MESSAGES, LANG)")
          .c_str());
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
  out << "taizhang " << tz::runtime_version() << " — "
      << tr("the work ledger (台账) of a programme of public commitments") << "\n\n"
      << tr("usage: taizhang [global options] COMMAND [options]") << "\n\n"
      << tr("commands:") << "\n";
  for (const Command& c : all) {
    std::string name = c.name;
    name.resize(std::max<std::size_t>(name.size(), 16), ' ');
    out << "  " << name << "  " << tz::Message(c.summary).text() << "\n";
  }
  out << "\n"
      << render_options(tr("Global options"), global) << "\n"
      << tr("exit codes: 0 done, 1 check failed, 2 usage, 3 bad input, 4 permission denied,\n"
            "  5 not found, 6 conflict, 7 storage or file error, 70 internal error (docs/cli.md)")
      << "\n";
}

}  // namespace

namespace {

// The language of messages, from --lang (anywhere on the line, before the options are described
// in it) or else the environment. A language nobody speaks here is wrong usage.
bool choose_language(int argc, char** argv) {
  for (int k = 1; k < argc; ++k) {
    const std::string_view arg(argv[k]);
    std::string_view value;
    if (arg == "--lang" && k + 1 < argc) {
      value = argv[k + 1];
    } else if (arg.rfind("--lang=", 0) == 0) {
      value = arg.substr(7);
    } else {
      continue;
    }
    const std::optional<tz::Language> l = tz::language_from_string(value);
    if (!l) {
      std::cerr << "taizhang: "
                << tr("--lang must be zh or en, not \"{value}\"", {{"value", std::string(value)}})
                << "\n";
      return false;
    }
    tz::set_language(*l);
  }
  return true;
}

// An error's category as the reader calls it: "数据有误" for validation, "未找到" for not_found;
// in English, the code's own name, as scripts have always seen it.
std::string error_label(tz::ErrorCode code) {
  switch (code) {
    case tz::ErrorCode::internal: return tr("internal");
    case tz::ErrorCode::parse: return tr("parse");
    case tz::ErrorCode::validation: return tr("validation");
    case tz::ErrorCode::unit_mismatch: return tr("unit_mismatch");
    case tz::ErrorCode::overflow: return tr("overflow");
    case tz::ErrorCode::not_found: return tr("not_found");
    case tz::ErrorCode::io: return tr("io");
    case tz::ErrorCode::storage: return tr("storage");
    case tz::ErrorCode::permission_denied: return tr("permission_denied");
    case tz::ErrorCode::conflict: return tr("conflict");
  }
  return tz::to_string(code);
}

// ---- Finding the command, and what the user most likely meant

// The command `args[i]` (one word) or `args[i] args[i + 1]` (two) names, or nullptr.
const Command* find_command(const std::vector<Command>& all, const std::vector<std::string>& args,
                            std::size_t i) {
  // Two words first: `import begin` is the import window, `import FILE…` files templates (a file
  // named begin is given as ./begin).
  for (const Command& c : all) {
    if (i + 1 < args.size() && c.name == args[i] + " " + args[i + 1]) return &c;
  }
  for (const Command& c : all) {
    if (c.name == args[i]) return &c;
  }
  return nullptr;
}

// Whether `word` is a group of commands ("report" of "report file", "report list", ...).
bool is_group(const std::vector<Command>& all, const std::string& word) {
  return std::any_of(all.begin(), all.end(),
                     [&](const Command& c) { return c.name.rfind(word + " ", 0) == 0; });
}

// The verbs of a group, each with its line.
void group_overview(std::ostream& out, const std::vector<Command>& all, const std::string& group) {
  out << tr("taizhang {group} needs a command:", {{"group", group}}) << "\n";
  for (const Command& c : all) {
    if (c.name.rfind(group + " ", 0) != 0) continue;
    std::string name = c.name;
    name.resize(std::max<std::size_t>(name.size(), 18), ' ');
    out << "  " << name << "  " << c.summary << "\n";
  }
  out << tr("taizhang {group} VERB --help tells more", {{"group", group}}) << "\n";
}

// Why `args[i]` is no command, and which it most likely means.
std::string unknown_command(const std::vector<Command>& all, const std::vector<std::string>& args,
                            std::size_t i) {
  const bool two = i + 1 < args.size() && args[i + 1].rfind('-', 0) != 0;
  std::vector<std::string> one_word;
  std::vector<std::string> two_words;
  for (const Command& c : all) {
    (c.name.find(' ') == std::string::npos ? one_word : two_words).push_back(c.name);
    if (const std::size_t space = c.name.find(' '); space != std::string::npos) {
      const std::string group = c.name.substr(0, space);
      if (std::find(one_word.begin(), one_word.end(), group) == one_word.end()) {
        one_word.push_back(group);
      }
    }
  }
  std::string given = args[i];
  std::string guess;
  if (two) {
    guess = closest(args[i] + " " + args[i + 1], two_words);
    // "report frobnicate": the group is right, its command is not.
    if (!guess.empty() || is_group(all, args[i])) given = args[i] + " " + args[i + 1];
  }
  if (guess.empty() && given == args[i]) guess = closest(args[i], one_word);
  if (guess.empty()) {
    return tr("unknown command \"{command}\" (taizhang --help lists them)",
              {{"command", tz::terminal_text(given)}});
  }
  return tr("unknown command \"{command}\": did you mean {guess}?",
            {{"command", tz::terminal_text(given)}, {"guess", guess}});
}

// " (did you mean --period?)" for an option that is not one of `options`, or "".
std::string option_hint(const po::error& e, const po::options_description& options) {
  const auto* unknown = dynamic_cast<const po::unknown_option*>(&e);
  if (unknown == nullptr) return "";
  std::string given = unknown->get_option_name();
  while (!given.empty() && given.front() == '-') given.erase(0, 1);
  std::vector<std::string> names;
  for (const auto& option : options.options()) {
    if (!option->long_name().empty()) names.push_back(option->long_name());
  }
  const std::string guess = closest(given, names);
  if (guess.empty()) return "";
  return "\n" + tr("did you mean --{option}?", {{"option", guess}});
}

// What the unit `given` most likely was meant to be, when the ledger's catalogue does not hold it.
std::string unit_hint(const Context& ctx, const std::string& given) {
  if (given.empty()) return "";
  try {
    const tz::Ledger ledger = ctx.open(false, true);
    const std::vector<tz::Unit> units = ledger.units();
    for (const tz::Unit& u : units) {
      if (u.code == given) return "";
    }
    return unit_suggestion(units, given);
  } catch (const std::exception&) {
    return "";
  }
}

// The unit a command's --unit option names, or "".
std::string unit_option(const po::variables_map& vm) {
  if (vm.count("unit") == 0) return "";
  const auto* value = boost::any_cast<std::string>(&vm["unit"].value());
  return value != nullptr ? *value : "";
}

// Prints the library's error as a person reads it, with the unit most likely meant when a unit
// the catalogue does not hold was given (the acting unit, --as, or the unit a command is about).
int report_error(const tz::Error& e, const Context& ctx, const std::string& command_unit) {
  std::cerr << "taizhang: " << error_label(e.code()) << ": " << e.what() << "\n";
  const bool acting = e.code() == tz::ErrorCode::permission_denied && e.where().path == "actor";
  const std::string& unit = acting ? ctx.unit : command_unit;
  if ((acting || e.code() == tz::ErrorCode::not_found) && !unit.empty()) {
    if (const std::string hint = unit_hint(ctx, unit); !hint.empty()) {
      std::cerr << "taizhang: " << (acting ? "--as " : "--unit ") << tz::terminal_text(unit)
                << ": " << hint << "\n";
    }
  }
  return exit_code(e.code());
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
  if (!choose_language(argc, argv)) return kUsage;
  Context ctx;
  const std::vector<Command> all = commands();
  const po::options_description global = global_options(ctx, false);
  std::string command_unit;  // the command's --unit, for a did-you-mean when it is not found
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
    const Command* command = find_command(all, args, i);
    if (command == nullptr && is_group(all, args[i]) &&
        (i + 1 >= args.size() || args[i + 1].rfind('-', 0) == 0)) {
      // A group without its verb: its verbs, as wrong usage (or as help, with --help).
      const bool help = i + 1 < args.size() && (args[i + 1] == "--help" || args[i + 1] == "-h");
      group_overview(help ? std::cout : std::cerr, all, args[i]);
      return help ? kOk : kUsage;
    }
    if (command == nullptr) throw Usage{unknown_command(all, args, i)};
    i += command->name.find(' ') == std::string::npos ? std::size_t{1} : std::size_t{2};
    po::options_description own;
    po::positional_options_description positional;
    own.add_options()("help,h", tr("this help").c_str());
    command->options(own, positional);
    const po::options_description late = global_options(ctx, true);
    po::options_description options;
    options.add(own).add(late);
    const auto help = [&] {
      return render_options(tr("Options of taizhang {command}", {{"command", command->name}}),
                            own) +
             "\n" + render_options(tr("Global options (also before the command)"), late);
    };
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
      std::cerr << "taizhang " << command->name << ": " << e.what() << option_hint(e, options)
                << "\n\n"
                << help();
      return kUsage;
    }
    apply_late(ctx, vm);
    command_unit = unit_option(vm);
    if (vm.count("help") != 0) {
      std::cout << "taizhang " << command->name << " — " << tz::Message(command->summary).text()
                << "\n\n"
                << help();
      return kOk;
    }
    try {
      // A role nobody has is wrong usage on any command, not only on those that write.
      if (!tz::actor_role_from_string(ctx.role)) (void)ctx.declared_actor();
      return command->run(ctx, vm);
    } catch (const Usage& u) {
      std::cerr << "taizhang " << command->name << ": " << u.message << "\n\n" << help();
      return kUsage;
    }
  } catch (const Usage& u) {
    std::cerr << "taizhang: " << u.message << "\n";
    return kUsage;
  } catch (const po::error& e) {
    std::cerr << "taizhang: " << e.what() << option_hint(e, global) << "\n";
    return kUsage;
  } catch (const tz::Error& e) {
    return report_error(e, ctx, command_unit);
  } catch (const std::exception& e) {
    std::cerr << "taizhang: " << tr("internal error") << ": " << e.what() << "\n";
    return 70;
  }
}
