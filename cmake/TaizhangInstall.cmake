# Install rules: the library, its headers (source and generated), the CMake package and the
# pkg-config file.
include(CMakePackageConfigHelpers)

set(TAIZHANG_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/taizhang")

if(TARGET taizhang_cli)
  install(TARGETS taizhang_cli RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT runtime)
  set_target_properties(taizhang_cli PROPERTIES INSTALL_RPATH "$ORIGIN/../${CMAKE_INSTALL_LIBDIR}")
endif()

install(TARGETS taizhang
  EXPORT taizhang-targets
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT runtime NAMELINK_COMPONENT development
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT development
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT runtime
  INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")

install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/taizhang" "${PROJECT_BINARY_DIR}/include/taizhang"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
  COMPONENT development
  FILES_MATCHING PATTERN "*.hpp")

install(EXPORT taizhang-targets
  NAMESPACE taizhang::
  FILE taizhang-targets.cmake
  DESTINATION "${TAIZHANG_CMAKE_DIR}"
  COMPONENT development)

configure_package_config_file(
  "${PROJECT_SOURCE_DIR}/cmake/taizhang-config.cmake.in"
  "${PROJECT_BINARY_DIR}/taizhang-config.cmake"
  INSTALL_DESTINATION "${TAIZHANG_CMAKE_DIR}")
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/taizhang-config-version.cmake"
  VERSION "${PROJECT_VERSION}"
  COMPATIBILITY SameMajorVersion)
install(FILES
  "${PROJECT_BINARY_DIR}/taizhang-config.cmake"
  "${PROJECT_BINARY_DIR}/taizhang-config-version.cmake"
  DESTINATION "${TAIZHANG_CMAKE_DIR}"
  COMPONENT development)

# pkg-config: a static libtaizhang needs its private dependencies on the link line as well.
if(TAIZHANG_WITH_XLSX)
  set(TAIZHANG_PC_PRIVATE_LIBS "-lboost_json -lSQLiteCpp -lsqlite3 -lcrypto -lxlsxwriter -lz -lpthread -ldl")
else()
  set(TAIZHANG_PC_PRIVATE_LIBS "-lboost_json -lSQLiteCpp -lsqlite3 -lcrypto -lpthread -ldl")
endif()
if(BUILD_SHARED_LIBS)
  set(TAIZHANG_PC_CFLAGS "")
else()
  set(TAIZHANG_PC_CFLAGS "-DTAIZHANG_STATIC_DEFINE")
endif()
# Relocatable: the prefix is found from where the .pc file lies, so `cmake --install --prefix`
# anywhere gives a working file.
file(RELATIVE_PATH TAIZHANG_PC_UP "/p/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/p")
string(REGEX REPLACE "/$" "" TAIZHANG_PC_UP "${TAIZHANG_PC_UP}")
set(TAIZHANG_PC_PREFIX "\${pcfiledir}/${TAIZHANG_PC_UP}")
configure_file("${PROJECT_SOURCE_DIR}/cmake/taizhang.pc.in" "${PROJECT_BINARY_DIR}/taizhang.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/taizhang.pc"
  DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig"
  COMPONENT development)
