// SPDX 3.0.1 ExternalRefType (https://spdx.github.io/spdx-spec/v3.0.1/model/Core/Vocabularies/
// ExternalRefType/) and CycloneDX externalReferences types: the model keeps CycloneDX's names.
#include "kaiyuan/format/spdx3/spdx3.hpp"

#include <array>
#include <utility>

namespace kaiyuan::format::spdx3 {

namespace {
// {SPDX 3, CycloneDX}: the pairs that mean the same.
constexpr std::array<std::pair<std::string_view, std::string_view>, 16> k_types = {{
    {"altDownloadLocation", "distribution"},
    {"vcs", "vcs"},
    {"issueTracker", "issue-tracker"},
    {"securityAdvisory", "advisories"},
    {"mailingList", "mailing-list"},
    {"documentation", "documentation"},
    {"buildSystem", "build-system"},
    {"buildMeta", "build-meta"},
    {"releaseNotes", "release-notes"},
    {"license", "license"},
    {"socialMedia", "social"},
    {"chat", "chat"},
    {"support", "support"},
    {"riskAssessment", "risk-assessment"},
    {"certificationReport", "certification-report"},
    {"altWebPage", "website"},
}};
} // namespace

std::string spdx3_ref_type(std::string_view cyclonedx) {
    for (auto [spdx, cdx] : k_types)
        if (cdx == cyclonedx) return std::string(spdx);
    return "other";
}

std::string cyclonedx_ref_type(std::string_view spdx) {
    for (auto [s, cdx] : k_types)
        if (s == spdx) return std::string(cdx);
    return "other";
}

} // namespace kaiyuan::format::spdx3
