#pragma once
/// Portfolio analysis: an uploaded SBOM's components matched against the store's advisories by
/// the matcher `kaiyuan vuln` uses (vuln::KeyMatcher), their package keys kept for re-matching,
/// and the re-matching itself when advisories change.
#include "kaiyuan/license/policy.hpp"
#include "kaiyuan/model/sbom.hpp"
#include "kaiyuan/store/store.hpp"
#include "kaiyuan/vuln/advisory_store.hpp"

#include <optional>

namespace kaiyuan::jobs {

/// For each component, the indices of its ancestors on a shortest dependency path from a
/// top-level component (Sbom::top_level()), top-level first; empty for a top-level one.
std::vector<std::vector<std::size_t>> dependency_paths(const model::Sbom& sbom);

/// The keys and findings of `sbom` (components installed by an OS package are matched through
/// that package, as `kaiyuan vuln` does by default), its components by license category, and,
/// with a policy, the components whose license it does not accept.
Result<store::Analysis> analyse(const model::Sbom& sbom, vuln::AdvisoryIndex& advisories,
                                const license::Policy* policy = nullptr);

/// A component's license judged: its category (license/category.hpp words, "none" without a
/// license) and, under a policy that does not accept it, the violation. A license that is not
/// an SPDX expression counts as unknown and, under a policy, violates it: what cannot be read
/// cannot be accepted. The license judged is the concluded one, else the declared one.
struct LicenseVerdict {
    std::string category;
    std::optional<store::NewViolation> violation;
};
LicenseVerdict judge_license(const store::LicensedComponent& component,
                             const license::Policy* policy);

/// The store's license policy (none when it has none); `text` gets its text.
Result<std::optional<license::Policy>> store_policy(store::Store& store, std::string& text);

/// Runs a claimed re-judge job: every current component by the store's policy as it is now.
Result<void> run_rejudge(store::Store& store, const store::ClaimedJob& job);

/// Runs a claimed advisory re-match job: the advisories its payload names, against the stored
/// components whose keys they name.
Result<void> run_rematch(store::Store& store, vuln::AdvisoryIndex& advisories,
                         const store::ClaimedJob& job);

} // namespace kaiyuan::jobs
