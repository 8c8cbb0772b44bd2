#pragma once
#include "kaiyuan/catalog/engine/cataloger.hpp"
#include "kaiyuan/catalog/rpm/header.hpp"

namespace kaiyuan::catalog::rpm {

/// The component for an rpm package. purl (purl-spec, type rpm):
/// pkg:rpm/<distro id>/<name>@<version>-<release>?arch=<arch>&distro=<id>-<version_id>&epoch=<e>.
model::Component to_component(const RpmPackage& pkg, const model::Distro& distro,
                              const model::Location& where);

/// Splits a SOURCERPM file name ("bash-5.1.8-6.el9.src.rpm") into name and version-release.
std::pair<std::string, std::string> split_source_rpm(std::string_view source_rpm);

/// depends-on edges: each Requires resolved to the package that Provides it (or owns the file,
/// for path requirements). `ids[i]` is the component id of `pkgs[i]`.
void add_dependencies(const std::vector<RpmPackage>& pkgs, const std::vector<std::string>& ids,
                      std::vector<model::Relationship>& out);

} // namespace kaiyuan::catalog::rpm
