// Fuzz target: drafting a plan from a notice's text (draft.hpp). draft_plan promises never to
// throw for any text and to return a plan that passes validate() without errors.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "taizhang/draft.hpp"
#include "taizhang/error.hpp"
#include "taizhang/validation.hpp"

using namespace taizhang;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  DraftOptions options;
  options.default_year = 2021;  // not the clock's year: a run must be reproducible
  Draft draft;
  try {
    draft = draft_plan(fuzz::as_text(data, size), options);
  } catch (const Error& e) {
    fuzz::fail("draft_plan threw, but promises never to throw", e.what());
  }
  for (const Issue& issue : validate(draft.plan)) {
    if (issue.severity == Issue::Severity::error) {
      fuzz::fail("the draft plan does not pass validate()", issue.to_string());
    }
  }
  for (const Finding& finding : draft.findings) (void)finding.to_string();
  return 0;
}
