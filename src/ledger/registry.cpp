#include "ledger/registry.hpp"

#include <algorithm>

#include <boost/json.hpp>

#include "taizhang/error.hpp"

namespace taizhang::ledger {

namespace json = boost::json;

namespace {

std::string ms_text(Timestamp t) {
  return std::to_string(t.time_since_epoch().count());
}

Timestamp time_of(const json::value& v) {
  return Timestamp{std::chrono::milliseconds(std::stoll(std::string(v.as_string())))};
}

std::string text(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || !v->is_string()) {
    throw StorageError(StorageFault::corrupt,
                       "a registry event lacks its \"" + std::string(key) + "\"");
  }
  return std::string(v->as_string());
}

json::object unit_object(const Unit& u) {
  json::object o;
  o["code"] = u.code;
  o["name"] = u.name;
  o["kind"] = to_string(u.kind);
  o["parent"] = u.parent;
  o["full_name"] = u.full_name;
  return o;
}

Unit unit_of(const json::object& o) {
  Unit u;
  u.code = text(o, "code");
  u.name = text(o, "name");
  const std::optional<UnitKind> kind = unit_kind_from_string(text(o, "kind"));
  if (!kind) throw StorageError(StorageFault::corrupt, "a registry unit has an unknown kind");
  u.kind = *kind;
  u.parent = text(o, "parent");
  u.full_name = text(o, "full_name");
  return u;
}

json::object document_of(const store::RegistryRecord& e) {
  try {
    json::value v = json::parse(e.document);
    if (!v.is_object()) throw std::runtime_error("not an object");
    return std::move(v.as_object());
  } catch (const std::exception&) {
    throw StorageError(StorageFault::corrupt, "registry event " + std::to_string(e.id) + " (" +
                                                  e.kind + ") holds a document that does not read");
  }
}

ActorRole role_of(const json::object& o) {
  const std::optional<ActorRole> role = actor_role_from_string(text(o, "role"));
  if (!role) throw StorageError(StorageFault::corrupt, "a registry grant has an unknown role");
  return *role;
}

}  // namespace

std::string identity_document(const Identity& identity) {
  json::object o;
  o["name"] = identity.name;
  o["kind"] = to_string(identity.kind);
  o["public_key"] = identity.public_key;
  o["key_id"] = identity.key_id;
  return json::serialize(o);
}

std::string key_document(const std::string& public_key) {
  json::object o;
  o["public_key"] = public_key;
  o["key_id"] = key_id_of(public_key);
  return json::serialize(o);
}

std::string grant_document(const Grant& grant) {
  json::object o;
  o["unit"] = grant.unit;
  o["role"] = to_string(grant.role);
  o["from"] = ms_text(grant.from);
  o["until"] = grant.until ? json::value(ms_text(*grant.until)) : json::value(nullptr);
  return json::serialize(o);
}

std::string revoke_document(const std::string& unit, ActorRole role) {
  json::object o;
  o["unit"] = unit;
  o["role"] = to_string(role);
  return json::serialize(o);
}

std::string unit_document(const Unit& unit) {
  return json::serialize(unit_object(unit));
}

std::string catalogue_document(const std::vector<Unit>& units) {
  json::array a;
  for (const Unit& u : units) a.emplace_back(unit_object(u));
  return json::serialize(json::object{{"units", std::move(a)}});
}

std::string import_document(const std::string& reason) {
  return json::serialize(json::object{{"reason", reason}});
}

