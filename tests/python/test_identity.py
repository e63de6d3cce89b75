"""Identities, signed writes, the ledger's time rules and verify, from Python (issue 13), as a
district's analyst or a district system's integrator meets them: keys made and kept in 0600 files,
the first administrator registered with its own key, a unit's clerk granted its unit, reports filed
signed; writes without a key, with a stranger's key or with a declared Actor refused and leaving
nothing; past times only inside an administrator's import window; the 9999 date refused before
anything is committed; and verify giving the head to publish, checking it later, and listing every
change made behind the ledger's back."""

from __future__ import annotations

import datetime
import decimal
import pathlib
import pickle
import shutil
import sqlite3
import stat
from typing import Iterator

import pytest

import taizhang as tz
from conftest import HISTORIC_IMPORT, PLAN, Clock, some

D = decimal.Decimal
UTC = datetime.timezone.utc

# Declared actors: in a ledger without identities who acts is what the call says; once the ledger
# has identities, only the first registration (made by an administrator acting as today) is
# declared, and every write after it acts as the key's identity.
ADMIN = tz.Actor("women-children-centre", tz.ActorRole.administrator)
KEYS_ACTOR = tz.Actor("")  # "whoever the key is": the unit and role come from the key's grants

ADMIN_ID = "li-si"
CLERK_ID = "wang-wu"
ADMIN_NAME = "李四（区妇儿工委办）"
CLERK_NAME = "王五（区卫健局规划科）"
PASSPHRASE = "妇儿工委办-2021"


def key(unit: str, period: str) -> tz.ReportKey:
    return tz.ReportKey(PLAN, unit, period)


def screening(count: int, narrative: str = "") -> tz.ReportContent:
    """Health's report: initiative 1's screening count (target 1.1)."""
    progress = [tz.InitiativeProgress(1, narrative)] if narrative else []
    return tz.ReportContent(progress=progress, values=[tz.TargetValue("1.1", count)])


def now() -> datetime.datetime:
    return datetime.datetime.now(UTC)


# ---- keys in files, as `taizhang key new` and an integrator's deployment keep them ------------


@pytest.fixture
def key_files(tmp_path: pathlib.Path) -> dict[str, pathlib.Path]:
    """The administrator's key (passphrase-protected) and the health clerk's, each saved once."""
    keys = tmp_path / "keys"
    keys.mkdir()
    files = {"admin": keys / "li-si.pem", "clerk": keys / "wang-wu.pem"}
    tz.Signer.generate().save(files["admin"], passphrase=PASSPHRASE)
    tz.Signer.generate().save(str(files["clerk"]))
    return files


@pytest.fixture
def admin_key(key_files: dict[str, pathlib.Path]) -> tz.Signer:
    return tz.Signer.load(key_files["admin"], passphrase=PASSPHRASE)


@pytest.fixture
def clerk_key(key_files: dict[str, pathlib.Path]) -> tz.Signer:
    return tz.Signer.load(key_files["clerk"])


def set_up_identities(ledger: tz.Ledger, admin_key: tz.Signer, clerk_key: tz.Signer) -> None:
    """The office's administrator registers itself (the ledger opened with its own key), then the
    health clerk, and grants the clerk its unit and itself the coordinator's role."""
    assert not ledger.has_identities()
    ledger.add_identity(ADMIN, tz.Identity(ADMIN_ID, name=ADMIN_NAME,
                                           public_key=admin_key.public_key_pem()))
    assert ledger.has_identities()
    ledger.add_identity(KEYS_ACTOR, tz.Identity(CLERK_ID, name=CLERK_NAME,
                                                public_key=clerk_key.public_key_pem()))
    ledger.grant(KEYS_ACTOR, tz.Grant(CLERK_ID, "health"))
    ledger.grant(KEYS_ACTOR, tz.Grant(ADMIN_ID, "women-children-centre",
                                      tz.ActorRole.coordinator))


