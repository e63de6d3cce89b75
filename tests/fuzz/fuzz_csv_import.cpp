// Fuzz target: reading the CSV files unit clerks fill in (csv_import.hpp), in UTF-8, UTF-8 with a
// byte-order mark, or GBK / GB18030, checked against the Linzi 2021 plan. read_progress_csv
// promises never to throw for bad rows; anything else wrong may only be a taizhang::Error.
#include <cstddef>
#include <cstdint>

#include "fuzz_check.hpp"
#include "taizhang/actor.hpp"
#include "taizhang/csv_import.hpp"
#include "taizhang/error.hpp"
#include "taizhang/plan.hpp"
#include "taizhang/plan_json.hpp"

using namespace taizhang;

namespace {

const Plan& linzi() {
  static const Plan plan = load_plan(TAIZHANG_FUZZ_PLAN);
  return plan;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Plan& plan = linzi();
  // The lead unit of initiative 1: its rows get past the permission check to the values.
  const Actor clerk{"health", ActorRole::reporter, "fuzz"};
  try {
    const CsvReading reading =
        read_progress_csv(clerk, plan, fuzz::as_text(data, size), "fuzz.csv");
    for (const Filing& filing : reading.filings) {
      if (filing.key.plan != plan.code) fuzz::fail("a filing for another plan", filing.key.plan);
    }
  } catch (const Error&) {
  }
  return 0;
}
