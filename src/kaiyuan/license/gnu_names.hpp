#pragma once
/// The GNU licenses as people name them in prose: "the GNU GPL, version 2 or later", "LGPL v2.1+",
/// "GNU Lesser General Public License version 3", "GPLv2", "GNU Affero GPL v3 or any later
/// version". A name without a version is read apart (gnu_license_without_version).
#include <string>
#include <string_view>

namespace kaiyuan::license {

/// The SPDX id that `text` (lower case) names at its start, "" when none; `consumed` is set to
/// the length of the name.
std::string gnu_license_name(std::string_view text, std::size_t& consumed);

/// A GNU license named with no version ("the GNU General Public License", "the GPL", "the GNU
/// Lesser General Public License"): the license grants any version then. GPL-2.0 section 9
/// and GPL-3.0 section 14: "If the Program does not specify a version number of this License,
/// you may choose any version ever published by the Free Software Foundation"; LGPL-2.1
/// section 13 and LGPL-2.0 section 13 say the same of the Library. So "the GPL" is
/// GPL-1.0-or-later, the Library GPL (or "LGPL") LGPL-2.0-or-later, the Lesser GPL
/// LGPL-2.1-or-later (2.1 was its first), the Affero GPL AGPL-3.0-or-later. "" when `text`
/// does not start with such a name, or when a version follows it.
std::string gnu_license_without_version(std::string_view text, std::size_t& consumed);

} // namespace kaiyuan::license
