// N_("text") marks a message identifier that is rendered later (Message(id).text()), so that
// scripts/update-po (xgettext --keyword=N_) finds it; it returns its argument unchanged.
#pragma once

namespace taizhang::util {
constexpr const char* N_(const char* id) noexcept {  // NOLINT(readability-identifier-naming)
  return id;
}
}  // namespace taizhang::util
