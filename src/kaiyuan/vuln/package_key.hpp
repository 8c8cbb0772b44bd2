#pragma once
/// How a component is known to advisories: its OSV ecosystem, its name there and the version to
/// compare, from its purl and the scanned distribution.
#include "kaiyuan/model/component.hpp"
#include "kaiyuan/model/sbom.hpp"

#include <string>
#include <vector>

namespace kaiyuan::vuln {

struct PackageKey {
    std::string ecosystem; ///< OSV ecosystem without release: "PyPI", "Debian", "openEuler"
    /// The distribution release advisories must name ("12", "24.03-LTS-SP1"); "" for language
    /// ecosystems. A release known only in part ("24.03") matches every release it begins.
    std::string release;
    std::string name;    ///< normalised as the database indexes names
    std::string version; ///< in the ecosystem's scheme (rpm: [epoch:]version-release)
};

/// The keys of `component`: one for a language package; for a distribution package the source
/// package first (Debian and openEuler advisories name source packages) and the binary package
/// (AlmaLinux advisories name binary packages). Empty when the purl type has no OSV ecosystem.
std::vector<PackageKey> package_keys(const model::Component& component,
                                     const model::Distro& distro);

/// The ecosystem under which GIT ranges are indexed: the name is the normalised repository URL,
/// the version a commit.
inline constexpr const char* k_git_ecosystem = "GIT";

/// A repository URL as GIT ranges and git remotes are compared: no scheme, user or ".git", host
/// and path in lower case ("git@github.com:Madler/zlib.git" -> "github.com/madler/zlib").
std::string normalize_repository_url(std::string_view url);

/// Whether an advisory's ecosystem `stored` ("openEuler:24.03-LTS-SP1") applies to `key`.
bool ecosystem_applies(std::string_view stored, const PackageKey& key);

} // namespace kaiyuan::vuln
