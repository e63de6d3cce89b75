// The roll-up as JSON, for programs: the document `taizhang status --format json` prints.
#pragma once

#include <string>

#include "taizhang/export.hpp"
#include "taizhang/rollup.hpp"

namespace taizhang {

// The roll-up as JSON (decimals as strings, UTF-8 unescaped): the query, every target,
// initiative, unit and chasing item with all their figures.
TAIZHANG_EXPORT std::string rollup_to_json(const Rollup& rollup);

}  // namespace taizhang
