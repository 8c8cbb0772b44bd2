#pragma once
/// The project a Python lockfile belongs to, from the manifest beside it: pyproject.toml
/// ([project] per PEP 621 with optional-dependencies, [dependency-groups] per PEP 735,
/// [tool.poetry] and its groups, [tool.pdm.dev-dependencies]) or pipenv's Pipfile ([packages],
/// [dev-packages]). Lockfiles record what was resolved; the manifest says which of those the
/// project asked for, and for what.
#include "kaiyuan/model/relationship.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kaiyuan::catalog::python {

struct PythonProject {
    std::string name, version;
    /// Direct dependencies: normalised name and how they are needed.
    std::vector<std::pair<std::string, model::RelationshipType>> dependencies;
};

/// nullopt when the text is not TOML or names no dependencies and no project.
std::optional<PythonProject> parse_pyproject(std::string_view text);
std::optional<PythonProject> parse_pipfile(std::string_view text);

} // namespace kaiyuan::catalog::python
