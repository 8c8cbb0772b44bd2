/// VEX per project: out, the project's findings with their triage as OpenVEX or CycloneDX VEX
/// (written by `kaiyuan vuln`'s report writers); in, an OpenVEX or CycloneDX VEX document whose
/// statements become triage decisions on the findings they name (vuln::apply_vex decides which).
#include "kaiyuan/vuln/vex.hpp"
#include "kaiyuan/model/component.hpp"
#include "kaiyuan/server/handlers.hpp"
#include "kaiyuan/server/views.hpp"
#include "kaiyuan/store/store.hpp"
#include "kaiyuan/util/random.hpp"
#include "kaiyuan/vuln/osv_json.hpp"
#include "kaiyuan/vuln/report.hpp"

#include <nlohmann/json.hpp>

#include <map>

namespace kaiyuan::server {

namespace {

/// A project's current findings as `kaiyuan vuln` holds them: one component per affected
/// component of its SBOMs, one finding per advisory on it.
struct ProjectFindings {
    model::Sbom sbom;
    vuln::MatchResult result;
    std::vector<store::StoredFinding> stored; ///< parallel to result.findings
};

Result<ProjectFindings> project_findings_of(Context& c, const std::string& uuid) {
    auto project = c.store.get_project(c.access, uuid);
    if (!project) return unexpected(project.error());
    ProjectFindings out;
    out.sbom.metadata.name = project->name + "@" + project->version;
    out.sbom.metadata.target = out.sbom.metadata.name;
    out.sbom.metadata.created = util::utc_now();
    store::FindingFilter filter;
    filter.project_uuid = uuid;
    filter.include_suppressed = true;
    filter.limit = 10000;
    std::map<std::pair<std::string, std::int64_t>, std::size_t> component_of;
    std::map<std::string, std::shared_ptr<const vuln::Advisory>> advisories;
    for (;;) {
        auto page = c.store.findings(c.access, filter);
        if (!page) return unexpected(page.error());
        for (auto& f : page->items) {
            auto [at, added] = component_of.try_emplace({f.component.sbom_uuid, f.component.index},
                                                        out.sbom.components.size());
            if (added) {
                model::Component comp;
                comp.name = f.component.name;
                comp.version = f.component.version;
                comp.purl = f.component.purl;
                comp.ref = f.component.bom_ref;
                model::assign_id(comp);
                out.sbom.components.push_back(std::move(comp));
            }
            auto& advisory = advisories[f.advisory_id];
            if (!advisory) {
                auto read = vuln::read_osv_json(f.advisory_json);
                vuln::Advisory a;
                if (read && !read->empty()) a = std::move(read->front());
                a.id = f.advisory_id;
                advisory = std::make_shared<const vuln::Advisory>(std::move(a));
            }
            vuln::Finding finding;
            finding.component = at->second;
            finding.advisory = advisory;
            finding.ecosystem = f.ecosystem;
            finding.package = f.package;
            finding.version = f.version;
            finding.fixed = f.fixed;
            out.result.findings.push_back(std::move(finding));
            out.stored.push_back(std::move(f));
        }
        filter.offset += page->items.size();
        if (page->items.empty() || filter.offset >= static_cast<std::size_t>(page->total)) break;
    }
    return out;
}

} // namespace

Response project_vex(Context& c) {
    std::string format = c.request.param("format", "openvex");
    if (format != "openvex" && format != "cyclonedx")
        return problem(400, "'format' must be openvex or cyclonedx");
    auto found = project_findings_of(c, c.request.path_params.at("uuid"));
    if (!found) return store_error(found.error());
    for (std::size_t i = 0; i < found->stored.size(); ++i) {
        const store::Triage& t = found->stored[i].triage;
        vuln::Finding& f = found->result.findings[i];
        f.vex_status = vuln::status_of_state(t.state);
        f.vex_justification = t.justification;
        f.vex_detail = t.details;
        f.vex_source = "triage";
    }
    vuln::Report report{found->sbom, found->result, "kaiyuan store", util::utc_now(), 0};
    Response r;
    r.body = vuln::write_report(report, format == "openvex" ? vuln::ReportFormat::openvex
                                                            : vuln::ReportFormat::cyclonedx_json);
    r.content_type = format == "openvex" ? "application/json" : "application/vnd.cyclonedx+json";
    return r;
}

Response post_project_vex(Context& c) {
    const std::string& uuid = c.request.path_params.at("uuid");
    // Another team's project is not found, whatever the body.
    auto found = project_findings_of(c, uuid);
    if (!found) return store_error(found.error());
    auto statements = vuln::read_vex(c.request.body, "request body");
    if (!statements) return problem(400, statements.error().message);
    vuln::apply_vex(*statements, found->sbom, found->result);
    nlohmann::json applied = nlohmann::json::array();
    std::string comment = "from a VEX document (POST /api/v2/projects/" + uuid + "/vex)";
    for (std::size_t i = 0; i < found->stored.size(); ++i) {
        const vuln::Finding& f = found->result.findings[i];
        if (f.vex_status.empty()) continue;
        const store::StoredFinding& s = found->stored[i];
        store::Triage t = s.triage;
        t.state = vuln::cyclonedx_state(f.vex_status);
        t.justification =
            t.state == "not_affected" ? vuln::cyclonedx_justification(f.vex_justification) : "";
        t.details = f.vex_detail;
        bool same = t.state == s.triage.state && t.justification == s.triage.justification &&
                    t.details == s.triage.details;
        if (!same) {
            auto saved =
                c.store.set_triage(c.access, uuid, s.component_key, s.advisory_id, t, comment);
            if (!saved) return store_error(saved.error());
        }
        applied.push_back({{"advisory", s.advisory_id},
                           {"componentKey", s.component_key},
                           {"state", t.state},
                           {"changed", !same}});
    }
    return json_response({{"statements", statements->size()}, {"applied", applied}});
}

} // namespace kaiyuan::server
