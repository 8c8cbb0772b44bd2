#pragma once
/// VEX statements (OpenVEX 0.2.0 and CycloneDX 1.4+ VEX) applied to findings: a statement names a
/// vulnerability (by id or alias) and products (purls or bom-refs) and says not_affected, fixed,
/// under_investigation or affected, with a justification that every report carries.
#include "kaiyuan/util/error.hpp"
#include "kaiyuan/vuln/matcher.hpp"

#include <string>
#include <vector>

namespace kaiyuan::vuln {

struct VexStatement {
    std::vector<std::string> vulnerabilities; ///< id and aliases
    std::vector<std::string> products;        ///< purls or bom-refs; empty: every product
    std::string status;                       ///< OpenVEX status words
    std::string justification, detail;
    std::string source; ///< the file it came from
};

/// Reads an OpenVEX or CycloneDX (JSON) VEX document; `name` is used in messages.
Result<std::vector<VexStatement>> read_vex(std::string_view text, const std::string& name);
Result<std::vector<VexStatement>> read_vex_file(const std::string& path);

/// CycloneDX analysis.state -> OpenVEX status ("" for not_set and unknown states), and
/// OpenVEX status -> CycloneDX state (anything else: exploitable).
std::string status_of_state(std::string_view state);
std::string cyclonedx_state(std::string_view status);

/// OpenVEX justifications -> CycloneDX's (the closest of its enumeration; CycloneDX's own pass
/// through; "" for anything else), and back.
std::string cyclonedx_justification(std::string_view openvex);
std::string openvex_justification(std::string_view cyclonedx);

/// Applies the statements to the findings (a later statement overrides an earlier one);
/// returns how many findings a statement applied to.
std::size_t apply_vex(const std::vector<VexStatement>& statements, const model::Sbom& sbom,
                      MatchResult& result);

} // namespace kaiyuan::vuln
