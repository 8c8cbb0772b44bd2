#pragma once
#include "kaiyuan/catalog/engine/cataloger.hpp"

namespace kaiyuan::catalog::npm {

/// pnpm-lock.yaml, with the importers' package.json files for their names.
class PnpmLockCataloger final : public Cataloger {
public:
    std::string_view name() const override { return "npm-pnpm-lock"; }
    std::vector<std::string> globs() const override {
        return {"**/pnpm-lock.yaml", "**/package.json"};
    }
    CatalogResult catalog(const std::vector<const FileData*>& files,
                          const Environments& envs) const override;
};

/// yarn.lock (classic v1 and berry), with the project's package.json beside it for direct and
/// dev dependencies.
class YarnLockCataloger final : public Cataloger {
public:
    std::string_view name() const override { return "npm-yarn-lock"; }
    std::vector<std::string> globs() const override { return {"**/yarn.lock", "**/package.json"}; }
    CatalogResult catalog(const std::vector<const FileData*>& files,
                          const Environments& envs) const override;
};

/// Installed packages: node_modules/**/package.json.
class NodeModulesCataloger final : public Cataloger {
public:
    std::string_view name() const override { return "npm-installed"; }
    std::vector<std::string> globs() const override { return {"**/package.json"}; }
    CatalogResult catalog(const std::vector<const FileData*>& files,
                          const Environments& envs) const override;
};

} // namespace kaiyuan::catalog::npm
