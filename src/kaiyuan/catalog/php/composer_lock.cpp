#include "kaiyuan/catalog/php/composer_lock.hpp"

#include "kaiyuan/catalog/common/package_graph.hpp"
#include "kaiyuan/model/license_names.hpp"
#include "kaiyuan/util/json_read.hpp"
#include "kaiyuan/util/line_finder.hpp"
#include "kaiyuan/util/strings.hpp"

namespace kaiyuan::catalog::php {

namespace {

// Platform requirements are not packages: php itself, extensions, system libraries.
bool is_platform(std::string_view name) {
    return name == "php" || name.starts_with("php-") || name.starts_with("ext-") ||
           name.starts_with("lib-") || name == "composer-plugin-api" ||
           name == "composer-runtime-api" || name == "composer" ||
           name.find('/') == std::string_view::npos;
}

} // namespace

CatalogResult parse_composer_lock(std::string_view text, const model::Location& location) {
    PackageGraph graph(location);
    simdjson::dom::parser parser;
    auto doc = util::parse_json(parser, text);
    if (!doc) {
        graph.warn(doc.error().message + "; file skipped");
        return graph.finish(false);
    }
    simdjson::dom::array probe;
    if ((*doc)["packages"].get(probe)) {
        graph.warn("no packages array: not a composer.lock; file skipped");
        return graph.finish(false);
    }
    util::LineFinder lines(text);
    std::vector<std::pair<std::string, simdjson::dom::object>> requires_;
    for (const char* section : {"packages", "packages-dev"}) {
        simdjson::dom::array list;
        if ((*doc)[section].get(list)) continue;
        lines.find_key(section);
        for (simdjson::dom::element p : list) {
            std::string name = util::sanitize_text(util::json_string(p, "name"));
            std::string version = util::sanitize_text(util::json_string(p, "version"));
            auto slash = name.find('/');
            std::uint32_t line = lines.find("\"name\": \"" + util::json_string(p, "name"));
            if (name.empty() || slash == std::string::npos) {
                graph.warn("package without a vendor/name; skipped", line);
                continue;
            }
            model::Component c = make_package("composer", name.substr(0, slash),
                                              name.substr(slash + 1), version, location, line);
            c.name = name;
            c.description = util::sanitize_text(util::json_string(p, "description"));
            c.homepage = util::sanitize_text(util::json_string(p, "homepage"));
            simdjson::dom::array licenses;
            std::string expr;
            if (!p["license"].get(licenses))
                for (auto l : licenses) {
                    std::string_view s;
                    if (l.get(s)) continue;
                    auto spdx = model::to_spdx_expression(s, model::LicenseDialect::spdx);
                    if (!spdx.empty()) expr += (expr.empty() ? "" : " OR ") + spdx;
                }
            c.license_declared = expr;
            if (auto sum = util::json_string(p["dist"], "shasum"); sum.size() == 40)
                c.hashes.push_back({"SHA1", util::sanitize_text(sum)});
            if (std::string_view(section) == "packages-dev") c.properties["kaiyuan:scope"] = "dev";
            graph.add(name, std::move(c));
            simdjson::dom::object req;
            if (!p["require"].get(req)) requires_.emplace_back(name, req);
        }
    }
    for (const auto& [from, req] : requires_)
        for (auto [dep, range] : req)
            if (!is_platform(dep)) graph.edge(from, util::to_lower(dep));
    return graph.finish(false);
}

} // namespace kaiyuan::catalog::php
