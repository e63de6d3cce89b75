// The hash chains that make changes behind the ledger's back evident, and the bytes a signature
// covers (internal). docs/schema.md gives the serialisations for readers outside taizhang.
#pragma once

#include <string>
#include <string_view>

#include "store/store.hpp"

namespace taizhang::ledger {

// SHA-256 of `bytes`, as 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);

// The canonical bytes of a report revision and the hash recorded before it: every field of the
// revision, its report's key and, when it carries content, the content (progress by initiative,
// values by target); a revision that carries none commits to the revision whose content applies.
// An unsigned record is serialised as "taizhang revision 1"; a signed one as "taizhang revision 2",
// which also holds the signer's key id and, for a revision without content of its own (an
// acceptance), the hash of the content it accepts (record.content_hash).
std::string revision_bytes(const store::RevisionRecord& record);
// SHA-256 of revision_bytes(): what the chain links and a signature signs.
std::string revision_hash(const store::RevisionRecord& record);

// A plan version and the hash recorded before it ("taizhang plan version 1", or 2 when signed).
std::string plan_version_bytes(const store::PlanVersionRecord& record);
std::string plan_version_hash(const store::PlanVersionRecord& record);

// A registry event and the hash recorded before it ("taizhang registry 1").
std::string registry_bytes(const store::RegistryRecord& record);
std::string registry_hash(const store::RegistryRecord& record);

// A head: the tips of the three chains, chained to the head before it ("taizhang head 1").
std::string head_hash(const store::HeadRecord& record);

}  // namespace taizhang::ledger
