#include "taizhang/ledger.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>

#include "ledger/chain.hpp"
#include "ledger/registry.hpp"
#include "ledger/report_checks.hpp"
#include "ledger/verify.hpp"
#include "model/codes.hpp"
#include "model/report_lifecycle.hpp"
#include "rollup/engine.hpp"
#include "rollup/explain.hpp"
#include "rollup/rules.hpp"
#include "rollup/snapshot.hpp"
#include "store/schema.hpp"
#include "store/sqlite_store.hpp"
#include "taizhang/error.hpp"
#include "taizhang/plan_json.hpp"
#include "taizhang/validation.hpp"
#include "util/message_mark.hpp"
#include "util/utf8.hpp"

namespace taizhang {

namespace {

// "a " or "an ", as English wants before `word`.
std::string article(const char* word) {
  const char c = word[0];
  return (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u') ? "an " : "a ";
}

// "a reporter" in English, "填报单位" in Chinese: a role as a message argument.
std::string role_phrase(ActorRole role) {
  if (language() == Language::english) return article(to_string(role)) + to_string(role);
  return Message(to_string(role)).text();
}

// A report's status as the reader calls it: "submitted", "待审核".
std::string status_name(ReportStatus status) {
  return Message(to_string(status)).text();
}

// The model's names that messages show through Message(to_string(x)), for xgettext.
[[maybe_unused]] constexpr const char* kNames[] = {
    util::N_("reporter"),  util::N_("coordinator"), util::N_("administrator"), util::N_("draft"),
    util::N_("submitted"), util::N_("accepted"),    util::N_("returned"),
};

Timestamp from_ms(std::int64_t ms) {
  return Timestamp{std::chrono::milliseconds(ms)};
}

// The report as it stood after the last of `records` recorded by `until` (all when empty).
std::optional<Report> build_report(const ReportKey& key,
                                   const std::vector<store::RevisionRecord>& records,
                                   std::optional<Timestamp> until) {
  std::optional<Report> report;
  detail::Lifecycle<int> lifecycle(0);
  for (const store::RevisionRecord& r : records) {
    if (until && r.revision.recorded_at > *until) break;
    if (!report) {
      report.emplace();
      report->key = key;
    }
    report->current = r.revision;
    lifecycle.apply(r.revision.action, r.revision.recorded_at.time_since_epoch().count(),
                    r.content_number);
  }
  if (report) {
    const auto time = [](const std::optional<std::int64_t>& ms) {
      return ms ? std::optional<Timestamp>(from_ms(*ms)) : std::nullopt;
    };
    report->first_submitted = time(lifecycle.first_submitted_ms);
    report->last_accepted = time(lifecycle.last_accepted_ms);
    report->returned_at = time(lifecycle.returned_ms);
    report->accepted_revision = lifecycle.accepted;
    report->counted_revision = lifecycle.handed_in();
    for (const store::RevisionRecord& r : records) {
      if (r.revision.number == report->counted_revision) report->counted = r.revision.content;
    }
  }
  return report;
}

}  // namespace

struct Ledger::Impl {
  struct CachedPlan {
    int version = 0;
    Plan plan;
    // The plan's units of measure over the standard ones: only filing needs them, and a copy of
    // the standard catalogue for every plan a roll-up reads is most of the cache's memory on a
    // ledger of a thousand plans (64 KiB a plan), so it is made on first use.
    // (mutable: made under the ledger's mutex, like everything in Impl.)
    mutable std::optional<UnitRegistry> registry;

    const UnitRegistry& units() const {
      if (!registry) registry = plan.unit_registry();
      return *registry;
    }
  };

  std::filesystem::path path;
  LedgerOptions options;
  std::unique_ptr<store::Store> store;
  std::mutex mutex;
  std::map<std::string, CachedPlan> plans;
  rollup::Snapshot snapshot;
  std::map<std::pair<std::string, int>, Plan> plan_versions;  // parsed versions, for as-of queries

  ledger::Registry registry;  // folded up to what the store last held when read
  // The time every record of the write transaction under way is stamped with.
  std::optional<Timestamp> txn_time;

  Timestamp now() const { return options.clock ? options.clock() : now_utc(); }

  // How far the ledger's clock may run behind its last record or the system's clock before that is
  // a backdating rather than a clock's drift.
  static constexpr std::chrono::minutes kSkew{10};

  void refresh_registry() { registry.apply_all(store->registry(registry.last_id())); }

  // The time of a write transaction, checked before anything is written: within the years
  // 2000..2099, not in the future, never earlier than the ledger's last record (a clock a little
  // behind is taken as that record's time), and in the past only while an administrator keeps an
  // import window open. Call inside the write transaction, after refresh_registry().
  Timestamp checked_time() {
    const Timestamp t = now();
    const Location where{path.string(), 0, 0, "recorded_at"};
    if (t < ledger::earliest_time() || t >= ledger::latest_time()) {
      throw ValidationError("the ledger's clock reads " +
                                std::to_string(t.time_since_epoch().count()) +
                                " ms since 1970, outside the years 2000 to 2099 a ledger records",
                            where);
    }
    const Timestamp real = now_utc();
    if (t > real + kSkew) {
      throw ValidationError("the ledger's clock reads " + format_timestamp(t) +
                                ", in the future (the system's clock reads " +
                                format_timestamp(real) + "): nothing is recorded ahead of time",
                            where);
    }
    Timestamp out = t;
    if (const std::optional<Timestamp> last = store->last_record_time(); last && t < *last) {
      if (*last - t > kSkew) {
        throw ValidationError("the ledger's clock reads " + format_timestamp(t) +
                                  ", earlier than the ledger's last record (" +
                                  format_timestamp(*last) +
                                  "): a ledger records things in the order they happen",
                              where);
      }
      out = *last;
    }
    if (out < real - kSkew && !registry.import_open()) {
      throw PermissionDenied("the ledger's clock reads " + format_timestamp(out) +
                                 ", in the past: recording a past time is a historic import, "
                                 "which an administrator opens (Ledger::begin_import, `taizhang "
                                 "import begin`) and which is itself recorded",
                             where);
    }
    return out;
  }

  Timestamp stamp() const { return *txn_time; }

  // ---- signing

  bool signing() const { return registry.has_identities(); }

