#include "ledger/verify.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "ledger/chain.hpp"
#include "ledger/registry.hpp"
#include "model/report_lifecycle.hpp"
#include "taizhang/error.hpp"
#include "util/utf8.hpp"

namespace taizhang::ledger {

namespace {

// A time as text that never throws: a stored time out of range is shown as its milliseconds.
std::string time_text(Timestamp t) {
  if (t >= earliest_time() && t < latest_time()) return format_timestamp(t);
  return std::to_string(t.time_since_epoch().count()) + " ms since 1970";
}

struct ReportState {
  int number = 0;
  ReportStatus status = ReportStatus::draft;
  bool exists = false;
  bool submitted_before = false;
  ReportAction last_action = ReportAction::saved;
  Timestamp last{};
  std::map<int, std::string> content_hashes;  // content revision number → its hash
};

// Whether a report in `state` may take `action` next (the lifecycle the ledger enforces).
bool allowed(const ReportState& state, ReportAction action) {
  if (!state.exists) return action == ReportAction::saved;
  switch (action) {
    case ReportAction::saved:
      return state.status == ReportStatus::draft || state.status == ReportStatus::returned;
    case ReportAction::submitted:
      return state.status == ReportStatus::draft && !state.submitted_before;
    case ReportAction::resubmitted:
      return (state.status == ReportStatus::draft || state.status == ReportStatus::returned) &&
             state.submitted_before;
    case ReportAction::accepted:
    case ReportAction::returned: return state.status == ReportStatus::submitted;
    case ReportAction::corrected: return state.status == ReportStatus::accepted;
    case ReportAction::withdrawn:
      return state.status == ReportStatus::submitted &&
             (state.last_action == ReportAction::submitted ||
              state.last_action == ReportAction::resubmitted);
  }
  return false;
}

class Verifier {
 public:
  Verifier(store::Store& store, const VerifyOptions& options, const PlanReader& read_plan)
      : store_(store), options_(options), read_plan_(read_plan) {}

  VerifyResult run() {
    integrity();
    registry_chain();
    // The plans are read first (the revisions' rules need them), their problems listed after the
    // revisions', in the order the chains were written in.
    const std::size_t before_plans = result_.problems.size();
    plan_chain();
    std::vector<Issue> plan_problems(
        result_.problems.begin() + static_cast<std::ptrdiff_t>(before_plans),
        result_.problems.end());
    result_.problems.resize(before_plans);
    revision_chain();
    result_.problems.insert(result_.problems.end(), plan_problems.begin(), plan_problems.end());
    tables();
    heads();
    result_.ok = result_.problems.empty();
    if (!result_.ok) {
      result_.first_mismatch =
          result_.problems.front().path + ": " + result_.problems.front().message;
    }
    result_.has_identities = registry_.has_identities();
    return std::move(result_);
  }

 private:
  void problem(std::string where, std::string what) {
    result_.problems.push_back({Issue::Severity::error, std::move(where), std::move(what)});
  }

  template <class F>
  void guarded(const std::string& where, F&& f) {
    try {
      f();
    } catch (const Error& e) {
      problem(where, e.message());
    } catch (const std::exception& e) {
      problem(where, e.what());
    }
  }

  void in_range(const std::string& where, Timestamp t) {
    if (t < earliest_time() || t >= latest_time()) {
      problem(where, "its time (" + time_text(t) + ") is outside the years 2000 to 2099");
    }
  }

