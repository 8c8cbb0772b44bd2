#include "kaiyuan/format/table/table.hpp"

#include "kaiyuan/util/text_table.hpp"

namespace kaiyuan::format::table {

std::string write(const model::Sbom& sbom) {
    util::TextTable t{{"NAME", "VERSION", "TYPE", "LICENSE"}, {}};
    t.rows.reserve(sbom.components.size());
    for (const auto& c : sbom.components)
        t.rows.push_back({c.name, c.version, c.package_type,
                          c.license_declared.empty() ? c.license_concluded : c.license_declared});
    std::string out = util::render(t, util::terminal_width());
    out += "\n" + std::to_string(sbom.components.size()) + " components";
    if (!sbom.metadata.distro.empty())
        out += " on " + (sbom.metadata.distro.pretty_name.empty()
                             ? sbom.metadata.distro.id + " " + sbom.metadata.distro.version_id
                             : sbom.metadata.distro.pretty_name);
    out += "\n";
    for (const auto& d : sbom.diagnostics)
        out += std::string(model::to_string(d.severity)) + ": " + d.location.to_string() + ": " +
               d.message + "\n";
    return out;
}

} // namespace kaiyuan::format::table
