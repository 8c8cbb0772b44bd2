#pragma once
/// CycloneDX 1.6 (https://cyclonedx.org/docs/1.6/json/, /xml/): components with bom-ref, purl,
/// licenses, hashes, supplier and properties; dependencies for the graph; the distribution as an
/// operating-system component.
#include "kaiyuan/model/sbom.hpp"
#include "kaiyuan/util/error.hpp"

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace kaiyuan::format::cyclonedx {

std::string write_json(const model::Sbom& sbom);
std::string write_xml(const model::Sbom& sbom);
Result<model::Sbom> read_json(std::string_view text);
Result<model::Sbom> read_xml(std::string_view text);
/// A CycloneDX XML document as the JSON document of the same content (what read_xml reads, and
/// what validation checks with JSON paths).
Result<std::string> xml_as_json(std::string_view text);

/// CycloneDX `group` and `name` of a component, as the reference generators write them and
/// consistently with its purl: the Maven groupId (cyclonedx-maven-plugin), the npm scope with its
/// "@" (cyclonedx-node-npm: group "@babel", name "cli") and the Composer vendor
/// (cyclonedx-php-composer) are the group; other ecosystems have none (Go module paths stay
/// whole names, as cyclonedx-gomod writes them). A component without a purl keeps a group it
/// was read with (property kaiyuan:group).
std::pair<std::string, std::string> group_and_name(const model::Component& c);

/// The model's name for a CycloneDX component of `group` and `name`: the npm scope and the
/// Composer vendor are part of the name as those ecosystems spell it ("@babel/cli",
/// "symfony/console"); a Maven groupId is kept as kaiyuan:maven:group, any other group as
/// kaiyuan:group.
void apply_group(model::Component& c, const std::string& group);

/// The bom-ref of every component, by component id: the reference of the document it was read
/// from (so that links into that document, such as a VEX's affects.ref, still resolve) when it
/// is unique here and no other component's id; else the id. Views into `sbom`'s strings.
std::unordered_map<std::string_view, std::string_view> bom_refs(const model::Sbom& sbom);

/// The bom-ref of the operating-system component that stands for the distribution.
constexpr const char* k_distro_ref = "kaiyuan-distro";
/// The bom-ref of metadata.component, the target.
constexpr const char* k_root_ref = "kaiyuan-root";
/// Metadata properties that keep what another tool's document said of the distribution's and
/// the target's components: their bom-refs, and the OS component's own properties (by name).
constexpr const char* k_os_ref_property = "cyclonedx:os-ref";
constexpr const char* k_root_ref_property = "cyclonedx:root-ref";
constexpr const char* k_os_property_prefix = "cyclonedx:os-property:";

} // namespace kaiyuan::format::cyclonedx