  // The actor a write acts as. Without identities: `declared`, as the caller says. With them: the
  // signer's identity, acting for `unit` (empty: a unit it may act for in `role`, `declared.unit`
  // when that is one) in `role`: refused without a signer, with a key the registry does not hold
  // now, without the grant, or when `declared` names another unit or role.
  Actor acting(const Actor& declared, const std::string& unit, ActorRole role) {
    if (!signing()) return declared;
    const Location where{"", 0, 0, "actor"};
    if (!options.signer) {
      throw PermissionDenied(
          "this ledger has identities: every write is signed with a key "
          "(LedgerOptions::signer, `--key FILE`), and who acts is the key's",
          where);
    }
    const Timestamp t = stamp();
    const Identity* who = registry.holder(options.signer->key_id(), t);
    if (who == nullptr) {
      throw PermissionDenied("the key " + options.signer->key_id().substr(0, 16) +
                                 "… is not the key of any identity of this ledger now",
                             where);
    }
    std::string acting_unit = unit;
    if (acting_unit.empty()) {
      const std::vector<std::string> units = registry.units_of(who->id, role, t);
      if (!declared.unit.empty() &&
          std::find(units.begin(), units.end(), declared.unit) != units.end()) {
        acting_unit = declared.unit;
      } else if (!units.empty()) {
        acting_unit = units.front();
      }
    }
    if (acting_unit.empty() || !registry.entitled(who->id, acting_unit, role, t)) {
      throw PermissionDenied(
          util::in_quotes(who->id) + " (" + who->name + ") holds no grant to act as " +
              std::string(to_string(role)) +
              (acting_unit.empty() ? std::string() : " of " + util::in_quotes(acting_unit)) +
              " now",
          where);
    }
    if ((!declared.unit.empty() && declared.unit != acting_unit) ||
        (!declared.unit.empty() && declared.role != role)) {
      throw PermissionDenied(
          "in a ledger with identities who acts is the key's: this key acts as " +
              std::string(to_string(role)) + " of " + util::in_quotes(acting_unit) + " (" +
              who->id + "), not as " + to_string(declared.role) + " of " +
              util::in_quotes(declared.unit),
          where);
    }
    return Actor{acting_unit, role, who->id};
  }

  // Signs a record of this transaction when the ledger has identities (or when `force`: the first
  // identity, signed with its own key).
  template <class Record>
  void seal(Record& record, std::string (*bytes)(const Record&), bool force = false) {
    if (!signing() && !force) return;
    record.signer = options.signer->key_id();
    record.signature = options.signer->sign(bytes(record));
  }

  // Appends a registry event of this transaction, chained and (with identities) signed.
  void add_event(const Actor& actor, const char* kind, std::string subject, std::string document,
                 bool force_sign = false) {
    store::RegistryRecord e;
    e.recorded_at = stamp();
    e.kind = kind;
    e.subject = std::move(subject);
    e.document = std::move(document);
    e.actor = actor;
    e.prev_hash = store->last_registry_hash();
    seal(e, &ledger::registry_bytes, force_sign);
    e.hash = ledger::registry_hash(e);
    store->add_registry(e);
    registry.apply(e);
  }

  // Opens a write transaction: the registry as it stands, the time checked; the catalogue chained
  // the first time a ledger of an older schema is written.
  // `system_time`: an event stamped with the system's own time (an import window opening or
  // closing, which happen now whatever the ledger's clock reads).
  void begin_write(bool system_time = false) {
    refresh_registry();
    if (system_time) {
      txn_time = now_utc();
      return;
    }
    txn_time = checked_time();
    if (!registry.catalogue_chained()) {
      const std::vector<Unit> units = store->units();
      if (!units.empty()) {
        add_event(Actor{"", ActorRole::administrator, "taizhang"}, ledger::kCatalogueEvent, "",
                  ledger::catalogue_document(units));
      }
    }
  }

  // Closes a write transaction with a head over the tips of every chain, when any moved.
  void end_write() {
    store::HeadRecord h;
    h.recorded_at = stamp();
    h.revision_tip = store->last_revision_hash();
    h.plan_tip = store->last_plan_hash();
    h.registry_tip = store->last_registry_hash();
    const std::optional<store::HeadRecord> last = store->last_head();
    if (last && last->revision_tip == h.revision_tip && last->plan_tip == h.plan_tip &&
        last->registry_tip == h.registry_tip) {
      return;
    }
    h.prev_head = last ? last->head : std::string();
    h.head = ledger::head_hash(h);
    store->add_head(h);
  }

  // The plan's current version (cached; reloaded when another process or call changed it). With
  // `with_catalogue`, its units are refreshed from the shared catalogue (their names and kinds may
  // have changed since the plan was recorded); the checks of a write do not need that. Call inside
  // a store transaction.
  const CachedPlan& current_plan(const std::string& code, bool with_catalogue = false) {
    const std::optional<int> version = store->plan_version_now(code);
    if (!version)
      throw NotFoundError(Message("there is no plan \"{plan}\" in the ledger", {{"plan", code}}));
    auto it = plans.find(code);
    if (it == plans.end() || it->second.version != *version) {
      const std::vector<store::PlanVersionRecord> history = store->plan_versions(code);
      CachedPlan cached;
      cached.version = history.back().version;
      cached.plan = parse_document(history.back());
      it = plans.insert_or_assign(code, std::move(cached)).first;
    }
    if (with_catalogue) refresh_units(it->second.plan);
    return it->second;
  }

  void refresh_units(Plan& plan) {
    for (Unit& u : plan.units) {
      if (std::optional<Unit> now = store->unit(u.code)) u = std::move(*now);
    }
  }

  // A stored plan version read back; a document that no longer reads means a damaged ledger.
  Plan parse_document(const store::PlanVersionRecord& record) const {
    try {
      return plan_from_json(record.document,
                            "plan " + record.plan + " version " + std::to_string(record.version));
    } catch (const Error& e) {
      Location where;
      where.file = path.string();
      throw StorageError(StorageFault::corrupt,
                         "the stored version " + std::to_string(record.version) + " of plan " +
                             util::in_quotes(record.plan) + " cannot be read: " + e.what(),
                         where);
    }
  }

  Plan plan_document(const store::PlanVersionRecord& record) {
    Plan plan = parse_document(record);
    refresh_units(plan);
    return plan;
  }

  // ---- permissions

  static void require_role(const Actor& actor, ActorRole role, const char* doing) {
    ledger::require_person(actor);  // who acts is text the ledger keeps: checked on every write
    if (actor.role != role) {
      throw PermissionDenied(Message("{actor} of \"{unit}\" may not {doing}; that takes {role}",
                                     {{"actor", role_phrase(actor.role)},
                                      {"unit", actor.unit},
                                      {"doing", Message(doing).text()},
                                      {"role", role_phrase(role)}}));
    }
  }

