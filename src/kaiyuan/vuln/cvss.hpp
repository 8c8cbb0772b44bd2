#pragma once
/// CVSS base scores computed from vectors: v3.0 and v3.1 (FIRST CVSS v3.1 Specification, section
/// 7 and Appendix A) and v4.0 (FIRST CVSS v4.0 Specification, section 8). Scores stated by an
/// advisory are never trusted over the vector.
#include "kaiyuan/util/error.hpp"

#include <string>
#include <string_view>

namespace kaiyuan::vuln {

struct CvssScore {
    std::string version; ///< "3.0", "3.1" or "4.0"
    double score = 0;
    std::string severity; ///< none, low, medium, high, critical
};

/// A v3 vector "CVSS:3.1/AV:N/..." (a vector without the prefix is read as 3.1). Fails naming
/// the metric that is missing or has an unknown value.
Result<CvssScore> cvss3_base(std::string_view vector);

/// A v4 vector "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N[/...]".
Result<CvssScore> cvss4_base(std::string_view vector);

/// Any supported vector, by its prefix.
Result<CvssScore> cvss_base(std::string_view vector);

/// The qualitative rating of a score (the same bands in v3.x and v4.0).
std::string cvss_severity(double score);

} // namespace kaiyuan::vuln
