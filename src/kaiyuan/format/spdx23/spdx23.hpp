#pragma once
/// SPDX 2.3 (https://spdx.github.io/spdx-spec/v2.3/): JSON and tag-value. The document DESCRIBES
/// a root package for the target, which CONTAINS every component; DEPENDS_ON carries the graph.
/// Model fields SPDX has no place for travel in a package annotation-free way: as
/// "kaiyuan:name=value" lines of the package comment.
#include "kaiyuan/model/sbom.hpp"
#include "kaiyuan/util/error.hpp"

namespace kaiyuan::format::spdx23 {

std::string write_json(const model::Sbom& sbom);
struct SpdxDocument;
/// A document assembled by the caller (the license report's files).
std::string write_json(const SpdxDocument& doc);
std::string write_tag_value(const model::Sbom& sbom);
Result<model::Sbom> read_json(std::string_view text);
Result<model::Sbom> read_tag_value(std::string_view text);

} // namespace kaiyuan::format::spdx23
