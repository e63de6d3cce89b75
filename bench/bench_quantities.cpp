// Micro-benchmarks of the foundation: exact decimal sums, number parsing, the plan file.
//   build/release/bench/bench_quantities
#include <cstdint>
#include <string>
#include <taizhang/taizhang.hpp>
#include <vector>

#include <benchmark/benchmark.h>

namespace tz = taizhang;

namespace {

// Summing values of mixed scale, the inner loop of a roll-up.
void BM_DecimalSum(benchmark::State& state) {
  std::vector<tz::Decimal> values;
  for (std::int64_t i = 0; i < state.range(0); ++i) {
    values.push_back(tz::Decimal::from_parts(i * 7919 % 100000, static_cast<int>(i % 3)));
  }
  for (auto _ : state) {
    tz::Decimal sum;
    for (const tz::Decimal& v : values) sum += v;
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_DecimalSum)->Arg(1'000'000);

void BM_ParseQuantity(benchmark::State& state) {
  const std::vector<std::string> inputs = {"18000名",  "1.6万户",  "12亿元", "１８０００",
                                           "两千五百", "一千一百", "10%",    "3.3万名"};
  for (auto _ : state) {
    for (const std::string& s : inputs) benchmark::DoNotOptimize(tz::parse_quantity(s));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(inputs.size()));
}
BENCHMARK(BM_ParseQuantity);

void BM_LoadAndValidateLinziPlan(benchmark::State& state) {
  const std::string path = TAIZHANG_SOURCE_DIR "/examples/plans/linzi-2021.json";
  for (auto _ : state) {
    const tz::Plan plan = tz::load_plan(path);
    benchmark::DoNotOptimize(tz::validate(plan));
  }
}
BENCHMARK(BM_LoadAndValidateLinziPlan);

}  // namespace

BENCHMARK_MAIN();