@pytest.fixture
def signed_file(tmp_path: pathlib.Path, linzi: tz.Plan, admin_key: tz.Signer,
                clerk_key: tz.Signer) -> pathlib.Path:
    """A ledger kept at the present time: the Linzi plan imported, then identities turned on."""
    path = tmp_path / "临淄台账.taizhang"
    with tz.Ledger.open(path, signer=admin_key) as ledger:
        ledger.import_plan(ADMIN, linzi, reason="通知印发")
        set_up_identities(ledger, admin_key, clerk_key)
    return path


@pytest.fixture
def clerk(signed_file: pathlib.Path, clerk_key: tz.Signer) -> Iterator[tz.Ledger]:
    """The ledger as the health clerk's program opens it: with the clerk's key."""
    with tz.Ledger.open(signed_file, signer=clerk_key) as ledger:
        yield ledger


def test_keys_are_saved_for_their_owner_only_and_load_back(
        tmp_path: pathlib.Path, key_files: dict[str, pathlib.Path], admin_key: tz.Signer,
        clerk_key: tz.Signer) -> None:
    for path in key_files.values():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, oct(path.stat().st_mode)
        assert "PRIVATE KEY" in path.read_text(encoding="ascii")
    assert "ENCRYPTED" in key_files["admin"].read_text(encoding="ascii")
    assert "ENCRYPTED" not in key_files["clerk"].read_text(encoding="ascii")

    # A fingerprint of 64 hex digits, the same from the key and from its public half.
    assert len(admin_key.key_id()) == 64 and int(admin_key.key_id(), 16) >= 0
    assert tz.key_id_of(admin_key.public_key_pem()) == admin_key.key_id()
    assert admin_key.key_id() != clerk_key.key_id()
    assert tz.Signer.from_pem(admin_key.private_key_pem()).key_id() == admin_key.key_id()
    assert tz.Signer.from_pem(admin_key.private_key_pem("另一个口令").encode("ascii"),
                              passphrase="另一个口令").key_id() == admin_key.key_id()

    # Signatures: 128 hex digits over bytes (str as UTF-8), checked with the public key only.
    signature = clerk_key.sign("区卫健局 2021Q1")
    assert len(signature) == 128
    assert tz.signature_holds(clerk_key.public_key_pem(), "区卫健局 2021Q1".encode(), signature)
    assert not tz.signature_holds(clerk_key.public_key_pem(), "区卫健局 2021Q2", signature)
    assert not tz.signature_holds(admin_key.public_key_pem(), "区卫健局 2021Q1", signature)
    assert not tz.signature_holds("not a key", b"x", "zz")  # never raises

    # A key file is never overwritten, a wrong or missing passphrase reads nothing, and what is
    # not a private key is named.
    before = key_files["admin"].read_bytes()
    with pytest.raises(tz.IoError) as caught:
        clerk_key.save(key_files["admin"])
    assert caught.value.file == str(key_files["admin"])
    assert key_files["admin"].read_bytes() == before
    for passphrase in ("错误口令", ""):
        with pytest.raises(tz.ParseError):
            tz.Signer.load(key_files["admin"], passphrase=passphrase)
    with pytest.raises(tz.ParseError, match="public.pem"):
        tz.Signer.from_pem(admin_key.public_key_pem(), source="public.pem")
    with pytest.raises(tz.ParseError):
        tz.key_id_of("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")
    with pytest.raises(tz.IoError):
        tz.Signer.load(tmp_path / "keys" / "missing.pem")

    # The private key never shows: not in the repr, and a Signer does not pickle.
    assert repr(clerk_key) == f"<Signer key_id='{clerk_key.key_id()}'>"
    with pytest.raises(TypeError):
        pickle.dumps(clerk_key)


# ---- a signed ledger, set up and used --------------------------------------------------------


