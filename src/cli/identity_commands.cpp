// Keys, identities and import windows (docs/security.md): key new|id, identity
// add|grant|revoke|rotate|list, import begin|end.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <taizhang/taizhang.hpp>
#include <vector>

#include "commands.hpp"

namespace cli {
namespace {

// ---- key new, key id

void file_option(po::options_description& o, po::positional_options_description& p,
                 const char* what) {
  o.add_options()("file", po::value<std::string>(), what);
  p.add("file", 1);
}

int run_key_new(const Context&, const po::variables_map& vm) {
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
}

int run_key_id(const Context&, const po::variables_map& vm) {
  const std::string file = required(vm, "file");
  const std::string pem = read_input(file, 64 * 1024, "a key file");
  if (pem.find("PRIVATE KEY") != std::string::npos) {
    const char* passphrase = std::getenv("TAIZHANG_KEY_PASSPHRASE");
    std::cout << tz::Signer::from_pem(pem, passphrase != nullptr ? passphrase : "", file).key_id()
              << "\n";
  } else {
    std::cout << option_value(file, "", [&](const std::string&) { return tz::key_id_of(pem); })
              << "\n";
  }
  return kOk;
}

// ---- identity add

void identity_add_options(po::options_description& o, po::positional_options_description& p) {
  o.add_options()("id", po::value<std::string>(), "the identity's id, e.g. zhang-san")(
      "name", po::value<std::string>(), "its name, for the record (required)")(
      "public-key", po::value<std::string>(),
      "its public key file (FILE.pub of `key new`); for the first identity default: the "
      "public key of --key")("kind", po::value<std::string>()->default_value("person"),
                             "person or service");
  p.add("id", 1);
}

int run_identity_add(const Context& ctx, const po::variables_map& vm) {
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
  std::cout << "identity " << identity.id << " (key " << tz::key_id_of(identity.public_key) << ")"
            << (first ? "; identities are on: from now on every write is signed, and " +
                            identity.id + " administers " + ctx.unit
                      : std::string())
            << "\n";
  return kOk;
}

// ---- identity grant, identity revoke, identity rotate

tz::ActorRole role_of(const po::variables_map& vm) {
  const std::string r = required(vm, "grant-role");
  const auto role = tz::actor_role_from_string(r);
  if (!role) throw Usage{"--grant-role must be reporter, coordinator or administrator"};
  return *role;
}

void grant_options(po::options_description& o, po::positional_options_description& p) {
  o.add_options()("id", po::value<std::string>(), "the identity's id")(
      "unit", po::value<std::string>(), "the unit's code (required)")(
      "grant-role", po::value<std::string>(), "reporter, coordinator or administrator");
  p.add("id", 1);
}

int run_identity_grant(const Context& ctx, const po::variables_map& vm) {
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
            << (g.until ? " until " + tz::format_timestamp(*g.until) : std::string()) << "\n";
  return kOk;
}

int run_identity_revoke(const Context& ctx, const po::variables_map& vm) {
  tz::Ledger ledger = ctx.open();
  const std::string id = required(vm, "id");
  const std::string unit = required(vm, "unit");
  const tz::ActorRole role = role_of(vm);
  ledger.revoke(ctx.actor(ledger), id, unit, role);
  std::cout << "revoked " << id << ": " << tz::to_string(role) << " of " << unit << "\n";
  return kOk;
}

int run_identity_rotate(const Context& ctx, const po::variables_map& vm) {
  tz::Ledger ledger = ctx.open();
  const std::string id = required(vm, "id");
  const std::string pem = read_input(required(vm, "public-key"), 64 * 1024, "a public key file");
  ledger.rotate_key(ctx.actor(ledger), id, pem);
  std::cout << "identity " << id << " now signs with key " << tz::key_id_of(pem) << "\n";
  return kOk;
}

// ---- identity list

std::string when(const std::optional<tz::Timestamp>& t) {
  return t ? tz::format_timestamp(*t) : std::string();
}

void list_identities_json(const std::vector<tz::Identity>& ids,
                          const std::vector<tz::Grant>& grants) {
  std::string out = "{\"identities\": [";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const tz::Identity& id = ids[i];
    out += std::string(i == 0 ? "\n" : ",\n") + "  {\"id\": " + tz::json_text(id.id) +
           ", \"name\": " + tz::json_text(id.name) +
           ", \"kind\": " + tz::json_text(tz::to_string(id.kind)) +
           ", \"key_id\": " + tz::json_text(id.key_id) +
           ", \"added_at\": " + tz::json_text(tz::format_timestamp(id.added_at)) +
           ", \"grants\": [";
    bool first = true;
    for (const tz::Grant& g : grants) {
      if (g.identity != id.id) continue;
      out += std::string(first ? "" : ", ") + "{\"unit\": " + tz::json_text(g.unit) +
             ", \"role\": " + tz::json_text(tz::to_string(g.role)) +
             ", \"from\": " + tz::json_text(tz::format_timestamp(g.from)) +
             ", \"until\": " + (g.until ? tz::json_text(when(g.until)) : "null") +
             ", \"revoked_at\": " + (g.revoked_at ? tz::json_text(when(g.revoked_at)) : "null") +
             "}";
      first = false;
    }
    out += "]}";
  }
  out += std::string(ids.empty() ? "" : "\n") + "]}\n";
  print_exact(out);
}

void list_identities_table(const std::vector<tz::Identity>& ids,
                           const std::vector<tz::Grant>& grants) {
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
      rows.push_back({any ? "" : id.id, any ? "" : id.name, any ? "" : tz::to_string(id.kind),
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
}

int run_identity_list(const Context& ctx, const po::variables_map& vm) {
  const std::string format = text(vm, "format");
  if (format != "table" && format != "json") {
    throw Usage{"--format must be table or json, not \"" + format + "\""};
  }
  const tz::Ledger ledger = ctx.open(false, true);
  const std::vector<tz::Identity> ids = ledger.identities();
  const std::vector<tz::Grant> grants = ledger.grants();
  if (format == "json") {
    list_identities_json(ids, grants);
    return kOk;
  }
  if (ids.empty()) {
    std::cout << "no identities: this ledger takes the actor each caller declares "
                 "(docs/security.md)\n";
    return kOk;
  }
  list_identities_table(ids, grants);
  return kOk;
}

// ---- import begin, import end

int run_import_begin(const Context& ctx, const po::variables_map& vm) {
  const std::string reason = required(vm, "reason");
  tz::Ledger ledger = ctx.open(true);
  ledger.begin_import(ctx.actor(ledger), reason);
  std::cout << "import window open: writes may carry past times (--recorded-at), in time "
               "order, until `taizhang import end`\n";
  return kOk;
}

int run_import_end(const Context& ctx, const po::variables_map&) {
  tz::Ledger ledger = ctx.open();
  ledger.end_import(ctx.actor(ledger));
  std::cout << "import window closed: every write is stamped with the ledger's clock\n";
  return kOk;
}

void add_key_commands(std::vector<Command>& all) {
  all.push_back(
      {"key new",
       N_("make a key pair: FILE (private, 0600) and FILE.pub (to give the administrator)"),
       [](po::options_description& o, po::positional_options_description& p) {
         file_option(o, p, "the private key file to make");
       },
       run_key_new});
  all.push_back({"key id", N_("print the fingerprint of a key file (private or public)"),
                 [](po::options_description& o, po::positional_options_description& p) {
                   file_option(o, p, "the key file (PEM)");
                 },
                 run_key_id});
}

void add_import_window_commands(std::vector<Command>& all) {
  all.push_back({"import begin",
                 N_("open a historic import: writes may then carry past times (--recorded-at); "
                    "administrators"),
                 [](po::options_description& o, po::positional_options_description&) {
                   o.add_options()("reason", po::value<std::string>(),
                                   "why past records are entered (required), e.g. 补录2021年台账");
                 },
                 run_import_begin});
  all.push_back({"import end", N_("close the historic import window (administrators)"),
                 [](po::options_description&, po::positional_options_description&) {},
                 run_import_end});
}

}  // namespace

void add_identity_commands(std::vector<Command>& all) {
  add_key_commands(all);
  all.push_back({"identity add",
                 N_("register a person or service with its public key (administrators; the first "
                    "turns identities on)"),
                 identity_add_options, run_identity_add});
  all.push_back({"identity grant",
                 N_("let an identity act for a unit in a role, for a time (administrators)"),
                 [](po::options_description& o, po::positional_options_description& p) {
                   grant_options(o, p);
                   o.add_options()("from", po::value<std::string>(), "valid from (default: now)")(
                       "until", po::value<std::string>(),
                       "valid until, exclusive (default: open-ended)");
                 },
                 run_identity_grant});
  all.push_back({"identity revoke",
                 N_("end an identity's grants of a unit and role now (administrators)"),
                 grant_options, run_identity_revoke});
  all.push_back({"identity rotate", N_("replace an identity's key from now (administrators)"),
                 [](po::options_description& o, po::positional_options_description& p) {
                   o.add_options()("id", po::value<std::string>(), "the identity's id")(
                       "public-key", po::value<std::string>(),
                       "the new public key file (required)");
                   p.add("id", 1);
                 },
                 run_identity_rotate});
  all.push_back({"identity list", N_("who may act in this ledger: identities, keys and grants"),
                 [](po::options_description& o, po::positional_options_description&) {
                   o.add_options()("format", po::value<std::string>()->default_value("table"),
                                   "table or json");
                 },
                 run_identity_list});
  add_import_window_commands(all);
}

}  // namespace cli
