#include "kaiyuan/version/compare.hpp"

#include <string>

namespace kaiyuan::version {

Result<Scheme> scheme_for(std::string_view ecosystem) {
    // OSV ecosystems may carry a release after ':' ("Debian:12", "openEuler:24.03-LTS-SP1").
    std::string_view base = ecosystem.substr(0, ecosystem.find(':'));
    for (std::string_view e : {"Debian", "Ubuntu"})
        if (base == e) return Scheme::dpkg;
    for (std::string_view e : {"openEuler", "Red Hat", "AlmaLinux", "Rocky Linux", "SUSE",
                               "openSUSE", "Mageia", "openCloudOS", "Azure Linux", "rpm"})
        if (base == e) return Scheme::rpm;
    for (std::string_view e : {"npm", "crates.io", "Go", "SEMVER", "Hex", "Pub"})
        if (base == e) return Scheme::semver;
    if (base == "PyPI") return Scheme::pep440;
    if (base == "Maven") return Scheme::maven;
    if (base == "RubyGems") return Scheme::rubygems;
    if (base == "NuGet") return Scheme::nuget;
    if (base == "Packagist") return Scheme::composer;
    for (std::string_view e : {"Alpine", "Wolfi", "Chainguard"})
        if (base == e) return Scheme::apk;
    // Every other ecosystem (CRAN, Hackage, SwiftURL, ConanCenter, Bitnami, OSS-Fuzz, ...).
    return Scheme::generic;
}

Result<int> compare(Scheme scheme, std::string_view a, std::string_view b) {
    switch (scheme) {
    case Scheme::rpm:
        return compare_rpm(a, b);
    case Scheme::dpkg:
        return compare_dpkg_checked(a, b);
    case Scheme::semver:
        return compare_semver(a, b);
    case Scheme::pep440:
        return compare_pep440(a, b);
    case Scheme::maven:
        return compare_maven(a, b);
    case Scheme::rubygems:
        return compare_rubygems(a, b);
    case Scheme::nuget:
        return compare_nuget(a, b);
    case Scheme::apk:
        return compare_apk(a, b);
    case Scheme::composer:
        return compare_composer(a, b);
    case Scheme::generic:
        return compare_generic(a, b);
    }
    return fail("unknown scheme");
}

} // namespace kaiyuan::version
