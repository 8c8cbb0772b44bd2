#pragma once
/// The short forms of license information in a file: SPDX-License-Identifier tags (parsed as
/// SPDX expressions) and weaker clues, a license named in a sentence ("released under the MIT
/// license") or a pointer to a license file ("see LICENSE").
#include "kaiyuan/license/detector.hpp"

namespace kaiyuan::license {

/// Every `SPDX-License-Identifier:` line. A tag whose expression does not parse or names an id
/// not on the SPDX list is reported with the reason in `detail`.
std::vector<LicenseMatch> find_tags(std::string_view text);

/// Sentences that name a license or point to a license file, scored 50.
std::vector<LicenseMatch> find_clues(std::string_view text);

} // namespace kaiyuan::license
