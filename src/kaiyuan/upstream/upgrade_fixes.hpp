#pragma once
/// Which advisories the packaged version has, and which of them the upstream upgrade fixes
/// (docs/cli.md, "upstream check"). The packaged source package is matched as `kaiyuan vuln`
/// matches an openEuler SBOM: ecosystem openEuler (optionally one release of it), by source
/// package name, version [epoch:]version-release. An advisory the packaged version has is then
///
/// - fixed by the upgrade when one of its fixed versions has an upstream version older than the
///   upgrade's (rpm's order on the version part alone: the upgrade's release is not known yet);
/// - fixed by a release when its fix is a newer release of the same upstream version (the
///   distribution backported the fix; the upgrade alone does not say it is fixed upstream);
/// - not fixed when no fixed version is known.
#include "kaiyuan/model/diagnostic.hpp"
#include "kaiyuan/util/error.hpp"

#include <string>
#include <vector>

namespace kaiyuan::vuln {
class KeyMatcher;
}

namespace kaiyuan::upstream {

enum class FixedBy { upgrade, release, nothing };
std::string_view to_string(FixedBy f);

struct AdvisoryAndFix {
    std::string id;
    std::vector<std::string> aliases; ///< CVE ids and the like
    std::string severity;             ///< none, low, medium, high, critical, unknown
    std::string ecosystem;            ///< as the advisory names it ("openEuler:20.03-LTS-SP3")
    std::vector<std::string> fixed;   ///< the fixed versions the advisory gives
    FixedBy fixed_by = FixedBy::nothing;
};

/// The dist tag rpm appends to a Release built for an openEuler release (%{?dist}), as its
/// advisories name fixed versions: ".oe1" for 20.03 LTS up to SP3 and the 20.09 to 21.09
/// innovation releases, ".oe" + YYMM + "sp" + N from 20.03 LTS SP4 on ("22.03-LTS-SP1" ->
/// ".oe2203sp1", "24.03-LTS" -> ".oe2403"); "" when `distro_release` is empty or not of that
/// form. A spec's Release names no dist; without one, "20" is older than an advisory's
/// "20.oe1".
std::string openeuler_dist(std::string_view distro_release);

/// The advisories source package `name` at `packaged` ([epoch:]version-release) has, one per
/// advisory (the first ecosystem matched), judged against an upgrade to upstream `upgrade`
/// ("" when none is known: then nothing is fixed by an upgrade). `distro_release` narrows to
/// one openEuler release ("22.03-LTS-SP1"); "" takes every release.
Result<std::vector<AdvisoryAndFix>>
advisories_and_fixes(vuln::KeyMatcher& matcher, const std::string& name,
                     const std::string& packaged, const std::string& upgrade,
                     const std::string& distro_release,
                     std::vector<model::Diagnostic>& diagnostics);

} // namespace kaiyuan::upstream
