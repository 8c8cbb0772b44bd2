#include "kaiyuan/catalog/python/installed.hpp"

#include "kaiyuan/catalog/common/package_graph.hpp"
#include "kaiyuan/catalog/python/pypi.hpp"
#include "kaiyuan/catalog/python/requirement.hpp"
#include "kaiyuan/model/license_expression.hpp"
#include "kaiyuan/util/strings.hpp"

#include <map>

namespace kaiyuan::catalog::python {

Result<CoreMetadata> parse_core_metadata(std::string_view text) {
    CoreMetadata m;
    std::string* last = nullptr;
    for (std::string_view line : util::split(text, '\n')) {
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) break; // the description body follows
        if ((line[0] == ' ' || line[0] == '\t')) {
            if (last) *last += " " + std::string(util::trim(line));
            continue;
        }
        auto colon = line.find(':');
        if (colon == std::string_view::npos) {
            last = nullptr;
            continue;
        }
        std::string_view key = line.substr(0, colon);
        std::string value = util::sanitize_text(util::trim(line.substr(colon + 1)));
        last = nullptr;
        if (key == "Name")
            last = &(m.name = value);
        else if (key == "Version")
            last = &(m.version = value);
        else if (key == "Summary")
            last = &(m.summary = value);
        else if (key == "Home-page")
            last = &(m.home_page = value);
        else if (key == "Author-email" || (key == "Author" && m.author.empty()))
            last = &(m.author = value);
        else if (key == "License")
            last = &(m.license = value);
        else if (key == "License-Expression")
            last = &(m.license_expression = value);
        else if (key == "Classifier")
            m.classifiers.push_back(value);
        else if (key == "Requires-Dist")
            m.requires_dist.push_back(value);
    }
    if (m.name.empty() || m.version.empty())
        return fail("no Name or Version header: not Python core metadata");
    return m;
}

std::string declared_license(const CoreMetadata& m) {
    for (const std::string& text : {m.license_expression, m.license}) {
        if (text.empty() || text.size() > 200) continue;
        if (auto e = model::LicenseExpression::parse(text, true)) return e->to_string();
    }
    // Trove classifiers that name exactly one SPDX license.
    static const std::map<std::string_view, std::string_view> k_classifiers = {
        {"MIT License", "MIT"},
        {"Apache Software License", "Apache-2.0"},
        {"ISC License (ISCL)", "ISC"},
        {"Mozilla Public License 2.0 (MPL 2.0)", "MPL-2.0"},
        {"GNU General Public License v2 (GPLv2)", "GPL-2.0-only"},
        {"GNU General Public License v3 (GPLv3)", "GPL-3.0-only"},
        {"GNU General Public License v2 or later (GPLv2+)", "GPL-2.0-or-later"},
        {"GNU General Public License v3 or later (GPLv3+)", "GPL-3.0-or-later"},
        {"GNU Lesser General Public License v3 (LGPLv3)", "LGPL-3.0-only"},
        {"GNU Lesser General Public License v2 or later (LGPLv2+)", "LGPL-2.0-or-later"},
        {"GNU Affero General Public License v3", "AGPL-3.0-only"},
        {"Python Software Foundation License", "PSF-2.0"},
        {"The Unlicense (Unlicense)", "Unlicense"},
        {"Mulan Permissive Software License v2 (MulanPSL-2.0)", "MulanPSL-2.0"},
    };
    std::string out;
    for (const auto& c : m.classifiers) {
        if (!c.starts_with("License :: ")) continue;
        auto it = k_classifiers.find(std::string_view(c).substr(c.rfind(" :: ") + 4));
        if (it == k_classifiers.end()) continue;
        out += (out.empty() ? "" : " OR ") + std::string(it->second);
    }
    return out;
}

namespace {

// The directory holding a distribution's metadata directory: site-packages or dist-packages.
std::string site_dir(std::string_view path) {
    std::string_view dir =
        path.substr(0, path.rfind('/') == std::string_view::npos ? 0 : path.rfind('/'));
    if (dir.ends_with(".dist-info") || dir.ends_with(".egg-info"))
        dir = dir.substr(0, dir.rfind('/') == std::string_view::npos ? 0 : dir.rfind('/'));
    return std::string(dir);
}

} // namespace

CatalogResult catalog_installed(const std::vector<const FileData*>& files) {
    CatalogResult out;
    // One graph per site directory: Requires-Dist resolves among neighbours.
    std::map<std::string, std::vector<std::pair<const FileData*, CoreMetadata>>> by_site;
    for (const FileData* f : files) {
        auto m = parse_core_metadata(f->data);
        if (!m) {
            out.diagnostics.push_back(
                {model::Severity::warning, f->location(), m.error().message + "; file skipped"});
            continue;
        }
        by_site[site_dir(f->path)].emplace_back(f, std::move(*m));
    }
    for (auto& [site, dists] : by_site) {
        PackageGraph graph({site, "", 0});
        for (const auto& [f, m] : dists) {
            model::Component c = pypi_component(m.name, m.version, f->location(), 0);
            c.description = m.summary;
            c.homepage = m.home_page;
            c.supplier = m.author;
            c.license_declared = declared_license(m);
            if (!m.license.empty() && m.license.size() < 200)
                c.properties["kaiyuan:license:raw"] = m.license;
            graph.add(normalize_name(m.name), std::move(c));
        }
        for (const auto& [f, m] : dists) {
            for (const auto& spec : m.requires_dist) {
                auto req = parse_requirement(spec);
                if (!req) continue;
                // Dependencies of extras ("; extra == 'x'") are installed only on request.
                bool extra = req->marker.find("extra") != std::string::npos;
                std::string to = normalize_name(req->name);
                if (!graph.find(to)) continue; // not installed here (marker false, or absent)
                graph.edge(normalize_name(m.name), to,
                           extra ? model::RelationshipType::optional_depends_on
                                 : model::RelationshipType::depends_on);
            }
        }
        out.append(graph.finish(false));
    }
    return out;
}

} // namespace kaiyuan::catalog::python
