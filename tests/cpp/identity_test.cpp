// Who did what, proven (issue 13): identities and keys, signed writes whose actor comes from the
// key, the ledger's own time, and a verify that re-checks everything and names every problem.
// Each attack a district clerk or integrator could make is reproduced here as it was made.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ledger_support.hpp"
#include "reliability_support.hpp"
#include "taizhang/error.hpp"
#include "taizhang/identity.hpp"
#include "taizhang/ledger.hpp"

namespace tz = taizhang;
namespace fs = std::filesystem;
using tz::test::linzi_key;
using tz::test::TempDir;
using tz::test::TestClock;

namespace {

constexpr const char* kPlan = "linzi-2021-women-children";

std::shared_ptr<const tz::Signer> key() {
  return std::make_shared<const tz::Signer>(tz::Signer::generate());
}

tz::Identity identity(const std::string& id, const tz::Signer& signer) {
  tz::Identity i;
  i.id = id;
  i.name = id + "（示例）";
  i.public_key = signer.public_key_pem();
  return i;
}

tz::ReportContent screened(int n) {
  tz::ReportContent c;
  tz::TargetValue v;
  v.target = "1.1";
  v.value = tz::Decimal(n);
  c.values.push_back(v);
  c.progress.push_back({1, "筛查（示例）", std::nullopt});
  return c;
}

// Changes the file behind the library's back as someone with the file would: the append-only
// triggers dropped, the change made, the triggers put back as they were.
void tamper(const fs::path& path, const std::vector<std::string>& triggers, const std::string& change) {
  std::string drop;
  std::string create;
  for (const std::string& t : triggers) {
    create += tz::test::sqlite_value(path, "SELECT sql FROM sqlite_schema WHERE name = '" + t + "'") +
              ";";
    drop += "DROP TRIGGER " + t + ";";
  }
  tz::test::sqlite_exec(path, "BEGIN;" + drop + change + create + "COMMIT;");
}

// A signed ledger file: the Linzi plan, identities for the office's administrator and
// coordinator and for 区卫健局's clerk, each with a key of its own.
class SignedLedger : public ::testing::Test {
 protected:
  SignedLedger() {
    TestClock setup("2021-03-01T09:00:00+08:00");
    tz::Ledger ledger = tz::test::historic_ledger(clock_, path_);
    ledger.import_plan(tz::test::admin(), tz::test::linzi_plan(), "通知印发");
    // Identities on: the first is made by the (declared) administrator, signed by its own key.
    tz::Ledger as_admin = open(admin_key_);
    as_admin.add_identity(tz::test::admin(), identity("admin", *admin_key_));
    as_admin.add_identity({}, identity("coordinator", *coordinator_key_));
    as_admin.add_identity({}, identity("clerk-health", *clerk_key_));
    as_admin.grant({}, {"coordinator", "women-children-centre", tz::ActorRole::coordinator, {}, {}, {}});
    as_admin.grant({}, {"clerk-health", "health", tz::ActorRole::reporter, {}, {}, {}});
  }

  tz::Ledger open(const std::shared_ptr<const tz::Signer>& signer) const {
    tz::LedgerOptions options;
    options.clock = clock_.function();
    options.signer = signer;
    return tz::Ledger::open(path_, options);
  }

