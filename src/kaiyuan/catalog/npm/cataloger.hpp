#pragma once
#include "kaiyuan/catalog/engine/cataloger.hpp"

namespace kaiyuan::catalog::npm {

/// npm lockfiles: package-lock.json and npm-shrinkwrap.json (not inside node_modules, where
/// npm keeps a hidden copy).
class PackageLockCataloger final : public Cataloger {
public:
    std::string_view name() const override { return "npm-package-lock"; }
    std::vector<std::string> globs() const override {
        return {"**/package-lock.json", "**/npm-shrinkwrap.json"};
    }
    CatalogResult catalog(const std::vector<const FileData*>& files,
                          const Environments& envs) const override;
};

} // namespace kaiyuan::catalog::npm
