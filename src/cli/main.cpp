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
    // Two words first: `import begin` is the import window, `import FILE…` files templates (a
    // file named begin is given as ./begin).
    const Command* command = nullptr;
    for (const Command& c : all) {
      if (i + 1 < args.size() && c.name == args[i] + " " + args[i + 1]) command = &c;
    }
    for (const Command& c : all) {
      if (command == nullptr && c.name == args[i]) command = &c;
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
