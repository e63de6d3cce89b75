// The version of the library that is running, which can differ from the headers a program was
// compiled with (version.hpp).
#include "taizhang/version.hpp"

namespace taizhang {

const char* runtime_version() noexcept {
  return TAIZHANG_VERSION_STRING;
}

}  // namespace taizhang
