// verify(): every chain, signature, rule and table of a ledger re-checked (internal).
#pragma once

#include <functional>

#include "store/store.hpp"
#include "taizhang/ledger.hpp"

namespace taizhang::ledger {

// Reads a stored plan version's document back (throws for one that does not read).
using PlanReader = std::function<Plan(const store::PlanVersionRecord&)>;

// Re-checks the whole ledger in `store` and lists every problem. Call inside a read transaction.
// Never throws for a damaged record: it is named in the result.
VerifyResult verify_ledger(store::Store& store, const VerifyOptions& options,
                           const PlanReader& read_plan);

// The earliest and the latest time a ledger records (the years 2000 to 2099).
Timestamp earliest_time();
Timestamp latest_time();

}  // namespace taizhang::ledger
