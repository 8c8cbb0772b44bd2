#pragma once
/// .NET: NuGet's packages.lock.json
/// (https://learn.microsoft.com/nuget/consume-packages/package-references-in-project-files#locking-dependencies)
/// and the *.deps.json a build writes beside an application
/// (https://github.com/dotnet/sdk/blob/main/documentation/specs/runtime-configuration-file.md).
#include "kaiyuan/catalog/engine/cataloger.hpp"

namespace kaiyuan::catalog::dotnet {

CatalogResult parse_packages_lock(std::string_view text, const model::Location& location);
CatalogResult parse_deps_json(std::string_view text, const model::Location& location);

} // namespace kaiyuan::catalog::dotnet
