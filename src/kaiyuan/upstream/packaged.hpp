#pragma once
/// The packages a distribution ships and where their upstreams are, found in what a packager
/// has (docs/cli.md, "upstream check"):
///
/// - a package repository in the src-openeuler layout: `<name>.spec` beside its sources and
///   patches, and perhaps `<name>.yaml` describing the upstream as openEuler-Advisor's
///   upstream-info files do; or a directory of many such repositories (one level down);
/// - a spec file itself;
/// - openEuler-Advisor upstream-info files (`<name>.yaml`, or a directory of them): packages
///   known by their upstream alone, with no packaged version.
///
/// A package whose repository holds no description takes `upstream-info/<name>.yaml` from the
/// directory given as `upstream_info`, as openEuler-Advisor does. Nothing is dropped silently:
/// a spec that cannot be read, a package without a description, a name given twice are each a
/// diagnostic naming the file.
#include "kaiyuan/model/diagnostic.hpp"
#include "kaiyuan/upstream/description.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kaiyuan::upstream {

struct PackagedSource {
    std::string name;
    /// From the spec, macros expanded; empty when only an upstream description was given.
    std::string version, release, epoch;
    /// The OSV ecosystem whose version order applies ("PyPI", "npm"...); "" for rpm's.
    std::string ecosystem;
    std::string spec_file;
    std::optional<UpstreamDescription> upstream; ///< nullopt: no readable description
    std::string upstream_file;
};

struct PackageSet {
    std::vector<PackagedSource> packages; ///< by name
    std::vector<model::Diagnostic> diagnostics;
    std::size_t unreadable = 0; ///< targets or files that could not be read at all
};

PackageSet find_packages(const std::vector<std::string>& targets,
                         const std::string& upstream_info_dir = "");

} // namespace kaiyuan::upstream
