#pragma once
/// Matching the components of an SBOM against the advisory database.
#include "kaiyuan/model/diagnostic.hpp"
#include "kaiyuan/model/sbom.hpp"
#include "kaiyuan/vuln/advisory.hpp"
#include "kaiyuan/vuln/advisory_store.hpp"
#include "kaiyuan/vuln/commit_history.hpp"
#include "kaiyuan/vuln/package_key.hpp"

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
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

/// A match that could not be decided either way: the advisory names the package, but its ranges
/// could not be evaluated for this version (no commit history for a GIT range, a version the
/// scheme refuses, an ecosystem without a comparator). Reported, and able to fail a gate.
struct Undecided {
    std::size_t component = 0; ///< index into the SBOM's components
    std::string advisory;      ///< its id
    std::string reason;
};

struct MatchResult {
    std::vector<Finding> findings; ///< by component, then advisory id
    std::vector<Undecided> undecided;
    /// Components whose ecosystem the database holds advisories for, and which were matched.
    std::uint64_t components_checked = 0;
    std::uint64_t components_without_ecosystem = 0;
    /// Components of ecosystems (or distribution releases) the database holds no advisories for
    /// at all: "no findings" says nothing about them. Keyed by ecosystem as advisories name it
    /// ("Debian:12", "Rocky Linux:9", "npm"), with how many components each.
    std::map<std::string, std::uint64_t> unchecked_ecosystems;
    std::uint64_t components_unchecked = 0;
    /// Language packages an OS package installed, matched through that package instead.
    std::uint64_t components_owned_by_os = 0;
    /// Comparisons that could not be made (a version the scheme refuses, an ecosystem without a
    /// comparator), one per component and advisory, so that nothing is dropped silently.
    std::vector<model::Diagnostic> diagnostics;
};

struct MatchOptions {
    /// Answers GIT ranges for components that are git checkouts (null: then only a commit named
    /// by a range's events is decided).
    CommitHistory* history = nullptr;
    /// Also match language packages that an OS package installed (model::k_owned_by_property)
    /// as language packages. By default they are matched through their OS package, whose
    /// advisories account for the distribution's backported fixes (trivy's and grype's way).
    bool os_owned_as_language = false;
};

Result<MatchResult> match(const model::Sbom& sbom, AdvisoryIndex& db, const MatchOptions& options);
inline Result<MatchResult> match(const model::Sbom& sbom, AdvisoryIndex& db,
                                 CommitHistory* history = nullptr) {
    return match(sbom, db, MatchOptions{history, false});
}

/// The matching of one component by its package keys: what match() does per component, open to
/// callers that keep keys rather than SBOMs (the service re-matches stored components by the keys
/// it stored when an advisory changes). Caches the rows and headers it reads for its lifetime.
class KeyMatcher {
public:
    KeyMatcher(AdvisoryIndex& db, CommitHistory* history);
    ~KeyMatcher();
    KeyMatcher(const KeyMatcher&) = delete;
    KeyMatcher& operator=(const KeyMatcher&) = delete;
    /// Appends the findings (ordered by advisory id) and undecided matches of component
    /// `component`, whose keys are `keys` (package_keys() order); `label` names it in diagnostics.
    Result<void> match(std::size_t component, const std::vector<PackageKey>& keys,
                       std::string_view label, MatchResult& out);

private:
    struct Caches;
    AdvisoryIndex& m_db;
    CommitHistory* m_history;
    std::unique_ptr<Caches> m_caches;
};

} // namespace kaiyuan::vuln
