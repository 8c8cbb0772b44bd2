#pragma once
/// The rpm header structure (rpm's doc "RPM package format", lib/header.c): a count of index
/// entries (il) and of data bytes (dl), both big-endian, then il 16-byte entries {tag, type,
/// offset, count}, then the data store. rpmdb backends store exactly this "header blob"; package
/// files prefix it with the 8-byte header magic.
#include "kaiyuan/util/error.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace kaiyuan::catalog::rpm {

struct RpmPackage {
    std::string name, version, release, arch, license, vendor, packager, url, summary, source_rpm;
    std::string modularity_label;
    std::int64_t epoch = -1; ///< -1: no epoch
    std::uint64_t size = 0;
    std::vector<std::string> provides;
    std::vector<std::string> requires_; ///< without rpmlib() and other RPMSENSE_RPMLIB requirements
    std::vector<std::string> files;     ///< absolute paths
    std::string sha256_header;          ///< RPMTAG_SHA256HEADER (hex), when present
    std::string sigmd5;                 ///< RPMTAG_SIGMD5 (hex), when present
};

/// Parses a header blob (no magic). Fails with the reason on any out-of-bounds or inconsistent
/// entry; never reads past `blob`.
Result<RpmPackage> parse_header_blob(std::string_view blob);

/// The number of bytes a header (il, dl, index and data, no magic) occupies at the start of
/// `bytes`, or an error when it does not fit.
Result<std::size_t> header_blob_size(std::string_view bytes);

} // namespace kaiyuan::catalog::rpm
