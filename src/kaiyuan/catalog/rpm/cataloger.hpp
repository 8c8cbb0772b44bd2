#pragma once
#include "kaiyuan/catalog/engine/cataloger.hpp"

namespace kaiyuan::catalog::rpm {

/// Installed rpm packages from any of the three rpmdb backends, in var/lib/rpm,
/// usr/lib/sysimage/rpm or usr/share/rpm.
class RpmDbCataloger final : public Cataloger {
public:
    std::string_view name() const override { return "rpm-db"; }
    std::vector<std::string> globs() const override;
    CatalogResult catalog(const std::vector<const FileData*>& files,
                          const Environments& envs) const override;
};

/// .rpm package files.
class RpmFileCataloger final : public Cataloger {
public:
    std::string_view name() const override { return "rpm-file"; }
    std::vector<std::string> globs() const override { return {"*.rpm", "**/*.rpm"}; }
    CatalogResult catalog(const std::vector<const FileData*>& files,
                          const Environments& envs) const override;
};

} // namespace kaiyuan::catalog::rpm
