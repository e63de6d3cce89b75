// Whole-file reading and atomic writing (internal).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace taizhang::io {

// The bytes of the file at `path`. Throws IoError naming the path and the reason.
std::string read_file(const std::filesystem::path& path);

// Writes `data` to `path` through a temporary file in the same directory that is flushed to disk
// and renamed over `path`, so readers see the old file or the new one, never a mix.
// Throws IoError naming the path and the reason; the old file is then untouched.
void write_file_atomic(const std::filesystem::path& path, std::string_view data);

}  // namespace taizhang::io
