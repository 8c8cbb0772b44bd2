#pragma once
/// openEuler security advisories in CSAF 2.0 (https://docs.oasis-open.org/csaf/csaf/v2.0/) and
/// CVRF 1.1 (ICASI) form, as openEuler publishes them, read into the OSV model: each product
/// ("openEuler-24.03-LTS-SP1") becomes the OSV ecosystem "openEuler:24.03-LTS-SP1", each fixed
/// package (source and binary rpm) an affected package with an ECOSYSTEM range fixed at its
/// version-release.
#include "kaiyuan/util/error.hpp"
#include "kaiyuan/vuln/advisory.hpp"

#include <string_view>

namespace kaiyuan::vuln {

/// A CSAF document: security advisories (openEuler-SA-...) and per-CVE VEX documents.
Result<Advisory> read_openeuler_csaf(std::string_view json_text);

/// A CVRF document (cvrf-openEuler-SA-....xml, including HotPatchSA).
Result<Advisory> read_openeuler_cvrf(std::string_view xml_text);

/// Adds "fixed in `nevra`" for product `product` ("openEuler-22.03-LTS-SP3") to `advisory`:
/// `nevra` is "name-[epoch:]version-release.arch" with or without ".rpm". Shared by both forms.
void add_openeuler_fix(Advisory& advisory, std::string_view product, std::string_view nevra);

/// Adds "every version affected" for a package named in a known_affected status.
void add_openeuler_affected(Advisory& advisory, std::string_view product, std::string_view nevra);

} // namespace kaiyuan::vuln
