#pragma once
/// License policy: which licenses a project accepts. A policy file (YAML or JSON) lists
///   allow: [MIT, Apache-2.0]                      ids always accepted
///   deny: [AGPL-3.0-only]                         ids never accepted
///   allow-categories: [permissive, public-domain] categories accepted (category.hpp)
///   deny-categories: [network-copyleft]           categories never accepted
/// Deny wins over allow. With no allow list at all, whatever is not denied is accepted; with
/// one, only what it allows. An expression is accepted when a choice among its ORs exists whose
/// licenses are all accepted (a WITH exception only adds permissions; it is refused only when
/// denied by name).
#include "kaiyuan/license/category.hpp"
#include "kaiyuan/model/license_expression.hpp"

#include <set>
#include <string>
#include <vector>

namespace kaiyuan::license {

struct Policy {
    std::set<std::string> allow, deny; ///< canonical ids (deprecated GNU ids in current spelling)
    std::set<Category> allow_categories, deny_categories;
};

/// Reads a policy file; unknown keys, unknown categories and ids not on the SPDX list (other
/// than LicenseRef-) are errors that name the file and the line.
Result<Policy> read_policy(std::string_view text, const std::string& path);
Result<Policy> read_policy_file(const std::string& path);

/// Adds one entry of an allow or deny list: a license or exception id (a trailing '+' allowed), a
/// LicenseRef-, a category, or an SPDX expression (each license and exception it names). Fails
/// saying what the text is not.
Result<void> add_to_policy(Policy& policy, bool allow, std::string_view entry);

struct PolicyVerdict {
    bool accepted = true;
    std::vector<std::string> reasons; ///< why not: "AGPL-3.0-only is denied", ...
};

PolicyVerdict evaluate(const Policy& policy, const model::LicenseExpression& expression);

/// The category of one license id (a trailing '+' allowed; LicenseRef-s are unknown).
Category category_of_license(const std::string& id);

/// The most demanding category among an expression's licenses (network copyleft over strong
/// over weak over unknown over permissive over public domain): what a component's metrics count.
Category strictest_category(const model::LicenseExpression& expression);

} // namespace kaiyuan::license
