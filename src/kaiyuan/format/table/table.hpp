#pragma once
/// A human-readable table: one row per component (name, version, type, license), then the
/// distribution and the diagnostics.
#include "kaiyuan/model/sbom.hpp"

namespace kaiyuan::format::table {

std::string write(const model::Sbom& sbom);

} // namespace kaiyuan::format::table
