#pragma once
/// Concluded licenses of packages from the licenses found in their files (`scan --licenses`):
/// a package's files are those it owns (the file lists of rpm, dpkg and apk databases, under
/// the root that database belongs to) or, for a package installed in a directory of its own
/// (node_modules/x/package.json, a Ruby gem), the files under that directory. The concluded
/// license is every license found in them, joined with AND and simplified.
#include "kaiyuan/license/file_scan.hpp"
#include "kaiyuan/model/sbom.hpp"

namespace kaiyuan::license {

struct ConcludeStats {
    std::uint64_t packages_with_files = 0; ///< packages whose files could be told
    std::uint64_t concluded = 0;           ///< of those, packages with a license found
};

/// Sets `license_concluded` of each component whose files are known and hold licenses; the
/// number of files that gave it goes to the property "kaiyuan:license:files".
ConcludeStats conclude_licenses(model::Sbom& sbom, const LicenseScan& scan);

} // namespace kaiyuan::license
