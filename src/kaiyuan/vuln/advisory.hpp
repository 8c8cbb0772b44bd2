#pragma once
/// A security advisory in the shape of the OSV schema (https://ossf.github.io/osv-schema/), the one
/// model every advisory source is read into: OSV JSON and YAML records, openEuler CSAF and CVRF.
#include <string>
#include <vector>

namespace kaiyuan::vuln {

/// One event of an OSV range, in the order the record gives them.
struct RangeEvent {
    enum class Kind { introduced, fixed, last_affected, limit };
    Kind kind = Kind::introduced;
    std::string version; ///< a version of the range's scheme, or a commit for GIT ranges
};

struct AffectedRange {
    std::string type; ///< SEMVER, ECOSYSTEM or GIT
    std::string repo; ///< GIT ranges: the repository
    std::vector<RangeEvent> events;
};

/// One affected package: its ecosystem ("PyPI", "Debian:12", "openEuler:24.03-LTS-SP1"), its
/// name in that ecosystem, the affected ranges and enumerated versions.
struct Affected {
    std::string ecosystem, name, purl;
    std::vector<AffectedRange> ranges;
    std::vector<std::string> versions;
};

/// OSV `severity[]`: a CVSS vector (CVSS_V2, CVSS_V3, CVSS_V4) or an Ubuntu priority.
struct SeverityScore {
    std::string type, score;
};

struct Reference {
    std::string type, url;
};

struct Advisory {
    std::string id;
    std::string modified, published, withdrawn; ///< RFC 3339 timestamps; withdrawn "" when not
    std::string summary, details;
    std::vector<std::string> aliases, related;
    std::vector<SeverityScore> severity;
    std::vector<Affected> affected;
    std::vector<Reference> references;
    /// A qualitative severity the source states (GHSA's database_specific.severity, CSAF/CVRF
    /// threat levels): "LOW", "MODERATE", "HIGH", "CRITICAL"; "" when none.
    std::string stated_severity;
    /// When the severity above was taken from an aliased record (the advisory states none):
    /// that record's id. Not stored; set by matching.
    std::string severity_from;
};

} // namespace kaiyuan::vuln
