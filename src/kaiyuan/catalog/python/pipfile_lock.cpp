#include "kaiyuan/catalog/python/pipfile_lock.hpp"

#include "kaiyuan/catalog/common/package_graph.hpp"
#include "kaiyuan/catalog/python/pypi.hpp"
#include "kaiyuan/util/json_read.hpp"
#include "kaiyuan/util/line_finder.hpp"
#include "kaiyuan/util/strings.hpp"

namespace kaiyuan::catalog::python {

CatalogResult parse_pipfile_lock(std::string_view text, const model::Location& location,
                                 const PythonProject* project) {
    PackageGraph graph(location);
    simdjson::dom::parser parser;
    auto doc = util::parse_json(parser, text);
    if (!doc) {
        graph.warn(doc.error().message + "; file skipped");
        return graph.finish(false);
    }
    simdjson::dom::object meta;
    if ((*doc)["_meta"].get(meta)) {
        graph.warn("no _meta: not a Pipfile.lock; file skipped");
        return graph.finish(false);
    }
    util::LineFinder lines(text);
    for (const char* section : {"default", "develop"}) {
        simdjson::dom::object deps;
        if ((*doc)[section].get(deps)) continue;
        lines.find_key(section);
        for (auto [name, entry] : deps) {
            std::string version = util::sanitize_text(util::json_string(entry, "version"));
            if (version.starts_with("==="))
                version.erase(0, 3);
            else if (version.starts_with("=="))
                version.erase(0, 2);
            model::Component c =
                pypi_component(util::sanitize_text(name), version, location, lines.find_key(name));
            simdjson::dom::array hashes;
            if (!entry["hashes"].get(hashes))
                for (auto h : hashes) {
                    std::string_view hv;
                    if (!h.get(hv) && hv.starts_with("sha256:")) {
                        c.hashes.push_back({"SHA256", util::sanitize_text(hv.substr(7))});
                        break; // one artifact's hash; the others are other wheels
                    }
                }
            if (std::string_view(section) == "develop") c.properties["kaiyuan:scope"] = "dev";
            if (auto m = util::json_string(entry, "markers"); !m.empty())
                c.properties["kaiyuan:python:marker"] = util::sanitize_text(m);
            for (const char* vcs : {"git", "hg", "svn", "file", "path"})
                if (auto v = util::json_string(entry, vcs); !v.empty())
                    c.properties["kaiyuan:python:source"] =
                        std::string(vcs) + ":" + util::sanitize_text(v);
            graph.add(std::string(section) + ":" + normalize_name(name), std::move(c));
        }
    }
    if (project) {
        graph.add_root("project:",
                       pypi_component(project_name_from_path(location.path), "", location, 0));
        for (const auto& [dep, type] : project->dependencies)
            graph.edge("project:",
                       (type == model::RelationshipType::dev_depends_on ? "develop:" : "default:") +
                           dep,
                       type);
    }
    return graph.finish(false);
}

} // namespace kaiyuan::catalog::python
