#pragma once
/// composer.lock
/// (https://getcomposer.org/doc/01-basic-usage.md#commit-your-composer-lock-file-to-version-control):
/// "packages" (runtime) and "packages-dev", each with name, version, license[], require{}.
#include "kaiyuan/catalog/engine/cataloger.hpp"

namespace kaiyuan::catalog::php {

CatalogResult parse_composer_lock(std::string_view text, const model::Location& location);

} // namespace kaiyuan::catalog::php