  static void require_reporter(const Actor& actor, const Plan& plan, const ReportKey& key) {
    ledger::require_person(actor, key.to_string());
    if (std::optional<Message> problem = ledger::actor_problem(plan, actor, key)) {
      throw PermissionDenied(std::move(*problem), Location{key.to_string(), 0, 0, "actor"});
    }
  }

  static void check_period(const Plan& plan, const ReportKey& key) {
    if (std::optional<Message> problem = ledger::period_problem(plan, key)) {
      throw ValidationError(std::move(*problem), Location{key.to_string(), 0, 0, "period"});
    }
  }

  // Who acts must be a unit the ledger knows: in its catalogue, or (importing a plan) in the plan,
  // or (the first unit of an empty catalogue) the unit being added. Call inside a transaction.
  void require_known_unit(const Actor& actor, const Plan* plan, const Unit* adding) {
    if (store->unit(actor.unit)) return;
    if (plan != nullptr && plan->find_unit(actor.unit) != nullptr) return;
    if (adding != nullptr && adding->code == actor.unit && store->units().empty()) return;
    throw PermissionDenied(Message("\"{unit}\" is not a unit of the ledger's catalogue: only a "
                                   "unit the ledger knows may act",
                                   {{"unit", actor.unit}}),
                           Location{"", 0, 0, "actor"});
  }

  // require_known_unit(), except in a ledger whose catalogue is still empty (a new ledger, whose
  // administrator opens an import window before importing the plan that names its unit).
  void require_known_unit_or_empty(const Actor& actor) {
    if (store->units().empty()) return;
    require_known_unit(actor, nullptr, nullptr);
  }

  static void require_coordinator(const Actor& actor, const Plan& plan) {
    require_role(actor, ActorRole::coordinator, util::N_("accept or return reports"));
    if (actor.unit != plan.coordinator) {
      throw PermissionDenied(
          Message("\"{unit}\" does not coordinate plan \"{plan}\"; \"{coordinator}\" does",
                  {{"unit", actor.unit}, {"plan", plan.code}, {"coordinator", plan.coordinator}}));
    }
  }

  // ---- plans

  // Adds the plan's units to the catalogue (each a chained event); a unit already there must be
  // identical.
  void merge_units(const Actor& actor, const Plan& plan) {
    for (const Unit& u : plan.units) {
      const std::optional<Unit> existing = store->unit(u.code);
      if (!existing) {
        store->put_unit(u);
        add_event(actor, ledger::kUnitEvent, u.code, ledger::unit_document(u));
      } else if (!(*existing == u)) {
        throw ConflictError(
            "unit " + util::in_quotes(u.code) + " is " + util::in_quotes(u.name) + " (" +
            to_string(u.kind) + ") in the plan but " + util::in_quotes(existing->name) + " (" +
            to_string(existing->kind) +
            ") in the ledger's catalogue; change the catalogue with put_unit first");
      }
    }
  }

  void record_plan(const Actor& actor, const Plan& plan, std::string_view reason, int version) {
    store::PlanVersionRecord record;
    record.plan = plan.code;
    record.version = version;
    record.recorded_at = stamp();
    record.actor = actor;
    record.reason = std::string(reason);
    record.document = plan_to_json(plan);
    record.prev_hash = store->last_plan_hash();
    seal(record, &ledger::plan_version_bytes);
    record.hash = ledger::plan_version_hash(record);
    store->add_plan_version(record, plan);
    plans.erase(plan.code);
  }

  // ---- reports

  ledger::OtherValues other_values(const ReportKey& key) {
    return [this, key](const std::string& target) {
      return store->current_values(key.plan, key.unit, target);
    };
  }

  // Appends a revision after `records` and returns the report as it stands then.
  Report append(const ReportKey& key, std::vector<store::RevisionRecord>& records,
                const Actor& actor, ReportAction action, ReportStatus status,
                std::string_view reason, const std::optional<ReportContent>& content) {
    store::RevisionRecord record;
    record.key = key;
    Revision& r = record.revision;
    r.number = records.empty() ? 1 : records.back().revision.number + 1;
    r.recorded_at = stamp();
    r.actor = actor;
    r.action = action;
    r.status = status;
    r.reason = std::string(reason);
    if (content) {
      r.content = *content;
      record.content_number = r.number;
    } else {
      r.content = records.back().revision.content;
      record.content_number = records.back().content_number;
      for (const store::RevisionRecord& earlier : records) {
        if (earlier.revision.number == record.content_number) {
          record.content_hash = earlier.revision.hash;
        }
      }
    }
    record.prev_hash = store->last_revision_hash();
    seal(record, &ledger::revision_bytes);
    r.hash = ledger::revision_hash(record);
    store->add_revision(record);
    records.push_back(record);
    return *build_report(key, records, std::nullopt);
  }

  static ReportStatus status_of(const std::vector<store::RevisionRecord>& records) {
    return records.back().revision.status;
  }

  // The revisions of `key` with their content in the plan's order.
  std::vector<store::RevisionRecord> ordered_revisions(const ReportKey& key) {
    std::vector<store::RevisionRecord> records = store->revisions(key);
    if (!records.empty()) {
      const Plan& plan = current_plan(key.plan).plan;
      for (store::RevisionRecord& r : records) ledger::order_content(plan, r.revision.content);
    }
    return records;
  }

  // Whether the report was corrected after an acceptance. A correction's reason covers the
  // edits and the handing in that follow when the coordinator returns it, so a running total may
  // still fall there.
  static bool was_corrected(const std::vector<store::RevisionRecord>& records) {
    return std::any_of(records.begin(), records.end(), [](const store::RevisionRecord& r) {
      return r.revision.action == ReportAction::corrected;
    });
  }

  std::vector<store::RevisionRecord> existing(const ReportKey& key) {
    std::vector<store::RevisionRecord> records = store->revisions(key);
    if (records.empty()) {
      throw NotFoundError(
          Message("nothing has been filed for report {report}", {{"report", key.to_string()}}));
    }
    return records;
  }