def test_a_signed_ledger_is_set_up_and_a_report_is_filed_signed(
        signed_file: pathlib.Path, admin_key: tz.Signer, clerk_key: tz.Signer,
        clerk: tz.Ledger) -> None:
    assert clerk.has_identities()
    identities = {i.id: i for i in clerk.identities()}
    assert sorted(identities) == [ADMIN_ID, CLERK_ID]
    assert identities[CLERK_ID].name == CLERK_NAME
    assert identities[CLERK_ID].kind == tz.PrincipalKind.person
    assert identities[CLERK_ID].key_id == clerk_key.key_id()
    assert identities[ADMIN_ID].key_id == admin_key.key_id()
    assert identities[CLERK_ID].public_key == clerk_key.public_key_pem()
    assert identities[CLERK_ID].added_at <= now()

    grants = clerk.grants()
    assert [(g.identity, g.unit, g.role) for g in grants] == [
        (ADMIN_ID, "women-children-centre", tz.ActorRole.administrator),  # the first one's
        (CLERK_ID, "health", tz.ActorRole.reporter),
        (ADMIN_ID, "women-children-centre", tz.ActorRole.coordinator)]
    assert all(g.from_ is not None and g.until is None and g.revoked_at is None for g in grants)
    assert all(g.valid_at(now()) for g in grants)

    # Who the key may act as: derived from its grants, not declared.
    assert clerk.signer_actors() == [tz.Actor("health", tz.ActorRole.reporter, CLERK_ID)]

    # The clerk files its quarter. The call names no one (or the clerk's unit: the same); the
    # revision's actor is the key's identity, whatever person the call claims.
    q1 = key("health", "2021Q1")
    report = clerk.file(tz.Actor("health", person="张三（冒名）"), q1,
                        screening(4500, "一季度完成两癌筛查4500人"))
    assert report.status == tz.ReportStatus.submitted
    assert report.current.actor == tz.Actor("health", tz.ActorRole.reporter, CLERK_ID)
    q2 = key("health", "2021Q2")
    clerk.file(KEYS_ACTOR, q2, screening(9000))
    assert [r.actor.person for r in clerk.history(q2)] == [CLERK_ID, CLERK_ID]

    # The clerk may not accept its own report; the office's key, as coordinator, may.
    with pytest.raises(tz.PermissionDenied, match="coordinator"):
        clerk.accept(tz.Actor("women-children-centre", tz.ActorRole.coordinator), q1)
    assert some(clerk.report(q1)).status == tz.ReportStatus.submitted
    with tz.Ledger.open(signed_file, signer=admin_key) as office:
        assert office.signer_actors() == [
            tz.Actor("women-children-centre", tz.ActorRole.coordinator, ADMIN_ID),
            tz.Actor("women-children-centre", tz.ActorRole.administrator, ADMIN_ID)]
        accepted = office.accept(KEYS_ACTOR, q1)
        assert accepted.status == tz.ReportStatus.accepted
        assert accepted.current.actor == tz.Actor("women-children-centre",
                                                  tz.ActorRole.coordinator, ADMIN_ID)

    result = clerk.verify()
    assert result and result.ok and result.problems == [] and result.first_mismatch == ""
    assert result.has_identities
    assert result.revisions_checked == 5  # q1 saved, submitted, accepted; q2 saved, submitted
    assert result.plan_versions_checked == 1
    assert result.registry_events_checked >= 4  # two identities, two grants at least
    assert result.signatures_checked >= result.revisions_checked + 4
    assert len(result.head) == 64 and int(result.head, 16) >= 0
    assert result.integrity == "ok"
    assert pickle.loads(pickle.dumps(result)) == result


def test_a_write_without_a_key_or_with_a_strangers_key_is_refused_and_nothing_is_stored(
        signed_file: pathlib.Path, linzi: tz.Plan) -> None:
    with tz.Ledger.open(signed_file) as unsigned:
        head = unsigned.verify().head
        assert unsigned.signer_actors() == []
        q1 = key("health", "2021Q1")
        with pytest.raises(tz.PermissionDenied, match="signed"):
            unsigned.file(tz.Actor("health"), q1, screening(4500))
        with pytest.raises(tz.PermissionDenied):
            unsigned.begin_import(ADMIN, HISTORIC_IMPORT)
        assert unsigned.report(q1) is None and not unsigned.import_open()

    stranger = tz.Signer.generate()  # a key no identity holds
    with tz.Ledger.open(signed_file, signer=stranger) as ledger:
        assert ledger.signer_actors() == []
        with pytest.raises(tz.PermissionDenied):
            ledger.file(KEYS_ACTOR, q1, screening(4500))
        with pytest.raises(tz.PermissionDenied):  # nor may it register itself
            ledger.add_identity(ADMIN, tz.Identity("mallory", name="冒充者",
                                                   public_key=stranger.public_key_pem()))
        assert ledger.report(q1) is None
        assert [i.id for i in ledger.identities()] == [ADMIN_ID, CLERK_ID]
        result = ledger.verify()
        assert result.ok and result.head == head  # nothing was written


