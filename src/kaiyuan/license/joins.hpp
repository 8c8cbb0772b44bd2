#pragma once
/// Joining findings of one file that belong together, after detection.
#include "kaiyuan/license/detector.hpp"

namespace kaiyuan::license {

/// "GPL-" in "GPL-2.0-or-later", "LGPL-" in "LGPL-2.1-only", "AGPL-"; "" for other ids: the GNU
/// license a version belongs to.
std::string_view gnu_family(std::string_view id);

/// Each exception joins the nearest license text, notice or tag within 40 lines
/// ("GPL-2.0-or-later WITH Classpath-exception-2.0"); one with no license near stays alone.
void join_exceptions(std::vector<LicenseMatch>& matches);

/// Two licenses offered as a choice ("Alternatively, this software may be distributed under the
/// terms of the GNU General Public License", "dual licensed under ...", "a choice of one of two
/// licenses"): one finding "A OR B", as the file's SPDX tag would say, not two that a package's
/// conclusion would AND. Only for two licenses that stand together, with no third within 20
/// lines of them (each header of a file that carries several is its own group), one a text or
/// notice, the other a text, notice or a clue that names one (`hidden` are such clues inside a
/// text's lines, which are otherwise not reported), with the cue in or just before their lines
/// (of `text`).
void join_dual_licenses(std::vector<LicenseMatch>& matches, const std::vector<LicenseMatch>& hidden,
                        std::string_view text);

/// A GFDL notice or reference that says whether the document has invariant sections names the
/// GFDL that SPDX keeps for it: "with no Invariant Sections, no Front-Cover Texts, and no
/// Back-Cover Texts" (the FSF's recommended header) is GFDL-x-no-invariants-*, "with the
/// Invariant Sections being ..." GFDL-x-invariants-*. Read in the finding's lines and the four
/// after them (of `text`); the GFDL's own text, which quotes both in its addendum, stays.
void name_gfdl_sections(std::vector<LicenseMatch>& matches, std::string_view text);

} // namespace kaiyuan::license
