#pragma once
/// Version comparison, one comparator per versioning scheme, each agreeing with its ecosystem's
/// own implementation; and the table from OSV ecosystem names to schemes.
#include "kaiyuan/util/error.hpp"

#include <string>
#include <string_view>

namespace kaiyuan::version {

enum class Scheme { rpm, dpkg, semver, pep440, maven, rubygems, nuget, apk, composer, generic };

/// rpm's rpmvercmp over epoch:version-release (rpm 4.18, lib/rpmvercmp.c and rpmVersionCompare):
/// '~' sorts before everything, '^' after the end but before anything else, digit runs compare
/// numerically, alphabetic runs as strings, a digit run beats an alphabetic one.
int compare_rpm(std::string_view a, std::string_view b);

/// dpkg's comparison of [epoch:]upstream[-revision] (Debian Policy 5.6.12, dpkg
/// lib/dpkg/version.c): letters sort before non-letters, '~' before everything, even the end.
int compare_dpkg(std::string_view a, std::string_view b);
/// Why dpkg refuses a version ("revision number is empty", ...), "" when it takes it.
std::string dpkg_version_error(std::string_view v);
/// compare_dpkg, failing on versions dpkg refuses.
Result<int> compare_dpkg_checked(std::string_view a, std::string_view b);

/// Semantic Versioning 2.0.0 precedence as node-semver compares (leading "v"/"=" accepted, build
/// metadata ignored): npm, crates.io, Go modules (with "v", pseudo-versions, "+incompatible").
/// Fails on text that is not MAJOR.MINOR.PATCH[-pre][+build].
Result<int> compare_semver(std::string_view a, std::string_view b);

/// PEP 440 as PyPA's `packaging` orders versions (epoch, release, pre, post, dev, local), with
/// packaging's normalisations (alternative spellings, separators, implicit numbers).
Result<int> compare_pep440(std::string_view a, std::string_view b);

/// Maven's ComparableVersion (maven-artifact 3.8): any text is a version.
int compare_maven(std::string_view a, std::string_view b);

/// RubyGems' Gem::Version (rubygems 3.3): fails on text Gem::Version refuses.
Result<int> compare_rubygems(std::string_view a, std::string_view b);

/// NuGet's NuGetVersion with VersionComparer.Default (four numbers, labels, metadata ignored).
Result<int> compare_nuget(std::string_view a, std::string_view b);

/// Alpine's apk-tools 2.x order (1.2.3_rc1-r0); fails on text apk-tools refuses.
Result<int> compare_apk(std::string_view a, std::string_view b);

/// Composer (Packagist): VersionParser::normalize, then PHP's version_compare (composer/semver
/// 3.3); branches ("dev-main") equal only themselves, ordered against nothing.
Result<int> compare_composer(std::string_view a, std::string_view b);

/// The fallback for ecosystems without a comparator of their own: digit runs as numbers, letter
/// runs case-insensitively, a number above a word, a word where the other has ended a
/// pre-release (unless post, patch, p, pl, r, rev). Decides every pair.
int compare_generic(std::string_view a, std::string_view b);

/// The scheme of an OSV ecosystem name ("Debian:12", "openEuler:24.03-LTS-SP1", "Red Hat");
/// Hex and Pub use SemVer; any other name the generic fallback.
Result<Scheme> scheme_for(std::string_view ecosystem);

/// -1, 0 or 1.
Result<int> compare(Scheme scheme, std::string_view a, std::string_view b);

} // namespace kaiyuan::version
