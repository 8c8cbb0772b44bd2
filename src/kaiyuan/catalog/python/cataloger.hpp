#pragma once
#include "kaiyuan/catalog/engine/cataloger.hpp"

namespace kaiyuan::catalog::python {

/// pip requirements files, with the constraints files (-c) they name applied to unpinned
/// requirements, and -r includes checked.
class RequirementsCataloger final : public Cataloger {
public:
    std::string_view name() const override { return "python-requirements"; }
    std::vector<std::string> globs() const override {
        return {"**/*requirements*.txt", "**/requirements/*.txt", "**/*requirements*.in",
                "**/*constraints*.txt"};
    }
    CatalogResult catalog(const std::vector<const FileData*>& files,
                          const Environments& envs) const override;
};

/// Installed distributions in site-packages / dist-packages.
class InstalledCataloger final : public Cataloger {
public:
    std::string_view name() const override { return "python-installed"; }
    std::vector<std::string> globs() const override {
        return {"**/*.dist-info/METADATA", "**/*.egg-info/PKG-INFO", "**/*.egg-info"};
    }
    CatalogResult catalog(const std::vector<const FileData*>& files,
                          const Environments& envs) const override;
};

} // namespace kaiyuan::catalog::python
