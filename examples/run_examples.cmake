# Runs an example program on a fresh ledger in WORK_DIR and checks what it prints and writes.
#
#   cmake -D EXAMPLE=quickstart|district_system|quarterly_run -D WORK_DIR=... -D PLAN=...
#         -D TAIZHANG=... -D QUICKSTART=... -D DISTRICT_SYSTEM=... -D QUARTERLY_RUN=...
#         -P run_examples.cmake
cmake_minimum_required(VERSION 3.25)

# Runs the command in ARGN; fails unless it exits with 0 and its output matches every regular
# expression in `expect` (a list).
function(run expect)
  string(JOIN " " shown ${ARGN})
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  message(STATUS "$ ${shown}\n${out}${err}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${shown}: exit status ${rc}")
  endif()
  foreach(pattern IN LISTS expect)
    if(NOT out MATCHES "${pattern}")
      message(FATAL_ERROR "${shown}: the output does not match \"${pattern}\"")
    endif()
  endforeach()
endfunction()

function(expect_file path contains)
  if(NOT EXISTS "${path}")
    message(FATAL_ERROR "${path} was not written")
  endif()
  file(READ "${path}" text LIMIT 200000)
  if(NOT text MATCHES "${contains}")
    message(FATAL_ERROR "${path} does not hold \"${contains}\"")
  endif()
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(ledger "${WORK_DIR}/linzi.db")
set(plan_code "linzi-2021-women-children")

if(EXAMPLE STREQUAL "quickstart")
  # A new ledger: the plan is imported, health's 2021Q1 report filed, the roll-up printed.
  run("filed ${plan_code}/health/2021Q1: submitted;一、继续实施“两癌”免费检查和救助行动  12.5% \\(expected 25.0%\\) at_risk;plan: 0.6% done, behind, 0 reports to chase as of 2021Q1"
    "${QUICKSTART}" "${ledger}" "${PLAN}")
  # Run again on the same file: nothing is imported or filed twice, the roll-up is the same.
  run("^plan ${plan_code}: [^\n]*\n一、继续实施“两癌”免费检查和救助行动  12.5%"
    "${QUICKSTART}" "${ledger}" "${PLAN}")
  return()
endif()

# The district system and the quarterly run work on a ledger that holds the plan, entered as the
# office enters a past year: in an import window (past times are refused outside one), the plan
# first, on the day the notice was issued.
run("import window open" "${TAIZHANG}" --ledger "${ledger}" --as women-children-centre
  --role administrator import begin --reason "补录2021年台账（示例）")
run("1 plans" "${TAIZHANG}" --ledger "${ledger}" --as women-children-centre --role administrator
  --recorded-at 2021-03-01T09:00:00+08:00 init --plan-file "${PLAN}")
run("filed ${plan_code}/women-federation/2021Q1\n;filed 5 reports, skipped 0 already in the ledger"
  "${DISTRICT_SYSTEM}" "${ledger}" 2021-04-08T16:00:00+08:00)

if(EXAMPLE STREQUAL "district_system")
  # Idempotent: a second run skips every report already filed.
  run("skipped ${plan_code}/health/2021Q1 \\(already submitted\\);filed 0 reports, skipped 5 already in the ledger"
    "${DISTRICT_SYSTEM}" "${ledger}")
  # 2.5亿元 is kept in 亿元, the target's unit; 1.25万 households as 12500.
  run("5\\.1 = 2\\.5\n" "${TAIZHANG}" --ledger "${ledger}" explain 5.1 --as-of 2021Q1)
  run("3\\.6 = 12500\n" "${TAIZHANG}" --ledger "${ledger}" explain 3.6 --as-of 2021Q1)
elseif(EXAMPLE STREQUAL "quarterly_run")
  set(out "${WORK_DIR}/forms")
  run("accepted ${plan_code}/health/2021Q1\n;returned ${plan_code}/women-federation/2021Q1: 请补报实事九的进展情况\n;chasing list as of 2021-04-20 \\(11 reports late, missing, incomplete or returned\\);2021Q1  区财政局 \\(finance\\) missing 实事一、二, due 2021-04-10, 10 days\n;2021Q1  区妇联 \\(women-federation\\) omitted 实事九, due 2021-04-10, 10 days\n;15 unit forms"
    "${QUARTERLY_RUN}" "${ledger}" 2021Q1 "${out}" 2021-04-20)
  expect_file("${out}/2021Q1-consolidated.xlsx" "^PK")
  # (区妇联's report was returned: its words are not on the form until it hands it in again.)
  expect_file("${out}/2021Q1-consolidated.html" "美学进校园（示例）")
  expect_file("${out}/units/2021Q1-health.xlsx" "^PK")
  expect_file("${out}/units/2021Q1-health.html" "开展健康科普宣传（示例）")
  expect_file("${out}/dashboard.html" "</html>")
  # Nothing is left to accept; the returned report awaits its unit.
  run("退回 → 已退回  经办：women-children-centre（牵头协调单位） \\(协调员\\)  理由：请补报实事九"
    "${TAIZHANG}" --lang zh --ledger "${ledger}" report history --unit women-federation
    --period 2021Q1)
  run("^ok: " "${TAIZHANG}" --ledger "${ledger}" verify)
else()
  message(FATAL_ERROR "EXAMPLE must be quickstart, district_system or quarterly_run")
endif()
