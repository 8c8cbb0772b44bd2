#include "kaiyuan/catalog/npm/cataloger.hpp"

#include "kaiyuan/catalog/npm/package_lock.hpp"

namespace kaiyuan::catalog::npm {

CatalogResult PackageLockCataloger::catalog(const std::vector<const FileData*>& files,
                                            const Environments&) const {
    CatalogResult result;
    for (const FileData* f : files) {
        if (f->path.find("node_modules/") != std::string::npos)
            continue; // npm's hidden lockfile copies
        result.append(parse_package_lock(f->data, f->location()));
    }
    return result;
}

} // namespace kaiyuan::catalog::npm
