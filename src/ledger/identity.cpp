// Ed25519 keys through OpenSSL's EVP interface.
#include "taizhang/identity.hpp"

#include <fcntl.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>

#include "taizhang/error.hpp"
#include "util/enum_names.hpp"

namespace taizhang {

namespace {

using PKey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

constexpr std::size_t kMaxKeyFile = 64 * 1024;

std::string hex(const unsigned char* p, std::size_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (std::size_t i = 0; i < n; ++i) {
    out += kHex[p[i] >> 4U];
    out += kHex[p[i] & 15U];
  }
  return out;
}

std::optional<std::string> unhex(std::string_view s) {
  if (s.size() % 2 != 0) return std::nullopt;
  std::string out;
  out.reserve(s.size() / 2);
  const auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < s.size(); i += 2) {
    const int hi = nibble(s[i]);
    const int lo = nibble(s[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
  }
  return out;
}

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  return n > 0 ? std::string(data, static_cast<std::size_t>(n)) : std::string();
}

[[noreturn]] void crypto_failure(const char* what) {
  throw Error(ErrorCode::internal, std::string("OpenSSL failed to ") + what);
}

std::string raw_public_key(EVP_PKEY* key) {
  unsigned char raw[64];
  std::size_t length = sizeof raw;
  if (EVP_PKEY_get_raw_public_key(key, raw, &length) != 1) crypto_failure("read a public key");
  return std::string(reinterpret_cast<const char*>(raw), length);
}

std::string fingerprint(EVP_PKEY* key) {
  const std::string raw = raw_public_key(key);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(raw.data(), raw.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    crypto_failure("hash a public key");
  }
  return hex(digest, length);
}

PKey public_key(std::string_view pem) {
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
  if (!bio) return PKey(nullptr, &EVP_PKEY_free);
  PKey key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
  if (key && EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519) key.reset();
  return key;
}

// A passphrase callback that never asks: a key that is encrypted and given without a passphrase
// fails to read instead of prompting on a terminal.
int no_prompt(char*, int, int, void*) {
  return 0;
}

using P = std::pair<PrincipalKind, const char*>;
constexpr auto kKinds = detail::enum_names<PrincipalKind>(P{PrincipalKind::person, "person"},
                                                          P{PrincipalKind::service, "service"});

}  // namespace

struct Signer::Impl {
  PKey key{nullptr, &EVP_PKEY_free};
  std::string id;
};

Signer::Signer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Signer::Signer(const Signer& other) : impl_(std::make_unique<Impl>()) {
  EVP_PKEY_up_ref(other.impl_->key.get());
  impl_->key.reset(other.impl_->key.get());
  impl_->id = other.impl_->id;
}
Signer& Signer::operator=(const Signer& other) {
  if (this != &other) *this = Signer(other);
  return *this;
}
Signer::Signer(Signer&&) noexcept = default;
Signer& Signer::operator=(Signer&&) noexcept = default;
Signer::~Signer() = default;

Signer Signer::generate() {
  auto impl = std::make_unique<Impl>();
  EVP_PKEY* raw = nullptr;
  const std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(
      EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr), &EVP_PKEY_CTX_free);
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 || EVP_PKEY_keygen(ctx.get(), &raw) != 1) {
    crypto_failure("generate an Ed25519 key");
  }
  impl->key.reset(raw);
  impl->id = fingerprint(raw);
  return Signer(std::move(impl));
}

Signer Signer::from_pem(std::string_view pem, std::string_view passphrase,
                        std::string_view source) {
  if (pem.size() > kMaxKeyFile) {
    throw ParseError(std::string(source) + " is larger than a key file can be");
  }
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
  if (!bio) crypto_failure("read a key");
  const std::string pass(passphrase);
  EVP_PKEY* raw =
      passphrase.empty()
          ? PEM_read_bio_PrivateKey(bio.get(), nullptr, &no_prompt, nullptr)
          : PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, const_cast<char*>(pass.c_str()));
  if (raw == nullptr) {
    throw ParseError(std::string(source) +
                     " is not a private key this library can read (an Ed25519 key in PEM, as "
                     "`taizhang key new` writes it), or its passphrase is wrong or missing");
  }
  auto impl = std::make_unique<Impl>();
  impl->key.reset(raw);
  if (EVP_PKEY_get_id(raw) != EVP_PKEY_ED25519) {
    throw ParseError(std::string(source) + " holds a key of another kind: Ed25519 is needed");
  }
  impl->id = fingerprint(raw);
  return Signer(std::move(impl));
}

