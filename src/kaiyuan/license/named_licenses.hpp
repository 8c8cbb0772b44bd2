#pragma once
/// Licenses named without their text: in prose ("the Apache License, Version 2.0", "a BSD-style
/// license", "the GNU LGPL v2.1 or later"), by a metadata value ("MIT", "GPLv2+", "Apache 2.0")
/// and by the address of their text (apache.org/licenses/LICENSE-2.0). A name that does not
/// say which license it is ("the GPL" with no version, "the Apache License" with none) names
/// none: no version is guessed.
#include <string>
#include <string_view>

namespace kaiyuan::license {

/// The SPDX id that `lower` (lower case) names at its start, after an optional article; ""
/// when none. `consumed` is set to the length of the name.
std::string license_named_at(std::string_view lower, std::size_t& consumed);

/// The SPDX id whose text `url` (lower case, with or without its scheme) is the address of:
/// apache.org/licenses/LICENSE-2.0, opensource.org/licenses/MIT, gnu.org/licenses/gpl-3.0.html,
/// creativecommons.org/licenses/by-sa/3.0/, spdx.org/licenses/<id>. "" for other addresses.
std::string license_of_url(std::string_view url);

/// The SPDX expression a metadata value names ("MIT", "GPL-2.0+", "(MIT OR Apache-2.0)",
/// "GPLv2+", "Apache License 2.0", "http://opensource.org/licenses/MIT MIT License",
/// "BSD, see LICENSE for details"); "" when it names no license that SPDX has.
std::string license_of_value(std::string_view value);

} // namespace kaiyuan::license
