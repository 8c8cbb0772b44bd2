#pragma once
/// Merging SBOMs of one product made by several tools or of several parts (`kaiyuan sbom merge`).
#include "kaiyuan/model/sbom.hpp"

#include <vector>

namespace kaiyuan::model {

/// Whether two purls name the same package: the same type, namespace, name, version and
/// subpath (as the purl specification compares them: type and, for the types whose names are
/// case-insensitive, names in lower case), and no qualifier both give with different values.
/// pkg:rpm/rocky/bash@5.1-6?arch=x86_64&distro=rocky-9.3 and the same with &upstream=... are one
/// package; with arch=aarch64 they are two.
bool same_package(std::string_view purl_a, std::string_view purl_b);

/// One SBOM of all of `parts`: their components, relationships and diagnostics, with every
/// distribution kept (the first as the SBOM's, the others as operating-system components);
/// components that are the same package (same_package(), or the same id) become one, which keeps
/// the purl with the most qualifiers and unites what each said.
Sbom merge(std::vector<Sbom> parts);

} // namespace kaiyuan::model