Signer Signer::load(const std::filesystem::path& path, std::string_view passphrase) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    throw IoError("is not a key file (a regular file is needed)",
                  Location{path.string(), 0, 0, ""});
  }
  std::ifstream in(path, std::ios::binary);
  std::string pem;
  pem.resize(kMaxKeyFile + 1);
  in.read(pem.data(), static_cast<std::streamsize>(pem.size()));
  if (in.bad()) throw IoError("cannot read the key file", Location{path.string(), 0, 0, ""});
  pem.resize(static_cast<std::size_t>(in.gcount()));
  return from_pem(pem, passphrase, path.string());
}

std::string Signer::private_key_pem(std::string_view passphrase) const {
  Bio bio(BIO_new(BIO_s_mem()), &BIO_free);
  const std::string pass(passphrase);
  const int ok = passphrase.empty() ? PEM_write_bio_PrivateKey(bio.get(), impl_->key.get(), nullptr,
                                                               nullptr, 0, nullptr, nullptr)
                                    : PEM_write_bio_PKCS8PrivateKey(
                                          bio.get(), impl_->key.get(), EVP_aes_256_cbc(), nullptr,
                                          0, nullptr, const_cast<char*>(pass.c_str()));
  if (!bio || ok != 1) crypto_failure("write a private key");
  return bio_text(bio.get());
}

void Signer::save(const std::filesystem::path& path, std::string_view passphrase) const {
  const std::string pem = private_key_pem(passphrase);
  const Location where{path.string(), 0, 0, ""};
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    throw IoError(errno == EEXIST ? "exists already: a key file is never overwritten"
                                  : std::string("cannot be created: ") + std::strerror(errno),
                  where);
  }
  std::size_t written = 0;
  while (written < pem.size()) {
    const ssize_t n = ::write(fd, pem.data() + written, pem.size() - written);
    if (n <= 0) {
      ::close(fd);
      throw IoError("cannot be written", where);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) throw IoError("cannot be written", where);
}

std::string Signer::public_key_pem() const {
  Bio bio(BIO_new(BIO_s_mem()), &BIO_free);
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), impl_->key.get()) != 1) {
    crypto_failure("write a public key");
  }
  return bio_text(bio.get());
}

std::string Signer::key_id() const {
  return impl_->id;
}

std::string Signer::sign(std::string_view bytes) const {
  MdCtx ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  unsigned char signature[64];
  std::size_t length = sizeof signature;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, impl_->key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), signature, &length,
                     reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()) != 1) {
    crypto_failure("sign");
  }
  return hex(signature, length);
}

std::string key_id_of(std::string_view public_key_pem) {
  const PKey key = public_key(public_key_pem);
  if (!key) {
    throw ParseError(
        "not an Ed25519 public key in PEM (as `taizhang key new` writes it beside "
        "the private key, FILE.pub)");
  }
  return fingerprint(key.get());
}

bool signature_holds(std::string_view public_key_pem, std::string_view bytes,
                     std::string_view signature) noexcept {
  try {
    const std::optional<std::string> raw = unhex(signature);
    if (!raw || raw->size() != 64) return false;
    // A ledger holds few keys and verify checks many signatures by each: parsed keys are kept,
    // per thread (an EVP_PKEY is not to be shared while in use), a bounded number of them.
    thread_local std::map<std::string, PKey, std::less<>> parsed;
    auto found = parsed.find(public_key_pem);
    if (found == parsed.end()) {
      if (parsed.size() >= 256) parsed.clear();
      found = parsed.emplace(std::string(public_key_pem), public_key(public_key_pem)).first;
    }
    const PKey& key = found->second;
    if (!key) return false;
    MdCtx ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    return ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) == 1 &&
           EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(raw->data()),
                            raw->size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                            bytes.size()) == 1;
  } catch (...) {
    return false;
  }
}

const char* to_string(PrincipalKind kind) noexcept {
  return kKinds.name(kind);
}
std::optional<PrincipalKind> principal_kind_from_string(std::string_view text) noexcept {
  return kKinds.parse(text);
}

}  // namespace taizhang
