#pragma once
/// The license of a Debian package from /usr/share/doc/<pkg>/copyright: the License fields of a
/// machine-readable file (copyright-format 1.0), or the /usr/share/common-licenses/<name>
/// references of a free-form one.
#include <string>
#include <string_view>
#include <vector>

namespace kaiyuan::catalog::dpkg {

/// The license short names the file names, in order of first appearance, without duplicates.
std::vector<std::string> copyright_licenses(std::string_view text);

} // namespace kaiyuan::catalog::dpkg
