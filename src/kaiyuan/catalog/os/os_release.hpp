#pragma once
/// os-release(5): KEY=value lines, values optionally quoted with shell-style escapes.
#include "kaiyuan/model/sbom.hpp"

#include <string_view>

namespace kaiyuan::catalog::os {

model::Distro parse_os_release(std::string_view text);

/// The purl `distro` qualifier: "<id>-<version_id>" ("openeuler-24.03", "debian-12"), or the id
/// alone when there is no version.
std::string distro_qualifier(const model::Distro& d);

} // namespace kaiyuan::catalog::os
