#pragma once
/// Portfolio analysis: an uploaded SBOM's components matched against the store's advisories by
/// the matcher `kaiyuan vuln` uses (vuln::KeyMatcher), their package keys kept for re-matching,
/// and the re-matching itself when advisories change.
#include "kaiyuan/license/policy.hpp"
#include "kaiyuan/model/sbom.hpp"
#include "kaiyuan/store/store.hpp"
#include "kaiyuan/vuln/advisory_store.hpp"

namespace kaiyuan::jobs {

/// For each component, the indices of its ancestors on a shortest dependency path from a
/// top-level component (Sbom::top_level()), top-level first; empty for a top-level one.
std::vector<std::vector<std::size_t>> dependency_paths(const model::Sbom& sbom);

/// The keys and findings of `sbom` (components installed by an OS package are matched through
/// that package, as `kaiyuan vuln` does by default), its components by license category, and,
/// with a policy, the components whose license it does not accept.
Result<store::Analysis> analyse(const model::Sbom& sbom, vuln::AdvisoryIndex& advisories,
                                const license::Policy* policy = nullptr);

/// Runs a claimed advisory re-match job: the advisories its payload names, against the stored
/// components whose keys they name.
Result<void> run_rematch(store::Store& store, vuln::AdvisoryIndex& advisories,
                         const store::ClaimedJob& job);

} // namespace kaiyuan::jobs