  // The report as it stands after `records`, with the plausibility warnings of its current
  // content.
  Report report_with_warnings(const ReportKey& key,
                              const std::vector<store::RevisionRecord>& records,
                              std::vector<Issue> warnings = {}) {
    Report report = *build_report(key, records, std::nullopt);
    const Plan& plan = current_plan(key.plan).plan;
    for (Issue& w : ledger::plausibility(plan, key, report.content(), other_values(key))) {
      if (std::find(warnings.begin(), warnings.end(), w) == warnings.end()) {
        warnings.push_back(std::move(w));
      }
    }
    report.warnings = std::move(warnings);
    return report;
  }

  // `report` with the plausibility warnings (需核实) of its current content. Call inside a
  // transaction.
  std::optional<Report> flagged(std::optional<Report> report) {
    if (report) {
      report->warnings = ledger::plausibility(current_plan(report->key.plan).plan, report->key,
                                              report->content(), other_values(report->key));
    }
    return report;
  }

  // Checks `content` (laid over the report's current content when `mode` is merge) and returns
  // it normalised, with the warnings of the write: 需核实 values and what a replacement removes.
  std::pair<ReportContent, std::vector<Issue>> checked_content(
      const CachedPlan& cached, const ReportKey& key,
      const std::vector<store::RevisionRecord>& records, const ReportContent& content,
      ContentMode mode, bool correction) {
    const ReportContent* current = records.empty() ? nullptr : &records.back().revision.content;
    const ReportContent given = mode == ContentMode::merge && current != nullptr
                                    ? merge_content(*current, content)
                                    : content;
    ledger::ContentCheck check = ledger::check_content(cached.plan, cached.units(), key, given,
                                                       correction, other_values(key));
    ledger::throw_if_bad(check, key);
    std::vector<Issue> warnings = std::move(check.warnings);
    if (mode == ContentMode::replace && current != nullptr) {
      for (Issue& w : removed_by(*current, check.content)) warnings.push_back(std::move(w));
    }
    return {std::move(check.content), std::move(warnings)};
  }

  Report do_save(const Actor& declared, const ReportKey& key, const ReportContent& content,
                 ContentMode mode) {
    const CachedPlan& cached = current_plan(key.plan);
    const Actor actor = acting(declared, key.unit, ActorRole::reporter);
    require_reporter(actor, cached.plan, key);
    check_period(cached.plan, key);
    std::vector<store::RevisionRecord> records = store->revisions(key);
    if (!records.empty()) {
      const ReportStatus status = status_of(records);
      if (status == ReportStatus::submitted) {
        throw ConflictError(Message("report {report} is submitted and awaits the coordinator; it "
                                    "can be edited again once it is returned",
                                    {{"report", key.to_string()}}),
                            Location{key.to_string(), 0, 0, "status"});
      }
      if (status == ReportStatus::accepted) {
        throw ConflictError(
            Message("report {report} is accepted; change it with a correction that gives a reason",
                    {{"report", key.to_string()}}),
            Location{key.to_string(), 0, 0, "status"});
      }
    }
    auto [checked, warnings] =
        checked_content(cached, key, records, content, mode, was_corrected(records));
    append(key, records, actor, ReportAction::saved, ReportStatus::draft, {}, checked);
    return report_with_warnings(key, records, std::move(warnings));
  }

  Report do_submit(const Actor& declared, const ReportKey& key, std::vector<Issue> warnings = {}) {
    const CachedPlan& cached = current_plan(key.plan);
    const Actor actor = acting(declared, key.unit, ActorRole::reporter);
    require_reporter(actor, cached.plan, key);
    std::vector<store::RevisionRecord> records = existing(key);
    const ReportStatus status = status_of(records);
    if (status == ReportStatus::submitted || status == ReportStatus::accepted) {
      throw ConflictError(Message("report {report} is already {status}",
                                  {{"report", key.to_string()}, {"status", status_name(status)}}),
                          Location{key.to_string(), 0, 0, "status"});
    }
    // The content must still hold under the plan as it is now.
    check_period(cached.plan, key);
    ledger::throw_if_bad(
        ledger::check_content(cached.plan, cached.units(), key, records.back().revision.content,
                              was_corrected(records), other_values(key)),
        key);
    const bool before = std::any_of(records.begin(), records.end(), [](const auto& r) {
      return r.revision.action == ReportAction::submitted;
    });
    append(key, records, actor, before ? ReportAction::resubmitted : ReportAction::submitted,
           ReportStatus::submitted, {}, std::nullopt);
    return report_with_warnings(key, records, std::move(warnings));
  }

  // save() then submit(), keeping the save's warnings.
  Report do_file(const Actor& actor, const ReportKey& key, const ReportContent& content,
                 ContentMode mode) {
    Report saved = do_save(actor, key, content, mode);
    return do_submit(actor, key, std::move(saved.warnings));
  }

  // The plan version a roll-up query uses: the one recorded by query.recorded_at, else the
  // current one. Call inside a store transaction.
  std::pair<const Plan*, int> plan_for(const RollupQuery& query) {
    if (!query.recorded_at) {
      const CachedPlan& cached = current_plan(query.plan);
      return {&cached.plan, cached.version};
    }
    const store::PlanVersionRecord* at = nullptr;
    const std::vector<store::PlanVersionRecord> history = store->plan_versions(query.plan);
    for (const store::PlanVersionRecord& r : history) {
      if (r.recorded_at <= *query.recorded_at) at = &r;
    }
    if (at == nullptr) {
      throw NotFoundError("plan " + util::in_quotes(query.plan) +
                          (history.empty()
                               ? " is not in the ledger"
                               : " did not exist yet at " + format_timestamp(*query.recorded_at)));
    }
    auto it = plan_versions.find({at->plan, at->version});
    if (it == plan_versions.end()) {
      it = plan_versions.emplace(std::make_pair(at->plan, at->version), plan_document(*at)).first;
    }
    return {&it->second, at->version};
  }

  static void check_query(const Plan& plan, const RollupQuery& query) {
    if (query.accepted_only && query.include_drafts) {
      throw ValidationError(
          "a roll-up counts either the accepted content only or, as a preview, drafts too: not "
          "both",
          Location{plan.code, 0, 0, "include_drafts"});
    }
    const Period& as_of = query.as_of;
    if (as_of.kind() != plan.reporting) {
      throw ValidationError(as_of.to_string() + " is not a " + to_string(plan.reporting) +
                                ": plan " + util::in_quotes(plan.code) + " is reported by " +
                                to_string(plan.reporting),
                            Location{plan.code, 0, 0, "as_of"});
    }
  }