def test_an_actor_declared_by_the_caller_is_refused(signed_file: pathlib.Path,
                                                    admin_key: tz.Signer,
                                                    clerk: tz.Ledger) -> None:
    head = clerk.verify().head
    office = some(clerk.unit("women-children-centre"))
    renamed = tz.Unit("women-children-centre", "某某办公室", office.kind)
    nobody = tz.Actor("nobody-at-all", tz.ActorRole.administrator)

    # The reproduced attack: an administrator of a unit not in the catalogue renames the office.
    with pytest.raises(tz.PermissionDenied):
        clerk.put_unit(nobody, renamed)
    # A reporter's key claiming the administrator's role of the office itself: refused too.
    with pytest.raises(tz.PermissionDenied, match="administrator"):
        clerk.put_unit(ADMIN, renamed)
    with pytest.raises(tz.PermissionDenied):
        clerk.update_plan(ADMIN, clerk.plan(PLAN), "篡改计划")
    with tz.Ledger.open(signed_file) as unsigned:  # declaring it without any key
        with pytest.raises(tz.PermissionDenied):
            unsigned.put_unit(nobody, renamed)
    # Even the administrator's own key acts only as what it holds.
    with tz.Ledger.open(signed_file, signer=admin_key) as ledger:
        with pytest.raises(tz.PermissionDenied, match="nobody-at-all"):
            ledger.put_unit(nobody, renamed)

    assert clerk.unit("women-children-centre") == office
    assert clerk.plans()[0].versions == 1
    assert clerk.verify().head == head


def test_revoking_and_rotating_keys_change_what_a_key_may_do_from_then_on(
        signed_file: pathlib.Path, admin_key: tz.Signer, clerk_key: tz.Signer) -> None:
    with tz.Ledger.open(signed_file, signer=clerk_key) as clerk:
        clerk.file(KEYS_ACTOR, key("health", "2021Q1"), screening(4500))
    new_key = tz.Signer.generate()
    with tz.Ledger.open(signed_file, signer=admin_key) as office:
        with pytest.raises(tz.ConflictError):  # a key registered already
            office.rotate_key(KEYS_ACTOR, CLERK_ID, admin_key.public_key_pem())
        with pytest.raises(tz.NotFoundError):
            office.rotate_key(KEYS_ACTOR, "nobody", new_key.public_key_pem())
        office.rotate_key(KEYS_ACTOR, CLERK_ID, new_key.public_key_pem())
        [identity] = [i for i in office.identities() if i.id == CLERK_ID]
        assert identity.key_id == new_key.key_id() and identity.key_since is not None
    with tz.Ledger.open(signed_file, signer=clerk_key) as old:
        assert old.signer_actors() == []
        with pytest.raises(tz.PermissionDenied):
            old.file(KEYS_ACTOR, key("health", "2021Q2"), screening(9000))
    with tz.Ledger.open(signed_file, signer=new_key) as clerk:
        clerk.file(KEYS_ACTOR, key("health", "2021Q2"), screening(9000))
        # What the old key signed before stays valid.
        assert clerk.verify().ok

    with tz.Ledger.open(signed_file, signer=admin_key) as office:
        with pytest.raises(tz.NotFoundError):
            office.revoke(KEYS_ACTOR, CLERK_ID, "finance", tz.ActorRole.reporter)
        office.revoke(KEYS_ACTOR, CLERK_ID, "health", tz.ActorRole.reporter)
        [revoked] = [g for g in office.grants() if g.identity == CLERK_ID]
        assert revoked.revoked_at is not None and not revoked.valid_at(now())
        assert "revoked_at=" in repr(revoked)
    with tz.Ledger.open(signed_file, signer=new_key) as clerk:
        assert clerk.signer_actors() == []
        with pytest.raises(tz.PermissionDenied):
            clerk.file(KEYS_ACTOR, key("health", "2021Q3"), screening(12000))
        assert clerk.report(key("health", "2021Q3")) is None
        assert clerk.verify().ok


