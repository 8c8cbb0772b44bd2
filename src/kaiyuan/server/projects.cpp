#include "kaiyuan/server/handlers.hpp"
#include "kaiyuan/server/views.hpp"
#include "kaiyuan/store/store.hpp"

#include <nlohmann/json.hpp>

namespace kaiyuan::server {

using nlohmann::json;

namespace {

/// A project from a JSON body; fields absent keep `base`'s values.
Result<store::Project> project_from_body(const json& j, store::Project base) {
    if (!j.is_object()) return fail("expected a JSON object");
    auto text = [&](const char* key, std::string& out) -> Result<void> {
        if (!j.contains(key) || j[key].is_null()) return {};
        if (!j[key].is_string()) return fail(std::string("'") + key + "' must be a string");
        out = j[key].get<std::string>();
        return {};
    };
    auto flag = [&](const char* key, bool& out) -> Result<void> {
        if (!j.contains(key)) return {};
        if (!j[key].is_boolean()) return fail(std::string("'") + key + "' must be true or false");
        out = j[key].get<bool>();
        return {};
    };
    for (auto [key, field] : {std::pair{"name", &base.name},
                              {"version", &base.version},
                              {"description", &base.description},
                              {"classifier", &base.classifier},
                              {"parent", &base.parent_uuid}})
        if (auto r = text(key, *field); !r) return unexpected(r.error());
    if (auto r = flag("active", base.active); !r) return unexpected(r.error());
    if (auto r = flag("isLatest", base.is_latest); !r) return unexpected(r.error());
    if (j.contains("tags")) {
        if (!j["tags"].is_array()) return fail("'tags' must be an array of strings");
        base.tags.clear();
        for (const auto& t : j["tags"]) {
            if (!t.is_string()) return fail("'tags' must be an array of strings");
            base.tags.push_back(t.get<std::string>());
        }
    }
    return base;
}

/// One page of the projects `f` selects, with the request's cursor and limit: the answer of
/// both project lists.
Response project_page(Context& c, store::ProjectFilter f) {
    f.cursor = c.request.param("cursor");
    auto limit = count_param(c.request, "limit", 100, 1000);
    if (!limit) return problem(400, limit.error().message);
    f.limit = *limit;
    auto page = c.store.list_projects(c.access, f);
    if (!page) return store_error(page.error());
    json items = json::array();
    for (const auto& p : page->items)
        items.push_back(project_json(p));
    return json_response(
        {{"items", items},
         {"nextCursor", page->next_cursor.empty() ? json(nullptr) : json(page->next_cursor)},
         {"total", page->total}});
}

} // namespace

Response list_projects(Context& c) {
    const Request& r = c.request;
    store::ProjectFilter f;
    f.name = r.param("name");
    f.name_prefix = r.param("namePrefix");
    f.version = r.param("version");
    f.tag = r.param("tag");
    f.parent_uuid = r.param("parent");
    f.active = bool_param(r, "active");
    f.latest = bool_param(r, "latest");
    return project_page(c, std::move(f));
}

Response create_project(Context& c) {
    auto body = parse_json_body(c.request.body, "project");
    if (!body) return problem(400, body.error().message);
    auto p = project_from_body(*body, store::Project{});
    if (!p) return problem(400, "project: " + p.error().message);
    auto made = c.store.create_project(c.access, *p);
    if (!made) return store_error(made.error());
    auto r = json_response(project_json(*made), 201);
    r.headers.emplace_back("Location", "/api/v2/projects/" + made->uuid);
    return r;
}

Response get_project(Context& c) {
    auto p = c.store.get_project(c.access, c.request.path_params.at("uuid"));
    if (!p) return store_error(p.error());
    return json_response(project_json(*p));
}

Response update_project(Context& c) {
    auto current = c.store.get_project(c.access, c.request.path_params.at("uuid"));
    if (!current) return store_error(current.error());
    auto body = parse_json_body(c.request.body, "project");
    if (!body) return problem(400, body.error().message);
    auto p = project_from_body(*body, *current);
    if (!p) return problem(400, "project: " + p.error().message);
    auto updated = c.store.update_project(c.access, current->uuid, *p);
    if (!updated) return store_error(updated.error());
    return json_response(project_json(*updated));
}

Response delete_project(Context& c) {
    auto done = c.store.delete_project(c.access, c.request.path_params.at("uuid"));
    if (!done) return store_error(done.error());
    return no_content();
}

Response project_children(Context& c) {
    const std::string& uuid = c.request.path_params.at("uuid");
    if (auto p = c.store.get_project(c.access, uuid); !p) return store_error(p.error());
    store::ProjectFilter f;
    f.parent_uuid = uuid;
    return project_page(c, std::move(f));
}

} // namespace kaiyuan::server
