// Identities: the keys that sign a principal's writes (Signer), the fingerprints and signatures
// of public keys, and the registry's values (Identity, Grant) that Ledger.identities() and
// Ledger.grants() read back. The Ledger's own calls on them are in register_ledger_identity.cpp.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include <pybind11/stl/filesystem.h>

#include "common.hpp"

namespace taizhang::python {

namespace {

// "ActorRole.reporter".
template <class Enum>
std::string enum_repr(Enum value) {
  return py::str(py::cast(value));
}

// A Grant's `from`: None in Python for the empty time ("from the moment it is recorded").
std::optional<Timestamp> from_of(const Grant& g) {
  if (g.from == Timestamp{}) return std::nullopt;
  return g.from;
}

// generate, from_pem and load.
void add_signer_constructors(py::class_<Signer, std::shared_ptr<Signer>>& signer_type) {
  signer_type
      .def_static(
          "generate", [] { return std::make_shared<Signer>(Signer::generate()); },
          py::call_guard<py::gil_scoped_release>(), R"doc(
生成新密钥对。A new key pair from the operating system's random source.

Returns
-------
Signer
)doc")
      .def_static(
          "from_pem",
          [](std::string pem, std::string passphrase, std::string source) {
            const py::gil_scoped_release release;
            return std::make_shared<Signer>(Signer::from_pem(pem, passphrase, source));
          },
          py::arg("pem"), py::arg("passphrase") = "", py::arg("source") = "<key>", R"doc(
从 PEM 文本读取私钥。Read a PEM private key (PKCS#8, as ``save()`` and ``private_key_pem()``
write it), decrypting it with `passphrase` when it is encrypted.

Parameters
----------
pem : str or bytes
    The PEM text.
passphrase : str
    The passphrase of an encrypted key; ``""`` for a key that is not encrypted.
source : str
    Where the text came from, named in errors.

Returns
-------
Signer

Raises
------
ParseError
    When it is not an Ed25519 private key, or the passphrase is wrong or missing.
)doc")
      .def_static(
          "load",
          [](const std::filesystem::path& path, std::string passphrase) {
            const py::gil_scoped_release release;
            return std::make_shared<Signer>(Signer::load(path, passphrase));
          },
          py::arg("path"), py::arg("passphrase") = "", R"doc(
从文件读取私钥。``from_pem()`` of the file at `path` (at most 64 KiB).

Parameters
----------
path : str or os.PathLike
    The key file.
passphrase : str
    The passphrase of an encrypted key.

Returns
-------
Signer

Raises
------
IoError
    When the file cannot be read.
ParseError
    When it is not an Ed25519 private key, or the passphrase is wrong or missing.
)doc");
}

void add_signer_methods(py::class_<Signer, std::shared_ptr<Signer>>& signer_type) {
  signer_type
      .def(
          "private_key_pem",
          [](const Signer& s, std::string passphrase) {
            const py::gil_scoped_release release;
            return s.private_key_pem(passphrase);
          },
          py::arg("passphrase") = "", R"doc(
私钥的 PEM 文本。The private key as PEM (PKCS#8), encrypted with AES-256 when `passphrase` is
not empty. Keep it secret: whoever holds it acts as the key's identity.

Parameters
----------
passphrase : str
    ``""``: not encrypted.

Returns
-------
str
)doc")
      .def(
          "save",
          [](const Signer& s, const std::filesystem::path& path, std::string passphrase) {
            const py::gil_scoped_release release;
            s.save(path, passphrase);
          },
          py::arg("path"), py::arg("passphrase") = "", R"doc(
保存私钥到新文件。Write the private key (PEM, encrypted when `passphrase` is not empty) to a new
file at `path` that only its owner may read (mode 0600). An existing file is never overwritten.

Parameters
----------
path : str or os.PathLike
    A file that does not exist yet.
passphrase : str
    ``""``: not encrypted.

Raises
------
IoError
    Naming the file, when it exists or cannot be written.
)doc")
      .def("public_key_pem", &Signer::public_key_pem, R"doc(
公钥的 PEM 文本。The public key as PEM (SubjectPublicKeyInfo): what the ledger registers
(``Identity.public_key``, ``Ledger.rotate_key``).

Returns
-------
str
)doc")
      .def("key_id", &Signer::key_id, R"doc(
密钥指纹。The key's fingerprint: 64 hex digits of the SHA-256 of the raw public key.

Returns
-------
str
)doc")
      .def(
          "sign",
          [](const Signer& s, std::string bytes) {
            const py::gil_scoped_release release;
            return s.sign(bytes);
          },
          py::arg("data"), R"doc(
签名。The Ed25519 signature of `data`.

Parameters
----------
data : bytes or str
    What to sign; a str is signed as its UTF-8 bytes.

Returns
-------
str
    128 hex digits (``signature_holds`` checks it).
)doc")
      .def("__repr__", [](const Signer& s) {
        // The fingerprint only: the private key is never shown.
        return "<Signer key_id=" + repr_of(py::str(s.key_id())) + ">";
      });
}

void register_signer(py::module_& m) {
  py::class_<Signer, std::shared_ptr<Signer>> signer_type(m, "Signer", R"doc(
签名密钥：一个主体（人员或系统账号）的 Ed25519 私钥，为其写入台账的每条记录签名。
A private Ed25519 key that signs a principal's writes to a ledger with identities.

The key stays in memory (and in the file ``save()`` writes); it never enters the ledger, which
keeps the public key (``public_key_pem()``). In a ledger with identities, who acts is the key's:
open the ledger with ``Ledger.open(path, signer=...)``. Make one with ``Signer.generate()``, or
read one with ``Signer.load(path)`` or ``Signer.from_pem(text)``. Its repr shows the key's
fingerprint only; a Signer is not pickled (a private key goes into a file only through
``save()``). Safe to share between threads.

Examples
--------
>>> key = taizhang.Signer.generate()
>>> key.save("clerk-health.pem", passphrase="口令")          # doctest: +SKIP
>>> key = taizhang.Signer.load("clerk-health.pem", passphrase="口令")  # doctest: +SKIP
>>> len(key.key_id())
64
)doc");
  add_signer_constructors(signer_type);
  add_signer_methods(signer_type);

  m.def(
      "key_id_of", [](std::string public_key_pem) { return key_id_of(public_key_pem); },
      py::arg("public_key_pem"), R"doc(
公钥指纹。The fingerprint of a PEM public key, as ``Signer.key_id()`` gives it.

Parameters
----------
public_key_pem : str
    An Ed25519 public key as PEM.

Returns
-------
str
    64 hex digits.

Raises
------
ParseError
    When it is not an Ed25519 public key.
)doc");
  m.def(
      "signature_holds",
      [](std::string public_key_pem, std::string data, std::string signature) {
        return signature_holds(public_key_pem, data, signature);
      },
      py::arg("public_key_pem"), py::arg("data"), py::arg("signature"), R"doc(
验证签名。Whether `signature` (hex) is the Ed25519 signature of `data` by `public_key_pem`. Never
raises: a malformed key or signature is simply not a valid signature.

Parameters
----------
public_key_pem : str
    The signer's public key as PEM.
data : bytes or str
    What was signed (a str as its UTF-8 bytes).
signature : str
    128 hex digits, as ``Signer.sign()`` gives them.

Returns
-------
bool
)doc");
}

// PrincipalKind and Identity.
void register_identity_type(py::module_& m) {
  py::enum_<PrincipalKind>(m, "PrincipalKind", "主体类型。What a principal of a ledger is.")
      .value("person", PrincipalKind::person, "人员: a clerk, a coordinator, an administrator")
      .value("service", PrincipalKind::service,
             "系统账号: a district system writing through the API");

  py::class_<Identity> identity_type(m, "Identity", R"doc(
身份：台账登记的一个主体及其公钥。Who may act in a ledger with identities, as its registry holds
it: a person or a service account with an Ed25519 public key (``Ledger.add_identity``,
``Ledger.identities``). The units and roles it may act in are its grants (``Grant``).

Parameters
----------
id : str
    A stable identifier: ASCII letters, digits, ``.``, ``_`` or ``-`` (``"zhang-san"``).
name : str
    Who, for the record: ``"张三（区卫健局规划科）"``.
kind : PrincipalKind
    ``PrincipalKind.person`` (the default) or ``PrincipalKind.service``.
public_key : str
    The public key as PEM (``Signer.public_key_pem()``); read back, the key valid now.

Examples
--------
>>> key = taizhang.Signer.generate()
>>> clerk = taizhang.Identity("clerk-health", name="王五（区卫健局）",
...                           public_key=key.public_key_pem())
)doc");
  identity_type
      .def(py::init([](std::string id, std::string name, PrincipalKind kind,
                       std::string public_key) {
             Identity i;
             i.id = std::move(id);
             i.name = std::move(name);
             i.kind = kind;
             i.public_key = std::move(public_key);
             return i;
           }),
           py::arg("id"), py::arg("name") = "", py::arg("kind") = PrincipalKind::person,
           py::arg("public_key") = "")
      .def_readwrite("id", &Identity::id, "The stable identifier (\"zhang-san\").")
      .def_readwrite("name", &Identity::name, "Who, for the record.")
      .def_readwrite("kind", &Identity::kind, "Person or service account (PrincipalKind).")
      .def_readwrite("public_key", &Identity::public_key,
                     "The public key as PEM; read back, the key valid now.")
      .def_readonly("key_id", &Identity::key_id,
                    "Read back only: the fingerprint of the key valid now (64 hex digits).")
      .def_readonly("added_at", &Identity::added_at,
                    "Read back only: when it was registered (aware datetime, UTC).")
      .def_readonly("key_since", &Identity::key_since,
                    "Read back only: when its current key was registered (aware datetime, "
                    "UTC), or None.")
      .def("__repr__",
           [](const Identity& i) {
             std::string text = "Identity(id=" + repr_of(py::str(i.id)) +
                                ", name=" + repr_of(py::str(i.name)) +
                                ", kind=" + enum_repr(i.kind);
             if (!i.key_id.empty()) text += ", key_id=" + repr_of(py::str(i.key_id));
             return text + ")";
           })
      .def(py::self == py::self);
  pickle_fields(identity_type, &Identity::id, &Identity::name, &Identity::kind, &Identity::public_key,
                &Identity::key_id, &Identity::added_at, &Identity::key_since);
}

void register_grant(py::module_& m) {
  py::class_<Grant> grant_type(m, "Grant", R"doc(
授权：管理员授予某身份在某单位的角色及有效期。A unit and role an administrator grants an
identity, for a time (``Ledger.grant``, ``Ledger.grants``).

Parameters
----------
identity : str
    The identity's id.
unit : str
    The unit's code.
role : ActorRole
    ``ActorRole.reporter`` (the default), ``coordinator`` or ``administrator``.
from_ : datetime.datetime or str, optional
    Valid from (inclusive); None: from the moment the grant is recorded.
until : datetime.datetime or str, optional
    Valid until (exclusive); None: open-ended.

Examples
--------
>>> taizhang.Grant("clerk-health", "health")
Grant(identity='clerk-health', unit='health', role=ActorRole.reporter, from_=None, until=None)
)doc");
  grant_type
      .def(py::init([](std::string identity, std::string unit, ActorRole role,
                       std::optional<Timestamp> from, std::optional<Timestamp> until) {
             Grant g;
             g.identity = std::move(identity);
             g.unit = std::move(unit);
             g.role = role;
             g.from = from.value_or(Timestamp{});
             g.until = until;
             return g;
           }),
           py::arg("identity"), py::arg("unit"), py::arg("role") = ActorRole::reporter,
           py::arg("from_") = py::none(), py::arg("until") = py::none())
      .def_readwrite("identity", &Grant::identity, "The identity's id.")
      .def_readwrite("unit", &Grant::unit, "The unit's code.")
      .def_readwrite("role", &Grant::role, "The role granted (ActorRole).")
      .def_property(
          "from_", &from_of,
          [](Grant& g, const std::optional<Timestamp>& from) { g.from = from.value_or(Timestamp{}); },
          "Valid from, inclusive (aware datetime, UTC); None: from when it is recorded (read back "
          "always a time). ``from`` is a Python keyword, hence the underscore.")
      .def_readwrite("until", &Grant::until,
                     "Valid until, exclusive (aware datetime, UTC); None: open-ended.")
      .def_readonly("revoked_at", &Grant::revoked_at,
                    "Read back only: when it was revoked (aware datetime, UTC), or None.")
      .def("valid_at", &Grant::valid_at, py::arg("when"), R"doc(
Whether the grant entitles at time `when`: from its start, before its end, and before it was
revoked.

Parameters
----------
when : datetime.datetime or str

Returns
-------
bool
)doc")
      .def("__repr__",
           [](const Grant& g) {
             // A call that builds an equal Grant; revoked_at (read back only) when it was revoked.
             std::string text = "Grant(identity=" + repr_of(py::str(g.identity)) +
                                ", unit=" + repr_of(py::str(g.unit)) +
                                ", role=" + enum_repr(g.role) +
                                ", from_=" + repr_of(py::cast(from_of(g))) +
                                ", until=" + repr_of(py::cast(g.until));
             if (g.revoked_at) text += ", revoked_at=" + repr_of(py::cast(g.revoked_at));
             return text + ")";
           })
      .def(py::self == py::self);
  pickle_fields(grant_type, &Grant::identity, &Grant::unit, &Grant::role, &Grant::from, &Grant::until,
                &Grant::revoked_at);
}

void register_registry_values(py::module_& m) {
  register_identity_type(m);
  register_grant(m);
}

}  // namespace

void register_identity(py::module_& m) {
  register_signer(m);
  register_registry_values(m);
}

}  // namespace taizhang::python
