#pragma once
/// C and C++: conan.lock, Conan 1.x ("graph_lock" nodes with refs and requires) and 2.x
/// ("requires", "build_requires", "python_requires" lists of references,
/// https://docs.conan.io/2/tutorial/versioning/lockfiles.html); and vcpkg.json manifests
/// (https://learn.microsoft.com/vcpkg/reference/vcpkg-json).
#include "kaiyuan/catalog/engine/cataloger.hpp"

namespace kaiyuan::catalog::cpp {

/// "name/version[@user/channel][#rrev[%timestamp]]" -> pkg:conan/name@version?channel=&rrev=&user=
model::Component conan_component(std::string_view reference, const model::Location& file,
                                 std::uint32_t line);

CatalogResult parse_conan_lock(std::string_view text, const model::Location& location);
CatalogResult parse_vcpkg_json(std::string_view text, const model::Location& location);

} // namespace kaiyuan::catalog::cpp