# ---- time ------------------------------------------------------------------------------------


def test_a_past_clock_is_refused_outside_an_import_window_and_accepted_inside_one(
        tmp_path: pathlib.Path, linzi: tz.Plan, admin_key: tz.Signer,
        clerk_key: tz.Signer) -> None:
    # The office keys in the paper ledger of 2021 a year later: a historic import, which its
    # administrator opens and the ledger records.
    path = tmp_path / "补录台账.taizhang"
    clock = Clock("2021-03-01T09:00:00+08:00")
    with tz.Ledger.open(path, signer=admin_key, clock=clock) as office, \
            tz.Ledger.open(path, signer=clerk_key, clock=clock) as clerk:
        with pytest.raises(tz.PermissionDenied, match="historic import"):
            office.import_plan(ADMIN, linzi)  # the clock reads 2021: not without a window
        assert office.plans() == []
        office.begin_import(ADMIN, HISTORIC_IMPORT)
        assert office.import_open() and clerk.import_open()
        with pytest.raises(tz.ConflictError):
            office.begin_import(ADMIN, HISTORIC_IMPORT)  # one is open already
        office.import_plan(ADMIN, linzi, reason="通知印发")
        set_up_identities(office, admin_key, clerk_key)
        assert office.grants()[0].from_ == clock.now  # stamped with the ledger's clock

        clock.set("2021-04-05T09:00:00+08:00")
        q1 = key("health", "2021Q1")
        filed = clerk.file(KEYS_ACTOR, q1, screening(4500))
        assert filed.current.recorded_at == tz.parse_timestamp("2021-04-05T09:00:00+08:00")
        with pytest.raises(tz.PermissionDenied):
            clerk.end_import(KEYS_ACTOR)  # the clerk's key is no administrator's
        clock.set("2021-04-10T09:00:00+08:00")
        office.accept(KEYS_ACTOR, q1)
        office.end_import(KEYS_ACTOR)
        assert not office.import_open()
        with pytest.raises(tz.ConflictError):
            office.end_import(KEYS_ACTOR)

        # The window closed, the past is refused again, and nothing is stored.
        clock.set("2021-07-05T09:00:00+08:00")
        q2 = key("health", "2021Q2")
        with pytest.raises(tz.PermissionDenied, match="historic import"):
            clerk.file(KEYS_ACTOR, q2, screening(9000))
        assert clerk.report(q2) is None

        # The present is fine; from then on, records go in time order even in a new window.
        clock.now = now()
        clerk.file(KEYS_ACTOR, q2, screening(9000))
        office.begin_import(KEYS_ACTOR, HISTORIC_IMPORT)
        clock.set("2021-10-08T09:00:00+08:00")
        with pytest.raises(tz.ValidationError, match="earlier than the ledger's last record"):
            clerk.file(KEYS_ACTOR, key("health", "2021Q3"), screening(12000))
        assert clerk.report(key("health", "2021Q3")) is None
        clock.now = now()
        office.end_import(KEYS_ACTOR)

        result = clerk.verify()
        assert result.ok, result.problems
        assert [r.recorded_at.year for r in clerk.history(q1)] == [2021, 2021, 2021]


