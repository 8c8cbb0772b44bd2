#pragma once
#include "kaiyuan/catalog/dpkg/status.hpp"
#include "kaiyuan/catalog/engine/cataloger.hpp"

namespace kaiyuan::catalog::dpkg {

/// The component for a dpkg package: purl pkg:deb/<distro id>/<name>@<version>?arch=&distro=
/// (purl-spec types: deb; the epoch stays inside the version).
model::Component to_component(const DpkgPackage& pkg, const model::Distro& distro,
                              const model::Location& where);

/// depends-on edges from Depends/Pre-Depends: for each clause the first alternative that is
/// installed (by name or through Provides). `ids` maps package name to component id.
void add_dependencies(const std::vector<DpkgPackage>& pkgs, const std::vector<std::string>& ids,
                      std::vector<model::Relationship>& out);

} // namespace kaiyuan::catalog::dpkg
