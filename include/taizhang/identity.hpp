// Identities: who acts in a ledger, proven by a key (docs/security.md).
//
// A ledger with identities keeps a registry of principals — a person or a service account — each
// with an Ed25519 public key, and the units and roles an administrator grants them, with validity
// periods. Every write to such a ledger is signed with a principal's private key (a Signer), and
// the actor of the write is derived from the key and its grants, never declared by the caller.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "taizhang/actor.hpp"
#include "taizhang/export.hpp"
#include "taizhang/timestamp.hpp"

namespace taizhang {

// A private Ed25519 key that signs a principal's writes. Holds the key in memory only; it never
// enters the ledger (the ledger keeps the public key). Copyable and movable; safe to share between
// threads once made.
class TAIZHANG_EXPORT Signer {
 public:
  // A new key pair from the operating system's random source.
  static Signer generate();
  // Reads a PEM private key (PKCS#8, as save() writes it), decrypting it with `passphrase` when it
  // is encrypted. Throws ParseError when it is not an Ed25519 private key or the passphrase is
  // wrong, naming `source`.
  static Signer from_pem(std::string_view pem, std::string_view passphrase = {},
                         std::string_view source = "<key>");
  // from_pem() of the file at `path` (at most 64 KiB). Throws IoError when it cannot be read.
  static Signer load(const std::filesystem::path& path, std::string_view passphrase = {});

  Signer(const Signer&);
  Signer& operator=(const Signer&);
  Signer(Signer&&) noexcept;
  Signer& operator=(Signer&&) noexcept;
  ~Signer();

  // The private key as PEM (PKCS#8), encrypted with AES-256 when `passphrase` is not empty.
  [[nodiscard]] std::string private_key_pem(std::string_view passphrase = {}) const;
  // Writes the private key to a new file at `path` readable by its owner only (mode 0600);
  // refuses a path that exists. Throws IoError naming it.
  void save(const std::filesystem::path& path, std::string_view passphrase = {}) const;
  // The public key as PEM (SubjectPublicKeyInfo): what the ledger registers.
  [[nodiscard]] std::string public_key_pem() const;
  // The key's fingerprint: 64 hex digits of the SHA-256 of the raw public key.
  [[nodiscard]] std::string key_id() const;
  // The Ed25519 signature of `bytes`, as 128 hex digits.
  [[nodiscard]] std::string sign(std::string_view bytes) const;

 private:
  struct Impl;
  explicit Signer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The fingerprint of a PEM public key (as Signer::key_id()). Throws ParseError when it is not an
// Ed25519 public key.
TAIZHANG_EXPORT std::string key_id_of(std::string_view public_key_pem);

// Whether `signature` (hex) is the Ed25519 signature of `bytes` by `public_key_pem`. Never throws:
// a malformed key or signature is simply not a valid signature.
TAIZHANG_EXPORT bool signature_holds(std::string_view public_key_pem, std::string_view bytes,
                                     std::string_view signature) noexcept;

// What a principal is. Part of the persistent format: do not renumber.
enum class PrincipalKind : std::uint8_t {
  person = 1,   // a clerk, a coordinator, an administrator
  service = 2,  // a district system writing through the API
};
TAIZHANG_EXPORT const char* to_string(PrincipalKind kind) noexcept;
TAIZHANG_EXPORT std::optional<PrincipalKind> principal_kind_from_string(
    std::string_view text) noexcept;

// Who may act: as the registry of a ledger with identities holds it.
struct Identity {
  std::string id;  // stable identifier: ASCII letters, digits, '.', '_' or '-' ("zhang-san")
  std::string name;  // for the record: "张三（区卫健局规划科）"
  PrincipalKind kind = PrincipalKind::person;
  std::string public_key;  // PEM; read back: the key valid now
  std::string key_id;      // read back: its fingerprint
  Timestamp added_at{};    // read back
  std::optional<Timestamp> key_since;  // read back: when the current key was registered

  friend bool operator==(const Identity&, const Identity&) = default;
};

// A unit and role an administrator grants a principal, for a time.
struct Grant {
  std::string identity;  // the principal's id
  std::string unit;      // the unit's code
  ActorRole role = ActorRole::reporter;
  Timestamp from{};                      // valid from (inclusive)
  std::optional<Timestamp> until;        // valid until (exclusive); empty: open-ended
  std::optional<Timestamp> revoked_at;   // read back: when it was revoked, if it was

  // Whether the grant entitles at time `t`.
  [[nodiscard]] bool valid_at(Timestamp t) const noexcept {
    return from <= t && (!until || t < *until) && (!revoked_at || t < *revoked_at);
  }

  friend bool operator==(const Grant&, const Grant&) = default;
};

}  // namespace taizhang
