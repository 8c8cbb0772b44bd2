#pragma once
/// Whether a version is affected by an OSV `affected[]` entry, by the evaluation the OSV schema
/// gives (https://ossf.github.io/osv-schema/#evaluation): the enumerated `versions[]`, then each
/// SEMVER and ECOSYSTEM range walked in version order (introduced opens, fixed and
/// last_affected close, limit bounds the range).
#include "kaiyuan/version/compare.hpp"
#include "kaiyuan/vuln/advisory.hpp"
#include "kaiyuan/vuln/commit_history.hpp"

#include <string>
#include <vector>

namespace kaiyuan::vuln {

struct Evaluation {
    enum class Verdict { affected, not_affected, unknown };
    Verdict verdict = Verdict::not_affected;
    std::vector<std::string> fixed; ///< the fixed versions of the ranges that apply
    std::string why;                ///< for unknown: what could not be compared
};

/// An affected entry made ready to evaluate many versions: its events sorted once per range, its
/// versions in a set. `scheme` is the comparator of the entry's ecosystem (SEMVER ranges use
/// SemVer whatever it is).
struct PreparedAffected {
    struct Range {
        version::Scheme scheme;
        std::vector<RangeEvent> events; ///< in version order
        std::string sort_error;         ///< events that could not be ordered: undecided
    };
    std::vector<Range> ranges;         ///< SEMVER and ECOSYSTEM ranges
    std::vector<AffectedRange> git;    ///< GIT ranges, as the record gives them
    std::vector<std::string> versions; ///< sorted, for binary search
    std::vector<std::string> fixed;    ///< every fixed version of those ranges
};
PreparedAffected prepare(const Affected& affected, version::Scheme scheme);

/// The versions[] and the SEMVER and ECOSYSTEM ranges; GIT ranges are left to evaluate_commit().
Evaluation evaluate(const PreparedAffected& affected, std::string_view version);

/// The GIT ranges of `repository` (as normalize_repository_url() gives it) for `commit`: affected
/// when an `introduced` commit (or "0") is in the commit's history, no `fixed` one is, no
/// `last_affected` one is before it, and it is in the history of a `limit` when there are any.
/// A commit that is itself an event needs no history; otherwise `history` (may be null) decides,
/// and the verdict is unknown when it cannot.
Evaluation evaluate_commit(const PreparedAffected& affected, std::string_view repository,
                           std::string_view commit, CommitHistory* history);

/// prepare() and evaluate() in one, for a single version.
Evaluation evaluate(const Affected& affected, std::string_view version, version::Scheme scheme);

} // namespace kaiyuan::vuln
