#include "ledger/chain.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "taizhang/error.hpp"

namespace taizhang::ledger {

namespace {

// Fields are written with their length in front, so no two different records serialise alike.
class Canonical {
 public:
  Canonical& add(std::string_view field) {
    out_ += std::to_string(field.size());
    out_ += ':';
    out_ += field;
    return *this;
  }
  Canonical& add(std::int64_t n) { return add(std::to_string(n)); }
  Canonical& add(const std::optional<Decimal>& d) { return add(d ? d->to_string() : "-"); }
  [[nodiscard]] const std::string& bytes() const { return out_; }

 private:
  std::string out_;
};

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(),
                                                                    &EVP_MD_CTX_free);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), bytes.data(), bytes.size()) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), digest, &length) != 1) {
    throw Error(ErrorCode::internal, "SHA-256 failed in OpenSSL");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4U];
    hex += kHex[digest[i] & 15U];
  }
  return hex;
}

namespace {

void add_actor(Canonical& c, const Actor& actor) {
  c.add(actor.unit).add(to_string(actor.role)).add(actor.person);
}

}  // namespace

std::string revision_bytes(const store::RevisionRecord& record) {
  Canonical c;
  const Revision& r = record.revision;
  const bool signed_record = !record.signer.empty();
  c.add(signed_record ? "taizhang revision 2" : "taizhang revision 1").add(record.prev_hash);
  c.add(record.key.plan).add(record.key.unit).add(record.key.period.to_string());
  c.add(r.number).add(r.recorded_at.time_since_epoch().count());
  add_actor(c, r.actor);
  c.add(to_string(r.action)).add(to_string(r.status)).add(r.reason).add(record.content_number);
  if (signed_record) {
    c.add(record.signer);
    if (!record.carries_content()) c.add(record.content_hash);
  }
  if (record.carries_content()) {
    std::vector<const InitiativeProgress*> progress;
    for (const InitiativeProgress& p : r.content.progress) progress.push_back(&p);
    std::sort(progress.begin(), progress.end(),
              [](const auto* a, const auto* b) { return a->initiative < b->initiative; });
    c.add(static_cast<std::int64_t>(progress.size()));
    for (const InitiativeProgress* p : progress) {
      c.add(p->initiative).add(p->narrative);
      c.add(p->expected_completion ? p->expected_completion->to_string() : "");
    }
    std::vector<const TargetValue*> values;
    for (const TargetValue& v : r.content.values) values.push_back(&v);
    std::sort(values.begin(), values.end(),
              [](const auto* a, const auto* b) { return a->target < b->target; });
    c.add(static_cast<std::int64_t>(values.size()));
    for (const TargetValue* v : values) {
      c.add(v->target).add(v->value).add(v->stage).add(v->comment).add(v->evidence);
      c.add(v->filed_value).add(v->filed_unit);
    }
  }
  return c.bytes();
}

std::string revision_hash(const store::RevisionRecord& record) {
  return sha256_hex(revision_bytes(record));
}

std::string plan_version_bytes(const store::PlanVersionRecord& record) {
  Canonical c;
  const bool signed_record = !record.signer.empty();
  c.add(signed_record ? "taizhang plan version 2" : "taizhang plan version 1");
  c.add(record.prev_hash).add(record.plan).add(record.version);
  c.add(record.recorded_at.time_since_epoch().count());
  add_actor(c, record.actor);
  c.add(record.reason).add(record.document);
  if (signed_record) c.add(record.signer);
  return c.bytes();
}

std::string plan_version_hash(const store::PlanVersionRecord& record) {
  return sha256_hex(plan_version_bytes(record));
}

std::string registry_bytes(const store::RegistryRecord& record) {
  Canonical c;
  c.add("taizhang registry 1").add(record.prev_hash);
  c.add(record.recorded_at.time_since_epoch().count());
  c.add(record.kind).add(record.subject).add(record.document);
  add_actor(c, record.actor);
  c.add(record.signer);
  return c.bytes();
}

std::string registry_hash(const store::RegistryRecord& record) {
  return sha256_hex(registry_bytes(record));
}

std::string head_hash(const store::HeadRecord& record) {
  Canonical c;
  c.add("taizhang head 1").add(record.prev_head);
  c.add(record.revision_tip).add(record.plan_tip).add(record.registry_tip);
  return sha256_hex(c.bytes());
}

}  // namespace taizhang::ledger
