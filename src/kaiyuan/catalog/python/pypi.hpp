#pragma once
/// What every Python parser shares: PyPI names and components.
#include "kaiyuan/model/component.hpp"
#include "kaiyuan/model/diagnostic.hpp"

#include <string>
#include <string_view>

namespace kaiyuan::catalog::python {

/// PEP 503 normalised name: lower case, runs of '-', '_' and '.' become one '-'. This is the
/// name in pypi purls (purl-spec: "pypi" type) and the key lockfiles use for dependencies.
std::string normalize_name(std::string_view name);

/// A pypi component: purl pkg:pypi/<normalised>@<version>, name as the metadata spells it.
model::Component pypi_component(std::string_view name, std::string_view version,
                                const model::Location& file, std::uint32_t line);

} // namespace kaiyuan::catalog::python
