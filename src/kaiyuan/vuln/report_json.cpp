// kaiyuan's own JSON report and the terminal table.
#include "kaiyuan/vuln/report.hpp"
#include "kaiyuan/vuln/severity.hpp"

#include "kaiyuan/format/json_out.hpp"
#include "kaiyuan/util/strings.hpp"
#include "kaiyuan/util/text_table.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>

namespace kaiyuan::vuln {

namespace {
void component_json(format::JsonOut& j, const model::Component& c) {
    j.key("component")
        .begin_object()
        .field("name", c.name)
        .field("version", c.version)
        .field("purl", c.purl)
        .field("bomRef", c.id)
        .end_object();
}
} // namespace

std::string write_report_json(const Report& r) {
    // Streamed, not built as a tree: a fleet's report can hold hundreds of thousands of findings.
    std::string text;
    format::JsonOut j(text);
    std::map<std::string, std::int64_t> by_severity;
    for (const auto& f : r.result.findings)
        if (status_of(f) == "affected") ++by_severity[severity_of(*f.advisory)];
    auto strings = [&](std::string_view k, const std::vector<std::string>& v) {
        j.key(k).begin_array();
        for (const auto& s : v)
            j.value(s);
        j.end_array();
    };
    j.begin_object().field("target", r.sbom.metadata.target).field("database", r.database);
    j.field("created", r.created).key("summary").begin_object();
    j.field("components", static_cast<std::int64_t>(r.sbom.components.size()))
        .field("componentsChecked", static_cast<std::int64_t>(r.result.components_checked))
        .field("componentsWithoutEcosystem",
               static_cast<std::int64_t>(r.result.components_without_ecosystem))
        .field("componentsUnchecked", static_cast<std::int64_t>(r.result.components_unchecked))
        .field("componentsOwnedByOsPackage",
               static_cast<std::int64_t>(r.result.components_owned_by_os))
        .field("findings", static_cast<std::int64_t>(r.result.findings.size()))
        .field("undecided", static_cast<std::int64_t>(r.result.undecided.size()));
    // Ecosystems of the target the database has no advisories for: their components were not
    // checked, and no finding says nothing about them.
    j.key("ecosystemsNotCovered").begin_object();
    for (const auto& [ecosystem, n] : r.result.unchecked_ecosystems)
        j.field(ecosystem, static_cast<std::int64_t>(n));
    j.end_object();
    j.key("affectedBySeverity").begin_object();
    for (const auto& [severity, n] : by_severity)
        j.field(severity, n);
    j.end_object().end_object();
    j.key("findings").begin_array();
    for (const auto& f : r.result.findings) {
        const model::Component& c = r.sbom.components[f.component];
        const Advisory& a = *f.advisory;
        j.begin_object().field("id", a.id);
        strings("aliases", a.aliases);
        j.field("summary", a.summary).field("severity", severity_of(a));
        j.field_if("severityFrom", a.severity_from);
        j.key("ratings").begin_array();
        for (const auto& rt : ratings(a)) {
            j.begin_object().field("method", rt.method).field("severity", rt.severity);
            if (!rt.vector.empty()) j.field("vector", rt.vector).field("score", rt.score);
            j.end_object();
        }
        j.end_array();
        component_json(j, c);
        j.field("ecosystem", f.ecosystem).field("package", f.package).field("version", f.version);
        strings("fixedVersions", f.fixed);
        j.field("status", status_of(f))
            .field_if("justification", f.vex_justification)
            .field_if("vexDetail", f.vex_detail)
            .field_if("vexSource", f.vex_source)
            .field("url", advisory_url(a))
            .field("published", is_known_time(a.published) ? a.published : "")
            .field("modified", is_known_time(a.modified) ? a.modified : "");
        j.key("references").begin_array();
        for (const auto& ref : a.references)
            j.value(ref.url);
        j.end_array().end_object();
    }
    j.end_array().key("undecided").begin_array();
    for (const auto& u : r.result.undecided) {
        const model::Component& c = r.sbom.components[u.component];
        j.begin_object().field("id", u.advisory);
        component_json(j, c);
        j.field("reason", u.reason).end_object();
    }
    j.end_array().key("diagnostics").begin_array();
    for (const auto& d : r.result.diagnostics)
        j.begin_object()
            .field("severity", model::to_string(d.severity))
            .field("location", d.location.to_string())
            .field("message", d.message)
            .end_object();
    j.end_array().end_object();
    text += "\n";
    return text;
}

std::string write_report_table(const Report& r) {
    // Where each package was found (the lockfile line, the package database) tells a reader
    // what to change; the full aliases and references are in the other formats.
    util::TextTable t{
        {"COMPONENT", "VERSION", "ADVISORY", "ALIAS", "SEVERITY", "STATUS", "FIXED IN", "FOUND IN"},
        {}};
    auto found_in = [](const model::Component& c) {
        if (c.locations.empty()) return std::string();
        const auto& l = c.locations.front();
        return l.path + (l.line ? ":" + std::to_string(l.line) : "");
    };
    for (const auto& f : r.result.findings) {
        const model::Component& c = r.sbom.components[f.component];
        const Advisory& a = *f.advisory;
        std::string sev = severity_of(a);
        if (double score = top_score(a); score > 0) {
            char buf[16];
            std::snprintf(buf, sizeof buf, " %.1f", score);
            sev += buf;
        }
        t.rows.push_back({c.name, f.version, a.id, a.aliases.empty() ? "" : a.aliases.front(), sev,
                          status_of(f), util::join(f.fixed, ", "), found_in(c)});
    }
    for (const auto& u : r.result.undecided) {
        const model::Component& c = r.sbom.components[u.component];
        t.rows.push_back({c.name, c.version, u.advisory, "", "-", "undecided", "", found_in(c)});
    }
    std::string out = util::render(t, r.width ? r.width : util::terminal_width());
    std::size_t advisories = by_advisory(r.result).size();
    out += "\n" + std::to_string(r.result.findings.size()) + " findings (" +
           std::to_string(advisories) + " advisories) in " +
           std::to_string(r.result.components_checked) + " components checked of " +
           std::to_string(r.sbom.components.size()) + "\n";
    if (r.result.components_owned_by_os)
        out += std::to_string(r.result.components_owned_by_os) +
               " language packages installed by OS packages were matched through those packages "
               "(--match-os-owned matches them as language packages too)\n";
    if (!r.result.undecided.empty())
        out += std::to_string(r.result.undecided.size()) +
               " matches not decided (see the warnings: no history, or versions that could not "
               "be compared)\n";
    if (r.result.components_unchecked) {
        out += std::to_string(r.result.components_unchecked) +
               " components NOT checked: the database has no advisories for";
        const char* sep = " ";
        for (const auto& [ecosystem, count] : r.result.unchecked_ecosystems) {
            out += sep + ecosystem + " (" + std::to_string(count) + ")";
            sep = ", ";
        }
        out += "\n";
    }
    return out;
}

} // namespace kaiyuan::vuln
