# taizhang_set_warnings(<target>): warnings for the project's own targets only, never forced on
# consumers (PRIVATE). TAIZHANG_WARNINGS_AS_ERRORS turns them into errors (CI uses it).
option(TAIZHANG_WARNINGS_AS_ERRORS "Treat compiler warnings as errors in taizhang's own targets" OFF)

function(taizhang_set_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE
      -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
      -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough)
    # GCC 12 reports impossible overlaps in inlined std::string concatenation at -O2/-O3
    # (GCC bug 105329, fixed in GCC 13).
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
      target_compile_options(${target} PRIVATE -Wno-restrict)
    endif()
    if(TAIZHANG_WARNINGS_AS_ERRORS)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
  elseif(MSVC)
    target_compile_options(${target} PRIVATE /W4 /utf-8 $<$<BOOL:${TAIZHANG_WARNINGS_AS_ERRORS}>:/WX>)
  endif()
endfunction()