@pytest.mark.parametrize("moment", [
    datetime.datetime(9999, 12, 31, 23, 59, 59, 999000, tzinfo=UTC),  # the reproduced attack
    datetime.datetime(1970, 1, 1, tzinfo=UTC),
    datetime.datetime(1, 1, 1, tzinfo=UTC),
    datetime.datetime(2100, 1, 1, tzinfo=UTC),
], ids=["9999", "1970", "0001", "2100"])
def test_a_time_out_of_range_is_refused_before_anything_is_committed(
        signed_file: pathlib.Path, clerk_key: tz.Signer, admin_key: tz.Signer,
        moment: datetime.datetime) -> None:
    with tz.Ledger.open(signed_file, signer=admin_key) as office:
        office.begin_import(KEYS_ACTOR, HISTORIC_IMPORT)  # not even an import records these
    clock = Clock()
    clock.now = moment
    q1 = key("health", "2021Q1")
    with tz.Ledger.open(signed_file, signer=clerk_key, clock=clock) as clerk:
        head = clerk.verify().head
        with pytest.raises(tz.ValidationError, match="outside the years 2000 to 2099"):
            clerk.file(KEYS_ACTOR, q1, screening(4500))
        assert clerk.report(q1) is None
        # The ledger is not broken: verify, the roll-up and the next write all work.
        result = clerk.verify()
        assert result.ok and result.head == head
        assert some(clerk.rollup(PLAN, "2021Q1").find_target("1.1")).actual is None
        clock.now = now()
        clerk.file(KEYS_ACTOR, q1, screening(4500))
        assert some(clerk.rollup(PLAN, "2021Q1").find_target("1.1")).actual == D(4500)
        assert clerk.verify().ok


# ---- verify: the head, and what was changed behind the ledger's back -------------------------


def test_verify_gives_the_head_and_checks_a_published_one_later(clerk: tz.Ledger) -> None:
    clerk.file(KEYS_ACTOR, key("health", "2021Q1"), screening(4500))
    published = clerk.verify()
    assert published.ok and len(published.head) == 64
    # The head goes on the consolidated form sent upward; later writes keep it covered.
    clerk.file(KEYS_ACTOR, key("health", "2021Q2"), screening(9000))
    later = clerk.verify(expect_head=published.head)
    assert later.ok, later.problems
    assert later.head != published.head
    assert clerk.verify(expect_head=later.head).ok

    forged = clerk.verify(expect_head="0" * 64)
    assert not forged and forged.problems
    assert "head" in forged.first_mismatch
    assert forged.first_mismatch == f"{forged.problems[0].path}: {forged.problems[0].message}"
    assert forged.head == later.head


def test_verify_lists_every_value_changed_behind_the_ledgers_back(
        signed_file: pathlib.Path, clerk: tz.Ledger, tmp_path: pathlib.Path) -> None:
    clerk.file(KEYS_ACTOR, key("health", "2021Q1"), screening(4500))
    clerk.file(KEYS_ACTOR, key("health", "2021Q2"), screening(9000))
    published = clerk.verify()
    assert published.ok
    clerk.close()

    tampered = tmp_path / "tampered.taizhang"
    shutil.copy(signed_file, tampered)
    with sqlite3.connect(tampered) as db:
        # A unit's name, which prints on the official forms (a table outside the chains) ...
        db.execute("UPDATE units SET name = '某某办公室' WHERE code = 'women-children-centre'")
        # ... and a value filed, by someone who drops the append-only trigger and puts it back.
        [[trigger]] = db.execute("SELECT sql FROM sqlite_schema "
                                 "WHERE name = 'revision_values_no_update'").fetchall()
        db.execute("DROP TRIGGER revision_values_no_update")
        changed = db.execute("UPDATE revision_values SET value = '45000' "
                             "WHERE target = '1.1' AND value = '4500'").rowcount
        assert changed == 1
        db.execute(trigger)
    db.close()
    as_tampered = tampered.read_bytes()

    with tz.Ledger.open(tampered, read_only=True) as ledger:
        assert some(ledger.unit("women-children-centre")).name == "某某办公室"
        result = ledger.verify()
        assert not result and result.ok is False
        assert result.integrity == "ok"  # SQLite sees nothing wrong; the chains do
        messages = [str(p) for p in result.problems]
        assert len(messages) >= 2, messages  # every problem, not only the first
        assert any("women-children-centre" in m and "某某办公室" in m for m in messages), messages
        assert any(f"{PLAN}/health/2021Q1" in m for m in messages), messages
        assert not any("2021Q2" in m for m in messages), messages  # the rest still holds
        assert all(p.severity == tz.Severity.error for p in result.problems)
        first = result.problems[0]
        assert result.first_mismatch == f"{first.path}: {first.message}"
        assert not ledger.verify(expect_head=published.head).ok
    assert tampered.read_bytes() == as_tampered  # verify wrote nothing, repaired nothing


