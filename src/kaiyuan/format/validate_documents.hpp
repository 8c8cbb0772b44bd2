#pragma once
/// What a schema cannot check of an SBOM, checked on the document as written, each problem
/// named with its JSON path: references that point nowhere, references defined twice, the same
/// component twice, malformed purls and hashes, SPDX elements without an id, LicenseRefs that
/// are never defined, relationship types the specification does not have.
#include <string>
#include <string_view>
#include <vector>

namespace kaiyuan::format {

/// CycloneDX JSON (any version 1.2 to 1.7).
std::vector<std::string> check_cyclonedx_json(std::string_view text);
/// SPDX 2.2/2.3 JSON.
std::vector<std::string> check_spdx23_json(std::string_view text);
/// SPDX 3.0 JSON-LD.
std::vector<std::string> check_spdx3_json(std::string_view text);

/// A hash value's problem for `algorithm` (CycloneDX or SPDX spelling): not hexadecimal, or not
/// the algorithm's length; "" when it is well-formed or the algorithm has no fixed length.
std::string hash_problem(std::string_view algorithm, std::string_view value);

} // namespace kaiyuan::format
