// Ledger.open (with its signer), the registry of identities, import windows and verify.
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <utility>
#include <vector>

#include <pybind11/stl/filesystem.h>

#include "common.hpp"

#include <taizhang/csv_import.hpp>
#include <taizhang/ledger_export.hpp>
#include <taizhang/progress_form.hpp>
#include "lists.hpp"
#include "ledger_handle.hpp"

namespace taizhang::python {

namespace {

// A Python callable as the ledger's clock: it is called, and finally let go, with the GIL held,
// from whichever thread the ledger calls it on.
std::function<Timestamp()> wrap_clock(py::object clock) {
  const std::shared_ptr<py::object> held(new py::object(std::move(clock)), [](py::object* o) {
    const py::gil_scoped_acquire gil;
    delete o;
  });
  return [held] {
    const py::gil_scoped_acquire gil;
    const py::object moment = (*held)();
    try {
      return moment.cast<Timestamp>();
    } catch (const py::cast_error&) {
      throw py::type_error("the ledger's clock returned " + repr_of(moment) +
                           ", not a datetime.datetime");
    }
  };
}

// Ledger.open.
void add_ledger_open(py::class_<LedgerHandle>& ledger_type) {
  ledger_type.def_static(
      "open",
      [](const std::filesystem::path& path, bool create_if_missing, bool read_only,
         double busy_timeout, Durability durability, std::optional<py::function> clock,
         std::shared_ptr<Signer> signer) {
        if (!std::isfinite(busy_timeout) || busy_timeout < 0 || busy_timeout > 1e9) {
          throw py::value_error("busy_timeout must be a number of seconds, 0 or more");
        }
        LedgerOptions options;
        options.create_if_missing = create_if_missing;
        options.read_only = read_only;
        options.busy_timeout = std::chrono::milliseconds(std::llround(busy_timeout * 1000));
        options.durability = durability;
        if (clock) options.clock = wrap_clock(std::move(*clock));
        options.signer = std::move(signer);
        std::optional<Ledger> ledger;
        {
          const py::gil_scoped_release release;
          ledger.emplace(Ledger::open(path, options));
        }
        return std::make_unique<LedgerHandle>(std::move(*ledger));
      },
      py::arg("path"), py::kw_only(), py::arg("create_if_missing") = true,
      py::arg("read_only") = false, py::arg("busy_timeout") = 30.0,
      py::arg("durability") = Durability::full, py::arg("clock") = py::none(),
      py::arg("signer") = py::none(), R"doc(
Open the ledger file at `path`, creating it when it does not exist; an older schema is upgraded
in one transaction.

Parameters
----------
path : str or os.PathLike
    The file; ``":memory:"`` gives a ledger that lives only as long as the object.
create_if_missing : bool
    Create a new, empty ledger when the file does not exist; when False a missing file is a
    StorageError with fault ``"cannot_open"``.
read_only : bool
    Write nothing: every write raises StorageError (fault ``"read_only"``), and an older schema
    is not upgraded.
busy_timeout : float
    Seconds a call waits for another process that holds the file locked before it gives up with
    StorageError (fault ``"busy"``).
durability : Durability
    ``Durability.full`` (fsync on every commit) or ``Durability.normal``.
clock : callable, optional
    Called with no arguments, with the GIL held, whenever the ledger stamps a record; returns a
    datetime (aware, or naive taken as UTC). None: the system clock. Every write's time is
    checked before anything is written: within the years 2000..2099; not ahead of the system's
    clock by more than 10 minutes; never earlier than the ledger's last record (a clock up to 10
    minutes behind it is taken as that record's time); and more than 10 minutes in the past only
    while an import window is open (``begin_import``): recording a past time is a historic
    import. For tests and imports of historic records.
signer : Signer, optional
    签名密钥: the key that signs this object's writes. In a ledger with identities every write
    must be signed, and the actor of a write is the key's identity acting under its grants (the
    Actor a call is given may leave the unit empty, ``Actor("")``; if it names a unit or a role,
    it must be one the key holds). In a ledger without identities the key is not used, except by
    the first ``add_identity``.

Returns
-------
Ledger

Raises
------
StorageError
    Naming the file, with fault ``not_sqlite``, ``not_a_ledger``, ``too_new``, ``corrupt``,
    ``cannot_open`` or ``busy``; the file is then left as it was.
)doc");
}

// Identities: has_identities, add_identity, grant and revoke.
void add_ledger_identities(py::class_<LedgerHandle>& ledger_type) {
  ledger_type
      .def(
          "has_identities",
          [](LedgerHandle& h) { return h.call([](Ledger& l) { return l.has_identities(); }); },
          R"doc(
Whether the ledger has identities: every write signed, the actor derived from the key.

Returns
-------
bool
)doc")
      .def(
          "add_identity",
          [](LedgerHandle& h, Actor actor, Identity identity) {
            h.call([&](Ledger& l) { l.add_identity(actor, identity); });
          },
          py::arg("actor"), py::arg("identity"), R"doc(
登记身份。Register a principal with its public key (``identity.public_key``, PEM); an
administrator's call, signed like any write once the ledger has identities.

The first one turns identities on — from then on every write must be signed — and is made by an
administrator declared as today (``Actor(unit, ActorRole.administrator)``), whose unit the new
identity administers from then on. That first call must be signed with the new identity's own
key (the ledger opened with ``signer=`` that key), which proves it is held.

Parameters
----------
actor : Actor
    An administrator: declared for the first identity; afterwards the key's
    (``Actor("")`` will do).
identity : Identity
    Its id, name, kind and public key.

Raises
------
PermissionDenied
    When the actor (or the key) is not an administrator's, or the first identity is not signed
    with its own key.
ValidationError
    For a bad id, name or key.
ConflictError
    When the id or the key is registered already.
)doc")
      .def(
          "grant",
          [](LedgerHandle& h, Actor actor, Grant grant) {
            h.call([&](Ledger& l) { l.grant(actor, grant); });
          },
          py::arg("actor"), py::arg("grant"), R"doc(
授权。Grant ``grant.identity`` the unit and role, from ``grant.from_`` (None: now) until
``grant.until`` (administrators).

Parameters
----------
actor : Actor
    An administrator (in a ledger with identities, the key's: ``Actor("")`` will do).
grant : Grant

Raises
------
NotFoundError
    For an unknown identity or unit.
PermissionDenied
    When the actor is not an administrator.
ValidationError
    When the grant ends before it begins.
)doc")
      .def(
          "revoke",
          [](LedgerHandle& h, Actor actor, std::string identity, std::string unit, ActorRole role) {
            h.call([&](Ledger& l) { l.revoke(actor, identity, unit, role); });
          },
          py::arg("actor"), py::arg("identity"), py::arg("unit"), py::arg("role"), R"doc(
撤销授权。End every grant of `unit` and `role` to `identity` now (administrators). Writes the
identity signed before stay valid.

Parameters
----------
actor : Actor
    An administrator.
identity : str
    The identity's id.
unit : str
    The unit's code.
role : ActorRole

Raises
------
NotFoundError
    When the identity holds no such grant.
PermissionDenied
    When the actor is not an administrator.
)doc");
}

// Identities: rotate_key, identities, the grants and signer_actors.
void add_ledger_keys(py::class_<LedgerHandle>& ledger_type) {
  ledger_type
      .def(
          "rotate_key",
          [](LedgerHandle& h, Actor actor, std::string identity, std::string public_key_pem) {
            h.call([&](Ledger& l) { l.rotate_key(actor, identity, public_key_pem); });
          },
          py::arg("actor"), py::arg("identity"), py::arg("public_key_pem"), R"doc(
更换密钥。Replace `identity`'s key from now (administrators): writes signed with the old key are
refused from now on, and those signed before stay valid.

Parameters
----------
actor : Actor
    An administrator.
identity : str
    The identity's id.
public_key_pem : str
    The new public key (``Signer.public_key_pem()``).

Raises
------
NotFoundError
    For an unknown identity.
ConflictError
    When the key is registered already.
ParseError
    When it is not an Ed25519 public key.
PermissionDenied
    When the actor is not an administrator.
)doc")
      .def(
          "identities",
          [](LedgerHandle& h) { return h.call([](Ledger& l) { return l.identities(); }); },
          R"doc(
Every identity of the registry, as it stands (each with the key valid now).

Returns
-------
list of Identity
)doc")
      .def(
          "grants", [](LedgerHandle& h) { return h.call([](Ledger& l) { return l.grants(); }); },
          R"doc(
Every grant ever made, revoked ones included (``Grant.revoked_at``), in the order made.

Returns
-------
list of Grant
)doc")
      .def(
          "signer_actors",
          [](LedgerHandle& h) { return h.call([](Ledger& l) { return l.signer_actors(); }); },
          R"doc(
当前密钥可代表的身份。Who this ledger object's signer (``Ledger.open(..., signer=...)``) may act as
now: one Actor (unit, role, and the identity's id as person) per grant valid now, ordered by role
then unit. Empty without a signer, in a ledger without identities, or when the key is no
identity's now (never registered, rotated away).

Returns
-------
list of Actor
)doc");
}

// Historic imports.
void add_ledger_import_windows(py::class_<LedgerHandle>& ledger_type) {
  ledger_type
      .def(
          "begin_import",
          [](LedgerHandle& h, Actor actor, std::string reason) {
            h.call([&](Ledger& l) { l.begin_import(actor, reason); });
          },
          py::arg("actor"), py::arg("reason"), R"doc(
开启历史数据导入。Open an import window (administrators), recorded with `reason` at the
system's time: while it is open the ledger's clock may read in the past, so that historic
records keep their times; records still go in time order.

Parameters
----------
actor : Actor
    An administrator.
reason : str
    Why; must not be empty.

Raises
------
PermissionDenied
    When the actor is not an administrator.
ConflictError
    When a window is open already.
ValidationError
    For an empty reason.
)doc")
      .def(
          "end_import",
          [](LedgerHandle& h, Actor actor) { h.call([&](Ledger& l) { l.end_import(actor); }); },
          py::arg("actor"), R"doc(
结束历史数据导入。Close the import window (administrators): from now on the ledger's clock may
not read in the past.

Raises
------
PermissionDenied
    When the actor is not an administrator.
ConflictError
    When no window is open.
)doc")
      .def(
          "import_open",
          [](LedgerHandle& h) { return h.call([](Ledger& l) { return l.import_open(); }); },
          R"doc(
Whether an import window is open.

Returns
-------
bool
)doc");
}

// Integrity.
void add_ledger_verify(py::class_<LedgerHandle>& ledger_type) {
  ledger_type.def(
      "verify",
      [](LedgerHandle& h, std::string expect_head) {
        VerifyOptions options;
        options.expect_head = std::move(expect_head);
        return h.call([&](Ledger& l) { return l.verify(options); });
      },
      py::kw_only(), py::arg("expect_head") = "", R"doc(
核验台账。Re-check everything and list every problem, never stopping at a bad record: every chain
(report revisions, plan versions, the registry, the heads) recomputed; every signature against the
key valid when it was made; the rules replayed over the history (roles, the lifecycle of reports,
what each key was entitled to); the tables outside the chains against the chained records; times
in range; SQLite's integrity check; and, with `expect_head`, that the ledger still holds the
history that head covered. Never raises for a damaged record; writes nothing.

Parameters
----------
expect_head : str
    A head published earlier (``VerifyResult.head``): a later truncation or rewrite of the
    history it covered is then caught. ``""``: no such check.

Returns
-------
VerifyResult
    True when everything holds; otherwise ``problems`` names every record that does not.
)doc");
}

}  // namespace

// Ledger.open (with its signer), the registry of identities, import windows and verify: added
// once Signer, Identity and Grant are bound (register_identity), so that their signatures name
// the Python types.
void register_ledger_identity(py::module_& m) {
  py::class_<LedgerHandle> ledger_type(m.attr("Ledger"));
  add_ledger_open(ledger_type);
  add_ledger_identities(ledger_type);
  add_ledger_keys(ledger_type);
  add_ledger_import_windows(ledger_type);
  add_ledger_verify(ledger_type);
}

}  // namespace taizhang::python
