#pragma once
/// Whether a version is affected by an OSV `affected[]` entry, by the evaluation the OSV schema
/// gives (https://ossf.github.io/osv-schema/#evaluation): the enumerated `versions[]`, then each
/// SEMVER and ECOSYSTEM range walked in version order (introduced opens, fixed and
/// last_affected close, limit bounds the range).
#include "kaiyuan/version/compare.hpp"
#include "kaiyuan/vuln/advisory.hpp"

#include <string>
#include <vector>

namespace kaiyuan::vuln {

struct Evaluation {
    enum class Verdict { affected, not_affected, unknown };
    Verdict verdict = Verdict::not_affected;
    std::vector<std::string> fixed; ///< the fixed versions of the ranges that apply
    std::string why;                ///< for unknown: what could not be compared
};

/// `scheme` is the comparator of the entry's ecosystem (SEMVER ranges use SemVer whatever it
/// is). GIT ranges are not evaluated (kaiyuan knows no commit of a package version); a
/// `versions[]` list still applies to them.
Evaluation evaluate(const Affected& affected, std::string_view version, version::Scheme scheme);

} // namespace kaiyuan::vuln
