#include "kaiyuan/catalog/engine/registry.hpp"

#include "kaiyuan/catalog/apk/cataloger.hpp"
#include "kaiyuan/catalog/binary/cargo_auditable.hpp"
#include "kaiyuan/catalog/binary/cataloger.hpp"
#include "kaiyuan/catalog/binary/go_buildinfo.hpp"
#include "kaiyuan/catalog/cpp/conan_vcpkg.hpp"
#include "kaiyuan/catalog/dotnet/nuget.hpp"
#include "kaiyuan/catalog/dpkg/cataloger.hpp"
#include "kaiyuan/catalog/engine/file_cataloger.hpp"
#include "kaiyuan/catalog/git/repository.hpp"
#include "kaiyuan/catalog/golang/go_mod.hpp"
#include "kaiyuan/catalog/java/maven.hpp"
#include "kaiyuan/catalog/npm/cataloger.hpp"
#include "kaiyuan/catalog/npm/package_lock.hpp"
#include "kaiyuan/catalog/php/composer_lock.hpp"
#include "kaiyuan/catalog/python/cataloger.hpp"
#include "kaiyuan/catalog/python/pipfile_lock.hpp"
#include "kaiyuan/catalog/python/toml_lock.hpp"
#include "kaiyuan/catalog/rpm/cataloger.hpp"
#include "kaiyuan/catalog/rpm/spec.hpp"
#include "kaiyuan/catalog/ruby/gems.hpp"
#include "kaiyuan/catalog/rust/cargo_lock.hpp"

namespace kaiyuan::catalog {

std::vector<std::unique_ptr<Cataloger>> all_catalogers() {
    std::vector<std::unique_ptr<Cataloger>> out;
    out.push_back(std::make_unique<dpkg::DpkgCataloger>());
    out.push_back(std::make_unique<dpkg::DebFileCataloger>());
    out.push_back(std::make_unique<rpm::RpmDbCataloger>());
    out.push_back(std::make_unique<rpm::RpmFileCataloger>());
    out.push_back(std::make_unique<rpm::RpmSpecCataloger>());
    out.push_back(std::make_unique<apk::ApkCataloger>());
    // npm keeps a hidden copy of the lockfile in node_modules: vendor dirs are skipped.
    out.push_back(file_cataloger("npm-package-lock",
                                 {"**/package-lock.json", "**/npm-shrinkwrap.json"},
                                 npm::parse_package_lock));
    out.push_back(std::make_unique<npm::PnpmLockCataloger>());
    out.push_back(std::make_unique<npm::YarnLockCataloger>());
    out.push_back(std::make_unique<npm::NodeModulesCataloger>());
    out.push_back(std::make_unique<python::RequirementsCataloger>());
    out.push_back(std::make_unique<python::ProjectLockCataloger>(
        "python-poetry-lock", "poetry.lock", "pyproject.toml", python::parse_poetry_lock,
        python::parse_pyproject));
    out.push_back(file_cataloger("python-uv-lock", {"**/uv.lock"}, python::parse_uv_lock));
    out.push_back(std::make_unique<python::ProjectLockCataloger>(
        "python-pdm-lock", "pdm.lock", "pyproject.toml", python::parse_pdm_lock,
        python::parse_pyproject));
    out.push_back(std::make_unique<python::ProjectLockCataloger>(
        "python-pipfile-lock", "Pipfile.lock", "Pipfile", python::parse_pipfile_lock,
        python::parse_pipfile));
    out.push_back(std::make_unique<python::InstalledCataloger>());
    out.push_back(file_cataloger("rust-cargo-lock", {"**/Cargo.lock"}, rust::parse_cargo_lock));
    out.push_back(std::make_unique<golang::GoModCataloger>());
    out.push_back(std::make_unique<binary::ExecutableCataloger>(
        "go-binary", binary::parse_go_binary, false, std::vector<std::string>{".go.buildinfo"}));
    out.push_back(std::make_unique<binary::ExecutableCataloger>(
        "rust-cargo-auditable", binary::parse_cargo_auditable, true,
        std::vector<std::string>{".dep-v0"}));
    out.push_back(file_cataloger("java-pom", {"**/pom.xml"}, java::parse_pom));
    out.push_back(file_cataloger("java-gradle-lockfile",
                                 {"**/gradle.lockfile", "**/gradle/dependency-locks/*.lockfile"},
                                 java::parse_gradle_lockfile));
    out.push_back(file_cataloger("java-archive", {"**/*.jar", "**/*.war", "**/*.ear"},
                                 java::parse_java_archive, true));
    out.push_back(
        file_cataloger("php-composer-lock", {"**/composer.lock"}, php::parse_composer_lock));
    out.push_back(file_cataloger("ruby-gemfile-lock", {"**/Gemfile.lock", "**/gems.locked"},
                                 ruby::parse_gemfile_lock));
    out.push_back(
        file_cataloger("ruby-gemspec", {"**/specifications/*.gemspec"}, ruby::parse_gemspec, true));
    out.push_back(file_cataloger("dotnet-packages-lock", {"**/packages.lock.json"},
                                 dotnet::parse_packages_lock));
    out.push_back(
        file_cataloger("dotnet-deps-json", {"**/*.deps.json"}, dotnet::parse_deps_json, true));
    out.push_back(file_cataloger("cpp-conan-lock", {"**/conan.lock"}, cpp::parse_conan_lock));
    out.push_back(file_cataloger("cpp-vcpkg-json", {"**/vcpkg.json"}, cpp::parse_vcpkg_json));
    out.push_back(std::make_unique<git::GitCataloger>());
    return out;
}

} // namespace kaiyuan::catalog
