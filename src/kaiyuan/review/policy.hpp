#pragma once
/// What a review fails on: the policy file of `kaiyuan review --policy FILE` (docs/cli.md,
/// "Review policy"). Its keys are those of GitHub's dependency-review-action configuration file,
/// so that an existing `.github/dependency-review-config.yml` works unchanged, plus kaiyuan's own:
///   fail-on-severity: low | moderate (medium) | high | critical
///   fail-on-scopes: [runtime, development, optional, build]   (default: runtime)
///   allow-licenses / deny-licenses: ids, SPDX expressions, kaiyuan's license categories
///   allow-dependencies-licenses: purls whose licenses are not checked
///   allow-ghsas / allow-advisories: ids, or {id, reason, expires: YYYY-MM-DD}
///   deny-packages: purls, all versions, one (@1.2.3) or a vers range (@vers:npm/<4.17.21)
///   deny-groups: purl namespaces (pkg:maven/com.example)
///   license-check / vulnerability-check / warn-only: true | false
///   new-packages: {require-license: none | direct | all}
/// Lists may also be written as one comma-separated string, as the action's inputs are.
#include "kaiyuan/license/policy.hpp"
#include "kaiyuan/version/vers.hpp"

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace kaiyuan::review {

/// An advisory a review accepts, with why and until when.
struct AllowedAdvisory {
    std::string id;
    std::string reason;
    std::string expires; ///< YYYY-MM-DD, "" for never
    std::uint32_t line = 0;
};

/// A package no change may bring in.
struct DeniedPackage {
    std::string text;     ///< as written
    std::string identity; ///< pkg:type/namespace/name (review::package_identity without arch)
    std::string version;  ///< one version; "" for every version unless `range`
    std::optional<version::VersRange> range;
};

struct ReviewPolicy {
    /// Lowest severity that fails (severity_rank: low 1 ... critical 4). Findings of unknown
    /// severity fail at "low", the default, as a vulnerability nobody rated may be anything.
    int fail_on_severity = 1;
    std::set<std::string> fail_on_scopes{"runtime"};
    license::Policy licenses;
    bool has_license_rules = false;
    std::vector<std::string> license_exempt; ///< package identities (allow-dependencies-licenses)
    std::vector<AllowedAdvisory> allowed_advisories;
    std::vector<DeniedPackage> denied_packages;
    std::vector<std::string> denied_groups; ///< "pkg:maven/com.example" (namespace prefix)
    bool license_check = true;
    bool vulnerability_check = true;
    bool warn_only = false;
    /// Which new packages must declare a license: "none", "direct" or "all".
    std::string require_license = "none";
    std::string base_ref, head_ref; ///< the action's base-ref / head-ref, defaults for --git
    /// Keys of the action that mean nothing offline (comment-summary-in-pr, ...), read and
    /// reported as ignored so that nothing the user wrote is dropped silently.
    std::vector<std::string> ignored_keys;
};

/// Reads a policy; errors name the file and line and say what was expected.
Result<ReviewPolicy> read_review_policy(std::string_view text, const std::string& path);
Result<ReviewPolicy> read_review_policy_file(const std::string& path);

/// Whether `purl` (a component's) is denied, and by which entry ("" when not).
std::string denied_by(const ReviewPolicy& policy, const std::string& purl,
                      const std::string& version);

/// Whether allow-dependencies-licenses exempts the component of `purl` from license checks.
bool is_license_exempt(const ReviewPolicy& policy, const std::string& purl);

} // namespace kaiyuan::review
