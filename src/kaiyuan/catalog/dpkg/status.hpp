#pragma once
/// The dpkg database: var/lib/dpkg/status (and the per-package files of status.d/ that distroless
/// images carry), parsed into packages. Only packages whose Status says "installed" are kept;
/// status.d files have no Status field and are installed by construction.
#include "kaiyuan/catalog/dpkg/control.hpp"

namespace kaiyuan::catalog::dpkg {

struct DpkgPackage {
    std::string name;
    std::string version;
    std::string architecture;
    std::string source_name;
    std::string source_version;
    std::string maintainer;
    std::string description; ///< the synopsis (first line)
    std::string homepage;
    std::string depends; ///< Depends and Pre-Depends joined with ", "
    std::string provides;
    std::string installed_size;
    std::uint32_t line = 0;
};

struct StatusFile {
    std::vector<DpkgPackage> packages;
    std::vector<model::Diagnostic> diagnostics;
    std::size_t not_installed = 0; ///< paragraphs skipped because their status is not "installed"
};

StatusFile parse_status(std::string_view text, const model::Location& location);

/// Fills a package from one control paragraph (status, status.d, or a .deb's control file).
DpkgPackage package_from_paragraph(const Paragraph& p);

} // namespace kaiyuan::catalog::dpkg
