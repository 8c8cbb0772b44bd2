#pragma once
/// The official CycloneDX JSON schemas, one per release (1.2 to 1.7), as the CycloneDX project
/// publishes them in its library package; embedded at build time when tools/install-deps.sh
/// installed them.
#include "kaiyuan/format/json_schema.hpp"

#include <string>
#include <string_view>

namespace kaiyuan::format::cyclonedx {

/// The schemas, or null when this build has none (docs/architecture.md says how to get them).
const JsonSchemaSet* json_schemas();

/// The schema of a specVersion ("1.6" -> "bom-1.6.SNAPSHOT.schema.json"); "" for versions
/// without one.
std::string json_schema_name(std::string_view spec_version);

} // namespace kaiyuan::format::cyclonedx
