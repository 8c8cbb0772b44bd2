#include "kaiyuan/server/handlers.hpp"

namespace kaiyuan::server {

const std::vector<Route>& routes() {
    using store::Permission;
    const std::vector<Permission> none, read{Permission::read}, upload{Permission::upload},
        read_or_upload{Permission::read, Permission::upload}, admin{Permission::admin};
    static const std::vector<Route> table = {
        {"GET", "/health", none, health, "Liveness and the store's reachability"},
        {"GET", "/api/openapi.json", none, openapi_document, "This API's OpenAPI 3.1 document"},
        {"GET", "/api/version", none, version_info, "Server name and version"},
        // kaiyuan's own API
        {"GET", "/api/v2/projects", read, list_projects, "List projects (filters, cursor pages)"},
        {"POST", "/api/v2/projects", admin, create_project, "Create a project version"},
        {"GET", "/api/v2/projects/{uuid}", read, get_project, "Get a project"},
        {"PATCH", "/api/v2/projects/{uuid}", admin, update_project, "Change a project"},
        {"DELETE", "/api/v2/projects/{uuid}", admin, delete_project,
         "Delete a project and its SBOMs"},
        {"GET", "/api/v2/projects/{uuid}/children", read, project_children, "A project's children"},
        {"GET", "/api/v2/projects/{uuid}/sboms", read, list_project_sboms,
         "Every SBOM uploaded to a project"},
        {"POST", "/api/v2/projects/{uuid}/sboms", upload, upload_project_sbom,
         "Upload an SBOM to a project"},
        {"GET", "/api/v2/projects/{uuid}/components", read, project_components,
         "A project's components"},
        {"GET", "/api/v2/projects/{uuid}/dependencies", read, project_dependencies,
         "A project's dependency graph"},
        {"POST", "/api/v2/sboms", upload, upload_sbom,
         "Upload an SBOM by project name and version"},
        {"GET", "/api/v2/sboms/{uuid}", read, get_sbom, "An SBOM's record"},
        {"GET", "/api/v2/sboms/{uuid}/content", read, sbom_content,
         "An SBOM, as uploaded or converted"},
        {"GET", "/api/v2/jobs/{token}", read_or_upload, get_job, "An upload's processing status"},
        {"GET", "/api/v2/components", read, search_components,
         "Search components across the portfolio"},
        {"GET", "/api/v2/licenses", read, licenses_in_use, "Licenses in use"},
        {"GET", "/api/v2/diff", read, diff_projects, "Difference between two project versions"},
        {"GET", "/api/v2/keys", admin, list_keys, "List API keys"},
        {"POST", "/api/v2/keys", admin, create_key, "Create an API key"},
        {"DELETE", "/api/v2/keys/{id}", admin, revoke_key, "Revoke an API key"},
        {"POST", "/api/v2/teams/{team}/grants", admin, grant_team,
         "Grant a team a project or a tag"},
        // Dependency-Track v4 compatibility
        {"PUT", "/api/v1/bom", upload, dt_put_bom, "DT: upload a BOM (JSON, base64)"},
        {"POST", "/api/v1/bom", upload, dt_post_bom, "DT: upload a BOM (multipart)"},
        {"GET", "/api/v1/bom/token/{uuid}", read_or_upload, dt_token,
         "DT: is the upload being processed"},
        {"GET", "/api/v1/event/token/{uuid}", read_or_upload, dt_token,
         "DT: is the event being processed"},
        {"GET", "/api/v1/project", read, dt_list_projects, "DT: list projects"},
        {"GET", "/api/v1/project/lookup", read, dt_lookup_project,
         "DT: find a project by name and version"},
        {"GET", "/api/v1/project/{uuid}", read, dt_get_project, "DT: get a project"},
        {"DELETE", "/api/v1/project/{uuid}", admin, dt_delete_project, "DT: delete a project"},
        {"GET", "/api/v1/component/project/{uuid}", read, dt_project_components,
         "DT: a project's components"},
    };
    return table;
}

} // namespace kaiyuan::server
