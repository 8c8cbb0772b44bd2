#pragma once
/// A .deb file (deb(5): an ar archive of debian-binary, control.tar[.gz|.xz|.zst], data.tar.*):
/// the package from its control file, the files it installs from md5sums.
#include "kaiyuan/catalog/dpkg/status.hpp"
#include "kaiyuan/util/error.hpp"

namespace kaiyuan::catalog::dpkg {

struct DebFile {
    DpkgPackage package;
    std::vector<std::string> files;
};

Result<DebFile> parse_deb(std::string_view bytes);

} // namespace kaiyuan::catalog::dpkg
