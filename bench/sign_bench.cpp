// The cost of signing (docs/security.md, docs/benchmarks.md): reports filed one call at a time
// into a fresh ledger file, with and without identities (every write signed with Ed25519 and its
// actor derived from the key), in each durability; then verify() over the ledgers written, whose
// signed one checks a signature per record; and, with --verify FILE, verify() on an existing
// ledger (the benchmark's province ledger), read-only.
//
//   sign_bench [--reports N] [--dir DIR] [--verify FILE]
//
// The plan is the first of the synthetic province (bench/synthetic.hpp): 20 units filing monthly
// on 10 initiatives of 5 targets; reports are filed unit after unit, month after month, with the
// values the province generator gives them.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "synthetic.hpp"

namespace fs = std::filesystem;
namespace tz = taizhang;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
  int reports = 2000;
  fs::path dir = "build/bench/sign";
  fs::path verify;
};

Options parse_args(int argc, char** argv) {
  Options o;
  for (int k = 1; k < argc; ++k) {
    const std::string a = argv[k];
    auto next = [&] { return bench::option_value(argc, argv, k); };
    if (a == "--reports") {
      o.reports = std::stoi(next());
    } else if (a == "--dir") {
      o.dir = next();
    } else if (a == "--verify") {
      o.verify = next();
    } else {
      std::cerr << "usage: sign_bench [--reports N] [--dir DIR] [--verify FILE]\n";
      std::exit(2);
    }
  }
  return o;
}

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

tz::Actor administrator() {
  return tz::Actor{bench::office_code(0), tz::ActorRole::administrator, "基准管理员"};
}

tz::Actor reporter(int u) {
  return tz::Actor{bench::unit_code(0, u), tz::ActorRole::reporter, "基准填报员"};
}

struct Run {
  double file_seconds = 0;
  double verify_seconds = 0;
  std::int64_t signatures = 0;
  std::uintmax_t bytes = 0;
};

// A ledger at `path` with the plan and, when `signed_ledger`, an identity per unit holding a
// grant to report for it; files `reports` reports and verifies.
Run run(const fs::path& path, const bench::Params& params, int reports, bool signed_ledger,
        tz::Durability durability) {
  fs::remove(path);
  fs::remove(fs::path(path.string() + "-wal"));
  fs::remove(fs::path(path.string() + "-shm"));
  tz::LedgerOptions admin_options;
  admin_options.durability = durability;
  admin_options.signer = std::make_shared<const tz::Signer>(tz::Signer::generate());
  std::vector<tz::LedgerOptions> unit_options(static_cast<std::size_t>(params.units),
                                              admin_options);
  {
    tz::Ledger admin = tz::Ledger::open(path, admin_options);
    admin.import_plan(administrator(), bench::make_plan(params, 0), "基准");
    if (signed_ledger) {
      admin.add_identity(administrator(),
                         tz::Identity{"admin", "基准管理员", tz::PrincipalKind::person,
                                      admin_options.signer->public_key_pem(), "", {}, {}});
      for (int u = 0; u < params.units; ++u) {
        auto key = std::make_shared<const tz::Signer>(tz::Signer::generate());
        const std::string id = "reporter-" + std::to_string(u);
        admin.add_identity(administrator(), tz::Identity{id, id, tz::PrincipalKind::service,
                                                         key->public_key_pem(), "", {}, {}});
        tz::Grant grant;
        grant.identity = id;
        grant.unit = bench::unit_code(0, u);
        grant.role = tz::ActorRole::reporter;
        admin.grant(administrator(), grant);
        unit_options[static_cast<std::size_t>(u)].signer = std::move(key);
      }
    }
  }
  // One Ledger per unit, each with its unit's key, as each unit's office would have.
  std::vector<tz::Ledger> offices;
  for (int u = 0; u < params.units; ++u) {
    offices.push_back(tz::Ledger::open(path, unit_options[static_cast<std::size_t>(u)]));
  }
  Run out;
  const Clock::time_point t0 = Clock::now();
  for (int k = 0; k < reports; ++k) {
    const int u = k % params.units;
    const int m = k / params.units;
    const tz::ReportKey key{bench::plan_code(0), bench::unit_code(0, u),
                            bench::month_period(params, m)};
    (void)offices[static_cast<std::size_t>(u)].file(reporter(u), key,
                                                    bench::report_content(params, 0, u, m));
  }
  out.file_seconds = seconds_since(t0);
  offices.clear();
  const tz::Ledger ledger = tz::Ledger::open(path);
  const Clock::time_point t1 = Clock::now();
  const tz::VerifyResult v = ledger.verify();
  out.verify_seconds = seconds_since(t1);
  if (!v.ok) {
    std::cerr << "sign_bench: verify failed: " << v.first_mismatch << "\n";
    std::exit(1);
  }
  out.signatures = v.signatures_checked;
  out.bytes = fs::file_size(path);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse_args(argc, argv);
  try {
    if (!o.verify.empty()) {
      tz::LedgerOptions options;
      options.read_only = true;
      options.create_if_missing = false;
      const tz::Ledger ledger = tz::Ledger::open(o.verify, options);
      const Clock::time_point t0 = Clock::now();
      const tz::VerifyResult v = ledger.verify();
      const double s = seconds_since(t0);
      std::printf("verify %s: %s, %lld revisions, %lld plan versions, %lld registry events, "
                  "%lld signatures, %zu problems, in %.2f s (%.0f revisions/s)\n",
                  o.verify.string().c_str(), v.ok ? "ok" : "NOT ok",
                  static_cast<long long>(v.revisions_checked),
                  static_cast<long long>(v.plan_versions_checked),
                  static_cast<long long>(v.registry_events_checked),
                  static_cast<long long>(v.signatures_checked), v.problems.size(), s,
                  static_cast<double>(v.revisions_checked) / s);
      return v.ok ? 0 : 1;
    }
    bench::Params params;
    params.plans = 1;
    if (o.reports > params.units * params.months) {
      std::cerr << "sign_bench: at most " << params.units * params.months << " reports\n";
      return 2;
    }
    fs::create_directories(o.dir);
    std::printf("%d reports filed one call at a time (20 units, monthly, ~17 values each)\n\n",
                o.reports);
    std::printf("%-10s %-8s %12s %14s %12s %12s %10s\n", "durability", "signed", "reports/s",
                "ms per report", "verify s", "signatures", "file MiB");
    for (const tz::Durability d : {tz::Durability::full, tz::Durability::normal}) {
      for (const bool signed_ledger : {false, true}) {
        const fs::path path = o.dir / (std::string(signed_ledger ? "signed" : "unsigned") + "-" +
                                       (d == tz::Durability::full ? "full" : "normal") +
                                       ".taizhang");
        const Run r = run(path, params, o.reports, signed_ledger, d);
        std::printf("%-10s %-8s %12.0f %14.2f %12.3f %12lld %10.1f\n",
                    d == tz::Durability::full ? "full" : "normal", signed_ledger ? "yes" : "no",
                    o.reports / r.file_seconds, 1000.0 * r.file_seconds / o.reports,
                    r.verify_seconds, static_cast<long long>(r.signatures),
                    static_cast<double>(r.bytes) / (1024.0 * 1024.0));
      }
    }
  } catch (const tz::Error& e) {
    std::cerr << "sign_bench: " << tz::to_string(e.code()) << ": " << e.what() << "\n";
    return 1;
  }
  return 0;
}
