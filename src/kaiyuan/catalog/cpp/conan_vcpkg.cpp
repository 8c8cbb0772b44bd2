#include "kaiyuan/catalog/cpp/conan_vcpkg.hpp"

#include "kaiyuan/catalog/common/package_graph.hpp"
#include "kaiyuan/model/license_names.hpp"
#include "kaiyuan/util/json_read.hpp"
#include "kaiyuan/util/line_finder.hpp"
#include "kaiyuan/util/strings.hpp"

namespace kaiyuan::catalog::cpp {

model::Component conan_component(std::string_view reference, const model::Location& file,
                                 std::uint32_t line) {
    std::string_view ref = reference;
    std::map<std::string, std::string> q;
    if (auto hash = ref.find('#'); hash != std::string_view::npos) {
        std::string_view rrev = ref.substr(hash + 1);
        q["rrev"] = util::sanitize_text(rrev.substr(0, rrev.find('%')));
        ref = ref.substr(0, hash);
    }
    if (auto at = ref.find('@'); at != std::string_view::npos) {
        std::string_view uc = ref.substr(at + 1);
        auto slash = uc.find('/');
        q["user"] = util::sanitize_text(uc.substr(0, slash));
        if (slash != std::string_view::npos)
            q["channel"] = util::sanitize_text(uc.substr(slash + 1));
        ref = ref.substr(0, at);
    }
    auto slash = ref.find('/');
    std::string name = util::sanitize_text(ref.substr(0, slash));
    std::string version =
        slash == std::string_view::npos ? "" : util::sanitize_text(ref.substr(slash + 1));
    return make_package("conan", "", name, version, file, line, q);
}

CatalogResult parse_conan_lock(std::string_view text, const model::Location& location) {
    PackageGraph graph(location);
    simdjson::dom::parser parser;
    auto doc = util::parse_json(parser, text);
    if (!doc || !doc->is_object()) {
        graph.warn((doc ? std::string("not a JSON object") : doc.error().message) +
                   "; file skipped");
        return graph.finish(false);
    }
    util::LineFinder lines(text);
    simdjson::dom::object nodes;
    if (!(*doc)["graph_lock"]["nodes"].get(nodes)) {
        // Conan 1.x: node "0" is the consumer (conanfile); the others are packages.
        for (auto [id, node] : nodes) {
            std::uint32_t line = lines.find_key(id);
            std::string ref = util::json_string(node, "ref");
            if (ref.empty()) {
                std::string path = util::json_string(node, "path");
                model::Component c = make_package(
                    "conan", "", path.empty() ? "conanfile" : util::sanitize_text(path), "",
                    location, line);
                graph.add_root(std::string(id), std::move(c));
                continue;
            }
            graph.add(std::string(id), conan_component(ref, location, line));
        }
        for (auto [id, node] : nodes)
            for (auto [list, type] :
                 {std::pair{"requires", model::RelationshipType::depends_on},
                  std::pair{"build_requires", model::RelationshipType::dev_depends_on}}) {
                simdjson::dom::array reqs;
                if (node[list].get(reqs)) continue;
                for (auto r : reqs) {
                    std::string_view to;
                    if (!r.get(to)) graph.edge(std::string(id), std::string(to), type);
                }
            }
        return graph.finish(true);
    }
    bool any = false;
    for (const char* list : {"requires", "build_requires", "python_requires", "config_requires"}) {
        simdjson::dom::array refs;
        if ((*doc)[list].get(refs)) continue;
        any = true;
        lines.find_key(list);
        for (auto r : refs) {
            std::string_view ref;
            if (r.get(ref)) continue;
            model::Component c =
                conan_component(ref, location, lines.find("\"" + std::string(ref)));
            if (std::string_view(list) != "requires") c.properties["kaiyuan:scope"] = "build";
            c.properties["kaiyuan:conan:list"] = list;
            graph.add(std::string(ref), std::move(c));
        }
    }
    if (!any) graph.warn("neither graph_lock nor requires: not a conan.lock; file skipped");
    return graph.finish(false);
}

CatalogResult parse_vcpkg_json(std::string_view text, const model::Location& location) {
    PackageGraph graph(location);
    simdjson::dom::parser parser;
    auto doc = util::parse_json(parser, text);
    if (!doc || !doc->is_object()) {
        graph.warn((doc ? std::string("not a JSON object") : doc.error().message) +
                   "; file skipped");
        return graph.finish(false);
    }
    std::string name = util::sanitize_text(util::json_string(*doc, "name"));
    simdjson::dom::array probe;
    if (name.empty() && (*doc)["dependencies"].get(probe)) {
        graph.warn("neither name nor dependencies: not a vcpkg.json manifest; file skipped");
        return graph.finish(false);
    }
    std::string version;
    for (const char* k : {"version", "version-semver", "version-date", "version-string"})
        if (version.empty()) version = util::sanitize_text(util::json_string(*doc, k));
    std::int64_t port_version = 0;
    std::map<std::string, std::string> q;
    if (!(*doc)["port-version"].get(port_version) && port_version > 0)
        q["port_version"] = std::to_string(port_version);
    // vcpkg has no registered purl type; "vcpkg" names the port registry the way the port's
    // name and version do (see docs/architecture.md).
    model::Component root =
        make_package("vcpkg", "", name.empty() ? "project" : name, version, location, 1, q);
    root.license_declared =
        model::to_spdx_expression(util::json_string(*doc, "license"), model::LicenseDialect::spdx);
    root.description = util::sanitize_text(util::json_string(*doc, "description"));
    root.homepage = util::sanitize_text(util::json_string(*doc, "homepage"));
    graph.add_root("root", std::move(root));
    std::map<std::string, std::string> overrides;
    simdjson::dom::array list;
    if (!(*doc)["overrides"].get(list))
        for (auto o : list) {
            std::string v;
            for (const char* k : {"version", "version-semver", "version-date", "version-string"})
                if (v.empty()) v = util::json_string(o, k);
            overrides[util::json_string(o, "name")] = util::sanitize_text(v);
        }
    util::LineFinder lines(text);
    lines.find_key("dependencies");
    if (!(*doc)["dependencies"].get(list))
        for (auto d : list) {
            std::string_view plain;
            std::string dep = d.get(plain) ? util::json_string(d, "name") : std::string(plain);
            if (dep.empty()) continue;
            bool host = false;
            if (d["host"].get(host)) host = false;
            std::uint32_t line = lines.find("\"" + dep + "\"");
            auto ov = overrides.find(dep);
            std::string v = ov == overrides.end() ? "" : ov->second;
            model::Component c =
                make_package("vcpkg", "", util::sanitize_text(dep), v, location, line);
            if (auto min = util::json_string(d, "version>="); !min.empty())
                c.properties["kaiyuan:vcpkg:minimum-version"] = util::sanitize_text(min);
            if (auto platform = util::json_string(d, "platform"); !platform.empty())
                c.properties["kaiyuan:vcpkg:platform"] = util::sanitize_text(platform);
            if (host) c.properties["kaiyuan:scope"] = "build";
            std::string key = dep + (host ? "#host" : "");
            graph.add(key, std::move(c));
            graph.edge("root", key);
        }
    return graph.finish(false);
}

} // namespace kaiyuan::catalog::cpp
