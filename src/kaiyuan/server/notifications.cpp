/// Webhooks (the notifications' receivers), license policy violations and the policy itself.
#include "kaiyuan/license/policy.hpp"
#include "kaiyuan/server/handlers.hpp"
#include "kaiyuan/server/views.hpp"
#include "kaiyuan/store/store.hpp"

#include <nlohmann/json.hpp>

namespace kaiyuan::server {

using nlohmann::json;

namespace {

json webhook_json(const store::Webhook& h) {
    json j{{"uuid", h.uuid},
           {"url", h.url},
           {"events", h.events},
           {"projects", h.projects},
           {"tags", h.tags},
           {"minSeverity", h.min_severity.empty() ? json(nullptr) : json(h.min_severity)},
           {"team", h.team},
           {"createdAt", h.created_at},
           {"pending", h.pending},
           {"delivered", h.delivered},
           {"failed", h.failed}};
    if (!h.secret.empty()) j["secret"] = h.secret;
    return j;
}

/// A list of strings under `key`, absent meaning empty.
Result<std::vector<std::string>> strings_of(const json& body, const char* key) {
    std::vector<std::string> out;
    if (!body.contains(key) || body[key].is_null()) return out;
    if (!body[key].is_array()) return fail(std::string("'") + key + "' must be an array");
    for (const auto& x : body[key]) {
        if (!x.is_string()) return fail(std::string("'") + key + "' holds strings");
        out.push_back(x.get<std::string>());
    }
    return out;
}

} // namespace

Response create_webhook(Context& c) {
    auto body = parse_json_body(c.request.body, "request body");
    if (!body) return problem(400, body.error().message);
    if (!body->is_object()) return problem(400, "request body: expected a JSON object");
    store::Webhook h;
    for (auto [key, out] : {std::pair{"url", &h.url}, std::pair{"secret", &h.secret},
                            std::pair{"minSeverity", &h.min_severity}}) {
        if (!body->contains(key) || (*body)[key].is_null()) continue;
        if (!(*body)[key].is_string())
            return problem(400, std::string("request body: '") + key + "' must be a string");
        *out = (*body)[key].get<std::string>();
    }
    if (h.url.empty()) return problem(400, "request body: 'url' is missing");
    for (auto [key, out] : {std::pair{"events", &h.events}, std::pair{"projects", &h.projects},
                            std::pair{"tags", &h.tags}}) {
        auto list = strings_of(*body, key);
        if (!list) return problem(400, "request body: " + list.error().message);
        *out = std::move(*list);
    }
    auto made = c.store.create_webhook(c.access, std::move(h));
    if (!made) return store_error(made.error());
    return json_response(webhook_json(*made), 201);
}

Response list_webhooks(Context& c) {
    auto hooks = c.store.webhooks(c.access);
    if (!hooks) return store_error(hooks.error());
    json items = json::array();
    for (const auto& h : *hooks)
        items.push_back(webhook_json(h));
    return json_response({{"items", items}});
}

Response delete_webhook(Context& c) {
    auto done = c.store.delete_webhook(c.access, c.request.path_params.at("uuid"));
    if (!done) return store_error(done.error());
    return no_content();
}

Response webhook_deliveries(Context& c) {
    auto limit = count_param(c.request, "limit", 100, 10000);
    if (!limit) return problem(400, limit.error().message);
    auto list = c.store.deliveries(c.access, c.request.path_params.at("uuid"), *limit);
    if (!list) return store_error(list.error());
    json items = json::array();
    for (const auto& d : *list)
        items.push_back(
            {{"id", d.uuid},
             {"event", d.event},
             {"createdAt", d.created_at},
             {"status", d.status},
             {"attempts", d.attempts},
             {"deliveredAt", d.delivered_at.empty() ? json(nullptr) : json(d.delivered_at)},
             {"lastError", d.last_error.empty() ? json(nullptr) : json(d.last_error)}});
    return json_response({{"items", items}});
}

Response project_violations(Context& c) {
    auto list = c.store.violations(c.access, c.request.path_params.at("uuid"));
    if (!list) return store_error(list.error());
    auto w = window_param(c.request, list->size());
    if (!w) return problem(400, w.error().message);
    json items = json::array();
    for (std::size_t i = w->first; i < w->last; ++i) {
        const auto& v = (*list)[i];
        items.push_back({{"component", component_json(v.component, false)},
                         {"componentKey", v.component_key},
                         {"license", v.license},
                         {"reasons", v.reasons},
                         {"firstSeen", v.first_seen}});
    }
    return json_response({{"items", items}, {"total", list->size()}});
}

Response get_license_policy(Context& c) {
    auto text = c.store.license_policy();
    if (!text) return store_error(text.error());
    // No policy is an answer, not a missing resource: 204, nothing judged.
    if (text->empty()) return no_content();
    Response r;
    r.content_type = "application/yaml";
    r.body = *text;
    return r;
}

Response put_license_policy(Context& c) {
    if (!c.request.body.empty()) {
        auto policy = license::read_policy(c.request.body, "request body");
        if (!policy) return problem(400, policy.error().message);
    }
    if (auto r = c.store.set_license_policy(c.request.body); !r) return store_error(r.error());
    return no_content();
}

} // namespace kaiyuan::server
