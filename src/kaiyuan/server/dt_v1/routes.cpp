/// The Dependency-Track v4 routes CI integrations call, mapped onto the same store calls as
/// /api/v2. Shapes follow DT's published OpenAPI document; SPDX uploads are accepted too.
#include "kaiyuan/server/dt_v1/bom_request.hpp"
#include "kaiyuan/server/dt_v1/views.hpp"
#include "kaiyuan/server/handlers.hpp"
#include "kaiyuan/server/views.hpp"
#include "kaiyuan/store/store.hpp"

#include <nlohmann/json.hpp>

namespace kaiyuan::server {

using nlohmann::json;

namespace {

Response upload(Context& c, const Result<dt_v1::BomRequest>& request) {
    if (!request) return problem(400, request.error().message);
    const dt_v1::BomRequest& r = *request;
    Result<store::Project> project =
        r.project.empty()
            ? c.store.project_for_upload(c.access, r.project_name, r.project_version, r.auto_create,
                                         r.parent_name, r.parent_version, r.tags, r.is_latest)
            : c.store.get_project(c.access, r.project);
    if (!project) return store_error(project.error());
    if (!r.parent_uuid.empty() && r.project.empty() && project->parent_uuid.empty()) {
        // DT sets the parent of a project the upload created by parentUUID.
        store::Project changed = *project;
        changed.parent_uuid = r.parent_uuid;
        auto updated = c.store.update_project(c.access, project->uuid, changed);
        if (!updated) return store_error(updated.error());
    }
    std::string refused;
    auto token = accept_upload(c, *project, "", r.bom, refused);
    if (!token) return refused.empty() ? store_error(token.error()) : problem(400, refused);
    return json_response({{"token", *token}});
}

/// DT's paging: pageNumber (from 1) and pageSize, or offset and limit.
Result<std::pair<std::size_t, std::size_t>> paging(const Request& r) {
    auto size = count_param(r, r.has_param("limit") ? "limit" : "pageSize", 100, 10000);
    if (!size) return unexpected(size.error());
    if (*size == 0) *size = 100;
    if (r.has_param("offset")) {
        auto offset = count_param(r, "offset", 0, SIZE_MAX);
        if (!offset) return unexpected(offset.error());
        return std::pair{*offset, *size};
    }
    auto page = count_param(r, "pageNumber", 1, SIZE_MAX);
    if (!page) return unexpected(page.error());
    return std::pair{(*page > 0 ? *page - 1 : 0) * *size, *size};
}

Response with_total(Response r, std::int64_t total) {
    r.headers.emplace_back("X-Total-Count", std::to_string(total));
    return r;
}

} // namespace

Response dt_put_bom(Context& c) {
    return upload(c, dt_v1::parse_bom_json(c.request.body));
}

Response dt_post_bom(Context& c) {
    return upload(c, dt_v1::parse_bom_form(c.request.form));
}

Response dt_token(Context& c) {
    auto j = c.store.job(c.access, c.request.path_params.at("uuid"));
    // DT answers "not processing" for a token it does not know (done long ago, or never).
    bool processing =
        j && (j->status == store::JobStatus::queued || j->status == store::JobStatus::running);
    if (!j && store::kind_of(j.error()) != store::ErrorKind::not_found)
        return store_error(j.error());
    return json_response({{"processing", processing}});
}

Response dt_list_projects(Context& c) {
    auto p = paging(c.request);
    if (!p) return problem(400, p.error().message);
    store::ProjectFilter f;
    f.name = c.request.param("name");
    f.offset = p->first;
    f.limit = p->second;
    if (c.request.param("excludeInactive") == "true") f.active = true;
    auto page = c.store.list_projects(c.access, f);
    if (!page) return store_error(page.error());
    json items = json::array();
    for (const auto& x : page->items)
        items.push_back(dt_v1::project_json(x));
    return with_total(json_response(items), page->total);
}

Response dt_lookup_project(Context& c) {
    auto p = c.store.lookup_project(c.access, c.request.param("name"), c.request.param("version"));
    if (!p) return store_error(p.error());
    return json_response(dt_v1::project_json(*p));
}

Response dt_get_project(Context& c) {
    auto p = c.store.get_project(c.access, c.request.path_params.at("uuid"));
    if (!p) return store_error(p.error());
    return json_response(dt_v1::project_json(*p));
}

Response dt_delete_project(Context& c) {
    auto done = c.store.delete_project(c.access, c.request.path_params.at("uuid"));
    if (!done) return store_error(done.error());
    return no_content();
}

Response dt_project_components(Context& c) {
    auto p = paging(c.request);
    if (!p) return problem(400, p.error().message);
    auto project = c.store.get_project(c.access, c.request.path_params.at("uuid"));
    if (!project) return store_error(project.error());
    auto page = c.store.project_components(c.access, project->uuid, p->second, p->first);
    if (!page) return store_error(page.error());
    json items = json::array();
    for (const auto& x : page->items)
        items.push_back(dt_v1::component_json(x, *project));
    return with_total(json_response(items), page->total);
}

} // namespace kaiyuan::server
