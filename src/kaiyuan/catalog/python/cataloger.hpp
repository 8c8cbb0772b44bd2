#pragma once
#include "kaiyuan/catalog/engine/cataloger.hpp"
#include "kaiyuan/catalog/python/project.hpp"

#include <optional>

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

/// A lockfile read with the project manifest beside it (poetry.lock and pdm.lock with
/// pyproject.toml, Pipfile.lock with Pipfile).
class ProjectLockCataloger final : public Cataloger {
public:
    using LockParser = CatalogResult (*)(std::string_view, const model::Location&,
                                         const PythonProject*);
    using ManifestParser = std::optional<PythonProject> (*)(std::string_view);
    ProjectLockCataloger(std::string name, std::string lock, std::string manifest,
                         LockParser lock_parser, ManifestParser manifest_parser)
        : m_name(std::move(name)), m_lock(std::move(lock)), m_manifest(std::move(manifest)),
          m_lock_parser(lock_parser), m_manifest_parser(manifest_parser) {}
    std::string_view name() const override { return m_name; }
    std::vector<std::string> globs() const override { return {"**/" + m_lock, "**/" + m_manifest}; }
    CatalogResult catalog(const std::vector<const FileData*>& files,
                          const Environments& envs) const override;

private:
    std::string m_name, m_lock, m_manifest;
    LockParser m_lock_parser;
    ManifestParser m_manifest_parser;
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
