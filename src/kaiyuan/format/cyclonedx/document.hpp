#pragma once
/// The CycloneDX document as a JSON tree: the JSON writer prints it, the XML writer maps it to the
/// XML schema's elements, and the XML reader maps XML back to it for the JSON reader.
#include "kaiyuan/model/sbom.hpp"

#include <nlohmann/json.hpp>

namespace kaiyuan::format::cyclonedx {

nlohmann::ordered_json build_document(const model::Sbom& sbom);

} // namespace kaiyuan::format::cyclonedx
