// Fuzz target: the plan file reader (plan_json.hpp). Any bytes must give a plan or a
// taizhang::Error; a plan that was read must write canonical JSON that reads back to itself.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "taizhang/error.hpp"
#include "taizhang/plan.hpp"
#include "taizhang/plan_json.hpp"
#include "taizhang/validation.hpp"

using namespace taizhang;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const Plan plan = plan_from_json(fuzz::as_text(data, size), "fuzz.json");
    (void)validate(plan);
    const std::string json = plan_to_json(plan);
    Plan again;
    try {
      again = plan_from_json(json, "canonical.json");
    } catch (const Error& e) {
      fuzz::fail("the canonical JSON of a plan that was read does not read back", e.what());
    }
    if (!(again == plan)) fuzz::fail("plan_from_json(plan_to_json(p)) != p", json);
    if (plan_to_json(again) != json) fuzz::fail("canonical JSON is not stable", json);
    (void)plan.periods();
    (void)plan.unit_registry();
  } catch (const Error&) {
  }
  return 0;
}
