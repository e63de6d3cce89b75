# Installs the taizhang build into a fresh prefix, then builds and runs tests/consumer against it,
# once through find_package and once through pkg-config. VARIANT=static first builds a static
# libtaizhang from SOURCE_DIR; VARIANT=shared installs BUILD_DIR as it is.
foreach(var SOURCE_DIR BUILD_DIR WORK_DIR VARIANT GENERATOR CXX)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run.cmake needs -D${var}=...")
  endif()
endforeach()

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    string(JOIN " " command ${ARGN})
    message(FATAL_ERROR "failed (${rc}): ${command}")
  endif()
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")
set(flags "-DCMAKE_CXX_COMPILER=${CXX}" "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}"
          "-DCMAKE_EXE_LINKER_FLAGS=${LINKER_FLAGS}" "-DCMAKE_SHARED_LINKER_FLAGS=${LINKER_FLAGS}")

if(VARIANT STREQUAL "static")
  set(library_build "${WORK_DIR}/library")
  run("${CMAKE_COMMAND}" -S "${SOURCE_DIR}" -B "${library_build}" -G "${GENERATOR}" ${flags}
      -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF -DTAIZHANG_BUILD_TESTS=OFF
      -DTAIZHANG_BUILD_EXAMPLES=OFF -DTAIZHANG_BUILD_BENCH=OFF -DTAIZHANG_BUILD_PYTHON=OFF
      -DTAIZHANG_INSTALL=ON
      # What a district system that only links the library builds: no command line, no
      # libxlsxwriter (the consumer checks that .xlsx is refused, saying why).
      -DTAIZHANG_BUILD_CLI=OFF -DTAIZHANG_WITH_XLSX=OFF)
  set(ENV{TAIZHANG_EXPECT_XLSX} 0)
  run("${CMAKE_COMMAND}" --build "${library_build}")
else()
  set(library_build "${BUILD_DIR}")
  set(ENV{TAIZHANG_EXPECT_XLSX} 1)
endif()
run("${CMAKE_COMMAND}" --install "${library_build}" --prefix "${prefix}")

# 1. find_package(taizhang CONFIG REQUIRED)
run("${CMAKE_COMMAND}" -S "${SOURCE_DIR}/tests/consumer" -B "${WORK_DIR}/build" -G "${GENERATOR}"
    ${flags} "-DCMAKE_PREFIX_PATH=${prefix}" -DCMAKE_BUILD_TYPE=Release)
run("${CMAKE_COMMAND}" --build "${WORK_DIR}/build")
run("${WORK_DIR}/build/consumer")

# 2. pkg-config --cflags --libs taizhang
find_program(PKG_CONFIG pkg-config REQUIRED)
file(GLOB_RECURSE pc_files "${prefix}/taizhang.pc")
list(GET pc_files 0 pc_file)
get_filename_component(pc_dir "${pc_file}" DIRECTORY)
set(ENV{PKG_CONFIG_PATH} "${pc_dir}")
set(pc_args --cflags --libs)
if(VARIANT STREQUAL "static")
  set(pc_args --cflags --libs --static)
endif()
execute_process(COMMAND "${PKG_CONFIG}" ${pc_args} taizhang
  OUTPUT_VARIABLE pc_flags OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "pkg-config does not find taizhang in ${pc_dir}")
endif()
separate_arguments(pc_flags UNIX_COMMAND "${pc_flags}")
separate_arguments(extra UNIX_COMMAND "${CXX_FLAGS} ${LINKER_FLAGS}")
run("${CXX}" -std=c++20 ${extra} "${SOURCE_DIR}/tests/consumer/main.cpp" ${pc_flags}
    -o "${WORK_DIR}/consumer-pkg-config")
get_filename_component(lib_dir "${pc_dir}" DIRECTORY)
set(ENV{LD_LIBRARY_PATH} "${lib_dir}")
run("${WORK_DIR}/consumer-pkg-config")
