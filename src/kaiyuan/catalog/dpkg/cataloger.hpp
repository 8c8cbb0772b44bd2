#pragma once
#include "kaiyuan/catalog/engine/cataloger.hpp"

namespace kaiyuan::catalog::dpkg {

/// Installed Debian packages: the dpkg status database, status.d, the per-package file lists and
/// the copyright files beside them.
class DpkgCataloger final : public Cataloger {
public:
    std::string_view name() const override { return "dpkg-db"; }
    std::vector<std::string> globs() const override;
    CatalogResult catalog(const std::vector<const FileData*>& files,
                          const Environments& envs) const override;
};

/// .deb package files.
class DebFileCataloger final : public Cataloger {
public:
    std::string_view name() const override { return "deb-file"; }
    std::vector<std::string> globs() const override;
    CatalogResult catalog(const std::vector<const FileData*>& files,
                          const Environments& envs) const override;
};

} // namespace kaiyuan::catalog::dpkg
