/// Findings and advisories: the emergency question ("which of our products ship this?"), a
/// project's findings, triage, and advisories added through the API.
#include "kaiyuan/jobs/worker.hpp"
#include "kaiyuan/server/handlers.hpp"
#include "kaiyuan/server/views.hpp"
#include "kaiyuan/store/advisories.hpp"
#include "kaiyuan/store/store.hpp"
#include "kaiyuan/util/random.hpp"
#include "kaiyuan/vuln/osv_json.hpp"

#include <nlohmann/json.hpp>

#include <map>

namespace kaiyuan::server {

using nlohmann::json;

namespace {

json or_null(const std::string& s) {
    return s.empty() ? json(nullptr) : json(s);
}

json triage_json(const store::Triage& t) {
    json responses = json::array();
    std::string r;
    for (std::size_t i = 0; i <= t.response.size(); ++i)
        if (i == t.response.size() || t.response[i] == ',') {
            if (!r.empty()) responses.push_back(r);
            r.clear();
        } else {
            r += t.response[i];
        }
    return json{{"state", t.state},           {"justification", or_null(t.justification)},
                {"response", responses},      {"details", or_null(t.details)},
                {"suppressed", t.suppressed}, {"updatedAt", or_null(t.updated_at)}};
}

/// The advisory's header fields a finding shows, from the stored OSV JSON.
json advisory_summary(const std::string& osv_json, const std::string& id) {
    json out{{"id", id}, {"aliases", json::array()}, {"summary", nullptr}};
    if (osv_json.empty()) return out;
    auto records = vuln::read_osv_json(osv_json);
    if (!records || records->empty()) return out;
    const vuln::Advisory& a = records->front();
    out["aliases"] = a.aliases;
    out["summary"] = or_null(a.summary.empty() ? a.details.substr(0, 200) : a.summary);
    out["published"] = or_null(a.published);
    out["modified"] = or_null(a.modified);
    return out;
}

json findings_json(const store::FindingPage& page, bool with_project, std::size_t offset) {
    std::map<std::string, json> advisories; // parsed once per response
    json items = json::array();
    for (const auto& f : page.items) {
        auto known = advisories.find(f.advisory_id);
        if (known == advisories.end())
            known =
                advisories.emplace(f.advisory_id, advisory_summary(f.advisory_json, f.advisory_id))
                    .first;
        json j = finding_json(f, with_project);
        j["aliases"] = known->second["aliases"];
        j["summary"] = known->second["summary"];
        items.push_back(std::move(j));
    }
    return json{
        {"items", items}, {"total", page.total}, {"projects", page.projects}, {"offset", offset}};
}

Result<store::FindingFilter> finding_filter(const Request& r) {
    store::FindingFilter f;
    auto limit = count_param(r, "limit", 100, 10000);
    if (!limit) return unexpected(limit.error());
    auto offset = count_param(r, "offset", 0, SIZE_MAX);
    if (!offset) return unexpected(offset.error());
    f.limit = *limit;
    f.offset = *offset;
    f.active = bool_param(r, "active");
    f.latest = bool_param(r, "latest");
    f.tag = r.param("tag");
    f.include_suppressed = bool_param(r, "suppressed").value_or(false);
    return f;
}

} // namespace

json finding_json(const store::StoredFinding& f, bool with_project) {
    return json{{"advisory", f.advisory_id},
                {"severity", f.severity},
                {"score", f.score > 0 ? json(f.score) : json(nullptr)},
                {"ecosystem", f.ecosystem},
                {"package", f.package},
                {"installedVersion", f.version},
                {"fixedVersions", f.fixed},
                {"component", component_json(f.component, with_project)},
                {"componentKey", f.component_key},
                {"dependencyPath", f.path},
                {"direct", f.path.empty()},
                {"firstSeen", f.first_seen},
                {"triage", triage_json(f.triage)}};
}

Response advisory_affected(Context& c) {
    const std::string& id = c.request.path_params.at("id");
    store::StoreAdvisories advisories(c.store);
    auto ids = advisories.resolve(id);
    if (!ids) return store_error(ids.error());
    if (ids->empty())
        return problem(404, "advisory " + id +
                                " is not in the store (kaiyuan db import --database, or POST "
                                "/api/v2/advisories)");
    auto filter = finding_filter(c.request);
    if (!filter) return problem(400, filter.error().message);
    filter->advisory_ids = *ids;
    auto page = c.store.findings(c.access, *filter);
    if (!page) return store_error(page.error());
    json out = findings_json(*page, true, filter->offset);
    out["query"] = id;
    out["advisories"] = *ids;
    return json_response(out);
}

Response get_advisory(Context& c) {
    store::StoreAdvisories advisories(c.store);
    auto a = advisories.advisory(c.request.path_params.at("id"));
    if (!a) return store_error(a.error());
    Response r;
    r.status = 200;
    r.content_type = "application/json";
    r.body = vuln::to_osv_json(*a);
    return r;
}

Response post_advisories(Context& c) {
    auto records = vuln::read_osv_json(c.request.body);
    if (!records) return problem(400, "request body: " + records.error().message);
    if (records->empty()) return problem(400, "request body: no OSV record");
    for (const auto& a : *records)
        if (a.id.empty() || a.modified.empty())
            return problem(400, "request body: every record needs 'id' and 'modified'");
    store::StoreAdvisories advisories(c.store);
    auto stats = advisories.import(*records, {});
    if (!stats) return store_error(stats.error());
    if (c.workers) c.workers->notify();
    return json_response({{"added", stats->added},
                          {"replaced", stats->replaced},
                          {"unchanged", stats->unchanged},
                          {"withdrawn", stats->withdrawn},
                          {"changed", advisories.last_changed()}});
}

Response project_findings(Context& c) {
    const std::string& uuid = c.request.path_params.at("uuid");
    auto project = c.store.get_project(c.access, uuid);
    if (!project) return store_error(project.error());
    auto filter = finding_filter(c.request);
    if (!filter) return problem(400, filter.error().message);
    filter->project_uuid = uuid;
    auto page = c.store.findings(c.access, *filter);
    if (!page) return store_error(page.error());
    return json_response(findings_json(*page, false, filter->offset));
}

Response set_triage(Context& c) {
    auto body = parse_json_body(c.request.body, "request body");
    if (!body) return problem(400, body.error().message);
    const json& j = *body;
    if (!j.is_object()) return problem(400, "request body: expected a JSON object");
    auto text = [&](const char* key, bool required) -> Result<std::string> {
        if (!j.contains(key) || j[key].is_null()) {
            if (required) return fail(std::string("'") + key + "' is missing");
            return std::string();
        }
        if (!j[key].is_string()) return fail(std::string("'") + key + "' must be a string");
        return j[key].get<std::string>();
    };
    store::Triage t;
    std::string project, component, advisory, comment;
    for (auto [key, out, required] :
         {std::tuple{"project", &project, true}, std::tuple{"componentKey", &component, true},
          std::tuple{"advisory", &advisory, true}, std::tuple{"state", &t.state, true},
          std::tuple{"justification", &t.justification, false},
          std::tuple{"details", &t.details, false}, std::tuple{"comment", &comment, false}}) {
        auto v = text(key, required);
        if (!v) return problem(400, "request body: " + v.error().message);
        *out = *v;
    }
    if (j.contains("response")) {
        if (!j["response"].is_array())
            return problem(400, "request body: 'response' must be an array");
        for (const auto& r : j["response"]) {
            if (!r.is_string()) return problem(400, "request body: 'response' holds strings");
            t.response += (t.response.empty() ? "" : ",") + r.get<std::string>();
        }
    }
    if (j.contains("suppressed")) {
        if (!j["suppressed"].is_boolean())
            return problem(400, "request body: 'suppressed' must be true or false");
        t.suppressed = j["suppressed"].get<bool>();
    }
    auto saved = c.store.set_triage(c.access, project, component, advisory, t, comment);
    if (!saved) return store_error(saved.error());
    return json_response(triage_json(*saved));
}

Response triage_history(Context& c) {
    const Request& r = c.request;
    for (const char* name : {"project", "componentKey", "advisory"})
        if (r.param(name).empty()) return problem(400, std::string("'") + name + "' is missing");
    auto log = c.store.triage_log(c.access, r.param("project"), r.param("componentKey"),
                                  r.param("advisory"));
    if (!log) return store_error(log.error());
    json items = json::array();
    for (const auto& e : *log)
        items.push_back({{"at", e.at},
                         {"actor", e.actor},
                         {"change", e.change},
                         {"comment", or_null(e.comment)}});
    return json_response({{"items", items}});
}

} // namespace kaiyuan::server

