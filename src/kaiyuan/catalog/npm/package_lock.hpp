#pragma once
/// npm's package-lock.json and npm-shrinkwrap.json
/// (https://docs.npmjs.com/cli/configuring-npm/package-lock-json): lockfileVersion 2 and 3 are read
/// from "packages" (keyed by node_modules path), version 1 from the nested "dependencies" tree.
/// Dependencies are resolved the way Node does: from the requiring package's own node_modules up
/// through its ancestors.
#include "kaiyuan/catalog/engine/cataloger.hpp"

namespace kaiyuan::catalog::npm {

/// Parses one lockfile into components (the project itself first, as an application) and
/// depends-on / dev-depends-on / optional-depends-on edges.
CatalogResult parse_package_lock(std::string_view text, const model::Location& location);

/// "sha512-<base64>" (Subresource Integrity) -> {"SHA512", hex}; empty when not SRI.
model::Checksum checksum_from_integrity(std::string_view integrity);

} // namespace kaiyuan::catalog::npm
