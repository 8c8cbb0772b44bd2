#include "kaiyuan/server/handlers.hpp"
#include "kaiyuan/server/views.hpp"
#include "kaiyuan/store/store.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <set>

namespace kaiyuan::server {

using nlohmann::json;

namespace {

json page_json(const store::Page<store::StoredComponent>& page, bool with_project,
               std::size_t offset) {
    json items = json::array();
    for (const auto& comp : page.items)
        items.push_back(component_json(comp, with_project));
    return json{{"items", items}, {"total", page.total}, {"offset", offset}};
}

} // namespace

Response project_components(Context& c) {
    auto limit = count_param(c.request, "limit", 1000, 10000);
    if (!limit) return problem(400, limit.error().message);
    auto offset = count_param(c.request, "offset", 0, SIZE_MAX);
    if (!offset) return problem(400, offset.error().message);
    auto page = c.store.project_components(c.access, c.request.path_params.at("uuid"), *limit,
                                           *offset, c.request.param("at"), c.request.param("q"),
                                           c.request.param("sort"));
    if (!page) return store_error(page.error());
    return json_response(page_json(*page, false, *offset));
}

Response project_dependencies(Context& c) {
    const std::string& uuid = c.request.path_params.at("uuid");
    auto components = c.store.project_components(c.access, uuid, 1000000, 0);
    if (!components) return store_error(components.error());
    auto edges = c.store.project_dependencies(c.access, uuid);
    if (!edges) return store_error(edges.error());
    // Nodes are named "<sbom uuid>#<index>" so that SBOMs of several sources stay apart.
    auto node_id = [](const std::string& sbom, std::int64_t index) {
        return sbom + "#" + std::to_string(index);
    };
    if (!c.request.has_param("parent")) {
        json nodes = json::array(), links = json::array();
        for (const auto& comp : components->items) {
            json n = component_json(comp, false);
            n["id"] = node_id(comp.sbom_uuid, comp.index);
            nodes.push_back(std::move(n));
        }
        for (const auto& e : *edges)
            links.push_back({{"from", node_id(e.sbom_uuid, e.from)},
                             {"to", node_id(e.sbom_uuid, e.to)},
                             {"type", e.type}});
        return json_response({{"nodes", nodes}, {"edges", links}});
    }
    // One level of the tree, for a browser that expands it node by node: the children of
    // `parent`, or the top-level components (no incoming edge) when it is empty; each with its
    // number of children.
    std::map<std::string, std::vector<std::string>> children;
    std::set<std::string> has_parent;
    for (const auto& e : *edges) {
        children[node_id(e.sbom_uuid, e.from)].push_back(node_id(e.sbom_uuid, e.to));
        has_parent.insert(node_id(e.sbom_uuid, e.to));
    }
    const std::string parent = c.request.param("parent");
    auto limit = count_param(c.request, "limit", 500, 10000);
    if (!limit) return problem(400, limit.error().message);
    std::set<std::string> wanted;
    if (!parent.empty()) {
        auto it = children.find(parent);
        if (it != children.end()) wanted.insert(it->second.begin(), it->second.end());
    }
    json nodes = json::array();
    std::size_t total = 0;
    for (const auto& comp : components->items) {
        std::string id = node_id(comp.sbom_uuid, comp.index);
        bool take = parent.empty() ? !has_parent.count(id) : wanted.count(id) > 0;
        if (!take) continue;
        if (++total > *limit) continue;
        json n = component_json(comp, false);
        n["id"] = id;
        auto kids = children.find(id);
        n["children"] = kids == children.end() ? 0 : kids->second.size();
        nodes.push_back(std::move(n));
    }
    json out = {{"parent", parent}, {"nodes", nodes}, {"total", total}};
    // focus: the path from a top-level component down to this node (shortest, by walking up
    // the parents breadth-first), so that a browser can open the tree along it.
    if (std::string focus = c.request.param("focus"); !focus.empty()) {
        std::map<std::string, std::vector<std::string>> parents;
        for (const auto& e : *edges)
            parents[node_id(e.sbom_uuid, e.to)].push_back(node_id(e.sbom_uuid, e.from));
        std::map<std::string, std::string> child_of{{focus, ""}};
        std::vector<std::string> frontier{focus};
        std::string top;
        while (!frontier.empty() && top.empty()) {
            std::vector<std::string> next;
            for (const auto& n : frontier) {
                auto it = parents.find(n);
                if (it == parents.end()) {
                    top = n;
                    break;
                }
                for (const auto& up : it->second)
                    if (child_of.emplace(up, n).second) next.push_back(up);
            }
            frontier = std::move(next);
        }
        json path = json::array();
        for (std::string n = top; !n.empty(); n = child_of[n])
            path.push_back(n);
        out["focusPath"] = path;
    }
    return json_response(out);
}

Response search_components(Context& c) {
    const Request& r = c.request;
    store::ComponentQuery q;
    q.purl = r.param("purl");
    q.purl_prefix = r.param("purlPrefix");
    q.name = r.param("name");
    q.hash = r.param("hash");
    q.vers = r.param("vers", r.param("range")); // "range" is the name the emergency workflow uses
    q.project_uuid = r.param("project");
    auto limit = count_param(r, "limit", 100, 1000);
    if (!limit) return problem(400, limit.error().message);
    auto offset = count_param(r, "offset", 0, SIZE_MAX);
    if (!offset) return problem(400, offset.error().message);
    q.limit = *limit;
    q.offset = *offset;
    auto page = c.store.search_components(c.access, q);
    if (!page) return store_error(page.error());
    return json_response(page_json(*page, true, *offset));
}

Response licenses_in_use(Context& c) {
    auto uses = c.store.licenses(c.access, c.request.param("project"));
    if (!uses) return store_error(uses.error());
    json items = json::array();
    for (const auto& u : *uses)
        items.push_back({{"license", u.license.empty() ? json(nullptr) : json(u.license)},
                         {"components", u.components},
                         {"projects", u.projects}});
    return json_response({{"items", items}});
}

Response diff_projects(Context& c) {
    std::string from = c.request.param("from"), to = c.request.param("to");
    if (from.empty() || to.empty())
        return problem(400, "name the two project versions: from=UUID&to=UUID");
    auto d = c.store.diff_projects(c.access, from, to);
    if (!d) return store_error(d.error());
    // limit: at most this many of each list (the totals say how many there are).
    auto limit = count_param(c.request, "limit", SIZE_MAX, SIZE_MAX);
    if (!limit) return problem(400, limit.error().message);
    json added = json::array(), removed = json::array(), changed = json::array();
    for (std::size_t i = 0; i < d->added.size() && i < *limit; ++i)
        added.push_back(component_json(d->added[i], false));
    for (std::size_t i = 0; i < d->removed.size() && i < *limit; ++i)
        removed.push_back(component_json(d->removed[i], false));
    for (std::size_t i = 0; i < d->changed.size() && i < *limit; ++i) {
        const auto& x = d->changed[i];
        changed.push_back(
            {{"package", x.key},
             {"name", x.name},
             {"before", {{"version", x.before_version}, {"license", x.before_license}}},
             {"after", {{"version", x.after_version}, {"license", x.after_license}}}});
    }
    return json_response({{"from", from},
                          {"to", to},
                          {"added", added},
                          {"removed", removed},
                          {"changed", changed},
                          {"unchanged", d->unchanged},
                          {"addedTotal", d->added.size()},
                          {"removedTotal", d->removed.size()},
                          {"changedTotal", d->changed.size()}});
}

} // namespace kaiyuan::server