  // Brings the snapshot up to date and computes one roll-up. Call inside a read transaction.
  Rollup compute(const RollupQuery& query, Explanation* explain = nullptr,
                 std::string_view target = {}) {
    snapshot.sync(*store);
    const auto [plan, version] = plan_for(query);
    check_query(*plan, query);
    return rollup::compute(snapshot, *plan, version, query, explain, target);
  }

  // One write transaction: checked time, the registry as it stands, a head at the end.
  template <class F>
  auto write(F&& f, bool system_time = false) {
    std::optional<decltype(f())> result;
    try {
      store->write([&] {
        begin_write(system_time);
        result.emplace(f());
        end_write();
      });
    } catch (...) {
      txn_time.reset();
      registry = ledger::Registry{};  // it may hold events of the transaction rolled back
      throw;
    }
    txn_time.reset();
    return std::move(*result);
  }

  template <class F>
  auto read(F&& f) {
    std::optional<decltype(f())> result;
    store->read([&] { result.emplace(f()); });
    return std::move(*result);
  }
};

Ledger::Ledger(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Ledger::Ledger(Ledger&&) noexcept = default;
Ledger& Ledger::operator=(Ledger&&) noexcept = default;
Ledger::~Ledger() = default;

namespace {

// The ledger's options in the terms every store has.
store::StoreOptions store_options(const LedgerOptions& options) {
  store::StoreOptions out;
  out.create_if_missing = options.create_if_missing;
  out.read_only = options.read_only;
  out.busy_timeout = options.busy_timeout;
  out.durable_commits = options.durability == Durability::full;
  return out;
}

}  // namespace

Ledger Ledger::open(const std::filesystem::path& path, const LedgerOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->options = options;
  impl->store = store::open_sqlite_store(path, store_options(options));
  return Ledger(std::move(impl));
}

int Ledger::schema_version() noexcept {
  return store::kSchemaVersion;
}

const std::filesystem::path& Ledger::path() const noexcept {
  return impl_->path;
}

std::vector<Unit> Ledger::units() const {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->read([&] { return impl_->store->units(); });
}

std::optional<Unit> Ledger::unit(std::string_view code) const {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->read([&] { return impl_->store->unit(code); });
}

void Ledger::put_unit(const Actor& actor, const Unit& unit) {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  std::vector<Issue> issues = validate(unit);
  const auto problem = [&](const char* field, std::string message) {
    issues.push_back({Issue::Severity::error, field, std::move(message)});
  };
  impl_->write([&] {
    const Actor a = impl_->acting(actor, "", ActorRole::administrator);
    Impl::require_role(a, ActorRole::administrator, util::N_("change the unit catalogue"));
    impl_->require_known_unit(a, nullptr, &unit);
    if (!unit.parent.empty()) {
      std::optional<Unit> parent = impl_->store->unit(unit.parent);
      if (unit.parent == unit.code || !parent) {
        problem("parent", util::in_quotes(unit.parent) + " is not another unit of the catalogue");
        parent.reset();
      }
      // Walk up from the new parent: meeting this unit again would close a cycle.
      for (std::size_t steps = 0; parent && steps < 10'000; ++steps) {
        if (parent->code == unit.code) {
          problem("parent", "making " + util::in_quotes(unit.parent) + " the parent of " +
                                util::in_quotes(unit.code) + " would close a cycle of parents");
          break;
        }
        parent = parent->parent.empty() ? std::nullopt : impl_->store->unit(parent->parent);
      }
    }
    if (!issues.empty()) throw ValidationError(issues, "unit " + unit.code);
    impl_->store->put_unit(unit);
    impl_->add_event(a, ledger::kUnitEvent, unit.code, ledger::unit_document(unit));
    return 0;
  });
}

void Ledger::import_plan(const Actor& actor, const Plan& plan, std::string_view reason) {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->write([&] {
    const Actor a = impl_->acting(actor, "", ActorRole::administrator);
    Impl::require_role(a, ActorRole::administrator, util::N_("import plans"));
    require_valid(plan, "plan " + plan.code);
    ledger::require_reason(reason, "plan " + plan.code);
    impl_->require_known_unit(a, &plan, nullptr);
    if (impl_->store->plan_version_now(plan.code)) {
      throw ConflictError(
          Message("plan \"{plan}\" is already in the ledger; record a change with "
                  "update_plan",
                  {{"plan", plan.code}}));
    }
    impl_->merge_units(a, plan);
    impl_->record_plan(a, plan, reason, 1);
    return 0;
  });
}

void Ledger::update_plan(const Actor& actor, const Plan& plan, std::string_view reason) {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->write([&] {
    const Actor a = impl_->acting(actor, "", ActorRole::administrator);
    Impl::require_role(a, ActorRole::administrator, util::N_("edit plans"));
    require_valid(plan, "plan " + plan.code);
    ledger::require_reason(reason, "plan " + plan.code);
    impl_->require_known_unit(a, nullptr, nullptr);
    const std::vector<store::PlanVersionRecord> history = impl_->store->plan_versions(plan.code);
    if (history.empty()) {
      throw NotFoundError(
          Message("there is no plan \"{plan}\" to update; import it first", {{"plan", plan.code}}));
    }
    if (impl_->plan_document(history.back()) == plan) {
      throw ConflictError(
          Message("the update of plan \"{plan}\" changes nothing", {{"plan", plan.code}}));
    }
    impl_->merge_units(a, plan);
    impl_->record_plan(a, plan, reason, history.back().version + 1);
    return 0;
  });
}

std::vector<PlanSummary> Ledger::plans() const {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->read([&] {
    std::map<std::string, PlanSummary> by_code;
    std::map<std::string, const store::PlanVersionRecord*> latest;
    const std::vector<store::PlanVersionRecord> versions = impl_->store->plan_versions("");
    for (const store::PlanVersionRecord& r : versions) {
      PlanSummary& s = by_code[r.plan];
      if (s.versions == 0) s.imported_at = r.recorded_at;
      s.code = r.plan;
      s.versions = r.version;
      s.updated_at = r.recorded_at;
      latest[r.plan] = &r;
    }
    std::vector<PlanSummary> out;
    for (auto& [code, summary] : by_code) {
      const Plan plan = impl_->parse_document(*latest[code]);
      summary.title = plan.title;
      summary.year = plan.year;
      out.push_back(std::move(summary));
    }
    return out;
  });
}

Plan Ledger::plan(std::string_view code) const {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->read([&] { return impl_->current_plan(std::string(code), true).plan; });
}

Plan Ledger::plan_at(std::string_view code, Timestamp t) const {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->read([&] {
    const std::vector<store::PlanVersionRecord> history = impl_->store->plan_versions(code);
    const store::PlanVersionRecord* at = nullptr;
    for (const store::PlanVersionRecord& r : history) {
      if (r.recorded_at <= t) at = &r;
    }
    if (at == nullptr) {
      throw NotFoundError("plan " + util::in_quotes(code) +
                          (history.empty() ? " is not in the ledger"
                                           : " did not exist yet at " + format_timestamp(t)));
    }
    return impl_->plan_document(*at);
  });
}

std::vector<PlanVersion> Ledger::plan_history(std::string_view code) const {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->read([&] {
    std::vector<PlanVersion> out;
    for (const store::PlanVersionRecord& r : impl_->store->plan_versions(code)) {
      out.push_back(PlanVersion{r.version, r.recorded_at, r.actor, r.reason,
                                impl_->plan_document(r), r.hash});
    }
    if (out.empty())
      throw NotFoundError(Message("there is no plan \"{plan}\" in the ledger", {{"plan", std::string(code)}}));
    return out;
  });
}

Report Ledger::save(const Actor& actor, const ReportKey& key, const ReportContent& content,
                    ContentMode mode) {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->write([&] { return impl_->do_save(actor, key, content, mode); });
}

Report Ledger::submit(const Actor& actor, const ReportKey& key) {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->write([&] { return impl_->do_submit(actor, key); });
}

Report Ledger::withdraw(const Actor& declared, const ReportKey& key, std::string_view reason) {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->write([&] {
    const Impl::CachedPlan& cached = impl_->current_plan(key.plan);
    const Actor actor = impl_->acting(declared, key.unit, ActorRole::reporter);
    Impl::require_reporter(actor, cached.plan, key);
    if (!reason.empty()) ledger::require_reason(reason, key.to_string());
    std::vector<store::RevisionRecord> records = impl_->existing(key);
    const ReportStatus status = Impl::status_of(records);
    if (status != ReportStatus::submitted) {
      throw ConflictError(Message("report {report} is {status}; only a submitted report can be "
                                  "withdrawn",
                                  {{"report", key.to_string()}, {"status", status_name(status)}}),
                          Location{key.to_string(), 0, 0, "status"});
    }
    if (records.back().revision.action == ReportAction::corrected) {
      throw ConflictError(Message("report {report} awaits acceptance of a correction, which "
                                  "cannot be withdrawn: correct it again",
                                  {{"report", key.to_string()}}),
                          Location{key.to_string(), 0, 0, "status"});
    }
    return impl_->append(key, records, actor, ReportAction::withdrawn, ReportStatus::draft, reason,
                         std::nullopt);
  });
}

Report Ledger::file(const Actor& actor, const ReportKey& key, const ReportContent& content,
                    ContentMode mode) {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->write([&] { return impl_->do_file(actor, key, content, mode); });
}

std::size_t Ledger::file_all(const std::vector<Filing>& filings) {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->write([&] {
    for (const Filing& f : filings) {
      try {
        impl_->do_file(f.actor, f.key, f.content, f.mode);
      } catch (const Error& e) {
        // Name the report in the batch; keep the error's class and code.
        const std::string prefix = "report " + f.key.to_string() + ": ";
        switch (e.code()) {
          case ErrorCode::permission_denied:
            throw PermissionDenied(prefix + e.message(), e.where());
          case ErrorCode::conflict: throw ConflictError(prefix + e.message(), e.where());
          case ErrorCode::not_found: throw NotFoundError(prefix + e.message(), e.where());
          default: throw;
        }
      }
    }
    return filings.size();
  });
}

namespace {

// Thrown to roll back the transaction of a dry run.
struct DryRun {};

}  // namespace

std::vector<FilingCheck> Ledger::check(const std::vector<Filing>& filings) const {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  std::vector<FilingCheck> out;
  try {
    impl_->store->write([&] {
      impl_->begin_write();
      for (const Filing& f : filings) {
        FilingCheck check;
        try {
          check.warnings = impl_->do_file(f.actor, f.key, f.content, f.mode).warnings;
        } catch (const ValidationError& e) {
          check.errors = e.issues();
        } catch (const Error& e) {
          check.code = e.code();
          check.errors.push_back({Issue::Severity::error, e.where().path, e.message()});
        }
        out.push_back(std::move(check));
      }
      throw DryRun{};
    });
  } catch (const DryRun&) {
    // Rolled back: nothing of the dry run was written.
  } catch (...) {
    impl_->txn_time.reset();
    impl_->registry = ledger::Registry{};
    throw;
  }
  impl_->txn_time.reset();
  impl_->registry = ledger::Registry{};
  impl_->plans.clear();
  return out;
}

Report Ledger::accept(const Actor& declared, const ReportKey& key) {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->write([&] {
    const Impl::CachedPlan& cached = impl_->current_plan(key.plan);
    const Actor actor = impl_->acting(declared, cached.plan.coordinator, ActorRole::coordinator);
    Impl::require_coordinator(actor, cached.plan);
    std::vector<store::RevisionRecord> records = impl_->existing(key);
    if (Impl::status_of(records) != ReportStatus::submitted) {
      throw ConflictError(Message(
          "report {report} is {status}; only a submitted report can be accepted",
          {{"report", key.to_string()}, {"status", status_name(Impl::status_of(records))}}));
    }
    return impl_->append(key, records, actor, ReportAction::accepted, ReportStatus::accepted, {},
                         std::nullopt);
  });
}

Report Ledger::return_report(const Actor& declared, const ReportKey& key, std::string_view reason) {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->write([&] {
    const Impl::CachedPlan& cached = impl_->current_plan(key.plan);
    const Actor actor = impl_->acting(declared, cached.plan.coordinator, ActorRole::coordinator);
    Impl::require_coordinator(actor, cached.plan);
    if (util::trim(reason).empty() || !util::is_valid_utf8(reason)) {
      throw ValidationError(Message("a returned report needs the coordinator's reason"),
                            Location{key.to_string(), 0, 0, "reason"});
    }
    ledger::require_reason(reason, key.to_string());
    std::vector<store::RevisionRecord> records = impl_->existing(key);
    if (Impl::status_of(records) != ReportStatus::submitted) {
      throw ConflictError(Message(
          "report {report} is {status}; only a submitted report can be returned",
          {{"report", key.to_string()}, {"status", status_name(Impl::status_of(records))}}));
    }
    return impl_->append(key, records, actor, ReportAction::returned, ReportStatus::returned,
                         reason, std::nullopt);
  });
}

Report Ledger::correct(const Actor& declared, const ReportKey& key, const ReportContent& content,
                       std::string_view reason, ContentMode mode) {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->write([&] {
    const Impl::CachedPlan& cached = impl_->current_plan(key.plan);
    const Actor actor = impl_->acting(declared, key.unit, ActorRole::reporter);
    impl_->require_reporter(actor, cached.plan, key);
    if (util::trim(reason).empty() || !util::is_valid_utf8(reason)) {
      throw ValidationError(Message("a correction needs a reason"),
                            Location{key.to_string(), 0, 0, "reason"});
    }
    ledger::require_reason(reason, key.to_string());
    std::vector<store::RevisionRecord> records = impl_->existing(key);
    if (Impl::status_of(records) != ReportStatus::accepted) {
      throw ConflictError(Message(
          "report {report} is {status}; only an accepted report is "
          "corrected (edit it instead)",
          {{"report", key.to_string()}, {"status", status_name(Impl::status_of(records))}}));
    }
    auto [checked, warnings] = impl_->checked_content(cached, key, records, content, mode, true);
    impl_->append(key, records, actor, ReportAction::corrected, ReportStatus::submitted, reason,
                  checked);
    return impl_->report_with_warnings(key, records, std::move(warnings));
  });
}

std::optional<Report> Ledger::report(const ReportKey& key) const {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->read([&] {
    return impl_->flagged(build_report(key, impl_->ordered_revisions(key), std::nullopt));
  });
}

std::optional<Report> Ledger::report_at(const ReportKey& key, Timestamp t) const {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->read(
      [&] { return impl_->flagged(build_report(key, impl_->ordered_revisions(key), t)); });
}

std::vector<Revision> Ledger::history(const ReportKey& key) const {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->read([&] {
    std::vector<Revision> out;
    for (store::RevisionRecord& r : impl_->ordered_revisions(key)) {
      out.push_back(std::move(r.revision));
    }
    return out;
  });
}

std::vector<Report> Ledger::reports(const ReportFilter& filter) const {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->read([&] {
    const Plan& plan = impl_->current_plan(filter.plan).plan;
    std::vector<Report> out;
    for (const ReportKey& key :
         impl_->store->report_keys(filter.plan, filter.period, filter.unit)) {
      std::optional<Report> report =
          impl_->flagged(build_report(key, impl_->ordered_revisions(key), filter.recorded_at));
      if (!report) continue;
      if (filter.status && report->status() != *filter.status) continue;
      if (filter.initiative) {
        const int n = *filter.initiative;
        const ReportContent& c = report->content();
        const bool covers =
            c.find_progress(n) != nullptr ||
            std::any_of(c.values.begin(), c.values.end(), [&](const TargetValue& v) {
              const Initiative* i = plan.initiative_of(v.target);
              return i != nullptr && i->number == n;
            });
        if (!covers) continue;
      }
      out.push_back(std::move(*report));
    }
    return out;
  });
}

Rollup Ledger::rollup(const RollupQuery& query) const {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->read([&] { return impl_->compute(query); });
}

std::vector<Rollup> Ledger::rollup_series(const RollupQuery& query) const {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->read([&] {
    impl_->snapshot.sync(*impl_->store);
    const auto [plan, version] = impl_->plan_for(query);
    Impl::check_query(*plan, query);
    std::vector<Rollup> out;
    for (const Period& period : plan->periods()) {
      if (query.as_of < period) break;
      RollupQuery q = query;
      q.as_of = period;
      q.today = query.today && *query.today < period.last_day() ? *query.today : period.last_day();
      out.push_back(rollup::compute(impl_->snapshot, *plan, version, q));
    }
    return out;
  });
}

Explanation Ledger::explain(const RollupQuery& query, std::string_view subject) const {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->read([&] {
    impl_->snapshot.sync(*impl_->store);
    const auto [plan, version] = impl_->plan_for(query);
    Impl::check_query(*plan, query);
    // The snapshot keeps no actors: the roll-up takes them from the revisions themselves.
    const rollup::RevisionLookup revisions = [&](const ReportKey& key) {
      std::vector<Revision> out;
      for (store::RevisionRecord& r : impl_->store->revisions(key)) {
        out.push_back(std::move(r.revision));
      }
      return out;
    };
    return rollup::explain(impl_->snapshot, *plan, version, query, subject, revisions);
  });
}

ValueTable Ledger::values(const ValuesQuery& query) const {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->read([&] {
    impl_->snapshot.sync(*impl_->store);
    if (!query.plan.empty() && impl_->store->plan_versions(query.plan).empty()) {
      throw NotFoundError("there is no plan " + util::in_quotes(query.plan) + " in the ledger");
    }
    return rollup::values(impl_->snapshot, query);
  });
}

VerifyResult Ledger::verify(const VerifyOptions& options) const {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->read([&] {
    return ledger::verify_ledger(*impl_->store, options, [&](const store::PlanVersionRecord& r) {
      return impl_->parse_document(r);
    });
  });
}

// ---- identities and import windows

namespace {

void check_identity(const Identity& identity) {
  std::vector<Issue> issues;
  if (!detail::is_code(identity.id)) {
    issues.push_back({Issue::Severity::error, "id",
                      util::in_quotes(identity.id) + " is not an identity's id: use ASCII letters, "
                                                     "digits, '.', '_' or '-'"});
  }
  for (const Issue& i : validate(Unit{"x", identity.name, UnitKind::other, "", ""})) {
    if (i.path == "name") issues.push_back(i);
  }
  try {
    (void)key_id_of(identity.public_key);
  } catch (const Error& e) {
    issues.push_back({Issue::Severity::error, "public_key", e.message()});
  }
  if (!issues.empty()) throw ValidationError(issues, "identity " + identity.id);
}

}  // namespace

bool Ledger::has_identities() const {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->read([&] {
    impl_->refresh_registry();
    return impl_->registry.has_identities();
  });
}

void Ledger::add_identity(const Actor& actor, const Identity& identity) {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  check_identity(identity);
  Identity added = identity;
  added.key_id = key_id_of(identity.public_key);
  impl_->write([&] {
    ledger::Registry& registry = impl_->registry;
    if (registry.identity(added.id) != nullptr) {
      throw ConflictError("the identity " + util::in_quotes(added.id) + " is registered already");
    }
    if (registry.public_key(added.key_id)) {
      throw ConflictError("the key of " + util::in_quotes(added.id) +
                          " is registered already: every identity has a key of its own");
    }
    const std::string document = ledger::identity_document(added);
    if (registry.has_identities()) {
      const Actor a = impl_->acting(actor, "", ActorRole::administrator);
      impl_->add_event(a, ledger::kIdentityEvent, added.id, document);
      return 0;
    }
    // The first identity turns identities on: made by an administrator as today, signed with the
    // new identity's own key, which proves that key is held; it administers that unit from now.
    Impl::require_role(actor, ActorRole::administrator, util::N_("register identities"));
    impl_->require_known_unit(actor, nullptr, nullptr);
    if (!impl_->options.signer || impl_->options.signer->key_id() != added.key_id) {
      throw PermissionDenied(
          "the first identity is registered with its own key as the signer (it proves the key "
          "is held): open the ledger with that key (LedgerOptions::signer, `--key FILE`)",
          Location{"", 0, 0, "actor"});
    }
    const Actor first{actor.unit, ActorRole::administrator, added.id};
    impl_->add_event(first, ledger::kIdentityEvent, added.id, document, true);
    Grant administers;
    administers.identity = added.id;
    administers.unit = actor.unit;
    administers.role = ActorRole::administrator;
    administers.from = impl_->stamp();
    impl_->add_event(first, ledger::kGrantEvent, added.id, ledger::grant_document(administers));
    return 0;
  });
}

void Ledger::grant(const Actor& actor, const Grant& grant) {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->write([&] {
    const Actor a = impl_->acting(actor, "", ActorRole::administrator);
    Impl::require_role(a, ActorRole::administrator, util::N_("grant units and roles"));
    impl_->require_known_unit(a, nullptr, nullptr);
    if (impl_->registry.identity(grant.identity) == nullptr) {
      throw NotFoundError("there is no identity " + util::in_quotes(grant.identity));
    }
    if (!impl_->store->unit(grant.unit)) {
      throw NotFoundError("there is no unit " + util::in_quotes(grant.unit) + " in the catalogue");
    }
    Grant g = grant;
    g.revoked_at.reset();
    if (g.from == Timestamp{}) g.from = impl_->stamp();
    if (g.until && *g.until <= g.from) {
      throw ValidationError("a grant must end after it begins", Location{"", 0, 0, "until"});
    }
    impl_->add_event(a, ledger::kGrantEvent, g.identity, ledger::grant_document(g));
    return 0;
  });
}

void Ledger::revoke(const Actor& actor, std::string_view identity, std::string_view unit,
                    ActorRole role) {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->write([&] {
    const Actor a = impl_->acting(actor, "", ActorRole::administrator);
    Impl::require_role(a, ActorRole::administrator, util::N_("revoke grants"));
    const bool any = std::any_of(
        impl_->registry.grants().begin(), impl_->registry.grants().end(), [&](const Grant& g) {
          return g.identity == identity && g.unit == unit && g.role == role && !g.revoked_at;
        });
    if (!any) {
      throw NotFoundError(util::in_quotes(identity) + " holds no grant as " + to_string(role) +
                          " of " + util::in_quotes(unit));
    }
    impl_->add_event(a, ledger::kRevokeEvent, std::string(identity),
                     ledger::revoke_document(std::string(unit), role));
    return 0;
  });
}

void Ledger::rotate_key(const Actor& actor, std::string_view identity,
                        std::string_view public_key_pem) {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  const std::string key_id = key_id_of(public_key_pem);
  impl_->write([&] {
    const Actor a = impl_->acting(actor, "", ActorRole::administrator);
    Impl::require_role(a, ActorRole::administrator, util::N_("change keys"));
    if (impl_->registry.identity(std::string(identity)) == nullptr) {
      throw NotFoundError("there is no identity " + util::in_quotes(identity));
    }
    if (impl_->registry.public_key(key_id)) {
      throw ConflictError("that key is registered already: a new key is needed");
    }
    impl_->add_event(a, ledger::kKeyEvent, std::string(identity),
                     ledger::key_document(std::string(public_key_pem)));
    return 0;
  });
}

std::vector<Identity> Ledger::identities() const {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->read([&] {
    impl_->refresh_registry();
    return impl_->registry.identities();
  });
}

std::vector<Grant> Ledger::grants() const {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->read([&] {
    impl_->refresh_registry();
    return impl_->registry.grants();
  });
}

std::vector<Actor> Ledger::signer_actors() const {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  if (!impl_->options.signer) return {};
  return impl_->read([&] {
    impl_->refresh_registry();
    std::vector<Actor> out;
    const Timestamp t = impl_->now();
    const Identity* who = impl_->registry.holder(impl_->options.signer->key_id(), t);
    if (who == nullptr) return out;
    for (const ActorRole role :
         {ActorRole::reporter, ActorRole::coordinator, ActorRole::administrator}) {
      std::vector<std::string> units = impl_->registry.units_of(who->id, role, t);
      std::sort(units.begin(), units.end());
      for (const std::string& unit : units) {
        out.push_back(Actor{unit, role, who->id});
      }
    }
    return out;
  });
}

void Ledger::begin_import(const Actor& actor, std::string_view reason) {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  if (util::trim(reason).empty()) {
    throw ValidationError("an import window needs a reason", Location{"", 0, 0, "reason"});
  }
  impl_->write(
      [&] {
        const Actor a = impl_->acting(actor, "", ActorRole::administrator);
        Impl::require_role(a, ActorRole::administrator, util::N_("open an import window"));
        impl_->require_known_unit_or_empty(a);
        if (impl_->registry.import_open()) {
          throw ConflictError("an import window is open already");
        }
        impl_->add_event(a, ledger::kImportBeginEvent, "",
                         ledger::import_document(std::string(reason)));
        return 0;
      },
      true);
}

void Ledger::end_import(const Actor& actor) {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->write(
      [&] {
        const Actor a = impl_->acting(actor, "", ActorRole::administrator);
        Impl::require_role(a, ActorRole::administrator, util::N_("close an import window"));
        if (!impl_->registry.import_open()) throw ConflictError("no import window is open");
        impl_->add_event(a, ledger::kImportEndEvent, "", ledger::import_document(""));
        return 0;
      },
      true);
}

bool Ledger::import_open() const {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->read([&] {
    impl_->refresh_registry();
    return impl_->registry.import_open();
  });
}

void Ledger::backup(const std::filesystem::path& destination) const {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->store->backup(destination);
}

}  // namespace taizhang
