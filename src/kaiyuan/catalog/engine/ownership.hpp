#pragma once
/// Language packages that a distribution package installed: Python modules under
/// /usr/lib/python3/dist-packages owned by python3-* debs, Go binaries and jars owned by rpms.
/// They are the distribution's (built, patched and fixed by it), so they are related to the OS
/// package that owns their files, as syft (ownership overlap) and trivy (skipping them) do.
#include "kaiyuan/model/sbom.hpp"

namespace kaiyuan::catalog {

/// Marks every non-OS component whose location is a file an OS package (deb, rpm, apk) lists as
/// its own with model::k_owned_by_property, and adds "OS package contains it"; returns how many.
/// The file lists are the package databases' (dpkg info/*.list, rpm file names, apk R: lines),
/// relative to the root the database belongs to.
std::size_t relate_owned_packages(model::Sbom& sbom);

} // namespace kaiyuan::catalog