  // A signed record: its key known and valid then, its signature holding, and its signer entitled
  // to act as `actor`. An unsigned record after identities were turned on is a problem too.
  // `signed_before` is the chain's own memory: once a record in it is signed, every later one is.
  void signature(const std::string& where, const std::string& signer, const std::string& sig,
                 const std::string& bytes, Timestamp t, const Actor& actor, bool entitlement,
                 bool& signed_before) {
    const bool signed_ledger = registry_.identities_since() && *registry_.identities_since() < t;
    if (signer.empty()) {
      if (signed_ledger) {
        problem(where, "is not signed, though the ledger had identities since " +
                           time_text(*registry_.identities_since()));
      } else if (signed_before) {
        problem(where, "is not signed, though a record before it in its chain was");
      }
      return;
    }
    signed_before = true;
    ++result_.signatures_checked;
    const std::optional<std::string> key = registry_.public_key(signer);
    if (!key) {
      problem(where, "is signed by the key " + signer.substr(0, 16) +
                         "…, which the registry does not hold");
      return;
    }
    if (!signature_holds(*key, bytes, sig)) {
      problem(where, "its signature does not hold: it was changed after it was signed");
    }
    const Identity* who = registry_.holder(signer, t);
    if (who == nullptr) {
      problem(where, "is signed by the key " + signer.substr(0, 16) +
                         "…, which was not any identity's key at " + time_text(t));
      return;
    }
    if (actor.person != who->id) {
      problem(where, "names " + util::in_quotes(actor.person) + " as who acted, but its key is " +
                         util::in_quotes(who->id) + "'s");
    }
    if (entitlement && !registry_.entitled(who->id, actor.unit, actor.role, t)) {
      problem(where, util::in_quotes(who->id) + " held no grant to act as " +
                         to_string(actor.role) + " of " + util::in_quotes(actor.unit) + " at " +
                         time_text(t));
    }
  }

  void integrity() {
    guarded("the ledger file", [&] {
      result_.integrity = store_.integrity_check();
      if (result_.integrity != "ok") {
        problem("the ledger file", "the storage's integrity check: " + result_.integrity);
      }
    });
  }

  void registry_chain() {
    bool signed_before = false;
    std::vector<store::RegistryRecord> events;
    guarded("the registry", [&] { events = store_.registry(0); });
    std::string previous;
    for (const store::RegistryRecord& e : events) {
      ++result_.registry_events_checked;
      const std::string where = "registry event " + std::to_string(e.id) + " (" + e.kind +
                                (e.subject.empty() ? "" : " " + e.subject) + ")";
      if (e.prev_hash != previous) {
        problem(where,
                "is not chained to the event recorded before it: an event was removed, "
                "inserted or reordered");
      } else if (registry_hash(e) != e.hash) {
        problem(where, "no longer matches its hash: it was changed after it was recorded");
      }
      previous = e.hash;
      registry_chain_.add(e.hash);
      if (e.kind != kImportBeginEvent && e.kind != kImportEndEvent) in_range(where, e.recorded_at);
      const bool first_identity = !registry_.has_identities() && e.kind == kIdentityEvent;
      // The grant recorded with the first identity makes it the administrator it acted as: it is
      // checked as entitling its signer once applied, not before.
      const bool founding_grant = e.kind == kGrantEvent && !founder_.empty() &&
                                  e.subject == founder_ && e.actor.person == founder_;
      founder_.clear();
      if (first_identity) {
        founder_ = e.subject;
        signed_before = true;
        // Signed by the key it registers: the proof that key was held.
        guarded(where, [&] {
          Registry probe = registry_;
          probe.apply(e);
          const Identity* who = probe.identity(e.subject);
          if (e.signer.empty() || who == nullptr || who->key_id != e.signer ||
              !signature_holds(who->public_key, registry_bytes(e), e.signature)) {
            problem(where, "the first identity is not signed with its own key");
          }
          ++result_.signatures_checked;
        });
      } else if (founding_grant) {
        guarded(where, [&] {
          Registry probe = registry_;
          probe.apply(e);
          if (!probe.entitled(e.subject, e.actor.unit, ActorRole::administrator, e.recorded_at)) {
            problem(where, "the first identity's grant does not make it an administrator of " +
                               util::in_quotes(e.actor.unit));
          }
        });
        signature(where, e.signer, e.signature, registry_bytes(e), e.recorded_at, e.actor, false,
                  signed_before);
      } else {
        signature(where, e.signer, e.signature, registry_bytes(e), e.recorded_at, e.actor, true,
                  signed_before);
        if (registry_.has_identities() && e.actor.role != ActorRole::administrator) {
          problem(where, "was recorded by a " + std::string(to_string(e.actor.role)) +
                             ": only administrators change the registry");
        }
      }
      guarded(where, [&] { registry_.apply(e); });
    }
    registry_tip_ = previous;
  }

