#pragma once
/// Turns the license names that package metadata carries into SPDX license expressions: the rpm
/// License tag (SPDX on newer Fedora/openEuler, Fedora's legacy short names on older ones), the
/// short names of Debian machine-readable copyright files (copyright-format 1.0, section 7.2) and
/// apk's license field. A name with no SPDX equivalent becomes a LicenseRef- so that the result is
/// always a syntactically valid expression; the raw text stays on the component.
#include <string>
#include <string_view>

namespace kaiyuan::model {

enum class LicenseDialect { spdx, rpm, debian, apk };

/// The SPDX expression for `raw`, or "" when `raw` is empty or says nothing (NOASSERTION, unknown).
std::string to_spdx_expression(std::string_view raw, LicenseDialect dialect);

/// `LicenseRef-` + `text` with every character outside the SPDX idstring set replaced by '-'.
std::string make_license_ref(std::string_view text);

} // namespace kaiyuan::model
