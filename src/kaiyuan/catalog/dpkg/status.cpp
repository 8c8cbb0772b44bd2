#include "kaiyuan/catalog/dpkg/status.hpp"

#include "kaiyuan/util/strings.hpp"

namespace kaiyuan::catalog::dpkg {

DpkgPackage package_from_paragraph(const Paragraph& p) {
    DpkgPackage pkg;
    pkg.name = util::sanitize_text(p.get("Package"));
    pkg.version = util::sanitize_text(p.get("Version"));
    pkg.architecture = util::sanitize_text(p.get("Architecture"));
    pkg.maintainer = util::sanitize_text(p.get("Maintainer"));
    pkg.homepage = util::sanitize_text(p.get("Homepage"));
    auto desc = p.get("Description");
    pkg.description = util::sanitize_text(desc.substr(0, desc.find('\n')));
    pkg.installed_size = util::sanitize_text(p.get("Installed-Size"));
    // Source: "name" or "name (version)" (deb-control(5)).
    auto source = util::trim(p.get("Source"));
    if (auto paren = source.find('('); paren != std::string_view::npos) {
        auto close = source.find(')', paren);
        pkg.source_version = util::sanitize_text(util::trim(
            source.substr(paren + 1, close == std::string_view::npos ? std::string_view::npos
                                                                     : close - paren - 1)));
        source = util::trim(source.substr(0, paren));
    }
    pkg.source_name = util::sanitize_text(source);
    std::string deps(p.get("Pre-Depends"));
    auto d = p.get("Depends");
    if (!d.empty()) deps += (deps.empty() ? "" : ", ") + std::string(d);
    pkg.depends = util::sanitize_text(deps);
    pkg.provides = util::sanitize_text(p.get("Provides"));
    pkg.line = p.line;
    return pkg;
}

StatusFile parse_status(std::string_view text, const model::Location& location) {
    StatusFile out;
    auto control = parse_control(text, location);
    out.diagnostics = std::move(control.diagnostics);
    for (const auto& p : control.paragraphs) {
        if (!p.has("Package")) {
            out.diagnostics.push_back({model::Severity::warning,
                                       {location.path, location.layer, p.line},
                                       "paragraph has no Package field; skipped"});
            continue;
        }
        if (p.has("Status")) {
            // "want flag status" (dpkg(1)); only the third word says whether it is installed.
            auto words = util::split_ws(p.get("Status"));
            if (words.size() != 3) {
                out.diagnostics.push_back({model::Severity::warning,
                                           {location.path, location.layer, p.line},
                                           "malformed Status field '" +
                                               std::string(p.get("Status")) +
                                               "'; package skipped"});
                continue;
            }
            if (words[2] != "installed") {
                ++out.not_installed;
                continue;
            }
        }
        DpkgPackage pkg = package_from_paragraph(p);
        if (pkg.version.empty()) {
            out.diagnostics.push_back({model::Severity::warning,
                                       {location.path, location.layer, p.line},
                                       "package '" + pkg.name + "' has no Version"});
        }
        out.packages.push_back(std::move(pkg));
    }
    return out;
}

} // namespace kaiyuan::catalog::dpkg