  void plan_chain() {
    bool signed_before = false;
    std::vector<store::PlanVersionRecord> versions;
    guarded("the plan versions", [&] { versions = store_.plan_versions(""); });
    std::string previous;
    std::map<std::string, int> last_version;
    for (const store::PlanVersionRecord& r : versions) {
      ++result_.plan_versions_checked;
      const std::string where = "version " + std::to_string(r.version) + " of plan " +
                                util::in_quotes(r.plan) + " (recorded " + time_text(r.recorded_at) +
                                ")";
      if (r.prev_hash != previous) {
        problem(where, "is not chained to the plan version recorded before it");
      } else if (plan_version_hash(r) != r.hash) {
        problem(where, "no longer matches its hash: it was changed after it was recorded");
      }
      previous = r.hash;
      plan_chain_.add(r.hash);
      in_range(where, r.recorded_at);
      if (r.version != last_version[r.plan] + 1) {
        problem(where, "follows version " + std::to_string(last_version[r.plan]));
      }
      last_version[r.plan] = r.version;
      if (r.actor.role != ActorRole::administrator) {
        problem(where, "was recorded by a " + std::string(to_string(r.actor.role)) +
                           ": only administrators record plans");
      }
      signature(where, r.signer, r.signature, plan_version_bytes(r), r.recorded_at, r.actor, true,
                signed_before);
      guarded(where, [&] { plans_[r.plan].emplace_back(r.recorded_at, read_plan_(r)); });
      last_plan_[r.plan] = r;
    }
    plan_tip_ = previous;
  }

  // The plan as it stood at `t` (the version recorded last by then), or nullptr.
  const Plan* plan_at(const std::string& code, Timestamp t) const {
    const auto it = plans_.find(code);
    if (it == plans_.end() || it->second.empty()) return nullptr;
    const Plan* out = nullptr;
    for (const auto& [at, plan] : it->second) {
      if (at <= t) out = &plan;
    }
    return out != nullptr ? out : &it->second.front().second;
  }

  void revision(const store::RevisionRecord& in) {
    ++result_.revisions_checked;
    store::RevisionRecord r = in;
    const Revision& v = r.revision;
    const std::string where = "revision " + std::to_string(v.number) + " of report " +
                              r.key.to_string() + " (recorded " + time_text(v.recorded_at) + ")";
    ReportState& state = reports_[r.key.to_string()];
    bool content_known = true;
    if (!r.carries_content()) {
      const auto it = state.content_hashes.find(r.content_number);
      content_known = it != state.content_hashes.end();
      if (content_known) r.content_hash = it->second;
    }
    if (r.prev_hash != revision_tip_) {
      problem(where,
              "is not chained to the revision recorded before it: a revision was "
              "removed, inserted or reordered");
    } else if (revision_hash(r) != v.hash) {
      problem(where, "no longer matches its hash: it was changed after it was recorded");
    }
    if (!content_known) {
      problem(where, "points to content (revision " + std::to_string(r.content_number) +
                         ") the report does not have");
    }
    revision_tip_ = v.hash;
    revision_chain_.add(v.hash);
    in_range(where, v.recorded_at);
    if (state.exists && v.recorded_at < state.last) {
      problem(where, "is recorded before the revision it follows");
    }
    if (v.number != state.number + 1) {
      problem(where, "follows revision " + std::to_string(state.number) + " of its report");
    }
    if (!allowed(state, v.action)) {
      problem(where, std::string("is a ") + to_string(v.action) + " of a report that was " +
                         (state.exists ? to_string(state.status) : "not there") +
                         ": the lifecycle of reports does not allow it");
    }
    if (detail::status_after(v.action) != v.status) {
      problem(where, std::string("records the state ") + to_string(v.status) + " after a " +
                         to_string(v.action));
    }
    // The role the action takes, and for whom.
    const bool coordinating =
        v.action == ReportAction::accepted || v.action == ReportAction::returned;
    if (coordinating) {
      const Plan* plan = plan_at(r.key.plan, v.recorded_at);
      if (v.actor.role != ActorRole::coordinator ||
          (plan != nullptr && v.actor.unit != plan->coordinator)) {
        problem(where, std::string("was recorded by ") + to_string(v.actor.role) + " of " +
                           util::in_quotes(v.actor.unit) + ", not by the plan's coordinator");
      }
    } else if (v.actor.role != ActorRole::reporter || v.actor.unit != r.key.unit) {
      problem(where, std::string("was recorded by ") + to_string(v.actor.role) + " of " +
                         util::in_quotes(v.actor.unit) + ", not by a reporter of " +
                         util::in_quotes(r.key.unit));
    }
    signature(where, r.signer, r.signature, revision_bytes(r), v.recorded_at, v.actor, true,
              revisions_signed_);
    state.exists = true;
    state.number = v.number;
    state.status = v.status;
    state.last = v.recorded_at;
    state.submitted_before = state.submitted_before || v.action == ReportAction::submitted;
    state.last_action = v.action;
    if (r.carries_content()) state.content_hashes[v.number] = v.hash;
  }

