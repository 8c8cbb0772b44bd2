#pragma once
/// kaiyuan's own JSON: the model as it is, every field kept (docs/json-format.md).
#include "kaiyuan/model/sbom.hpp"
#include "kaiyuan/util/error.hpp"

namespace kaiyuan::format::native {

std::string write(const model::Sbom& sbom);
Result<model::Sbom> read(std::string_view text);

} // namespace kaiyuan::format::native
