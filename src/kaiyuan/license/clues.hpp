#pragma once
/// The short forms of license information in a file: SPDX-License-Identifier tags (parsed as
/// SPDX expressions, clues.cpp); references that name a license without its text (a sentence,
/// "released under the MIT license"; a field, "@license MIT"; an address,
/// apache.org/licenses/LICENSE-2.0; references.cpp); and clues, which name no license that can
/// be told exactly (a pointer, "see LICENSE").
#include "kaiyuan/license/detector.hpp"

namespace kaiyuan::license {

/// Every `SPDX-License-Identifier:` line. A tag whose expression does not parse or names an id
/// not on the SPDX list is reported with the reason in `detail`.
std::vector<LicenseMatch> find_tags(std::string_view text);

/// References, scored 70, and clues, scored 50 (references.cpp says which wording is which).
std::vector<LicenseMatch> find_references(std::string_view text);

} // namespace kaiyuan::license
