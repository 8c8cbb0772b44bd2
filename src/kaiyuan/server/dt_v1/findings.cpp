/// Dependency-Track v4's findings, affected-projects and metrics routes, in DT's shapes (its
/// published OpenAPI document: Finding, Project, ProjectMetrics), over the same store calls as
/// /api/v2.
#include "kaiyuan/server/dt_v1/views.hpp"
#include "kaiyuan/server/handlers.hpp"
#include "kaiyuan/server/views.hpp"
#include "kaiyuan/store/advisories.hpp"
#include "kaiyuan/store/store.hpp"
#include "kaiyuan/util/hash.hpp"
#include "kaiyuan/vuln/osv_json.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <set>

namespace kaiyuan::server {

using nlohmann::json;

namespace {

/// DT's vulnerability sources by id form: CVE ids come from the NVD, GHSA ids from GitHub, the
/// rest from OSV.
std::string dt_source(const std::string& id) {
    if (id.starts_with("CVE-")) return "NVD";
    if (id.starts_with("GHSA-")) return "GITHUB";
    return "OSV";
}

std::string name_uuid(const std::string& name) {
    std::string h = util::digest_hex(util::DigestAlgorithm::sha256, name);
    return h.substr(0, 8) + "-" + h.substr(8, 4) + "-4" + h.substr(13, 3) + "-a" + h.substr(17, 3) +
           "-" + h.substr(20, 12);
}

std::string upper(std::string s) {
    for (auto& ch : s)
        ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    return s;
}

json dt_severity(const std::string& severity) {
    if (severity == "critical" || severity == "high" || severity == "medium" || severity == "low")
        return upper(severity);
    if (severity == "none") return "INFO";
    return "UNASSIGNED";
}

int severity_rank(const std::string& severity) {
    return severity == "critical" ? 0
           : severity == "high"   ? 1
           : severity == "medium" ? 2
           : severity == "low"    ? 3
           : severity == "none"   ? 4
                                  : 5;
}

json vulnerability_json(const store::StoredFinding& f) {
    json aliases = json::array();
    std::string title, description;
    if (auto records = vuln::read_osv_json(f.advisory_json); records && !records->empty()) {
        const vuln::Advisory& a = records->front();
        title = a.summary;
        description = a.details;
        for (const auto& alias : a.aliases) {
            std::string source = dt_source(alias);
            json one{{source == "NVD" ? "cveId" : source == "GITHUB" ? "ghsaId" : "osvId", alias}};
            aliases.push_back(std::move(one));
        }
    }
    json v{{"uuid", name_uuid("vuln:" + f.advisory_id)},
           {"vulnId", f.advisory_id},
           {"source", dt_source(f.advisory_id)},
           {"aliases", aliases},
           {"title", title},
           {"description", description},
           {"severity", dt_severity(f.severity)},
           {"severityRank", severity_rank(f.severity)},
           {"cwes", json::array()}};
    if (f.score > 0) v["cvssV3BaseScore"] = f.score;
    if (!f.fixed.empty()) {
        std::string fixed;
        for (const auto& x : f.fixed)
            fixed += (fixed.empty() ? "" : ", ") + x;
        v["patchedVersions"] = fixed;
        v["recommendation"] = "Upgrade to " + fixed;
    }
    return v;
}

/// Every finding `filter` selects, page after page.
Result<std::vector<store::StoredFinding>> every_finding(Context& c, store::FindingFilter filter) {
    std::vector<store::StoredFinding> out;
    filter.limit = 10000;
    for (filter.offset = 0;; filter.offset += filter.limit) {
        auto page = c.store.findings(c.access, filter);
        if (!page) return unexpected(page.error());
        std::size_t n = page->items.size();
        std::move(page->items.begin(), page->items.end(), std::back_inserter(out));
        if (n < filter.limit) return out;
    }
}

} // namespace

Response dt_project_findings(Context& c) {
    auto project = c.store.get_project(c.access, c.request.path_params.at("uuid"));
    if (!project) return store_error(project.error());
    store::FindingFilter filter;
    filter.project_uuid = project->uuid;
    filter.include_suppressed = bool_param(c.request, "suppressed").value_or(false);
    auto found = every_finding(c, filter);
    if (!found) return store_error(found.error());
    json items = json::array();
    for (const auto& f : *found) {
        json comp = dt_v1::component_json(f.component, *project);
        json vuln = vulnerability_json(f);
        std::string state = upper(f.triage.state);
        json analysis{{"state", state}, {"isSuppressed", f.triage.suppressed}};
        if (!f.triage.justification.empty())
            analysis["justification"] = upper(f.triage.justification);
        json attribution{{"analyzerIdentity", "INTERNAL_ANALYZER"},
                         {"attributedOn", dt_v1::epoch_ms(f.first_seen)}};
        std::string matrix = project->uuid + ":" + comp["uuid"].get<std::string>() + ":" +
                             vuln["uuid"].get<std::string>();
        items.push_back({{"component", comp},
                         {"vulnerability", vuln},
                         {"analysis", analysis},
                         {"attribution", attribution},
                         {"matrix", matrix}});
    }
    return json_response(items);
}

Response dt_vulnerability_projects(Context& c) {
    const std::string& id = c.request.path_params.at("id");
    store::StoreAdvisories advisories(c.store);
    auto ids = advisories.resolve(id);
    if (!ids) return store_error(ids.error());
    if (ids->empty()) return problem(404, "vulnerability " + id + " is not in the store");
    store::FindingFilter filter;
    filter.advisory_ids = *ids;
    filter.include_suppressed = true;
    auto found = every_finding(c, filter);
    if (!found) return store_error(found.error());
    std::set<std::string> seen;
    json items = json::array();
    for (const auto& f : *found) {
        if (!seen.insert(f.component.project_uuid).second) continue;
        auto project = c.store.get_project(c.access, f.component.project_uuid);
        if (project) items.push_back(dt_v1::project_json(*project));
    }
    Response r = json_response(items);
    r.headers.emplace_back("X-Total-Count", std::to_string(items.size()));
    return r;
}

Response dt_project_metrics(Context& c) {
    auto m = c.store.project_metrics(c.access, c.request.path_params.at("uuid"));
    if (!m) return store_error(m.error());
    long long now = dt_v1::epoch_ms(m->at);
    std::int64_t findings = m->findings();
    // DT's inherited risk score: critical 10, high 5, medium 3, low 1, unassigned 5.
    std::int64_t risk = m->critical * 10 + m->high * 5 + m->medium * 3 + m->low + m->unassigned * 5;
    return json_response({{"critical", m->critical},
                          {"high", m->high},
                          {"medium", m->medium},
                          {"low", m->low},
                          {"unassigned", m->unassigned},
                          {"vulnerabilities", findings},
                          {"vulnerableComponents", m->vulnerable_components},
                          {"components", m->components},
                          {"suppressed", m->suppressed},
                          {"findingsTotal", findings},
                          {"findingsAudited", m->audited},
                          {"findingsUnaudited", findings - std::min(m->audited, findings)},
                          {"inheritedRiskScore", risk},
                          // Every violation of kaiyuan's license policy is a FAIL of a license
                          // condition in DT's terms.
                          {"policyViolationsTotal", m->violations},
                          {"policyViolationsFail", m->violations},
                          {"policyViolationsWarn", 0},
                          {"policyViolationsInfo", 0},
                          {"policyViolationsLicenseTotal", m->violations},
                          {"policyViolationsSecurityTotal", 0},
                          {"policyViolationsOperationalTotal", 0},
                          {"firstOccurrence", now},
                          {"lastOccurrence", now}});
}

} // namespace kaiyuan::server
