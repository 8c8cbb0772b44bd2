#pragma once
/// The severity of an advisory: CVSS ratings computed from its vectors, else the qualitative
/// severity its source states.
#include "kaiyuan/vuln/advisory.hpp"

#include <string>
#include <vector>

namespace kaiyuan::vuln {

struct Rating {
    std::string method; ///< CycloneDX names: CVSSv31, CVSSv3, CVSSv4, other
    std::string vector;
    double score = 0;     ///< computed from the vector; 0 for method "other"
    std::string severity; ///< none, low, medium, high, critical, unknown
};

/// One rating per CVSS v3/v4 vector (computed), or one "other" rating from the stated severity.
std::vector<Rating> ratings(const Advisory& advisory);

/// The highest severity of the ratings; "unknown" when there is none.
std::string severity_of(const Advisory& advisory);

/// The highest computed CVSS score; 0 when none.
double top_score(const Advisory& advisory);

/// A severity a source states in words -> the CVSS words: GHSA "MODERATE" is medium, openEuler
/// "Important" high, Ubuntu's "negligible" low; anything else "unknown".
std::string normalize_stated_severity(std::string_view stated);

/// none 0, low 1, medium 2, high 3, critical 4; unknown -1.
int severity_rank(std::string_view severity);

} // namespace kaiyuan::vuln
