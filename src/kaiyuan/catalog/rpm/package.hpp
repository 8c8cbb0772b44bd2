#pragma once
#include "kaiyuan/catalog/engine/cataloger.hpp"
#include "kaiyuan/catalog/rpm/header.hpp"

namespace kaiyuan::catalog::rpm {

/// The component for an rpm package (its file list is moved in). purl (purl-spec, type rpm):
/// pkg:rpm/<distro id>/<name>@<version>-<release>?arch=<arch>&distro=<id>-<version_id>&epoch=<e>.
model::Component to_component(RpmPackage&& pkg, const model::Distro& distro,
                              const model::Location& where);

/// The purl namespace of an rpm from a distribution: its os-release ID, "redhat" for "rhel".
std::string rpm_namespace(const model::Distro& distro);

/// Splits a SOURCERPM file name ("bash-5.1.8-6.el9.src.rpm") into name and version-release.
std::pair<std::string, std::string> split_source_rpm(std::string_view source_rpm);

/// What dependency resolution needs of a package once its files have moved into its component.
struct Capabilities {
    std::string name;
    std::vector<std::string> provides;
    std::vector<std::string> requires_;
};

/// depends-on edges: each Requires resolved to the package that Provides it (or owns the file,
/// for path requirements, from `components[i].files`). `caps[i]` belongs to `components[i]`.
void add_dependencies(const std::vector<Capabilities>& caps,
                      const std::vector<model::Component>& components,
                      std::vector<model::Relationship>& out);

} // namespace kaiyuan::catalog::rpm
