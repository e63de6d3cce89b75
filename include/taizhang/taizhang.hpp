// The whole public API of taizhang in one include.
#pragma once

#include "taizhang/assignment.hpp"
#include "taizhang/date.hpp"
#include "taizhang/decimal.hpp"
#include "taizhang/error.hpp"
#include "taizhang/export.hpp"
#include "taizhang/initiative.hpp"
#include "taizhang/outline.hpp"
#include "taizhang/period.hpp"
#include "taizhang/plan.hpp"
#include "taizhang/plan_json.hpp"
#include "taizhang/quantity.hpp"
#include "taizhang/target.hpp"
#include "taizhang/unit.hpp"
#include "taizhang/unit_of_measure.hpp"
#include "taizhang/validation.hpp"
#include "taizhang/version.hpp"
