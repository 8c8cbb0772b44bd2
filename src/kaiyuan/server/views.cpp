#include "kaiyuan/server/views.hpp"

#include "kaiyuan/store/store.hpp"

#include <nlohmann/json.hpp>

#include <charconv>

namespace kaiyuan::server {

using nlohmann::json;

namespace {

json or_null(const std::string& s) {
    return s.empty() ? json(nullptr) : json(s);
}

} // namespace

json project_json(const store::Project& p) {
    return json{{"uuid", p.uuid},
                {"name", p.name},
                {"version", p.version},
                {"parent", or_null(p.parent_uuid)},
                {"description", p.description},
                {"classifier", p.classifier},
                {"active", p.active},
                {"isLatest", p.is_latest},
                {"tags", p.tags},
                {"createdAt", p.created_at},
                {"updatedAt", p.updated_at},
                {"lastSbomAt", or_null(p.last_sbom_at)}};
}

json sbom_json(const store::SbomInfo& s) {
    return json{{"uuid", s.uuid},
                {"project", s.project_uuid},
                {"source", s.source},
                {"uploadedAt", s.uploaded_at},
                {"uploadedBy", or_null(s.uploaded_by)},
                {"format", s.format},
                {"specVersion", s.spec_version},
                {"sha256", s.sha256},
                {"size", s.size},
                {"componentCount", s.component_count},
                {"current", s.is_current}};
}

json component_json(const store::StoredComponent& c, bool with_project) {
    json hashes = json::array();
    for (const auto& h : c.hashes)
        hashes.push_back({{"algorithm", h.algorithm}, {"value", h.value}});
    json j{{"name", c.name},
           {"version", c.version},
           {"type", c.type},
           {"purl", or_null(c.purl)},
           {"cpe", or_null(c.cpe)},
           {"hashes", hashes},
           {"licenseDeclared", or_null(c.license_declared)},
           {"licenseConcluded", or_null(c.license_concluded)},
           {"supplier", or_null(c.supplier)},
           {"scope", or_null(c.scope)},
           {"bomRef", or_null(c.bom_ref)},
           {"sbom", c.sbom_uuid},
           {"index", c.index},
           {"source", c.source}};
    if (with_project)
        j["project"] = {
            {"uuid", c.project_uuid}, {"name", c.project_name}, {"version", c.project_version}};
    return j;
}

json job_json(const store::JobInfo& j) {
    return json{{"token", j.token},
                {"kind", j.kind},
                {"status", store::to_string(j.status)},
                {"processing",
                 j.status == store::JobStatus::queued || j.status == store::JobStatus::running},
                {"project", or_null(j.project_uuid)},
                {"sbom", or_null(j.sbom_uuid)},
                {"error", or_null(j.error)},
                {"attempts", j.attempts},
                {"createdAt", j.created_at},
                {"finishedAt", or_null(j.finished_at)}};
}

json key_json(const store::ApiKeyInfo& k) {
    return json{{"id", k.id},
                {"team", k.team},
                {"permissions", k.permissions},
                {"comment", k.comment},
                {"createdAt", k.created_at},
                {"revokedAt", or_null(k.revoked_at)},
                {"lastUsedAt", or_null(k.last_used_at)}};
}

Response json_response(const json& j, int status) {
    Response r;
    r.status = status;
    r.body = j.dump(-1, ' ', false, json::error_handler_t::replace);
    return r;
}

Response store_error(const Error& e) {
    switch (store::kind_of(e)) {
    case store::ErrorKind::not_found:
        return problem(404, store::message_of(e) + " does not exist or is not yours to see");
    case store::ErrorKind::conflict:
        return problem(409, store::message_of(e));
    case store::ErrorKind::invalid:
        return problem(400, store::message_of(e));
    case store::ErrorKind::other:
        break;
    }
    return problem(500, "the store failed: " + e.message);
}

Result<json> parse_json_body(std::string_view body, const std::string& what) {
    constexpr int k_max_depth = 64;
    bool too_deep = false;
    json::parser_callback_t limit = [&](int depth, json::parse_event_t, json&) {
        if (depth > k_max_depth) too_deep = true;
        return !too_deep;
    };
    try {
        json j = json::parse(body.begin(), body.end(), limit);
        if (too_deep)
            return fail(what + ": JSON nested deeper than " + std::to_string(k_max_depth) +
                        " levels");
        return j;
    } catch (const json::parse_error& e) {
        if (too_deep)
            return fail(what + ": JSON nested deeper than " + std::to_string(k_max_depth) +
                        " levels");
        return fail(what + ": not JSON: at byte " + std::to_string(e.byte) + ": " + e.what());
    } catch (const json::exception& e) {
        // Not a syntax error but still unreadable: a number beyond a double (out_of_range.406).
        return fail(what + ": unreadable JSON: " + e.what());
    }
}

Result<std::size_t> count_param(const Request& r, const std::string& name, std::size_t fallback,
                                std::size_t max) {
    if (!r.has_param(name)) return fallback;
    std::string v = r.param(name);
    std::size_t n = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || p != v.data() + v.size())
        return fail("parameter " + name + "='" + v + "' is not a number");
    if (n > max)
        return fail("parameter " + name + "=" + v + " is above its limit " + std::to_string(max));
    return n;
}

} // namespace kaiyuan::server

namespace kaiyuan::server {

std::optional<bool> bool_param(const Request& r, const std::string& name) {
    if (!r.has_param(name)) return std::nullopt;
    std::string v = r.param(name);
    return v == "true" || v == "1";
}

json metrics_json(const store::Metrics& m) {
    return json{{"at", m.at},
                {"projects", m.projects},
                {"components", m.components},
                {"vulnerableComponents", m.vulnerable_components},
                {"vulnerabilities", m.vulnerabilities},
                {"findings", m.findings()},
                {"critical", m.critical},
                {"high", m.high},
                {"medium", m.medium},
                {"low", m.low},
                {"unassigned", m.unassigned},
                {"suppressed", m.suppressed},
                {"audited", m.audited},
                {"violations", m.violations},
                {"licenses", m.licenses},
                {"states", m.states}};
}

Result<Window> window_param(const Request& r, std::size_t size) {
    auto limit = count_param(r, "limit", SIZE_MAX, SIZE_MAX);
    if (!limit) return unexpected(limit.error());
    auto offset = count_param(r, "offset", 0, SIZE_MAX);
    if (!offset) return unexpected(offset.error());
    Window w;
    w.first = std::min(*offset, size);
    w.last = w.first + std::min(*limit, size - w.first);
    return w;
}

json risk_json(const std::vector<store::ProjectRisk>& ranked) {
    json items = json::array();
    for (const auto& r : ranked)
        items.push_back({{"project", project_json(r.project)},
                         {"metrics", metrics_json(r.metrics)},
                         {"riskScore", r.risk}});
    return items;
}

Result<std::vector<store::Permission>> permissions_of(const json& list, const std::string& what) {
    if (!list.is_array()) return fail(what + ": \"permissions\" must be an array");
    std::vector<store::Permission> out;
    for (const auto& p : list) {
        auto parsed = p.is_string() ? store::parse_permission(p.get<std::string>()) : std::nullopt;
        if (!parsed)
            return fail(what + ": unknown permission " + p.dump() +
                        " (read, upload, triage or admin)");
        out.push_back(*parsed);
    }
    return out;
}

} // namespace kaiyuan::server
