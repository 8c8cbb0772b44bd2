#pragma once
/// A spec file changed as a packager changes it for an upgrade (docs/cli.md, "upstream
/// upgrade"): the preamble's `Version:` set, `Release:` reset to 1 (a dist macro after the
/// number, `%{?dist}`, kept), and a %changelog entry added on top in the form openEuler's and
/// Fedora's specs use:
///
///     * Fri Dec 04 2026 Packager Name <packager@example.org> - 1.3.1-1
///     - update to 1.3.1
///     - fix CVE-2023-45853
///
/// Only those lines change; every other byte of the file stays as it was. A version held in a
/// macro (`Version: %{upstream_version}` with `%global upstream_version 1.2`) is set where the
/// macro is defined.
#include "kaiyuan/util/error.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace kaiyuan::upstream {

struct ChangelogEntry {
    std::string date;     ///< "Fri Dec 04 2026" (rpm's %changelog date: C locale, "%a %b %d %Y")
    std::string packager; ///< "Name <email>"
    std::string version_release;    ///< "1.3.1-1"
    std::vector<std::string> lines; ///< without the leading "- "
};

/// `text` with its version set to `version` and its Release reset; fails, saying which, when the
/// spec has no Version or Release tag in its preamble or sets them in a way not edited here.
Result<std::string> set_version(std::string_view text, std::string_view version);

/// `text` with `entry` added as the newest %changelog entry (a %changelog section is added at the
/// end when there is none).
std::string add_changelog(std::string_view text, const ChangelogEntry& entry);

/// Today's date as %changelog writes it ("Fri Dec 04 2026"), in UTC.
std::string changelog_date_today();

} // namespace kaiyuan::upstream
