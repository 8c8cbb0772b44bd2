#pragma once
/// The upstreams of what an SBOM (or a scan) lists: each component with a package URL of a
/// language ecosystem has that ecosystem's registry as its upstream (docs/cli.md, "upstream
/// check --components"), and its version is compared in that ecosystem's order.
///
/// | purl type | registry (listing.hpp) | order      |
/// |-----------|------------------------|------------|
/// | pypi      | pypi                   | PEP 440    |
/// | npm       | npm                    | semver     |
/// | cargo     | cratesio               | semver     |
/// | gem       | rubygem                | RubyGems'  |
/// | maven     | maven (GROUP:ARTIFACT) | Maven's    |
/// | golang    | go (module path)       | semver     |
/// | composer  | packagist (VENDOR/NAME)| Composer's |
/// | nuget     | nuget                  | NuGet's    |
/// | cpan      | metacpan (distribution)| rpm's      |
///
/// Components of other types (rpm, deb, apk, generic...) have no registry to ask: they are
/// counted per type in one diagnostic, never dropped silently. A component listed twice with
/// one version is checked once.
#include "kaiyuan/model/sbom.hpp"
#include "kaiyuan/upstream/packaged.hpp"

namespace kaiyuan::upstream {

/// The packages of `sbom`'s components that have a registry, in the SBOM's order; `label`
/// (the file or target) names the source in diagnostics.
void add_components(PackageSet& set, const model::Sbom& sbom, const std::string& label);

} // namespace kaiyuan::upstream
