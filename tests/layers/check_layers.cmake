# Proves the layering of src/ (src/CMakeLists.txt): run as `cmake -DCONFIG=<file> -P` by the test
# layers.upward_includes_fail. CONFIG (written by tests/CMakeLists.txt) names, for every layer, the
# include directories its objects are compiled with, the layers it may reach and its headers.
#
# For each layer L, compiled exactly as L's own sources are:
#  - every header of every layer L may reach is included at once, and must build;
#  - each header of each layer above L (or beside it) is included alone, and must fail because it
#    cannot be found: an include that points up a layer does not build.
include("${CONFIG}")
file(MAKE_DIRECTORY "${WORK}")

set(refused 0)
set(failures "")
foreach(layer IN LISTS LAYERS)
  set(flags -std=c++20 -fsyntax-only)
  foreach(dir IN LISTS INCLUDES_${layer})
    list(APPEND flags "-I${dir}")
  endforeach()

  # Everything below (and in) the layer builds.
  set(source "")
  foreach(below IN LISTS REACH_${layer})
    foreach(header IN LISTS HEADERS_${below})
      string(APPEND source "#include \"${header}\"\n")
    endforeach()
  endforeach()
  file(WRITE "${WORK}/${layer}_reach.cpp" "${source}")
  execute_process(COMMAND "${CXX}" ${flags} "${WORK}/${layer}_reach.cpp"
                  RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
  if(NOT rc EQUAL 0)
    list(APPEND failures "layer ${layer}: its own and lower headers do not build:\n${err}")
  endif()

  # Nothing above it can be included.
  foreach(other IN LISTS LAYERS)
    list(FIND REACH_${layer} "${other}" reachable)
    if(NOT reachable EQUAL -1)
      continue()
    endif()
    foreach(header IN LISTS HEADERS_${other})
      string(MAKE_C_IDENTIFIER "${layer}_to_${header}" probe)
      file(WRITE "${WORK}/${probe}.cpp" "#include \"${header}\"\n")
      execute_process(COMMAND "${CXX}" ${flags} "${WORK}/${probe}.cpp"
                      RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
      if(rc EQUAL 0)
        list(APPEND failures "layer ${layer} can include ${header} (layer ${other}): an upward include builds")
      elseif(NOT err MATCHES "No such file")
        list(APPEND failures "layer ${layer} including ${header} failed, but not for want of the file:\n${err}")
      else()
        math(EXPR refused "${refused} + 1")
      endif()
    endforeach()
  endforeach()
endforeach()

if(failures)
  list(JOIN failures "\n" text)
  message(FATAL_ERROR "${text}")
endif()
list(LENGTH LAYERS count)
message(STATUS "${count} layers build with everything below them; ${refused} includes of a header above or beside a layer refused")
