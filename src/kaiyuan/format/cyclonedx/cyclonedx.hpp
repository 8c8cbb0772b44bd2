#pragma once
/// CycloneDX 1.6 (https://cyclonedx.org/docs/1.6/json/, /xml/): components with bom-ref, purl,
/// licenses, hashes, supplier and properties; dependencies for the graph; the distribution as an
/// operating-system component.
#include "kaiyuan/model/sbom.hpp"
#include "kaiyuan/util/error.hpp"

namespace kaiyuan::format::cyclonedx {

std::string write_json(const model::Sbom& sbom);
std::string write_xml(const model::Sbom& sbom);
Result<model::Sbom> read_json(std::string_view text);
Result<model::Sbom> read_xml(std::string_view text);

/// The bom-ref of the operating-system component that stands for the distribution.
constexpr const char* k_distro_ref = "kaiyuan-distro";

} // namespace kaiyuan::format::cyclonedx
