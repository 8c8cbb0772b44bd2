#pragma once
/// Executables found by their magic numbers: Go build information and cargo-auditable
/// dependency lists.
#include "kaiyuan/catalog/engine/cataloger.hpp"

namespace kaiyuan::catalog::binary {

/// A cataloger of executables whatever their names: ELF, PE ("MZ") and Mach-O.
class ExecutableCataloger final : public Cataloger {
public:
    using Parser = CatalogResult (*)(std::string_view, const model::Location&);
    /// `elf_sections`: the ELF sections the parser reads (see Cataloger::elf_sections).
    ExecutableCataloger(std::string name, Parser parser, bool elf_only,
                        std::vector<std::string> elf_sections)
        : m_name(std::move(name)), m_parser(parser), m_elf_only(elf_only),
          m_elf_sections(std::move(elf_sections)) {}
    std::string_view name() const override { return m_name; }
    std::vector<std::string> globs() const override { return {}; }
    std::vector<std::string> magic() const override;
    std::vector<std::string> elf_sections() const override { return m_elf_sections; }
    CatalogResult catalog(const std::vector<const FileData*>& files,
                          const Environments& envs) const override;

private:
    std::string m_name;
    Parser m_parser;
    bool m_elf_only;
    std::vector<std::string> m_elf_sections;
};

} // namespace kaiyuan::catalog::binary
