#include "kaiyuan/server/handlers.hpp"
#include "kaiyuan/server/views.hpp"
#include "kaiyuan/store/store.hpp"

#include <nlohmann/json.hpp>

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
                                           *offset, c.request.param("at"));
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
    json nodes = json::array(), links = json::array();
    for (const auto& comp : components->items) {
        json n = component_json(comp, false);
        n["id"] = comp.sbom_uuid + "#" + std::to_string(comp.index);
        nodes.push_back(std::move(n));
    }
    for (const auto& e : *edges)
        links.push_back({{"from", e.sbom_uuid + "#" + std::to_string(e.from)},
                         {"to", e.sbom_uuid + "#" + std::to_string(e.to)},
                         {"type", e.type}});
    return json_response({{"nodes", nodes}, {"edges", links}});
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
    json added = json::array(), removed = json::array(), changed = json::array();
    for (const auto& x : d->added)
        added.push_back(component_json(x, false));
    for (const auto& x : d->removed)
        removed.push_back(component_json(x, false));
    for (const auto& x : d->changed)
        changed.push_back(
            {{"package", x.key},
             {"name", x.name},
             {"before", {{"version", x.before_version}, {"license", x.before_license}}},
             {"after", {{"version", x.after_version}, {"license", x.after_license}}}});
    return json_response({{"from", from},
                          {"to", to},
                          {"added", added},
                          {"removed", removed},
                          {"changed", changed},
                          {"unchanged", d->unchanged}});
}

} // namespace kaiyuan::server
