#pragma once
/// Pipfile.lock (pipenv, https://pipenv.pypa.io/en/latest/pipfile.html): JSON with "default"
/// (runtime) and "develop" (development) maps of name -> {version: "==x", hashes, markers}.
/// The lock is flat: it records no graph.
#include "kaiyuan/catalog/engine/cataloger.hpp"

namespace kaiyuan::catalog::python {

CatalogResult parse_pipfile_lock(std::string_view text, const model::Location& location);

} // namespace kaiyuan::catalog::python
