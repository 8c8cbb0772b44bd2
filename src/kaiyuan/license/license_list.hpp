#pragma once
/// The SPDX License List compiled into kaiyuan: every license's id, name, OSI approval and full
/// text (data/spdx/licenses.txt, made by tools/update-spdx-licenses.sh from a pinned registry
/// package), with kaiyuan's policy category.
#include "kaiyuan/license/category.hpp"

#include <string_view>
#include <vector>

namespace kaiyuan::license {

struct LicenseInfo {
    std::string_view id, name, text;
    bool osi_approved = false;
    bool deprecated = false;
    Category category = Category::unknown;
};

/// All licenses, ordered by id; views into the embedded text, valid for the program's life.
const std::vector<LicenseInfo>& spdx_licenses();

/// The license with this id (case-insensitive), or nullptr.
const LicenseInfo* find_license(std::string_view id);

} // namespace kaiyuan::license
