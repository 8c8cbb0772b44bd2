#pragma once
/// Pipfile.lock (pipenv, https://pipenv.pypa.io/en/latest/pipfile.html): JSON with "default"
/// (runtime) and "develop" (development) maps of name -> {version: "==x", hashes, markers}.
/// The lock is flat: it records no graph.
#include "kaiyuan/catalog/engine/cataloger.hpp"
#include "kaiyuan/catalog/python/project.hpp"

namespace kaiyuan::catalog::python {

/// `project` (the Pipfile beside it) marks the packages the project asked for as direct.
CatalogResult parse_pipfile_lock(std::string_view text, const model::Location& location,
                                 const PythonProject* project = nullptr);

} // namespace kaiyuan::catalog::python
