#include "kaiyuan/catalog/binary/cataloger.hpp"

#include "kaiyuan/catalog/binary/elf.hpp"

namespace kaiyuan::catalog::binary {

std::vector<std::string> ExecutableCataloger::magic() const {
    std::vector<std::string> out{std::string(k_elf_magic)};
    if (!m_elf_only) {
        out.emplace_back("MZ");                  // PE (Windows)
        out.emplace_back("\xcf\xfa\xed\xfe", 4); // Mach-O 64-bit
        out.emplace_back("\xce\xfa\xed\xfe", 4); // Mach-O 32-bit
    }
    return out;
}

CatalogResult ExecutableCataloger::catalog(const std::vector<const FileData*>& files,
                                           const Environments&) const {
    CatalogResult result;
    for (const FileData* f : files)
        result.append(m_parser(f->data, f->location()));
    return result;
}

} // namespace kaiyuan::catalog::binary
