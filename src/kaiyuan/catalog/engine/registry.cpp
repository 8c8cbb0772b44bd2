#include "kaiyuan/catalog/engine/registry.hpp"

#include "kaiyuan/catalog/apk/cataloger.hpp"
#include "kaiyuan/catalog/dpkg/cataloger.hpp"
#include "kaiyuan/catalog/engine/file_cataloger.hpp"
#include "kaiyuan/catalog/npm/cataloger.hpp"
#include "kaiyuan/catalog/npm/package_lock.hpp"
#include "kaiyuan/catalog/python/cataloger.hpp"
#include "kaiyuan/catalog/python/pipfile_lock.hpp"
#include "kaiyuan/catalog/python/toml_lock.hpp"
#include "kaiyuan/catalog/rpm/cataloger.hpp"

namespace kaiyuan::catalog {

std::vector<std::unique_ptr<Cataloger>> all_catalogers() {
    std::vector<std::unique_ptr<Cataloger>> out;
    out.push_back(std::make_unique<dpkg::DpkgCataloger>());
    out.push_back(std::make_unique<dpkg::DebFileCataloger>());
    out.push_back(std::make_unique<rpm::RpmDbCataloger>());
    out.push_back(std::make_unique<rpm::RpmFileCataloger>());
    out.push_back(std::make_unique<apk::ApkCataloger>());
    // npm keeps a hidden copy of the lockfile in node_modules: vendor dirs are skipped.
    out.push_back(file_cataloger("npm-package-lock",
                                 {"**/package-lock.json", "**/npm-shrinkwrap.json"},
                                 npm::parse_package_lock));
    out.push_back(std::make_unique<npm::PnpmLockCataloger>());
    out.push_back(std::make_unique<npm::YarnLockCataloger>());
    out.push_back(std::make_unique<npm::NodeModulesCataloger>());
    out.push_back(std::make_unique<python::RequirementsCataloger>());
    out.push_back(
        file_cataloger("python-poetry-lock", {"**/poetry.lock"}, python::parse_poetry_lock));
    out.push_back(file_cataloger("python-uv-lock", {"**/uv.lock"}, python::parse_uv_lock));
    out.push_back(file_cataloger("python-pdm-lock", {"**/pdm.lock"}, python::parse_pdm_lock));
    out.push_back(
        file_cataloger("python-pipfile-lock", {"**/Pipfile.lock"}, python::parse_pipfile_lock));
    out.push_back(std::make_unique<python::InstalledCataloger>());
    return out;
}

} // namespace kaiyuan::catalog