def test_registry_values_are_values(clerk: tz.Ledger, clerk_key: tz.Signer) -> None:
    grant = tz.Grant(CLERK_ID, "health", tz.ActorRole.reporter, from_="2021-01-01T00:00:00+08:00",
                     until=datetime.datetime(2022, 1, 1, tzinfo=UTC))
    assert grant.valid_at("2021-06-30T12:00:00Z") and not grant.valid_at("2022-01-01T00:00:00Z")
    assert not grant.valid_at("2020-12-31T15:59:59Z")
    assert grant.from_ == datetime.datetime(2020, 12, 31, 16, 0, tzinfo=UTC)
    assert tz.Grant("a", "b").from_ is None  # from the moment it is recorded
    namespace = {**vars(tz), "datetime": datetime}
    assert eval(repr(grant), namespace) == grant  # noqa: S307 - our own repr
    identity = tz.Identity("svc-health", name="区卫健局业务系统", kind=tz.PrincipalKind.service,
                           public_key=clerk_key.public_key_pem())
    assert identity.key_id == "" and identity != tz.Identity("svc-health")
    for value in (grant, identity, *clerk.identities(), *clerk.grants()):
        assert pickle.loads(pickle.dumps(value)) == value
    assert tz.PrincipalKind.__members__ == {"person": tz.PrincipalKind.person,
                                            "service": tz.PrincipalKind.service}


def test_registry_mistakes_raise_taizhangs_errors(linzi: tz.Plan, admin_key: tz.Signer,
                                                  clerk_key: tz.Signer) -> None:
    with tz.Ledger.open(":memory:", signer=admin_key) as ledger:
        ledger.import_plan(ADMIN, linzi)
        # The first identity proves its key is held: the ledger is opened with that very key.
        with pytest.raises(tz.PermissionDenied, match="its own key"):
            ledger.add_identity(ADMIN, tz.Identity(CLERK_ID, name=CLERK_NAME,
                                                   public_key=clerk_key.public_key_pem()))
        with pytest.raises(tz.ValidationError) as caught:
            ledger.add_identity(ADMIN, tz.Identity("li si", name=ADMIN_NAME,
                                                   public_key=admin_key.public_key_pem()))
        assert isinstance(caught.value, ValueError) and caught.value.code == "validation"
        with pytest.raises(tz.ValidationError, match="public_key"):
            ledger.add_identity(ADMIN, tz.Identity(ADMIN_ID, name=ADMIN_NAME, public_key="?"))
        assert not ledger.has_identities() and ledger.identities() == []

        set_up_identities(ledger, admin_key, clerk_key)
        with pytest.raises(tz.ConflictError):
            ledger.add_identity(KEYS_ACTOR, tz.Identity(CLERK_ID, name="重名",
                                                        public_key=tz.Signer.generate()
                                                        .public_key_pem()))
        with pytest.raises(tz.NotFoundError):
            ledger.grant(KEYS_ACTOR, tz.Grant(CLERK_ID, "no-such-unit"))
        with pytest.raises(tz.NotFoundError):
            ledger.grant(KEYS_ACTOR, tz.Grant("no-such-identity", "health"))
        with pytest.raises(tz.ValidationError, match="until"):
            ledger.grant(KEYS_ACTOR, tz.Grant(CLERK_ID, "finance", from_="2030-01-01T00:00:00Z",
                                              until="2029-01-01T00:00:00Z"))
        with pytest.raises(tz.ParseError):
            ledger.rotate_key(KEYS_ACTOR, CLERK_ID, "not a key")
        with pytest.raises(tz.ValidationError, match="reason"):
            ledger.begin_import(KEYS_ACTOR, "")
        assert not ledger.import_open()
        assert len(ledger.grants()) == 3
        assert ledger.verify().ok
