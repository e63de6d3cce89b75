// The plan file format: JSON, documented in docs/plan-format.md and docs/plan.schema.json.
//
// Decimals are JSON strings so that they stay exact. Output is canonical: fixed key order,
// two-space indentation, UTF-8 text unescaped, optional members left out when empty or at their
// default (the plan's reporting settings are always written); reading a canonical file and writing
// it again gives the same bytes.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "taizhang/export.hpp"
#include "taizhang/plan.hpp"

namespace taizhang {

// The version of the plan file format this library writes and reads ("format": 1).
inline constexpr int plan_format_version = 1;

// Reads a plan from JSON text. `source` names the input in error messages (a file name).
// Throws ParseError with line and column for malformed JSON (including invalid UTF-8 and nesting
// deeper than 64), and ValidationError listing, with their paths, every key that is not part of
// the format, every value of the wrong type, and every decimal, date or period that cannot be
// read — and, in the same round, the errors of the model's rules (validate()) in what could be
// read, each problem once and with its place in people's words (Issue::place). A document that
// reads cleanly is not checked against the rules: call validate() for that.
TAIZHANG_EXPORT Plan plan_from_json(std::string_view json, std::string_view source = "<string>");

// The canonical JSON text of `plan`, ending in a newline.
TAIZHANG_EXPORT std::string plan_to_json(const Plan& plan);

// Reads the file at `path` (UTF-8; a leading byte-order mark is skipped) with plan_from_json.
// Throws IoError naming the path when it cannot be read.
TAIZHANG_EXPORT Plan load_plan(const std::filesystem::path& path);

// Writes plan_to_json(plan) to `path`, replacing it atomically (a temporary file renamed over it).
// Throws IoError naming the path when it cannot be written.
TAIZHANG_EXPORT void save_plan(const Plan& plan, const std::filesystem::path& path);

}  // namespace taizhang
