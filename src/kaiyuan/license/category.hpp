#pragma once
/// Policy categories of licenses: what a license asks of those who ship the software.
///   permissive        notice and attribution only (MIT, BSD, Apache-2.0, MulanPSL-2.0)
///   weak_copyleft     changes to the licensed files stay open; the rest may be closed
///                     (LGPL, MPL, EPL, CDDL)
///   strong_copyleft   the whole derived work under the same license when distributed (GPL)
///   network_copyleft  strong copyleft triggered by use over a network too (AGPL, SSPL, OSL)
///   public_domain     no conditions (CC0-1.0, Unlicense)
///   unknown           proprietary, source-available, non-commercial or not classified
#include <string_view>

namespace kaiyuan::license {

enum class Category {
    permissive,
    weak_copyleft,
    strong_copyleft,
    network_copyleft,
    public_domain,
    unknown
};

const char* to_string(Category c);
/// "permissive", "weak-copyleft", ... (as to_string writes them); false when not a category.
bool parse_category(std::string_view text, Category& out);

/// kaiyuan's classification of an SPDX license id (a trailing '+' and LicenseRef-s are allowed;
/// LicenseRef-s are unknown). `osi_approved` licenses not named as copyleft are permissive.
Category category_of(std::string_view id, bool osi_approved);

} // namespace kaiyuan::license
