// The Python face of a Ledger, shared by the files that bind Ledger's methods
// (register_ledger*.cpp).
#pragma once

#include <atomic>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <utility>

#include "common.hpp"

namespace taizhang::python {

// The Python face of a Ledger. close() ends it before the object goes away; every later call
// raises ValueError. Calls run with the GIL released, under a shared lock that close() waits for,
// so that a ledger is never closed under a call running in another thread. The lock is only ever
// taken without the GIL: a call may need the GIL back (the clock) while it holds the lock.
class LedgerHandle {
 public:
  explicit LedgerHandle(Ledger ledger)
      : path_(ledger.path().string()), ledger_(std::move(ledger)) {}

  // Runs f(ledger) with the GIL released: f must not touch Python objects, and what it returns is
  // turned into Python objects only after the GIL is back.
  template <class F>
  auto call(F&& f) {
    const py::gil_scoped_release release;
    const std::shared_lock lock(mutex_);
    if (!ledger_) throw py::value_error("the ledger is closed");
    return std::forward<F>(f)(*ledger_);
  }

  void close() {
    const py::gil_scoped_release release;
    std::optional<Ledger> closing;
    {
      const std::unique_lock lock(mutex_);
      closing.swap(ledger_);
      closed_ = true;
    }
    // `closing` goes here: the file is closed and the clock let go (which takes the GIL back).
  }

  [[nodiscard]] bool closed() const noexcept { return closed_; }
  [[nodiscard]] const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
  mutable std::shared_mutex mutex_;
  std::optional<Ledger> ledger_;
  std::atomic<bool> closed_ = false;
};

}  // namespace taizhang::python