  TempDir dir_;
  fs::path path_ = dir_ / "signed.taizhang";
  TestClock clock_{"2021-03-02T09:00:00+08:00"};
  std::shared_ptr<const tz::Signer> admin_key_ = key();
  std::shared_ptr<const tz::Signer> coordinator_key_ = key();
  std::shared_ptr<const tz::Signer> clerk_key_ = key();
};

// ---- keys ------------------------------------------------------------------------------------

TEST(Signer, SignsAndVerifiesAndRoundTripsThroughPem) {
  const tz::Signer k = tz::Signer::generate();
  const std::string sig = k.sign("区卫健局 2021Q1 4500");
  EXPECT_EQ(sig.size(), 128U);
  EXPECT_TRUE(tz::signature_holds(k.public_key_pem(), "区卫健局 2021Q1 4500", sig));
  EXPECT_FALSE(tz::signature_holds(k.public_key_pem(), "区卫健局 2021Q1 45000", sig));
  EXPECT_FALSE(tz::signature_holds(tz::Signer::generate().public_key_pem(),
                                   "区卫健局 2021Q1 4500", sig));
  EXPECT_FALSE(tz::signature_holds("not a key", "x", sig));
  EXPECT_EQ(tz::key_id_of(k.public_key_pem()), k.key_id());
  EXPECT_EQ(tz::Signer::from_pem(k.private_key_pem()).key_id(), k.key_id());
  // Encrypted with a passphrase: read back only with it.
  const std::string locked = k.private_key_pem("口令123");
  EXPECT_NE(locked.find("ENCRYPTED"), std::string::npos);
  EXPECT_EQ(tz::Signer::from_pem(locked, "口令123").key_id(), k.key_id());
  EXPECT_THROW((void)tz::Signer::from_pem(locked), tz::ParseError);
  EXPECT_THROW((void)tz::Signer::from_pem(locked, "wrong"), tz::ParseError);
  EXPECT_THROW((void)tz::Signer::from_pem("-----BEGIN PRIVATE KEY-----\nAAAA\n"), tz::ParseError);
}

TEST(Signer, SavesAKeyFileOnlyItsOwnerReads) {
  const TempDir dir;
  const fs::path file = dir / "clerk.pem";
  const tz::Signer k = tz::Signer::generate();
  k.save(file);
  EXPECT_EQ(fs::status(file).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
  EXPECT_EQ(tz::Signer::load(file).key_id(), k.key_id());
  EXPECT_THROW(k.save(file), tz::IoError);  // never overwritten
}

// ---- identities ------------------------------------------------------------------------------

TEST_F(SignedLedger, TheActorOfAWriteComesFromItsKey) {
  tz::Ledger clerk = open(clerk_key_);
  EXPECT_TRUE(clerk.has_identities());
  const tz::Report r = clerk.file({}, linzi_key("health", "2021Q1"), screened(4500));
  EXPECT_EQ(r.current.actor.unit, "health");
  EXPECT_EQ(r.current.actor.role, tz::ActorRole::reporter);
  EXPECT_EQ(r.current.actor.person, "clerk-health");
  const tz::Report accepted =
      open(coordinator_key_).accept({}, linzi_key("health", "2021Q1"));
  EXPECT_EQ(accepted.current.actor.person, "coordinator");
  const tz::VerifyResult v = clerk.verify();
  EXPECT_TRUE(v.ok) << v.first_mismatch << " (" << v.problems.size() << " problems)";
  EXPECT_TRUE(v.has_identities);
  EXPECT_GE(v.signatures_checked, 5);
}

TEST_F(SignedLedger, ADeclaredIdentityIsRefused) {
  // No key: nothing is written, whatever the caller declares.
  tz::Ledger unsigned_ = open(nullptr);
  EXPECT_THROW(unsigned_.file(tz::test::reporter("health"), linzi_key("health", "2021Q1"),
                              screened(4500)),
               tz::PermissionDenied);
  tz::Unit renamed = *unsigned_.unit("women-children-centre");
  renamed.name = "被改名（示例）";
  EXPECT_THROW(unsigned_.put_unit({"nobody-at-all", tz::ActorRole::administrator, ""}, renamed),
               tz::PermissionDenied);
  // The clerk's key claims to be an administrator, or the coordinator: refused.
  tz::Ledger clerk = open(clerk_key_);
  EXPECT_THROW(clerk.put_unit({"health", tz::ActorRole::administrator, ""}, renamed),
               tz::PermissionDenied);
  clerk.file({}, linzi_key("health", "2021Q1"), screened(4500));
  EXPECT_THROW(clerk.accept({"women-children-centre", tz::ActorRole::coordinator, ""},
                            linzi_key("health", "2021Q1")),
               tz::PermissionDenied);
  // … nor may it write another unit's report.
  EXPECT_THROW(clerk.file({}, linzi_key("finance", "2021Q1"), screened(1)),
               tz::PermissionDenied);
  EXPECT_EQ(clerk.unit("women-children-centre")->name, "区妇女儿童服务中心");
  EXPECT_EQ(clerk.report(linzi_key("health", "2021Q1"))->status(), tz::ReportStatus::submitted);
  EXPECT_TRUE(clerk.verify().ok);
}

TEST_F(SignedLedger, RevokedGrantsAndRotatedKeysStopWorking) {
  tz::Ledger admin = open(admin_key_);
  clock_.set("2021-04-01T09:00:00+08:00");
  admin.revoke({}, "clerk-health", "health", tz::ActorRole::reporter);
  EXPECT_THROW(open(clerk_key_).file({}, linzi_key("health", "2021Q1"), screened(4500)),
               tz::PermissionDenied);
  admin.grant({}, {"clerk-health", "health", tz::ActorRole::reporter, {}, {}, {}});
  open(clerk_key_).file({}, linzi_key("health", "2021Q1"), screened(4500));
  // A new key: the old one signs nothing from now, what it signed before still holds.
  const auto new_key = key();
  clock_.set("2021-07-01T09:00:00+08:00");
  admin.rotate_key({}, "clerk-health", new_key->public_key_pem());
  EXPECT_THROW(open(clerk_key_).file({}, linzi_key("health", "2021Q2"), screened(4800)),
               tz::PermissionDenied);
  open(new_key).file({}, linzi_key("health", "2021Q2"), screened(4800));
  const tz::VerifyResult v = admin.verify();
  EXPECT_TRUE(v.ok) << v.first_mismatch;
  // The registry as it stands.
  const std::vector<tz::Identity> ids = admin.identities();
  ASSERT_EQ(ids.size(), 3U);
  const tz::Identity& clerk = ids[1];
  EXPECT_EQ(clerk.id, "clerk-health");
  EXPECT_EQ(clerk.key_id, new_key->key_id());
  const std::vector<tz::Grant> grants = admin.grants();
  EXPECT_EQ(grants.size(), 4U);
  EXPECT_TRUE(grants[2].revoked_at.has_value());
}

TEST_F(SignedLedger, ForgedRecordsAreCaughtBySignature) {
  open(clerk_key_).file({}, linzi_key("health", "2021Q1"), screened(4500));
  // Someone with the file sets the revision's actor to the coordinator: the hash and the
  // signature no longer hold, and the rules replayed say a coordinator does not save reports.
  tamper(path_, {"revisions_no_update"},
         "UPDATE revisions SET actor_person = 'coordinator' WHERE number = 1;");
  const tz::VerifyResult v = open(nullptr).verify();
  EXPECT_FALSE(v.ok);
  bool named = false;
  for (const tz::Issue& p : v.problems) {
    named = named || p.message.find("its key is \"clerk-health\"'s") != std::string::npos;
  }
  EXPECT_TRUE(named) << v.first_mismatch;
}

// ---- time ------------------------------------------------------------------------------------

TEST(LedgerTime, AnOutOfRangeTimeIsRefusedBeforeAnythingIsWritten) {
  TestClock clock("2021-03-01T09:00:00+08:00");
  tz::Ledger ledger = tz::test::linzi_ledger(clock);
  const tz::VerifyResult before = ledger.verify();
  for (const char* t : {"9999-12-31T23:59:59.999-14:00", "1970-01-01T00:00:00Z",
                        "0001-01-01T00:00:00Z", "2100-01-01T00:00:00Z"}) {
    SCOPED_TRACE(t);
    clock.set(t);
    EXPECT_THROW(ledger.file(tz::test::reporter("health"), linzi_key("health", "2021Q1"),
                             screened(4500)),
                 tz::ValidationError);
    EXPECT_FALSE(ledger.report(linzi_key("health", "2021Q1")).has_value());
  }
  clock.set("2021-04-06T09:00:00+08:00");
  ledger.file(tz::test::reporter("health"), linzi_key("health", "2021Q1"), screened(4500));
  const tz::VerifyResult v = ledger.verify();
  EXPECT_TRUE(v.ok) << v.first_mismatch;
  EXPECT_EQ(v.revisions_checked, before.revisions_checked + 2);
}

TEST(LedgerTime, APastTimeNeedsAnImportWindowAndHistoryGoesInOrder) {
  TestClock clock("2021-03-01T09:00:00+08:00");
  tz::LedgerOptions options;
  options.clock = clock.function();
  tz::Ledger ledger = tz::Ledger::open(":memory:", options);
  // A reporter backdating a filing: refused, nothing written.
  EXPECT_THROW(ledger.import_plan(tz::test::admin(), tz::test::linzi_plan()), tz::PermissionDenied);
  EXPECT_TRUE(ledger.plans().empty());
  // Only an administrator opens the window; it is recorded.
  EXPECT_THROW(ledger.begin_import(tz::test::reporter("health"), "补录"), tz::PermissionDenied);
  ledger.begin_import(tz::test::admin(), "补录2021年台账（示例）");
  EXPECT_TRUE(ledger.import_open());
  ledger.import_plan(tz::test::admin(), tz::test::linzi_plan());
  clock.set("2021-04-12T09:00:00+08:00");
  ledger.file(tz::test::reporter("health"), linzi_key("health", "2021Q1"), screened(4500));
  // A late filing dated back before the due date, when later records exist: refused.
  clock.set("2021-04-08T09:00:00+08:00");
  EXPECT_THROW(ledger.file(tz::test::reporter("finance"), linzi_key("finance", "2021Q1"),
                           screened(0)),
               tz::ValidationError);
  ledger.end_import(tz::test::admin());
  EXPECT_FALSE(ledger.import_open());
  clock.set("2021-04-20T09:00:00+08:00");
  EXPECT_THROW(ledger.file(tz::test::reporter("finance"), linzi_key("finance", "2021Q1"),
                           screened(0)),
               tz::PermissionDenied);
  EXPECT_TRUE(ledger.verify().ok);
}

TEST(LedgerTime, AStoredTimeOutOfRangeIsNamedByVerifyNotThrown) {
  const TempDir dir;
  const fs::path path = dir / "ledger.taizhang";
  {
    TestClock clock("2021-03-01T09:00:00+08:00");
    tz::Ledger ledger = tz::test::linzi_ledger(clock, path);
    clock.set("2021-04-06T09:00:00+08:00");
    ledger.file(tz::test::reporter("health"), linzi_key("health", "2021Q1"), screened(4500));
  }
  tamper(path, {"revisions_no_update"},
         "UPDATE revisions SET recorded_at = 9223372036854775807 WHERE number = 2;");
  const tz::Ledger ledger = tz::Ledger::open(path);
  const tz::VerifyResult v = ledger.verify();  // does not throw
  EXPECT_FALSE(v.ok);
  bool named = false;
  for (const tz::Issue& p : v.problems) {
    named = named || p.message.find("outside the years 2000 to 2099") != std::string::npos;
  }
  EXPECT_TRUE(named) << v.first_mismatch;
}

// ---- verify: every problem, and the head ------------------------------------------------------

TEST(LedgerVerify, ListsEveryProblemAndTheTablesOutsideTheChains) {
  const TempDir dir;
  const fs::path path = dir / "ledger.taizhang";
  {
    TestClock clock("2021-03-01T09:00:00+08:00");
    tz::Ledger ledger = tz::test::linzi_ledger(clock, path);
    clock.set("2021-04-06T09:00:00+08:00");
    ledger.file(tz::test::reporter("health"), linzi_key("health", "2021Q1"), screened(4500));
    ledger.file(tz::test::reporter("finance"), linzi_key("finance", "2021Q1"), screened(0));
  }
  // Two values changed, and the name of a unit the official forms print.
  tamper(path, {"revision_values_no_update"},
         "UPDATE revision_values SET value = '45000' WHERE target = '1.1';"
         "UPDATE units SET name = '区卫生局（被改）' WHERE code = 'health';");
  const tz::VerifyResult v = tz::Ledger::open(path).verify();
  EXPECT_FALSE(v.ok);
  std::vector<std::string> where;
  for (const tz::Issue& p : v.problems) where.push_back(p.path);
  EXPECT_NE(std::find(where.begin(), where.end(), "unit \"health\""), where.end());
  EXPECT_GE(v.problems.size(), 3U) << v.first_mismatch;
}

TEST(LedgerVerify, APublishedHeadCatchesATruncation) {
  const TempDir dir;
  const fs::path path = dir / "ledger.taizhang";
  TestClock clock("2021-03-01T09:00:00+08:00");
  std::string published;
  {
    tz::Ledger ledger = tz::test::linzi_ledger(clock, path);
    clock.set("2021-04-06T09:00:00+08:00");
    ledger.file(tz::test::reporter("health"), linzi_key("health", "2021Q1"), screened(4500));
    clock.set("2021-04-07T09:00:00+08:00");
    ledger.file(tz::test::reporter("finance"), linzi_key("finance", "2021Q1"), screened(0));
    // The office prints the head on the quarter's consolidated form.
    published = ledger.verify().head;
    EXPECT_EQ(published.size(), 64U);
    clock.set("2021-04-08T09:00:00+08:00");
    ledger.file(tz::test::reporter("civil-affairs"), linzi_key("civil-affairs", "2021Q1"),
                tz::ReportContent{});
    tz::VerifyOptions expect;
    expect.expect_head = published;
    EXPECT_TRUE(ledger.verify(expect).ok);  // the ledger grew: the head is still in its history
  }
  // Someone drops the latest records — finance's and civil-affairs' reports — with every head
  // that covered them, so that what is left is a consistent, shorter ledger.
  tamper(
      path,
      {"revisions_no_delete", "heads_no_delete", "revision_progress_no_delete",
       "revision_values_no_delete"},
      "DELETE FROM revision_values WHERE revision_id IN (SELECT v.id FROM revisions v JOIN "
      "reports r ON r.id = v.report_id WHERE r.unit IN ('finance', 'civil-affairs'));"
      "DELETE FROM revision_progress WHERE revision_id IN (SELECT v.id FROM revisions v JOIN "
      "reports r ON r.id = v.report_id WHERE r.unit IN ('finance', 'civil-affairs'));"
      "DELETE FROM revisions WHERE report_id IN (SELECT id FROM reports WHERE unit IN "
      "('finance', 'civil-affairs'));"
      "DELETE FROM reports WHERE unit IN ('finance', 'civil-affairs');"
      "DELETE FROM heads WHERE id > (SELECT min(id) FROM heads h WHERE h.revision_tip <> '');");
  // On its own the shorter ledger may look whole; the published head says it is not.
  tz::VerifyOptions expect;
  expect.expect_head = published;
  const tz::VerifyResult v = tz::Ledger::open(path).verify(expect);
  EXPECT_FALSE(v.ok);
  bool named = false;
  for (const tz::Issue& p : v.problems) {
    named = named || p.message.find("truncated or rewritten") != std::string::npos;
  }
  EXPECT_TRUE(named) << v.first_mismatch;
}

}  // namespace
