#include "kaiyuan/format/table/table.hpp"

#include <algorithm>
#include <array>

namespace kaiyuan::format::table {

std::string write(const model::Sbom& sbom) {
    const char* headers[] = {"NAME", "VERSION", "TYPE", "LICENSE"};
    std::vector<std::array<std::string, 4>> rows;
    for (const auto& c : sbom.components)
        rows.push_back({c.name, c.version, c.package_type,
                        c.license_declared.empty() ? c.license_concluded : c.license_declared});
    std::size_t width[4];
    for (int i = 0; i < 4; ++i)
        width[i] = std::string_view(headers[i]).size();
    for (const auto& r : rows)
        for (int i = 0; i < 3; ++i)
            width[i] = std::min<std::size_t>(
                std::max(width[i], r[static_cast<std::size_t>(i)].size()), 48);
    std::string out;
    auto row = [&](const std::array<std::string, 4>& r) {
        for (std::size_t i = 0; i < 4; ++i) {
            out += r[i];
            if (i < 3) out.append(r[i].size() < width[i] ? width[i] - r[i].size() + 2 : 2, ' ');
        }
        out += '\n';
    };
    row({headers[0], headers[1], headers[2], headers[3]});
    for (const auto& r : rows)
        row(r);
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
