#pragma once
#include "kaiyuan/catalog/engine/cataloger.hpp"

namespace kaiyuan::catalog::apk {

/// Installed Alpine packages (lib/apk/db/installed).
class ApkCataloger final : public Cataloger {
public:
    std::string_view name() const override { return "apk-db"; }
    std::vector<std::string> globs() const override { return {"**/lib/apk/db/installed"}; }
    CatalogResult catalog(const std::vector<const FileData*>& files,
                          const Environments& envs) const override;
};

} // namespace kaiyuan::catalog::apk
