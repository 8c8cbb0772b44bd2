// The review as JSON (docs/json-format.md, "Review"); `kaiyuan sbom diff` writes the same
// shape without the judged parts.
#include "kaiyuan/format/json_out.hpp"
#include "kaiyuan/review/report.hpp"
#include "kaiyuan/vuln/advisory.hpp"
#include "kaiyuan/vuln/report.hpp"

namespace kaiyuan::review {

namespace {

using format::JsonOut;

void side(JsonOut& j, const char* key, const model::Sbom& sbom) {
    j.key(key).begin_object();
    j.field("name", sbom.metadata.name.empty() ? sbom.metadata.target : sbom.metadata.name);
    j.field("components", static_cast<std::int64_t>(sbom.components.size()));
    j.end_object();
}

void entry(JsonOut& j, const Entry& e) {
    j.begin_object();
    j.field("name", e.name).field("version", e.version);
    j.field_if("purl", e.purl);
    j.field_if("arch", e.arch);
    j.field("ecosystem", e.ecosystem).field("scope", e.scope).field("direct", e.direct);
    j.key("path").begin_array();
    for (const auto& p : e.path)
        j.value(p);
    j.end_array();
    j.field_if("license", e.license);
    j.field_if("constraint", e.constraint);
    j.field_if("source", e.source);
    if (!e.cves.empty()) {
        j.key("cves").begin_array();
        for (const auto& id : e.cves)
            j.value(id);
        j.end_array();
    }
    j.field_if("location", e.location.to_string());
    j.end_object();
}

void licenses(JsonOut& j, const char* key, const std::vector<LicenseDelta>& deltas,
              const model::Sbom& sbom) {
    j.key(key).begin_array();
    for (const auto& d : deltas) {
        j.begin_object().field("license", d.license).key("components").begin_array();
        for (std::size_t i : d.components) {
            const auto& c = sbom.components[i];
            j.begin_object().field("name", c.name).field("version", c.version);
            j.field_if("purl", c.purl).end_object();
        }
        j.end_array().end_object();
    }
    j.end_array();
}

void vulnerabilities(JsonOut& j, const char* key, const std::vector<VulnerabilityEntry>& list) {
    j.key(key).begin_array();
    for (const auto& v : list) {
        const auto& a = *v.advisory;
        j.begin_object().field("id", a.id);
        j.key("aliases").begin_array();
        for (const auto& alias : a.aliases)
            j.value(alias);
        j.end_array();
        j.field_if("summary", a.summary);
        j.field("severity", v.severity);
        if (v.score > 0) j.field("score", v.score);
        j.key("fixed").begin_array();
        for (const auto& f : v.fixed)
            j.value(f);
        j.end_array();
        j.field("url", vuln::advisory_url(a));
        j.field_if("allowed", v.allowed_because);
        j.field_if("patched_by", v.patched_by);
        j.key("component");
        entry(j, v.component);
        j.end_object();
    }
    j.end_array();
}

} // namespace

std::string write_review_json(const ReviewReport& report) {
    const auto& r = report.result;
    const auto& d = r.diff;
    std::string out;
    JsonOut j(out);
    j.begin_object();
    side(j, "base", report.base);
    side(j, "head", report.head);
    j.key("summary").begin_object();
    j.field("added", static_cast<std::int64_t>(d.added.size()));
    j.field("removed", static_cast<std::int64_t>(d.removed.size()));
    j.field("changed", static_cast<std::int64_t>(d.changed.size()));
    j.field("unchanged", static_cast<std::int64_t>(d.unchanged));
    j.field("licenses_introduced", static_cast<std::int64_t>(d.licenses_introduced.size()));
    if (report.judged) {
        if (r.vulnerabilities_checked) {
            j.field("vulnerabilities_introduced", static_cast<std::int64_t>(r.introduced.size()));
            j.field("vulnerabilities_fixed", static_cast<std::int64_t>(r.fixed.size()));
            j.field("vulnerabilities_present", static_cast<std::int64_t>(r.present.size()));
        }
        j.field("violations", static_cast<std::int64_t>(r.violations.size()));
        j.field("result", std::string(r.failed() ? "fail" : "pass"));
    }
    j.end_object();
    j.key("added").begin_array();
    for (const auto& e : d.added)
        entry(j, e);
    j.end_array();
    j.key("removed").begin_array();
    for (const auto& e : d.removed)
        entry(j, e);
    j.end_array();
    j.key("changed").begin_array();
    for (const auto& c : d.changed) {
        j.begin_object().field("name", c.after.name).field("ecosystem", c.after.ecosystem);
        j.key("kinds").begin_array();
        for (const auto& k : c.kinds)
            j.value(k);
        j.end_array();
        j.key("from");
        entry(j, c.before);
        j.key("to");
        entry(j, c.after);
        j.end_object();
    }
    j.end_array();
    j.key("licenses").begin_object();
    licenses(j, "introduced", d.licenses_introduced, report.head);
    licenses(j, "dropped", d.licenses_dropped, report.base);
    j.end_object();
    if (report.judged) {
        j.key("vulnerabilities").begin_object();
        j.field("checked", r.vulnerabilities_checked);
        vulnerabilities(j, "introduced", r.introduced);
        vulnerabilities(j, "fixed", r.fixed);
        vulnerabilities(j, "present", r.present);
        j.end_object();
        j.key("violations").begin_array();
        for (const auto& v : r.violations) {
            j.begin_object().field("rule", v.rule);
            j.field("level", std::string(v.error ? "error" : "warning"));
            j.field("message", v.message);
            j.field_if("advisory", v.advisory);
            if (v.component) {
                j.key("component");
                entry(j, *v.component);
            }
            j.field_if("location", v.location.to_string());
            j.end_object();
        }
        j.end_array();
    }
    j.key("diagnostics").begin_array();
    auto diagnostic = [&](const model::Diagnostic& dg, const char* where) {
        j.begin_object().field("side", std::string(where));
        j.field("severity", std::string(model::to_string(dg.severity)));
        j.field_if("location", dg.location.to_string());
        j.field("message", dg.message).end_object();
    };
    for (const auto& dg : report.base.diagnostics)
        diagnostic(dg, "base");
    for (const auto& dg : report.head.diagnostics)
        diagnostic(dg, "head");
    for (const auto& dg : r.diagnostics)
        diagnostic(dg, "review");
    j.end_array();
    j.end_object();
    out += '\n';
    return out;
}

} // namespace kaiyuan::review
