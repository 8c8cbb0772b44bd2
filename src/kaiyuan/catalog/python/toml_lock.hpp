#pragma once
/// The TOML lockfiles of Python: poetry.lock (https://python-poetry.org/docs/basic-usage/),
/// uv.lock (https://docs.astral.sh/uv/concepts/projects/layout/#the-lockfile) and pdm.lock
/// (https://pdm-project.org/en/latest/usage/lockfile/). Each is a list of [[package]] tables with
/// name, version and dependencies; they differ in how dependencies and groups are written.
#include "kaiyuan/catalog/engine/cataloger.hpp"
#include "kaiyuan/catalog/python/project.hpp"

namespace kaiyuan::catalog::python {

/// `project` (from pyproject.toml, when there is one) becomes the root application and gives
/// direct dependencies and their kinds; uv.lock records its project itself.
CatalogResult parse_poetry_lock(std::string_view text, const model::Location& location,
                                const PythonProject* project = nullptr);
CatalogResult parse_uv_lock(std::string_view text, const model::Location& location);
CatalogResult parse_pdm_lock(std::string_view text, const model::Location& location,
                             const PythonProject* project = nullptr);

} // namespace kaiyuan::catalog::python
