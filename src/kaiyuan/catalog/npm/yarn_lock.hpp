#pragma once
/// yarn.lock: classic yarn's v1 format (its own "key value" syntax,
/// https://classic.yarnpkg.com/en/docs/yarn-lock) and yarn berry's YAML (yarn 2 and later,
/// "__metadata" first). Entries are keyed by the specs that resolve to them ("a@^1.0.0, a@^1.2");
/// dependencies name specs, which is how the graph is built. The lockfile does not say which
/// dependencies are the project's own or dev-only: the project's package.json, when given, does.
#include "kaiyuan/catalog/engine/cataloger.hpp"
#include "kaiyuan/catalog/npm/package_json.hpp"

#include <optional>

namespace kaiyuan::catalog::npm {

CatalogResult parse_yarn_lock(std::string_view text, const model::Location& location,
                              const std::optional<PackageJson>& project = std::nullopt);

} // namespace kaiyuan::catalog::npm
