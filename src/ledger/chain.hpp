// The hash chains that make changes behind the ledger's back evident (internal).
#pragma once

#include <string>

#include "store/store.hpp"

namespace taizhang::ledger {

// SHA-256 (lower-case hex) of a report revision and the hash recorded before it: every field of
// the revision, its report's key and, when it carries content, the content (progress by
// initiative, values by target); a revision that carries none commits to the revision whose
// content applies.
std::string revision_hash(const store::RevisionRecord& record);

// SHA-256 (lower-case hex) of a plan version and the hash recorded before it.
std::string plan_version_hash(const store::PlanVersionRecord& record);

}  // namespace taizhang::ledger
