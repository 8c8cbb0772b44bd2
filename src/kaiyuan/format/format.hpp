#pragma once
/// The SBOM formats kaiyuan writes and reads, all through one model (kaiyuan::model::Sbom).
#include "kaiyuan/model/sbom.hpp"
#include "kaiyuan/util/error.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace kaiyuan::format {

enum class Format { table, json, spdx_json, spdx_tv, spdx3_json, cyclonedx_json, cyclonedx_xml };

/// Every format with its command-line name, in the order the help lists them.
const std::vector<std::pair<Format, std::string_view>>& all_formats();
std::string_view name_of(Format f);
/// Parses a format name; unknown names fail with "did you mean".
Result<Format> parse_format(std::string_view name);

/// Writes `sbom` in `format`. Output is deterministic for the same SBOM (sorted, no random ids):
/// the document namespace and serial number derive from the content and `metadata.created`.
std::string write(const model::Sbom& sbom, Format format);

/// What `format` cannot hold of `sbom`, one phrase each with a count ("3 components' lists of
/// owned files"); empty when it holds everything. Writers still write; commands say this once.
std::vector<std::string> losses(const model::Sbom& sbom, Format format);

/// What an input document is: its format and the version it declares (CycloneDX specVersion,
/// SPDX 2 spdxVersion, the SPDX 3 context URL, kaiyuan's schema URL; "" when it names none).
struct Detection {
    Format format = Format::json;
    std::string version;
};

/// Recognises the format of `text` by its content (JSON: CycloneDX, SPDX 2.x, SPDX 3, kaiyuan,
/// by their top-level members in any order; XML: CycloneDX by namespace; text: SPDX
/// tag-value). Anything else fails with what was expected.
Result<Detection> inspect(std::string_view text);
Result<Format> detect(std::string_view text);
/// Reads an SBOM in any supported format into the model. `name` is used in messages.
Result<model::Sbom> read(std::string_view text, const std::string& name);

} // namespace kaiyuan::format
