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
    /// The text with the parts its SPDX template lets vary marked (templates.hpp); "" when the
    /// list carries no template (the compiled-in one: the index derives the marks).
    std::string_view match_text;
    /// The standard header as a match text (SPDX's standardLicenseHeaderTemplate); "" when the
    /// list carries none (the compiled-in one: notices.cpp cuts and writes the common ones).
    std::string_view header;
    bool osi_approved = false;
    bool deprecated = false;
    Category category = Category::unknown;
};

/// All licenses, ordered by id (without case); views into the embedded text (or into data given to
/// replace_license_list), valid for the program's life.
const std::vector<LicenseInfo>& spdx_licenses();

/// The license exceptions whose texts are known: none compiled in (no registry package carries
/// them; the index cuts a few from the texts of deprecated "GPL-2.0-with-...-exception" ids),
/// those of a list read at run time (license_data.hpp). Ordered by id.
const std::vector<LicenseInfo>& spdx_exceptions();

/// The exception with this id (exact) among spdx_exceptions(), or nullptr.
const LicenseInfo* find_exception(std::string_view id);

/// Puts `licenses` in place of the compiled-in licenses of the same id and beside the others,
/// and makes `exceptions` the known exceptions. The views must stay valid for the program's
/// life. Call before any other thread reads the list.
void replace_license_list(const std::vector<LicenseInfo>& licenses,
                          std::vector<LicenseInfo> exceptions);

/// The license with this id (case-insensitive), or nullptr.
const LicenseInfo* find_license(std::string_view id);

} // namespace kaiyuan::license