void Registry::apply(const store::RegistryRecord& e) {
  last_id_ = e.id;
  const json::object o = document_of(e);
  try {
    if (e.kind == kIdentityEvent) {
      Identity identity;
      identity.id = e.subject;
      identity.name = text(o, "name");
      const std::optional<PrincipalKind> kind = principal_kind_from_string(text(o, "kind"));
      if (!kind) throw StorageError(StorageFault::corrupt, "an identity has an unknown kind");
      identity.kind = *kind;
      identity.public_key = text(o, "public_key");
      identity.key_id = text(o, "key_id");
      identity.added_at = e.recorded_at;
      identity.key_since = e.recorded_at;
      keys_.push_back(Key{identity.key_id, identity.public_key, identity.id, e.recorded_at, {}});
      identities_[identity.id] = identity;
      if (!since_) since_ = e.recorded_at;
    } else if (e.kind == kKeyEvent) {
      const auto it = identities_.find(e.subject);
      if (it == identities_.end()) {
        throw StorageError(StorageFault::corrupt, "a new key for an unknown identity");
      }
      for (Key& k : keys_) {
        if (k.identity == e.subject && !k.until) k.until = e.recorded_at;
      }
      it->second.public_key = text(o, "public_key");
      it->second.key_id = text(o, "key_id");
      it->second.key_since = e.recorded_at;
      keys_.push_back(Key{it->second.key_id, it->second.public_key, e.subject, e.recorded_at, {}});
    } else if (e.kind == kGrantEvent) {
      Grant g;
      g.identity = e.subject;
      g.unit = text(o, "unit");
      g.role = role_of(o);
      g.from = time_of(o.at("from"));
      if (const json::value* until = o.if_contains("until"); until != nullptr && !until->is_null()) {
        g.until = time_of(*until);
      }
      grants_.push_back(std::move(g));
    } else if (e.kind == kRevokeEvent) {
      const std::string unit = text(o, "unit");
      const ActorRole role = role_of(o);
      for (Grant& g : grants_) {
        if (g.identity == e.subject && g.unit == unit && g.role == role && !g.revoked_at) {
          g.revoked_at = e.recorded_at;
        }
      }
    } else if (e.kind == kUnitEvent) {
      Unit u = unit_of(o);
      units_[u.code] = std::move(u);
      catalogue_chained_ = true;
    } else if (e.kind == kCatalogueEvent) {
      for (const json::value& v : o.at("units").as_array()) {
        Unit u = unit_of(v.as_object());
        units_[u.code] = std::move(u);
      }
      catalogue_chained_ = true;
    } else if (e.kind == kImportBeginEvent) {
      import_open_ = true;
    } else if (e.kind == kImportEndEvent) {
      import_open_ = false;
    } else {
      throw StorageError(StorageFault::corrupt, "a registry event of an unknown kind \"" +
                                                    e.kind + "\"");
    }
  } catch (const StorageError&) {
    throw;
  } catch (const std::exception& x) {
    throw StorageError(StorageFault::corrupt, "registry event " + std::to_string(e.id) + " (" +
                                                  e.kind + ") does not read: " + x.what());
  }
}

void Registry::apply_all(const std::vector<store::RegistryRecord>& events) {
  for (const store::RegistryRecord& e : events) apply(e);
}

const Identity* Registry::holder(const std::string& key_id, Timestamp t) const {
  for (const Key& k : keys_) {
    if (k.key_id == key_id && k.from <= t && (!k.until || t < *k.until)) {
      return identity(k.identity);
    }
  }
  return nullptr;
}

std::optional<std::string> Registry::public_key(const std::string& key_id) const {
  for (const Key& k : keys_) {
    if (k.key_id == key_id) return k.public_key;
  }
  return std::nullopt;
}

bool Registry::entitled(const std::string& id, const std::string& unit, ActorRole role,
                        Timestamp t) const {
  return std::any_of(grants_.begin(), grants_.end(), [&](const Grant& g) {
    return g.identity == id && g.unit == unit && g.role == role && g.valid_at(t);
  });
}

std::vector<std::string> Registry::units_of(const std::string& id, ActorRole role,
                                            Timestamp t) const {
  std::vector<std::string> out;
  for (const Grant& g : grants_) {
    if (g.identity == id && g.role == role && g.valid_at(t) &&
        std::find(out.begin(), out.end(), g.unit) == out.end()) {
      out.push_back(g.unit);
    }
  }
  return out;
}

std::vector<Identity> Registry::identities() const {
  std::vector<Identity> out;
  for (const auto& [id, identity] : identities_) out.push_back(identity);
  return out;
}

const Identity* Registry::identity(const std::string& id) const {
  const auto it = identities_.find(id);
  return it == identities_.end() ? nullptr : &it->second;
}

}  // namespace taizhang::ledger
