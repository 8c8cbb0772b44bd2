#pragma once
/// SPDX 3.0.1 JSON-LD (https://spdx.github.io/spdx-spec/v3.0.1/): an SpdxDocument whose root is a
/// software_Sbom; software_Package elements with packageUrl, packageVersion, suppliedBy and
/// verifiedUsing hashes; licenses as simplelicensing_LicenseExpression elements linked by
/// hasDeclaredLicense / hasConcludedLicense relationships; dependsOn for the graph.
#include "kaiyuan/model/sbom.hpp"
#include "kaiyuan/util/error.hpp"

#include <string>
#include <string_view>

namespace kaiyuan::format::spdx3 {

std::string write_json(const model::Sbom& sbom);
Result<model::Sbom> read_json(std::string_view text);

/// CycloneDX external reference type (the model's names) -> SPDX 3 ExternalRefType; "other"
/// when SPDX has none of that meaning.
std::string spdx3_ref_type(std::string_view cyclonedx);
/// The reverse; "other" for SPDX types CycloneDX has no name for.
std::string cyclonedx_ref_type(std::string_view spdx);

} // namespace kaiyuan::format::spdx3
