#include "kaiyuan/format/common.hpp"
#include "kaiyuan/server/handlers.hpp"
#include "kaiyuan/server/views.hpp"
#include "kaiyuan/store/store.hpp"

#include <nlohmann/json.hpp>

namespace kaiyuan::server {

extern const char* const k_openapi_document;

using nlohmann::json;

Response list_keys(Context& c) {
    auto keys = c.store.list_keys();
    if (!keys) return store_error(keys.error());
    json items = json::array();
    for (const auto& k : *keys)
        items.push_back(key_json(k));
    return json_response({{"items", items}});
}

Response create_key(Context& c) {
    auto body = parse_json_body(c.request.body, "key");
    if (!body) return problem(400, body.error().message);
    const json& j = *body;
    if (!j.is_object() || !j.contains("team") || !j["team"].is_string() ||
        !j.contains("permissions") || !j["permissions"].is_array())
        return problem(400, "key: expected {\"team\": NAME, \"permissions\": "
                            "[\"read\"|\"upload\"|\"triage\"|\"admin\"...]}");
    auto permissions = permissions_of(j["permissions"], "key");
    if (!permissions) return problem(400, permissions.error().message);
    std::string comment =
        j.contains("comment") && j["comment"].is_string() ? j["comment"].get<std::string>() : "";
    auto made = c.store.create_key(j["team"].get<std::string>(), *permissions, comment);
    if (!made) return store_error(made.error());
    json out = key_json(made->info);
    out["key"] = made->key;
    return json_response(out, 201);
}

Response revoke_key(Context& c) {
    auto done = c.store.revoke_key(c.request.path_params.at("id"));
    if (!done) return store_error(done.error());
    return no_content();
}

Response grant_team(Context& c) {
    auto body = parse_json_body(c.request.body, "grant");
    if (!body) return problem(400, body.error().message);
    const json& j = *body;
    const std::string& team = c.request.path_params.at("team");
    if (j.is_object() && j.contains("project") && j["project"].is_string()) {
        auto done = c.store.grant_project(team, j["project"].get<std::string>());
        if (!done) return store_error(done.error());
    } else if (j.is_object() && j.contains("tag") && j["tag"].is_string()) {
        auto done = c.store.grant_tag(team, j["tag"].get<std::string>());
        if (!done) return store_error(done.error());
    } else {
        return problem(400, "grant: expected {\"project\": UUID} or {\"tag\": NAME}");
    }
    return no_content();
}

Response openapi_document(Context&) {
    Response r;
    r.body = k_openapi_document;
    return r;
}

Response health(Context& c) {
    auto pending = c.store.pending_jobs();
    if (!pending) return problem(503, "the store does not answer: " + pending.error().message);
    return json_response({{"status", "ok"}, {"pendingJobs", *pending}});
}

Response version_info(Context&) {
    // Dependency-Track clients ask /api/version before they upload.
    return json_response(
        {{"application", "kaiyuan"},
         {"version", format::k_tool_version},
         {"framework", {{"name", "kaiyuan"}, {"version", format::k_tool_version}}}});
}

} // namespace kaiyuan::server
