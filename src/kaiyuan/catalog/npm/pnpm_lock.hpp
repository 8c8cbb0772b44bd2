#pragma once
/// pnpm's pnpm-lock.yaml (https://pnpm.io/git#lockfiles; format in pnpm's lockfile-types):
/// lockfileVersion 5.x ("/name/version_peers" keys), 6.x ("/name@version(peers)") and 9.x
/// ("name@version" packages plus "snapshots" that carry the dependencies). Importers (the
/// project and its workspace packages) are the roots of the graph; scopes come from which
/// importer list (dependencies, devDependencies, optionalDependencies) reaches a package.
#include "kaiyuan/catalog/engine/cataloger.hpp"
#include "kaiyuan/catalog/npm/package_json.hpp"

#include <map>

namespace kaiyuan::catalog::npm {

/// The manifests of a lockfile's importers, by importer path ("." for the project itself), which
/// give the importers their names; the lockfile alone does not.
using ImporterManifests = std::map<std::string, PackageJson>;

CatalogResult parse_pnpm_lock(std::string_view text, const model::Location& location,
                              const ImporterManifests& manifests = {});

} // namespace kaiyuan::catalog::npm