  void revision_chain() {
    guarded("the revisions", [&] {
      store_.scan([&](const store::RevisionRecord& r) { revision(r); },
                  [](const store::PlanVersionRecord&) {},
                  [&](const std::string& what) { problem("the revisions", what); });
    });
  }

  // The tables outside the chains, against the chained records.
  void tables() {
    if (registry_.catalogue_chained()) {
      std::vector<Unit> units;
      guarded("the unit catalogue", [&] { units = store_.units(); });
      std::set<std::string> seen;
      for (const Unit& u : units) {
        seen.insert(u.code);
        const auto it = registry_.units().find(u.code);
        if (it == registry_.units().end()) {
          problem("unit " + util::in_quotes(u.code),
                  "is in the catalogue but no chained record adds it");
        } else if (!(it->second == u)) {
          problem("unit " + util::in_quotes(u.code),
                  "is " + util::in_quotes(u.name) + " in the catalogue but " +
                      util::in_quotes(it->second.name) + " (" + to_string(it->second.kind) +
                      ") as chained: changed behind the "
                      "ledger's back");
        }
      }
      for (const auto& [code, unit] : registry_.units()) {
        if (seen.count(code) == 0) {
          problem("unit " + util::in_quotes(code), "is chained but missing from the catalogue");
        }
      }
    }
    std::vector<store::Store::PlanRowState> plans;
    guarded("the plans", [&] { plans = store_.plan_rows(); });
    for (const store::Store::PlanRowState& p : plans) {
      const std::string where = "plan " + util::in_quotes(p.code);
      const auto it = last_plan_.find(p.code);
      if (it == last_plan_.end()) {
        problem(where, "has no recorded version");
        continue;
      }
      if (p.current_version != it->second.version) {
        problem(where, "says its current version is " + std::to_string(p.current_version) +
                           ", but version " + std::to_string(it->second.version) +
                           " was recorded last");
      }
      const auto versions = plans_.find(p.code);
      if (versions != plans_.end() && !versions->second.empty()) {
        const Plan& current = versions->second.back().second;
        if (current.title != p.title || current.year != p.year) {
          problem(where, "holds title and year other than its current version's");
        }
      }
    }
    std::vector<store::Store::ReportRowState> reports;
    guarded("the reports", [&] { reports = store_.report_rows(); });
    for (const store::Store::ReportRowState& r : reports) {
      const std::string where = "report " + r.key.to_string();
      const auto it = reports_.find(r.key.to_string());
      if (it == reports_.end()) {
        problem(where, "has no recorded revision");
        continue;
      }
      if (r.revisions != it->second.number || r.status != to_string(it->second.status)) {
        problem(where, "says it is " + r.status + " after " + std::to_string(r.revisions) +
                           " revisions, but its revisions end " + to_string(it->second.status) +
                           " after " + std::to_string(it->second.number));
      }
    }
  }

  void heads() {
    std::vector<store::HeadRecord> heads;
    guarded("the heads", [&] { heads = store_.heads(); });
    std::string previous;
    std::set<std::string> known;
    for (const store::HeadRecord& h : heads) {
      const std::string where = "head " + std::to_string(h.id);
      if (h.prev_head != previous) {
        problem(where, "is not chained to the head before it: a head was removed or inserted");
      } else if (head_hash(h) != h.head) {
        problem(where, "no longer matches its hash");
      }
      previous = h.head;
      known.insert(h.head);
      // Each head covers records the chains still hold, and never fewer than the head before it:
      // a record rewritten under a head changes every hash after it, and the head's tip is gone.
      for (auto [tip, chain] :
           {std::pair{&h.revision_tip, &revision_chain_}, std::pair{&h.plan_tip, &plan_chain_},
            std::pair{&h.registry_tip, &registry_chain_}}) {
        switch (chain->reach(*tip)) {
          case Reach::ok: break;
          case Reach::gone:
            problem(where, std::string("covers a record of the ") + chain->name +
                               " that is no longer there: it was removed or rewritten (later "
                               "heads are not checked against this chain)");
            break;
          case Reach::fewer:
            problem(where, std::string("covers fewer ") + chain->name +
                               " than the head before it (later heads are not checked against "
                               "this chain)");
            break;
        }
      }
    }
    store::HeadRecord now;
    now.revision_tip = revision_tip_;
    now.plan_tip = plan_tip_;
    now.registry_tip = registry_tip_;
    if (!heads.empty()) {
      const store::HeadRecord& last = heads.back();
      if (last.revision_tip != now.revision_tip || last.plan_tip != now.plan_tip ||
          last.registry_tip != now.registry_tip) {
        problem("the heads",
                "the last head does not cover the chains as they stand: records "
                "were added, removed or changed after it");
      }
      result_.head = last.head;
    } else {
      now.prev_head = "";
      result_.head = head_hash(now);
      known.insert(result_.head);
    }
    if (!options_.expect_head.empty() && known.count(options_.expect_head) == 0) {
      problem("the head " + options_.expect_head.substr(0, 16) + "…",
              "is not a head of this ledger: the history it covered was truncated or rewritten "
              "since it was published");
    }
  }

