#pragma once
/// package.json (https://docs.npmjs.com/cli/configuring-npm/package-json): the fields an SBOM
/// needs from a project's manifest or an installed package's copy of it.
#include "kaiyuan/catalog/engine/cataloger.hpp"
#include "kaiyuan/util/error.hpp"

#include <string>
#include <utility>
#include <vector>

namespace kaiyuan::catalog::npm {

struct PackageJson {
    std::string name;
    std::string version;
    std::string license; ///< as written: "MIT", "(MIT OR Apache-2.0)", from {type} or licenses[]
    std::string description;
    std::string homepage;
    std::string author; ///< "Name <email>"
    bool is_private = false;
    /// (name, range) per dependency kind, in file order.
    std::vector<std::pair<std::string, std::string>> dependencies, dev_dependencies,
        optional_dependencies, peer_dependencies;
    /// yarn's "resolutions" (pattern -> version) that override what ranges resolve to.
    std::vector<std::pair<std::string, std::string>> resolutions;
};

Result<PackageJson> parse_package_json(std::string_view text);

/// An npm component: "@scope/name" becomes purl namespace "@scope" (encoded %40scope).
model::Component npm_component(std::string_view name, std::string_view version,
                               const model::Location& file, std::uint32_t line);

/// Fills license, description, homepage and supplier of `c` from a manifest.
void apply_manifest(model::Component& c, const PackageJson& manifest);

/// The parent directory of a tree path ("a/b/package.json" -> "a/b", "x" -> "").
std::string parent_dir(std::string_view path);

} // namespace kaiyuan::catalog::npm
