// Reads a plan file, checks it, and prints it as an outline: initiatives, lead and co-responsible
// units, targets with values and units of measure.
//
//   plan_outline examples/plans/linzi-2021.json
//
// Exit status: 0 when the plan is valid (warnings are printed to stderr), 1 when it cannot be read
// or breaks a rule (every problem is printed to stderr with its path), 2 on wrong usage.
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <taizhang/taizhang.hpp>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " PLAN.json\n";
    return 2;
  }
  try {
    const taizhang::Plan plan = taizhang::load_plan(argv[1]);
    const std::vector<taizhang::Issue> issues = taizhang::validate(plan);
    const bool valid = std::none_of(issues.begin(), issues.end(), [](const taizhang::Issue& i) {
      return i.severity == taizhang::Issue::Severity::error;
    });
    if (valid) std::cout << taizhang::render_outline(plan) << std::flush;
    for (const taizhang::Issue& issue : issues) {
      std::cerr << argv[1] << ": " << issue.to_string() << '\n';
    }
    if (!valid) return EXIT_FAILURE;
  } catch (const taizhang::Error& e) {
    std::cerr << e.what() << '\n';
    return EXIT_FAILURE;
  }
  return EXIT_SUCCESS;
}