  store::Store& store_;
  const VerifyOptions& options_;
  const PlanReader& read_plan_;
  VerifyResult result_;
  Registry registry_;
  std::string registry_tip_;
  std::string founder_;  // the first identity, while its founding grant is awaited
  bool revisions_signed_ = false;
  // The hashes of a chain in order (binary: a ledger may hold millions), and how far the heads,
  // in their order, have reached along it.
  enum class Reach { ok, gone, fewer };
  struct ChainWalk {
    const char* name;
    std::vector<std::array<unsigned char, 32>> hashes;
    std::size_t reached = 0;  // the heads have covered hashes[0 .. reached)
    bool given_up = false;    // one head went wrong: the rest are not checked against this chain

    static std::optional<std::array<unsigned char, 32>> binary(const std::string& hex) {
      std::array<unsigned char, 32> out{};
      if (hex.size() != 64) return std::nullopt;
      for (std::size_t i = 0; i < 32; ++i) {
        unsigned value = 0;
        for (std::size_t j = 0; j < 2; ++j) {
          const char c = hex[2 * i + j];
          const int digit = c >= '0' && c <= '9'   ? c - '0'
                            : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                                   : -1;
          if (digit < 0) return std::nullopt;
          value = value * 16 + static_cast<unsigned>(digit);
        }
        out[i] = static_cast<unsigned char>(value);
      }
      return out;
    }
    void add(const std::string& hex) {
      hashes.push_back(binary(hex).value_or(std::array<unsigned char, 32>{}));
    }
    // Moves on to the record a head's tip names (searching on from where the heads before it
    // reached, so that all heads cost one pass).
    Reach reach(const std::string& tip) {
      if (tip.empty() || given_up) return Reach::ok;
      const auto wanted = binary(tip);
      const auto from =
          hashes.begin() + static_cast<std::ptrdiff_t>(reached == 0 ? 0 : reached - 1);
      const auto found = wanted ? std::find(from, hashes.end(), *wanted) : hashes.end();
      if (found != hashes.end()) {
        reached = static_cast<std::size_t>(found - hashes.begin()) + 1;
        return Reach::ok;
      }
      given_up = true;
      if (wanted && std::find(hashes.begin(), from, *wanted) != from) return Reach::fewer;
      return Reach::gone;
    }
  };
  ChainWalk revision_chain_{"report revisions", {}};
  ChainWalk plan_chain_{"plan versions", {}};
  ChainWalk registry_chain_{"registry", {}};
  std::string plan_tip_;
  std::string revision_tip_;
  std::map<std::string, std::vector<std::pair<Timestamp, Plan>>> plans_;
  std::map<std::string, store::PlanVersionRecord> last_plan_;
  std::map<std::string, ReportState> reports_;
};

}  // namespace

Timestamp earliest_time() {
  return Timestamp{std::chrono::milliseconds(946'684'800'000LL)};  // 2000-01-01T00:00:00Z
}
Timestamp latest_time() {
  return Timestamp{std::chrono::milliseconds(4'102'444'800'000LL)};  // 2100-01-01T00:00:00Z
}

VerifyResult verify_ledger(store::Store& store, const VerifyOptions& options,
                           const PlanReader& read_plan) {
  return Verifier(store, options, read_plan).run();
}

}  // namespace taizhang::ledger
