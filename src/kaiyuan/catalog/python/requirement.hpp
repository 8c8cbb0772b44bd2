#pragma once
/// PEP 508 dependency specifiers ("name[extra] >=1,<2 ; python_version < '3.9'",
/// "name @ https://...") and pip's requirements files
/// (https://pip.pypa.io/en/stable/reference/requirements-file-format/).
#include "kaiyuan/catalog/engine/cataloger.hpp"
#include "kaiyuan/util/error.hpp"

#include <string>
#include <vector>

namespace kaiyuan::catalog::python {

struct Requirement {
    std::string name;
    std::vector<std::string> extras;
    std::string specifier;           ///< ">=1,<2", "==1.0"; empty with a URL or no constraint
    std::string url;                 ///< "name @ url" or a bare archive/VCS URL
    std::string marker;              ///< the environment marker after ';'
    std::vector<std::string> hashes; ///< --hash=sha256:... options
    /// The version when the specifier pins one exactly ("==1.0", "===1.0"; not "==1.*").
    std::string pinned_version() const;
};

Result<Requirement> parse_requirement(std::string_view text);

/// A requirements file: its requirements (with line numbers) and the files it includes with
/// -r (requirements) and -c (constraints), as written.
struct RequirementsFile {
    std::vector<std::pair<Requirement, std::uint32_t>> requirements;
    std::vector<std::string> includes, constraints;
    std::vector<model::Diagnostic> diagnostics;
};

RequirementsFile read_requirements(std::string_view text, const model::Location& location);

/// Components for one requirements file: pinned versions, or the version a constraints file pins
/// (`constraints`: normalised name -> version), or none (the specifier is kept as a property).
CatalogResult
requirements_components(const RequirementsFile& file, const model::Location& location,
                        const std::vector<std::pair<std::string, std::string>>& constraints = {});

} // namespace kaiyuan::catalog::python
