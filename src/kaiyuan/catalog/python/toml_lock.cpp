#include "kaiyuan/catalog/python/toml_lock.hpp"

#include "kaiyuan/catalog/common/package_graph.hpp"
#include "kaiyuan/catalog/python/pypi.hpp"
#include "kaiyuan/catalog/python/requirement.hpp"
#include "kaiyuan/util/strings.hpp"

#include <toml++/toml.h>

#include <optional>
#include <unordered_map>

namespace kaiyuan::catalog::python {

namespace {

using namespace std::string_view_literals;
using RT = model::RelationshipType;

std::string text_of(const toml::node_view<const toml::node>& n) {
    return util::sanitize_text(n.value_or(""sv));
}

std::uint32_t line_of(const toml::node& n) {
    return static_cast<std::uint32_t>(n.source().begin.line);
}

// Parses TOML; on failure records why (with the line) and returns nullopt.
std::optional<toml::table> parse_toml(std::string_view text, PackageGraph& graph) {
    try {
        return toml::parse(text);
    } catch (const toml::parse_error& e) {
        graph.warn("not valid TOML (" + std::string(e.description()) + "); file skipped",
                   static_cast<std::uint32_t>(e.source().begin.line));
        return std::nullopt;
    }
}

const toml::array* packages(const toml::table& doc, PackageGraph& graph, const char* format) {
    const toml::array* list = doc["package"].as_array();
    if (!list) graph.warn(std::string("no [[package]] tables: not a ") + format + "; file skipped");
    return list;
}

bool has(const toml::array* a, std::string_view value) {
    if (!a) return false;
    for (const auto& v : *a)
        if (v.value_or(""sv) == value) return true;
    return false;
}

// Packages keyed by normalised name; uv and poetry can lock one name at several versions (for
// different markers), which dependencies then tell apart by version.
struct Keys {
    std::unordered_map<std::string, std::string> by_name;
    std::string add(std::string_view name, std::string_view version) {
        std::string key = normalize_name(name) + "@" + std::string(version);
        by_name.emplace(normalize_name(name), key);
        return key;
    }
    std::string find(std::string_view name, std::string_view version = {}) const {
        if (!version.empty()) return normalize_name(name) + "@" + std::string(version);
        auto it = by_name.find(normalize_name(name));
        return it == by_name.end() ? "unlocked:" + normalize_name(name) : it->second;
    }
};

// The project as root, with edges to the packages it asks for.
void add_project(PackageGraph& graph, const Keys& keys, const PythonProject& project,
                 const model::Location& location) {
    std::string name = project.name.empty() ? project_name_from_path(location.path) : project.name;
    graph.add_root("project:", pypi_component(name, project.version, location, 0));
    for (const auto& [dep, type] : project.dependencies)
        graph.edge("project:", keys.find(dep), type);
}

} // namespace

CatalogResult parse_poetry_lock(std::string_view text, const model::Location& location,
                                const PythonProject* project) {
    PackageGraph graph(location);
    auto doc = parse_toml(text, graph);
    if (!doc) return graph.finish(false);
    const toml::array* list = packages(*doc, graph, "poetry.lock");
    if (!list) return graph.finish(false);
    Keys keys;
    std::vector<std::pair<std::string, const toml::table*>> tables;
    for (const auto& node : *list) {
        const toml::table* t = node.as_table();
        if (!t) continue;
        std::string name = text_of((*t)["name"]), version = text_of((*t)["version"]);
        std::string key = keys.add(name, version);
        model::Component c = pypi_component(name, version, location, line_of(*t));
        c.description = text_of((*t)["description"]);
        // Poetry 2 lists groups; poetry 1 a category. Outside "main" means development only.
        const toml::array* groups = (*t)["groups"].as_array();
        std::string category = text_of((*t)["category"]);
        if ((groups && !has(groups, "main")) || category == "dev")
            c.properties["kaiyuan:scope"] = "dev";
        else if ((*t)["optional"].value_or(false))
            c.properties["kaiyuan:scope"] = "optional";
        if (auto type = text_of((*t)["source"]["type"]); !type.empty() && type != "legacy")
            c.properties["kaiyuan:python:source"] = type + ":" + text_of((*t)["source"]["url"]);
        graph.add(key, std::move(c));
        tables.emplace_back(key, t);
    }
    for (const auto& [key, t] : tables) {
        const toml::table* deps = (*t)["dependencies"].as_table();
        if (!deps) continue;
        for (const auto& [dep, spec] : *deps) {
            // "name = '>=1'" or {version, optional = true} or a list of those per marker.
            bool optional = spec.is_table() && (*spec.as_table())["optional"].value_or(false);
            graph.edge(key, keys.find(dep.str()),
                       optional ? RT::optional_depends_on : RT::depends_on);
        }
    }
    if (project) add_project(graph, keys, *project, location);
    return graph.finish(project != nullptr);
}

CatalogResult parse_uv_lock(std::string_view text, const model::Location& location) {
    PackageGraph graph(location);
    auto doc = parse_toml(text, graph);
    if (!doc) return graph.finish(false);
    const toml::array* list = packages(*doc, graph, "uv.lock");
    if (!list) return graph.finish(false);
    Keys keys;
    std::vector<std::pair<std::string, const toml::table*>> tables;
    for (const auto& node : *list) {
        const toml::table* t = node.as_table();
        if (!t) continue;
        std::string name = text_of((*t)["name"]), version = text_of((*t)["version"]);
        std::string key = keys.add(name, version);
        model::Component c = pypi_component(name, version, location, line_of(*t));
        const toml::table* source = (*t)["source"].as_table();
        bool project = source && ((*source)["editable"].value_or(""sv) == "." ||
                                  (*source)["virtual"].value_or(""sv) == ".");
        if (auto hash = text_of((*t)["sdist"]["hash"]); hash.starts_with("sha256:"))
            c.hashes.push_back({"SHA256", hash.substr(7)});
        if (source && !project) {
            for (const char* kind : {"git", "url", "path", "directory", "editable"})
                if (auto v = text_of((*source)[kind]); !v.empty())
                    c.properties["kaiyuan:python:source"] = std::string(kind) + ":" + v;
        }
        if (project)
            graph.add_root(key, std::move(c));
        else
            graph.add(key, std::move(c));
        tables.emplace_back(key, t);
    }
    auto dep_list = [&](const std::string& from, const toml::array* deps, RT type) {
        if (!deps) return;
        for (const auto& d : *deps) {
            const toml::table* dt = d.as_table();
            if (!dt) continue;
            graph.edge(from, keys.find(text_of((*dt)["name"]), text_of((*dt)["version"])), type);
        }
    };
    for (const auto& [key, t] : tables) {
        dep_list(key, (*t)["dependencies"].as_array(), RT::depends_on);
        if (const toml::table* extras = (*t)["optional-dependencies"].as_table())
            for (const auto& [extra, deps] : *extras)
                dep_list(key, deps.as_array(), RT::optional_depends_on);
        if (const toml::table* groups = (*t)["dev-dependencies"].as_table())
            for (const auto& [group, deps] : *groups)
                dep_list(key, deps.as_array(), RT::dev_depends_on);
    }
    return graph.finish(true);
}

CatalogResult parse_pdm_lock(std::string_view text, const model::Location& location,
                             const PythonProject* project) {
    PackageGraph graph(location);
    auto doc = parse_toml(text, graph);
    if (!doc) return graph.finish(false);
    const toml::array* list = packages(*doc, graph, "pdm.lock");
    if (!list) return graph.finish(false);
    Keys keys;
    std::vector<std::pair<std::string, const toml::table*>> tables;
    for (const auto& node : *list) {
        const toml::table* t = node.as_table();
        if (!t) continue;
        std::string name = text_of((*t)["name"]), version = text_of((*t)["version"]);
        std::string key = keys.add(name, version);
        model::Component c = pypi_component(name, version, location, line_of(*t));
        c.description = text_of((*t)["summary"]);
        const toml::array* groups = (*t)["groups"].as_array();
        if (groups && !has(groups, "default")) c.properties["kaiyuan:scope"] = "dev";
        graph.add(key, std::move(c));
        tables.emplace_back(key, t);
    }
    for (const auto& [key, t] : tables) {
        const toml::array* deps = (*t)["dependencies"].as_array();
        if (!deps) continue;
        for (const auto& d : *deps) {
            auto req = parse_requirement(d.value_or(""sv));
            if (req) graph.edge(key, keys.find(req->name));
        }
    }
    if (project) add_project(graph, keys, *project, location);
    return graph.finish(project != nullptr);
}

} // namespace kaiyuan::catalog::python
