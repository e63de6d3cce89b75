// The registry of a ledger folded into what it says now or at any time (internal): identities and
// their keys, grants, the unit catalogue as chained, and import windows. Every rule of who may act
// with which key is answered here, for writes and for verify().
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/store.hpp"
#include "taizhang/identity.hpp"
#include "taizhang/unit.hpp"

namespace taizhang::ledger {

// Event kinds.
inline constexpr const char* kIdentityEvent = "identity";
inline constexpr const char* kKeyEvent = "key";
inline constexpr const char* kGrantEvent = "grant";
inline constexpr const char* kRevokeEvent = "revoke";
inline constexpr const char* kUnitEvent = "unit";
inline constexpr const char* kCatalogueEvent = "catalogue";
inline constexpr const char* kImportBeginEvent = "import_begin";
inline constexpr const char* kImportEndEvent = "import_end";

// The documents of the events, canonical JSON.
std::string identity_document(const Identity& identity);
std::string key_document(const std::string& public_key);
std::string grant_document(const Grant& grant);
std::string revoke_document(const std::string& unit, ActorRole role);
std::string unit_document(const Unit& unit);
std::string catalogue_document(const std::vector<Unit>& units);
std::string import_document(const std::string& reason);

class Registry {
 public:
  // Folds `events` (in storage order) after those already folded. Throws StorageError(corrupt)
  // for a document that does not read (verify() catches it and names the event).
  void apply(const store::RegistryRecord& event);
  void apply_all(const std::vector<store::RegistryRecord>& events);

  [[nodiscard]] std::int64_t last_id() const noexcept { return last_id_; }
  // Whether the ledger has identities: every write after the first identity must be signed.
  [[nodiscard]] bool has_identities() const noexcept { return !identities_.empty(); }
  // When the first identity was registered.
  [[nodiscard]] std::optional<Timestamp> identities_since() const noexcept { return since_; }
  [[nodiscard]] bool import_open() const noexcept { return import_open_; }
  // Whether the unit catalogue has been chained (a catalogue or unit event exists).
  [[nodiscard]] bool catalogue_chained() const noexcept { return catalogue_chained_; }
  [[nodiscard]] const std::map<std::string, Unit>& units() const noexcept { return units_; }

  // The identity whose key `key_id` was valid at `t`, if any.
  [[nodiscard]] const Identity* holder(const std::string& key_id, Timestamp t) const;
  // The public key (PEM) of `key_id` as registered, if ever.
  [[nodiscard]] std::optional<std::string> public_key(const std::string& key_id) const;
  // Whether `identity` held a grant of (`unit`, `role`) valid at `t`.
  [[nodiscard]] bool entitled(const std::string& identity, const std::string& unit,
                              ActorRole role, Timestamp t) const;
  // The units `identity` may act for in `role` at `t`, in the order granted.
  [[nodiscard]] std::vector<std::string> units_of(const std::string& identity, ActorRole role,
                                                  Timestamp t) const;

  [[nodiscard]] std::vector<Identity> identities() const;
  [[nodiscard]] const std::vector<Grant>& grants() const noexcept { return grants_; }
  [[nodiscard]] const Identity* identity(const std::string& id) const;

 private:
  struct Key {
    std::string key_id;
    std::string public_key;
    std::string identity;
    Timestamp from{};
    std::optional<Timestamp> until;
  };
  std::map<std::string, Identity> identities_;
  std::vector<Key> keys_;
  std::vector<Grant> grants_;
  std::map<std::string, Unit> units_;
  std::optional<Timestamp> since_;
  bool import_open_ = false;
  bool catalogue_chained_ = false;
  std::int64_t last_id_ = 0;
};

}  // namespace taizhang::ledger
