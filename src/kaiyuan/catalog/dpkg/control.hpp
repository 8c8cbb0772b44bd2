#pragma once
/// Debian control-file syntax (deb-control(5), Debian Policy 5.1): paragraphs of "Field: value"
/// lines separated by blank lines; continuation lines start with a space or tab.
#include "kaiyuan/model/diagnostic.hpp"

#include <string>
#include <utility>
#include <vector>

namespace kaiyuan::catalog::dpkg {

struct Paragraph {
    std::uint32_t line = 0; ///< 1-based line of the paragraph's first field
    std::vector<std::pair<std::string, std::string>> fields;
    /// The field's value ("" when absent); field names compare case-insensitively.
    std::string_view get(std::string_view name) const;
    bool has(std::string_view name) const;
};

struct ControlFile {
    std::vector<Paragraph> paragraphs;
    std::vector<model::Diagnostic> diagnostics;
};

/// Parses `text`; a line that is neither a field nor a continuation becomes a diagnostic at
/// `location` with its line number, and parsing goes on.
ControlFile parse_control(std::string_view text, const model::Location& location);

} // namespace kaiyuan::catalog::dpkg
