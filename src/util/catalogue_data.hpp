// The Chinese message catalogue, built into the library: po/zh_CN.po compiled by GNU msgfmt into
// a .mo image, embedded by cmake/embed_catalogue.cmake. Read by message.cpp only.
#pragma once

#include <cstddef>

namespace taizhang::util::detail {
extern const unsigned char kCatalogueZhCN[];
extern const std::size_t kCatalogueZhCNSize;
extern const std::size_t kCatalogueMessages;  // messages in the .po, translated or not
}  // namespace taizhang::util::detail
