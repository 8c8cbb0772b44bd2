#pragma once
/// The difference between two SBOMs of one project, as a reviewer reads it: the packages a change
/// adds, removes and changes (upgraded, downgraded, the same version from another source), and
/// the licenses it brings in and drops. `kaiyuan sbom diff` writes it; `kaiyuan review` judges it.
///
/// Packages are paired by identity, not by document order: the purl without its version (with
/// the arch qualifier, which tells two builds of one rpm apart), else ecosystem and name. A change
/// that only reorders or reformats a lockfile therefore reports nothing.
#include "kaiyuan/model/sbom.hpp"
#include "kaiyuan/review/placement.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace kaiyuan::review {

/// One component as the review speaks of it.
struct Entry {
    std::size_t index = 0; ///< in its SBOM's components
    std::string name, version, purl;
    std::string arch;      ///< "src" for a source package, else as the component says
    std::string ecosystem; ///< purl type
    std::string scope;     ///< runtime, development, optional, build
    std::string license;   ///< concluded, else declared; "" when none
    bool direct = false;
    std::vector<std::string> path; ///< "name@version" from a top-level component down to it
    model::Location location;      ///< where it was found (lockfile and line), when known
    std::string constraint;        ///< a requirement's version constraint (">= 1.2"), if any
    std::string source;            ///< where it is downloaded from (source_of), if known
    /// CVE ids the component cites: a patch's name, a spec's newest changelog entry.
    std::vector<std::string> cves;
};

/// The entries of one SBOM's components, each placement computed once.
class Entries {
public:
    explicit Entries(const model::Sbom& sbom);
    Entry at(std::size_t index) const;
    const model::Sbom& sbom() const { return m_sbom; }
    const Placement& placement(std::size_t index) const { return m_placements[index]; }

private:
    const model::Sbom& m_sbom;
    std::vector<Placement> m_placements;
};

/// A package present on both sides that is not the same.
struct Change {
    Entry before, after;
    /// What changed, most telling first: "upgraded", "downgraded", "version-changed" (versions
    /// the scheme cannot order), "source-changed" (same version, another download location),
    /// "hash-changed" (same version, another digest), "license-changed",
    /// "constraint-changed" (a requirement's version constraint), "scope-changed".
    std::vector<std::string> kinds;
};

/// A license id that one side uses and the other does not, with the components using it.
struct LicenseDelta {
    std::string license;
    std::vector<std::size_t> components; ///< indices into that side's SBOM
};

struct SbomDiff {
    std::vector<Entry> added, removed; ///< added: head's components; removed: base's
    std::vector<Change> changed;
    std::size_t unchanged = 0;
    std::vector<LicenseDelta> licenses_introduced; ///< components of head
    std::vector<LicenseDelta> licenses_dropped;    ///< components of base
};

/// Compares `base` (before the change) with `head` (after it). Output is sorted by package.
SbomDiff diff_sboms(const model::Sbom& base, const model::Sbom& head);
/// The same, over entries the caller keeps (their placements are computed once).
SbomDiff diff_sboms(const Entries& base, const Entries& head);

/// The key packages are paired by (see above).
std::string package_identity(const model::Component& component);

/// Where a component was downloaded from, as its document says (download location, resolved
/// URL, registry source, purl repository qualifiers); "" when it does not say.
std::string source_of(const model::Component& component);

} // namespace kaiyuan::review