namespace kaiyuan::server {

namespace {

/// `since`, else 30 days ago, as RFC 3339.
std::string since_param(const Request& r) {
    std::string since = r.param("since");
    return since.empty() ? util::utc_from_now(-30LL * 86400) : since;
}

json series_json(const std::vector<store::Metrics>& series) {
    json out = json::array();
    for (const auto& m : series)
        out.push_back(metrics_json(m));
    return out;
}

} // namespace

Response portfolio_metrics(Context& c) {
    // top=N: the N projects most at risk as well, from the same counting (the dashboard's view).
    auto top = count_param(c.request, "top", 0, 100);
    if (!top && c.request.has_param("top")) return problem(400, top.error().message);
    std::vector<store::ProjectRisk> at_risk;
    auto now = c.store.portfolio_metrics(c.access, top ? *top : 0, &at_risk);
    if (!now) return store_error(now.error());
    auto series = c.store.portfolio_metrics_series(c.access, since_param(c.request));
    if (!series) return store_error(series.error());
    json out = {{"current", metrics_json(*now)}, {"series", series_json(*series)}};
    if (c.request.has_param("top")) out["projectsAtRisk"] = risk_json(at_risk);
    return json_response(out);
}

Response project_metrics(Context& c) {
    const std::string& uuid = c.request.path_params.at("uuid");
    auto now = c.store.project_metrics(c.access, uuid);
    if (!now) return store_error(now.error());
    auto series = c.store.project_metrics_series(c.access, uuid, since_param(c.request));
    if (!series) return store_error(series.error());
    return json_response({{"current", metrics_json(*now)}, {"series", series_json(*series)}});
}

} // namespace kaiyuan::server
