#pragma once
/// A review of a change: the difference between two SBOMs, the vulnerabilities the change
/// introduces, fixes and leaves in place (with an advisory database), judged by a policy.
#include "kaiyuan/review/diff.hpp"
#include "kaiyuan/review/policy.hpp"
#include "kaiyuan/vuln/advisory_store.hpp"

#include <memory>
#include <string>
#include <vector>

namespace kaiyuan::vuln {
struct Advisory;
}

namespace kaiyuan::review {

/// One advisory on one component.
struct VulnerabilityEntry {
    std::shared_ptr<const vuln::Advisory> advisory;
    std::string severity; ///< low ... critical, unknown
    double score = 0;     ///< top CVSS score, 0 when none
    std::vector<std::string> fixed;
    Entry component;             ///< on the side that has it (head for introduced and present)
    std::string allowed_because; ///< the policy's reason when allow-advisories accepts it
    /// The patch of the component's spec that names the advisory's CVE (a backport, as
    /// openEuler fixes most advisories): the finding stands by version, but is patched, and
    /// fails no review.
    std::string patched_by;
};

/// Something the policy does not accept.
struct Violation {
    /// vulnerability, license, unknown-license, denied-package, unreadable
    std::string rule;
    bool error = true; ///< false: a warning (warn-only, or a rule that only warns)
    std::string message;
    std::optional<Entry> component;
    std::string advisory;
    model::Location location; ///< the file (and line) to point at
};

struct ReviewResult {
    SbomDiff diff;
    bool vulnerabilities_checked = false;
    std::vector<VulnerabilityEntry> introduced, fixed, present;
    std::vector<Violation> violations;
    /// Problems reading either side, and notes (ignored policy keys, unchecked ecosystems).
    std::vector<model::Diagnostic> diagnostics;
    /// Whether a violation is an error: the review fails (exit 1).
    bool failed() const;
};

struct ReviewInput {
    const model::Sbom& base;
    const model::Sbom& head;
    vuln::AdvisoryIndex* db = nullptr; ///< null: no vulnerability part
    const ReviewPolicy* policy = nullptr;
    std::string today; ///< YYYY-MM-DD, for allow-advisories' expiry
};

Result<ReviewResult> run_review(const ReviewInput& input);

} // namespace kaiyuan::review
