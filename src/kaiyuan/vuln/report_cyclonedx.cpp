// CycloneDX 1.6 JSON with vulnerabilities (https://cyclonedx.org/docs/1.6/json/#vulnerabilities):
// the scanned SBOM as kaiyuan writes it, plus one vulnerability per advisory whose `affects`
// reference the components' bom-refs, with computed CVSS ratings, the fixed versions as the
// recommendation, the advisory's aliases as references and any VEX analysis.
#include "kaiyuan/format/cyclonedx/cyclonedx.hpp"
#include "kaiyuan/format/format.hpp"
#include "kaiyuan/vuln/report.hpp"
#include "kaiyuan/vuln/severity.hpp"
#include "kaiyuan/vuln/vex.hpp"

#include <nlohmann/json.hpp>

#include <set>

namespace kaiyuan::vuln {

namespace {} // namespace

std::string write_report_cyclonedx(const Report& r) {
    using nlohmann::json;
    json doc = json::parse(format::write(r.sbom, format::Format::cyclonedx_json));
    json vulns = json::array();
    // affects.ref names the components as the document above does: an SBOM read from another
    // tool keeps its own bom-refs.
    auto bom_ref = format::cyclonedx::bom_refs(r.sbom);
    for (const auto& group : by_advisory(r.result)) {
        const Advisory& a = *group.front()->advisory;
        json v{{"bom-ref", "vuln:" + a.id}, {"id", a.id}};
        v["source"] = {{"name", a.id.starts_with("openEuler-") ? "openEuler" : "OSV"},
                       {"url", advisory_url(a)}};
        json refs = json::array();
        for (const auto& alias : a.aliases) {
            std::string url = alias.starts_with("CVE-")
                                  ? "https://nvd.nist.gov/vuln/detail/" + alias
                                  : "https://osv.dev/vulnerability/" + alias;
            refs.push_back(
                {{"id", alias},
                 {"source", {{"name", alias.substr(0, alias.find('-'))}, {"url", url}}}});
        }
        if (!refs.empty()) v["references"] = refs;
        json rs = json::array();
        for (const auto& rt : ratings(a)) {
            json x{{"source", v["source"]}, {"severity", rt.severity}, {"method", rt.method}};
            if (!rt.vector.empty()) {
                x["score"] = rt.score;
                x["vector"] = rt.vector;
            }
            rs.push_back(std::move(x));
        }
        if (!rs.empty()) v["ratings"] = rs;
        if (!a.summary.empty()) v["description"] = a.summary;
        if (!a.details.empty()) v["detail"] = a.details;
        std::set<std::string> fixed;
        for (const Finding* f : group)
            fixed.insert(f->fixed.begin(), f->fixed.end());
        if (!fixed.empty()) {
            std::string text = "Upgrade to a fixed version:";
            for (const Finding* f : group)
                if (!f->fixed.empty()) {
                    text += " " + f->package + " " + f->fixed.front();
                    for (std::size_t i = 1; i < f->fixed.size(); ++i)
                        text += " or " + f->fixed[i];
                    text += ";";
                }
            text.pop_back();
            v["recommendation"] = text;
        }
        json advisories = json::array();
        for (const auto& ref : a.references)
            if (ref.type == "ADVISORY" && !ref.url.empty())
                advisories.push_back({{"url", ref.url}});
        if (!advisories.empty()) v["advisories"] = advisories;
        if (is_known_time(a.published)) v["published"] = a.published;
        if (is_known_time(a.modified)) v["updated"] = a.modified;
        json affects = json::array();
        for (const Finding* f : group) {
            const model::Component& c = r.sbom.components[f->component];
            affects.push_back(
                {{"ref", std::string(bom_ref.at(c.id))},
                 {"versions", json::array({{{"version", f->version},
                                            {"status", status_of(*f) == "not_affected" ||
                                                               status_of(*f) == "fixed"
                                                           ? "unaffected"
                                                           : "affected"}}})}});
        }
        v["affects"] = affects;
        // One analysis per vulnerability: the VEX statement given for it, when there is one.
        for (const Finding* f : group)
            if (!f->vex_status.empty()) {
                json analysis{{"state", cyclonedx_state(f->vex_status)}};
                if (auto j = cyclonedx_justification(f->vex_justification); !j.empty())
                    analysis["justification"] = j;
                if (!f->vex_detail.empty()) analysis["detail"] = f->vex_detail;
                v["analysis"] = analysis;
                break;
            }
        vulns.push_back(std::move(v));
    }
    doc["vulnerabilities"] = vulns;
    // What was not checked travels with the report (CycloneDX has no field for it: properties in
    // kaiyuan's namespace, repeated per ecosystem as the specification allows).
    json& props = doc["metadata"]["properties"];
    if (!props.is_array()) props = json::array();
    props.push_back({{"name", "kaiyuan:vuln:components-checked"},
                     {"value", std::to_string(r.result.components_checked)}});
    props.push_back({{"name", "kaiyuan:vuln:components-unchecked"},
                     {"value", std::to_string(r.result.components_unchecked)}});
    for (const auto& [ecosystem, n] : r.result.unchecked_ecosystems)
        props.push_back({{"name", "kaiyuan:vuln:ecosystem-not-covered"},
                         {"value", ecosystem + " (" + std::to_string(n) + " components)"}});
    for (const auto& u : r.result.undecided)
        props.push_back(
            {{"name", "kaiyuan:vuln:undecided"},
             {"value",
              u.advisory + " " + std::string(bom_ref.at(r.sbom.components[u.component].id))}});
    return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

} // namespace kaiyuan::vuln
