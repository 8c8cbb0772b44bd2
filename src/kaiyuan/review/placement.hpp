#pragma once
/// Where each component of an SBOM sits in its dependency graph: whether the project depends on
/// it directly, and the shortest chain of components that brings it in. What a reviewer asks of
/// a new package first: "who pulled this in?"
#include "kaiyuan/model/sbom.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace kaiyuan::review {

struct Placement {
    bool top_level = false; ///< nothing in the SBOM depends on it (the project, or a flat list)
    bool direct = false;    ///< a dependency of a top-level component, or marked kaiyuan:direct
    /// The components from a top-level one down to (not including) this one, shortest first
    /// found; empty for a top-level component.
    std::vector<std::size_t> path;
};

/// One placement per component, in component order. A component marked `kaiyuan:direct` (the
/// lockfile readers mark the project's own dependencies) is direct; when no component of the
/// SBOM carries that mark, direct means one edge below a top-level component, and in an SBOM
/// without edges every component is direct.
std::vector<Placement> place_components(const model::Sbom& sbom);

/// The scope a review speaks of: "runtime" (the default), "development", "optional" or
/// "build", from kaiyuan:scope.
std::string scope_of(const model::Component& component);

/// The ecosystem: the purl type ("npm", "rpm"), else the package type, else "unknown".
std::string ecosystem_of(const model::Component& component);

} // namespace kaiyuan::review
