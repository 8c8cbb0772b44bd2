#include "kaiyuan/catalog/engine/file_cataloger.hpp"

namespace kaiyuan::catalog {

bool in_vendor_dir(std::string_view path) {
    for (std::string_view dir : {"node_modules/", "vendor/"})
        if (path.starts_with(dir) || path.find("/" + std::string(dir)) != std::string_view::npos)
            return true;
    return false;
}

CatalogResult FileCataloger::catalog(const std::vector<const FileData*>& files,
                                     const Environments&) const {
    CatalogResult result;
    for (const FileData* f : files) {
        if (!m_in_vendor_dirs && in_vendor_dir(f->path)) continue;
        result.append(m_parser(f->data, f->location()));
    }
    return result;
}

} // namespace kaiyuan::catalog
