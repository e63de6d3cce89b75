#include "util/file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>

#include "taizhang/error.hpp"
#include "taizhang/limits.hpp"

namespace taizhang::util {

namespace {

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& what, int err) {
  Location where;
  where.file = path.string();
  throw IoError(what + ": " + std::strerror(err), where);
}

// Closes a descriptor on every path out of a function.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  [[nodiscard]] int get() const { return fd_; }
  int release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  int fd_;
};

// "64 MiB", "1 MiB", "512 bytes".
std::string size_text(std::size_t bytes) {
  constexpr std::size_t kMiB = std::size_t{1} << 20U;
  if (bytes >= kMiB && bytes % kMiB == 0) return std::to_string(bytes / kMiB) + " MiB";
  return std::to_string(bytes) + " bytes";
}

// What a file that is not a regular one is, for messages.
const char* kind_of(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISSOCK(mode)) return "a socket";
  return "another kind of file";
}

}  // namespace

std::string read_file(const std::filesystem::path& path) {
  return read_file(path, std::string::npos - 1, {});
}

std::string read_file(const std::filesystem::path& path, std::size_t limit, std::string_view what) {
  // Standard input by its name may be a pipe or a terminal: it is the caller's own.
  const bool standard_input = path == "/dev/stdin";
  // O_NONBLOCK: opening a FIFO would otherwise wait for a writer, forever if none comes. It makes
  // no difference to reading a regular file, the only kind read (below).
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | (standard_input ? 0 : O_NONBLOCK)));
  if (fd.get() < 0) fail(path, "cannot open", errno);
  const auto refuse = [&](const std::string& message) {
    Location where;
    where.file = path.string();
    throw IoError(message, where);
  };
  const auto too_large = [&] {
    refuse("is larger than " + size_text(limit) + ", the most " +
           std::string(what.empty() ? "a file" : what) +
           " may be: not read (is it the right file?)");
  };
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) fail(path, "cannot read", errno);
  if (!standard_input && !S_ISREG(st.st_mode)) {
    refuse(std::string("is not a regular file but ") + kind_of(st.st_mode) +
           ": not read (a FIFO or a device may never end; give a file, or - for standard input "
           "where the command takes it)");
  }
  // A regular file tells its size: refuse it before reading anything.
  if (S_ISREG(st.st_mode) && static_cast<std::uintmax_t>(st.st_size) > limit) too_large();
  std::string data;
  if (S_ISREG(st.st_mode)) data.reserve(static_cast<std::size_t>(st.st_size));
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(path, "cannot read", errno);
    }
    if (n == 0) break;
    // A pipe or a file still growing: stop as soon as it holds more than the limit.
    if (static_cast<std::size_t>(n) > limit - data.size()) too_large();
    data.append(buffer, static_cast<std::size_t>(n));
  }
  return data;
}

void write_file_atomic(const std::filesystem::path& path, std::string_view data) {
  std::random_device random;
  const std::filesystem::path temp =
      path.string() + ".tmp-" + std::to_string(random()) + std::to_string(::getpid());
  Fd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
  if (fd.get() < 0) fail(path, "cannot create a file beside", errno);
  const auto give_up = [&](const char* what) {
    const int err = errno;
    ::close(fd.release());
    ::unlink(temp.c_str());
    fail(path, what, err);
  };
  std::size_t written = 0;
  while (written < data.size()) {
    const ssize_t n = ::write(fd.get(), data.data() + written, data.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      give_up("cannot write");
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd.get()) != 0) give_up("cannot flush");
  if (::close(fd.release()) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    fail(path, "cannot write", err);
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    fail(path, "cannot replace", err);
  }
}

std::string bytes_written_to_temporary(
    std::string_view prefix, const std::function<void(const std::filesystem::path&)>& write) {
  const std::filesystem::path temp = std::filesystem::temp_directory_path() /
                                     (std::string(prefix) + "-" + std::to_string(::getpid()) + "-" +
                                      std::to_string(std::random_device{}()) + ".tmp");
  try {
    write(temp);
    std::string bytes = read_file(temp);
    std::filesystem::remove(temp);
    return bytes;
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
    throw;
  }
}

}  // namespace taizhang::util

namespace taizhang {

std::string read_file_within(const std::filesystem::path& path, std::size_t limit,
                             std::string_view what) {
  return util::read_file(path, limit, what);
}

}  // namespace taizhang
