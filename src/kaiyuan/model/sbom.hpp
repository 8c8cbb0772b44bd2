#pragma once
#include "kaiyuan/model/component.hpp"
#include "kaiyuan/model/diagnostic.hpp"
#include "kaiyuan/model/relationship.hpp"

#include <map>
#include <string>
#include <vector>

namespace kaiyuan::model {

/// The distribution of a root filesystem, from os-release(5).
struct Distro {
    std::string id;         ///< ID, lower case: openeuler, debian, rocky, alpine ...
    std::string version_id; ///< VERSION_ID: 24.03, 12, 9.3, 3.19.1
    std::string name;       ///< NAME
    std::string pretty_name;
    std::string id_like; ///< ID_LIKE, space-separated
    std::string version_codename;
    bool empty() const { return id.empty() && name.empty(); }
    bool operator==(const Distro&) const = default;
};

/// What was scanned, and the tool run that produced the document.
struct SbomMetadata {
    std::string name;          ///< document name, usually the target
    std::string target;        ///< what was scanned, as the user named it
    std::string target_kind;   ///< directory, archive, docker-archive, oci-layout, rpm, deb, sbom
    std::string namespace_uri; ///< SPDX documentNamespace / CycloneDX serialNumber seed
    std::string created;       ///< RFC 3339 UTC timestamp
    std::string tool_name = "kaiyuan";
    std::string tool_version;
    /// Who made a document that was read (SPDX creator form: "Tool: trivy-0.74.0",
    /// "Organization: ACME", "Person: Jane (jane@example.org)"); writers keep them beside
    /// kaiyuan.
    std::vector<std::string> creators;
    Distro distro;
    /// Image config and other facts about the target ("image:os", "image:architecture",
    /// "image:label:org.opencontainers.image.source", "image:digest" ...).
    std::map<std::string, std::string> properties;
    bool operator==(const SbomMetadata&) const = default;
};

/// A software bill of materials in kaiyuan's own model; every format reads into and writes from it.
struct Sbom {
    SbomMetadata metadata;
    std::vector<Component> components;
    std::vector<Relationship> relationships;
    std::vector<Diagnostic> diagnostics;

    /// Merges components with the same id (locations, files, hashes and properties united), drops
    /// relationships whose ends are unknown or repeated, and sorts everything, so output is
    /// deterministic.
    void normalize();
    /// Index of the component with `id`, or -1.
    std::ptrdiff_t find(std::string_view id) const;
    /// The components the target itself brings in: those no other component depends on (the
    /// project of a lockfile, the packages installed for their own sake), plus one member of
    /// each dependency cycle nothing outside the cycle reaches, so that every component is
    /// reachable from them. Indices in component order. What an SBOM's root depends on: the
    /// direct dependencies, not every component (CycloneDX `dependencies`).
    std::vector<std::size_t> top_level() const;
};

} // namespace kaiyuan::model
