#pragma once
/// Helpers every format shares: deterministic document identifiers, SPDX element ids, supplier
/// text, and how model fields that a format has no place for travel as name/value properties.
#include "kaiyuan/model/sbom.hpp"

#include <string>
#include <utility>
#include <vector>

namespace kaiyuan::format {

class JsonOut;

constexpr const char* k_tool_version = "0.1.0";

/// A UUID (version 4 layout) derived from the SBOM's content and creation time, so the same scan
/// at the same time yields the same document.
std::string document_uuid(const model::Sbom& sbom);

/// "SPDXRef-<prefix>-<name>-<id>" with every character outside [A-Za-z0-9.-] replaced by '-'.
std::string spdx_element_id(std::string_view prefix, const model::Component& c);

/// "Name <mail>" -> {"Name", "mail"}.
std::pair<std::string, std::string> split_contact(std::string_view supplier);
/// {"Name", "mail"} -> "Name <mail>" (or "Name").
std::string join_contact(std::string_view name, std::string_view mail);

/// Model fields without a native place in CycloneDX or SPDX, as "kaiyuan:" properties.
std::vector<std::pair<std::string, std::string>> extra_properties(const model::Component& c);
/// Facts another tool's document gave a component that a format has no field for, as
/// "kaiyuan:" properties (SPDX comments, CycloneDX properties), so that converting loses
/// nothing: the document's own reference, other tools' properties (all values, in order) and
/// CycloneDX evidence always; CPEs and external references too when `with_fields` (formats whose
/// writer does not map them to fields of their own). Copyright and download location have a
/// field in every format.
void add_carried_properties(const model::Component& c, bool with_fields,
                            std::vector<std::pair<std::string, std::string>>& out);
/// One external reference as CycloneDX and kaiyuan's JSON both write it: {"type", "url",
/// "comment" when there is one}.
void write_external_reference(JsonOut& j, const model::ExternalReference& r);

/// Applies one property written by extra_properties() or add_carried_properties() back to the
/// component; false when the name is not one of them (the caller keeps it as a plain property).
bool apply_extra_property(model::Component& c, std::string_view name, std::string_view value);

/// Completes a component read from another format: its package type from the purl when no
/// property carried it, and its id.
void finish_component(model::Component& c);

/// Metadata (distro, target, image facts) as properties, and back.
std::vector<std::pair<std::string, std::string>> metadata_properties(const model::SbomMetadata& m);
void apply_metadata_property(model::SbomMetadata& m, std::string_view name, std::string_view value);

/// CycloneDX hash algorithm names <-> SPDX checksum names.
std::string cyclonedx_hash_name(std::string_view spdx_name);
std::string spdx_hash_name(std::string_view cyclonedx_name);

/// The current time as RFC 3339 UTC (or SOURCE_DATE_EPOCH when set, for reproducible output).
std::string now_rfc3339();

} // namespace kaiyuan::format
