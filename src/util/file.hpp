// Whole-file reading and atomic writing (internal).
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace taizhang::util {

// The bytes of the file at `path`. Only a regular file is read (or "/dev/stdin" by that name): a
// FIFO, a device, a directory or a socket is refused before anything is read, without waiting
// for a FIFO's writer. Throws IoError naming the path and the reason.
std::string read_file(const std::filesystem::path& path);

// The same, for input that has a size bound: reads no more than `limit` bytes (and one more to tell
// that there are more), so that a huge or endless file costs at most that much memory. Throws
// IoError naming the path, the limit and `what` the file should be ("a progress CSV file") when
// the file holds more.
std::string read_file(const std::filesystem::path& path, std::size_t limit, std::string_view what);

// Writes `data` to `path` through a temporary file in the same directory that is flushed to disk
// and renamed over `path`, so readers see the old file or the new one, never a mix.
// Throws IoError naming the path and the reason; the old file is then untouched.
void write_file_atomic(const std::filesystem::path& path, std::string_view data);

// The bytes a writer that only writes to files (libxlsxwriter) puts in a file: `write` is called
// with a fresh temporary path (named after `prefix`), which is read back and removed, also when
// `write` throws.
std::string bytes_written_to_temporary(
    std::string_view prefix, const std::function<void(const std::filesystem::path&)>& write);

}  // namespace taizhang::util
