#pragma once
/// The GNU licenses as people name them in prose: "the GNU GPL, version 2 or later", "LGPL v2.1+",
/// "GNU Lesser General Public License version 3", "GPLv2", "GNU Affero GPL v3 or any later
/// version". A name without a version names no SPDX id (the GPL has three): none is guessed.
#include <string>
#include <string_view>

namespace kaiyuan::license {

/// The SPDX id that `text` (lower case) names at its start, "" when none; `consumed` is set to
/// the length of the name.
std::string gnu_license_name(std::string_view text, std::size_t& consumed);

} // namespace kaiyuan::license
