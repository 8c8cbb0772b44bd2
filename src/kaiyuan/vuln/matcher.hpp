#pragma once
/// Matching the components of an SBOM against the advisory database.
#include "kaiyuan/model/diagnostic.hpp"
#include "kaiyuan/model/sbom.hpp"
#include "kaiyuan/vuln/advisory.hpp"
#include "kaiyuan/vuln/commit_history.hpp"
#include "kaiyuan/vuln/database.hpp"

#include <memory>
#include <string>
#include <vector>

namespace kaiyuan::vuln {

/// One advisory that affects one component.
struct Finding {
    std::size_t component = 0; ///< index into the SBOM's components
    std::shared_ptr<const Advisory> advisory;
    std::string ecosystem;          ///< of the affected entry that matched ("Debian:12")
    std::string package;            ///< the name it matched under (source or binary package)
    std::string version;            ///< the component version compared
    std::vector<std::string> fixed; ///< versions that fix it, from the matching ranges
    /// The VEX statement that applies (--vex): affected, not_affected, fixed or
    /// under_investigation; "" when none was given (the finding stands as affected).
    std::string vex_status, vex_justification, vex_detail, vex_source;
};

struct MatchResult {
    std::vector<Finding> findings; ///< by component, then advisory id
    std::uint64_t components_checked = 0;
    std::uint64_t components_without_ecosystem = 0;
    /// Comparisons that could not be made (a version the scheme refuses, an ecosystem without a
    /// comparator), one per component and advisory, so that nothing is dropped silently.
    std::vector<model::Diagnostic> diagnostics;
};

/// `history` answers GIT ranges for components that are git checkouts (may be null: then only a
/// commit named by a range's events is decided).
Result<MatchResult> match(const model::Sbom& sbom, Database& db, CommitHistory* history = nullptr);

} // namespace kaiyuan::vuln
