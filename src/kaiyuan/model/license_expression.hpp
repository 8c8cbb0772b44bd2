#pragma once
/// SPDX license expressions (SPDX 2.3 Annex D; SPDX 3.0 "License expressions"):
///   compound := simple [WITH exception] | compound AND compound | compound OR compound |
///   (compound) simple   := license-id ['+'] | LicenseRef-x | DocumentRef-x:LicenseRef-y
/// WITH binds tighter than AND, AND tighter than OR. Operators are accepted in any case and written
/// in upper case; known identifiers are written in their canonical case.
#include "kaiyuan/util/error.hpp"

#include <memory>
#include <string>
#include <vector>

namespace kaiyuan::model {

class LicenseExpression {
public:
    enum class Kind { license, with, and_, or_ };

    /// Parses `text`. With `require_known_ids`, every license and exception id must be on the SPDX
    /// list (LicenseRef- and DocumentRef- are always allowed).
    static Result<LicenseExpression> parse(std::string_view text, bool require_known_ids = false);

    /// The normalised text: canonical id case, upper-case operators, parentheses only where needed.
    std::string to_string() const;
    Kind kind() const { return m_kind; }
    /// For Kind::license: the id (with '+' when present); for Kind::with: the exception.
    const std::string& id() const { return m_id; }
    const std::vector<LicenseExpression>& operands() const { return m_operands; }
    /// Every license id (and LicenseRef) used, in order of first appearance, without duplicates.
    std::vector<std::string> license_ids() const;

    /// The same terms said more simply: nested ANDs and ORs flattened, repeated operands once,
    /// absorbed operands dropped ("MIT AND (MIT OR Apache-2.0)" is "MIT"), and deprecated ids
    /// in their current form: the GNU ones ("GPL-2.0+" is "GPL-2.0-or-later", "GPL-2.0" is
    /// "GPL-2.0-only") and those replacement_of_deprecated() knows.
    LicenseExpression simplified() const;

    /// A single license id (or LicenseRef) as an expression.
    static LicenseExpression license(std::string id);
    /// `a AND b` / `a OR b`.
    static LicenseExpression join(Kind kind, std::vector<LicenseExpression> operands);

private:
    friend class LicenseExpressionParser;
    Kind m_kind = Kind::license;
    std::string m_id;
    std::vector<LicenseExpression> m_operands;
};

/// The canonical spelling of an SPDX license id (case-insensitive lookup), or "" when unknown.
std::string canonical_license_id(std::string_view id);
/// True for ids the SPDX list keeps only as deprecated (GPL-2.0, LGPL-2.1, ...); a trailing '+'
/// is ignored.
bool is_deprecated_license_id(std::string_view id);
/// What SPDX says to write instead of a deprecated id that is not a GNU "-only"/"-or-later"
/// spelling ("GPL-2.0-with-classpath-exception" -> "GPL-2.0-only WITH Classpath-exception-2.0",
/// "wxWindows" -> "GPL-2.0-or-later WITH WxWindows-exception-3.1", "Nunit" ->
/// "zlib-acknowledgement", "StandardML-NJ" -> "SMLNJ"); "" for other ids.
std::string_view replacement_of_deprecated(std::string_view id);

/// The canonical spelling of an SPDX exception id, or "" when unknown.
std::string canonical_exception_id(std::string_view id);
/// Adds ids of a newer SPDX list (read at run time) to the known ones: a license id (deprecated
/// or not) or an exception id. Call before any other thread parses expressions.
void add_license_id(std::string_view id, bool deprecated);
void add_exception_id(std::string_view id);
/// True for LicenseRef-... and DocumentRef-...:LicenseRef-... (SPDX idstring characters only).
bool is_license_ref(std::string_view id);
/// True when `id` is made only of SPDX idstring characters: letters, digits, '.', '-'.
bool is_idstring(std::string_view id);

} // namespace kaiyuan::model
