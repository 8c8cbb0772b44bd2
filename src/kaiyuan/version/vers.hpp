#pragma once
/// Version range specifiers in the purl project's `vers` syntax
/// (https://github.com/package-url/purl-spec/blob/master/VERSION-RANGE-SPEC.rst):
/// `vers:<versioning-scheme>/<constraint>|<constraint>...`, each constraint an optional
/// comparator (=, !=, <, <=, >, >=) and a version, or `*` for every version.
#include "kaiyuan/util/error.hpp"
#include "kaiyuan/version/compare.hpp"

#include <string>
#include <vector>

namespace kaiyuan::version {

struct VersConstraint {
    std::string comparator; ///< "=", "!=", "<", "<=", ">", ">="
    std::string version;
};

struct VersRange {
    std::string scheme_name; ///< as written: npm, maven, pypi, deb, rpm, gem, ...
    Scheme scheme = Scheme::generic;
    bool all = false;                        ///< `*`
    std::vector<VersConstraint> constraints; ///< sorted by version, as the spec requires

    /// Parses a vers string; fails naming what is wrong (unknown comparator, empty version,
    /// a version the scheme's comparator refuses).
    static Result<VersRange> parse(std::string_view text);
    /// Whether `v` is in the range, by the spec's algorithm ("Checking if a version is
    /// contained within a range"); fails when the scheme refuses `v`.
    Result<bool> contains(std::string_view v) const;
};

/// The comparator of a vers versioning scheme (which are purl types): npm, cargo, golang and
/// semver: SemVer; pypi: PEP 440; maven; gem; nuget; deb; rpm; apk/alpine; composer; anything
/// else the generic order.
Scheme scheme_for_vers(std::string_view name);

} // namespace kaiyuan::version
