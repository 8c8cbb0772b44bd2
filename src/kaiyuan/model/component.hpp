#pragma once
#include "kaiyuan/model/location.hpp"

#include <map>
#include <string>
#include <vector>

namespace kaiyuan::model {

/// What kind of thing a component is (CycloneDX component types, SPDX primaryPackagePurpose).
enum class ComponentType { library, application, operating_system, container, file, framework };

const char* to_string(ComponentType t);
ComponentType component_type_from_string(std::string_view s); ///< unknown -> library

struct Checksum {
    std::string algorithm; ///< SPDX spelling: SHA1, SHA256, SHA512, MD5
    std::string value;     ///< lower-case hex
    auto operator<=>(const Checksum&) const = default;
};

/// A reference to somewhere else about a component: CycloneDX externalReferences (its type names:
/// vcs, issue-tracker, distribution, advisories, ...), SPDX external refs of category OTHER.
struct ExternalReference {
    std::string type;
    std::string url;
    std::string comment;
    auto operator<=>(const ExternalReference&) const = default;
};

/// One software component: an installed package, a lockfile entry, a file.
struct Component {
    std::string id; ///< stable content hash of what the component is; see assign_id()
    ComponentType type = ComponentType::library;
    std::string package_type; ///< purl type: rpm, deb, apk, ...
    std::string name;
    std::string version;
    std::string purl;
    std::string arch;
    std::string source_name;    ///< source package (rpm SOURCERPM name, deb Source)
    std::string source_version; ///< source package version when it differs
    std::string supplier;       ///< vendor or maintainer, as "Name" or "Name <email>"
    std::string description;
    std::string homepage;
    std::string license_declared;  ///< SPDX expression from metadata, "" when none
    std::string license_concluded; ///< SPDX expression detected from files, "" when none
    std::vector<Checksum> hashes;
    std::vector<std::string> files; ///< files the package owns, as the database lists them
    std::vector<Location> locations;
    /// Everything else worth keeping, with namespaced keys ("kaiyuan:rpm:epoch",
    /// "kaiyuan:license:raw").
    std::map<std::string, std::string> properties;

    // What another tool's document says of a component, kept so that converting it loses
    // nothing the target format can hold (kaiyuan's own scans leave these empty or fill few).
    std::string ref;               ///< the document's own reference: CycloneDX bom-ref, SPDXID
    std::string copyright;         ///< copyright text (CycloneDX copyright, SPDX copyrightText)
    std::string download_location; ///< SPDX downloadLocation, CycloneDX distribution reference
    std::vector<std::string> cpes; ///< CPE names (CycloneDX cpe, SPDX SECURITY cpe22/23Type)
    std::vector<ExternalReference> external_references;
    /// Other tools' properties, in document order, repeated names kept ("aquasecurity:trivy:
    /// PkgID", "SrcFile"); kaiyuan's own "kaiyuan:" properties are in `properties`.
    std::vector<std::pair<std::string, std::string>> other_properties;
    std::string evidence; ///< CycloneDX evidence object, as compact JSON text

    bool operator==(const Component&) const = default;
};

/// Properties of a component that is a git checkout (catalog/git), which advisories' GIT ranges
/// are matched by: the commit checked out and the remote's URL.
inline constexpr const char* k_commit_property = "kaiyuan:git:commit";
inline constexpr const char* k_repository_property = "kaiyuan:git:repository";

/// The OS package (its purl, else its name) whose files a language package is: a Python module
/// a python3-* deb installed, a Go binary an rpm installed (catalog/engine/ownership).
inline constexpr const char* k_owned_by_property = "kaiyuan:owned-by";

/// Computes the component id from its purl (or, without one, from type, name, version and arch),
/// so that the same package found twice gets one id whoever found it.
void assign_id(Component& c);

/// Whether `c` is a package of the distribution's package manager (deb, rpm, apk), whose file
/// list its database holds.
bool is_os_package(const Component& c);

/// The root a package database's file names are relative to, as a tree path prefix ("" or
/// "rootfs/"), from where the database was found ("rootfs/var/lib/dpkg/status"): what comes
/// before var/lib/dpkg/, var/lib/rpm/, usr/lib/sysimage/rpm/, usr/share/rpm/ or lib/apk/db/.
std::string package_database_root(std::string_view location);

} // namespace kaiyuan::model
