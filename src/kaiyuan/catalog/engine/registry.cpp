#include "kaiyuan/catalog/engine/registry.hpp"

#include "kaiyuan/catalog/apk/cataloger.hpp"
#include "kaiyuan/catalog/dpkg/cataloger.hpp"
#include "kaiyuan/catalog/npm/cataloger.hpp"
#include "kaiyuan/catalog/rpm/cataloger.hpp"

namespace kaiyuan::catalog {

std::vector<std::unique_ptr<Cataloger>> all_catalogers() {
    std::vector<std::unique_ptr<Cataloger>> out;
    out.push_back(std::make_unique<dpkg::DpkgCataloger>());
    out.push_back(std::make_unique<dpkg::DebFileCataloger>());
    out.push_back(std::make_unique<rpm::RpmDbCataloger>());
    out.push_back(std::make_unique<rpm::RpmFileCataloger>());
    out.push_back(std::make_unique<apk::ApkCataloger>());
    out.push_back(std::make_unique<npm::PackageLockCataloger>());
    out.push_back(std::make_unique<npm::PnpmLockCataloger>());
    out.push_back(std::make_unique<npm::YarnLockCataloger>());
    out.push_back(std::make_unique<npm::NodeModulesCataloger>());
    return out;
}

} // namespace kaiyuan::catalog
