// The command groups of the `taizhang` command line: each adds its commands, in the order the
// overview (`taizhang --help`) lists them.
#pragma once

#include <vector>

#include "core.hpp"

namespace cli {

// init and the plan commands (plan_commands.cpp).
void add_plan_commands(std::vector<Command>& all);
// Editing the plan without JSON: plan assign, set, stages, settings (plan_edit_commands.cpp).
void add_plan_edit_commands(std::vector<Command>& all);
// The unit catalogue: unit list, add, rename (unit_commands.cpp).
void add_unit_commands(std::vector<Command>& all);
// Filing, reviewing and reading reports (report_commands.cpp).
void add_report_commands(std::vector<Command>& all);
// The roll-up: status, explain, chase, form (rollup_commands.cpp).
void add_rollup_commands(std::vector<Command>& all);
// import-csv (io_commands.cpp).
void add_csv_import_command(std::vector<Command>& all);
// template, import: clerk templates out and filled ones back (template_commands.cpp).
void add_template_commands(std::vector<Command>& all);
// Keys, identities and import windows (identity_commands.cpp).
void add_identity_commands(std::vector<Command>& all);
// export, verify, backup (io_commands.cpp).
void add_io_commands(std::vector<Command>& all);

}  // namespace cli
