#pragma once
/// How an SBOM's bytes are kept: compressed with zstd (SBOM text shrinks about tenfold), with a
/// one-byte tag so that what was stored before (or uncompressed) still reads.
#include "kaiyuan/util/error.hpp"

#include <string>
#include <string_view>

namespace kaiyuan::store {

std::string pack_content(std::string_view bytes);
Result<std::string> unpack_content(std::string_view stored);

} // namespace kaiyuan::store
