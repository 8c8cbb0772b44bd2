#pragma once
/// Ruby: Bundler's Gemfile.lock (https://bundler.io/guides/bundler_setup.html; sections GEM,
/// GIT, PATH with "specs:", and DEPENDENCIES for the project's own) and installed gem
/// specifications (specifications/*.gemspec, the Ruby that `gem` writes).
#include "kaiyuan/catalog/engine/cataloger.hpp"

namespace kaiyuan::catalog::ruby {

CatalogResult parse_gemfile_lock(std::string_view text, const model::Location& location);
CatalogResult parse_gemspec(std::string_view text, const model::Location& location);

} // namespace kaiyuan::catalog::ruby
