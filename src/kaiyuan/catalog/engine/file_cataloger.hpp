#pragma once
/// The cataloger of a format whose files stand alone (most lockfiles and manifests): each
/// collected file goes through one parser. Files under vendored or installed-package folders
/// (node_modules/, vendor/) are left to the catalogers of installed packages unless
/// `in_vendor_dirs` says otherwise.
#include "kaiyuan/catalog/engine/cataloger.hpp"

#include <memory>

namespace kaiyuan::catalog {

/// Parses one file: bytes and where they came from, nothing else.
using FileParser = CatalogResult (*)(std::string_view text, const model::Location& location);

class FileCataloger final : public Cataloger {
public:
    FileCataloger(std::string name, std::vector<std::string> globs, FileParser parser,
                  bool in_vendor_dirs = false)
        : m_name(std::move(name)), m_globs(std::move(globs)), m_parser(parser),
          m_in_vendor_dirs(in_vendor_dirs) {}
    std::string_view name() const override { return m_name; }
    std::vector<std::string> globs() const override { return m_globs; }
    CatalogResult catalog(const std::vector<const FileData*>& files,
                          const Environments& envs) const override;

private:
    std::string m_name;
    std::vector<std::string> m_globs;
    FileParser m_parser;
    bool m_in_vendor_dirs;
};

inline std::unique_ptr<Cataloger> file_cataloger(std::string name, std::vector<std::string> globs,
                                                 FileParser parser, bool in_vendor_dirs = false) {
    return std::make_unique<FileCataloger>(std::move(name), std::move(globs), parser,
                                           in_vendor_dirs);
}

/// True for paths inside node_modules/ or vendor/ (copies of dependencies, not the project).
bool in_vendor_dir(std::string_view path);

} // namespace kaiyuan::catalog
