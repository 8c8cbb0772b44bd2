// kaiyuan's own JSON report and the terminal table.
#include "kaiyuan/vuln/report.hpp"
#include "kaiyuan/vuln/severity.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>

namespace kaiyuan::vuln {

namespace {

std::string join(const std::vector<std::string>& v, const char* sep) {
    std::string out;
    for (const auto& s : v)
        out += (out.empty() ? "" : sep) + s;
    return out;
}

} // namespace

std::string write_report_json(const Report& r) {
    using nlohmann::json;
    json findings = json::array();
    std::map<std::string, int> by_severity;
    for (const auto& f : r.result.findings) {
        const model::Component& c = r.sbom.components[f.component];
        const Advisory& a = *f.advisory;
        std::string severity = severity_of(a);
        if (status_of(f) == "affected") ++by_severity[severity];
        json ratings_json = json::array();
        for (const auto& rt : ratings(a)) {
            json x{{"method", rt.method}, {"severity", rt.severity}};
            if (!rt.vector.empty()) {
                x["vector"] = rt.vector;
                x["score"] = rt.score;
            }
            ratings_json.push_back(std::move(x));
        }
        json refs = json::array();
        for (const auto& ref : a.references)
            refs.push_back(ref.url);
        json item{{"id", a.id},
                  {"aliases", a.aliases},
                  {"summary", a.summary},
                  {"severity", severity},
                  {"ratings", ratings_json},
                  {"component",
                   {{"name", c.name}, {"version", c.version}, {"purl", c.purl}, {"bomRef", c.id}}},
                  {"ecosystem", f.ecosystem},
                  {"package", f.package},
                  {"version", f.version},
                  {"fixedVersions", f.fixed},
                  {"status", status_of(f)},
                  {"url", advisory_url(a)},
                  {"published", a.published},
                  {"modified", a.modified},
                  {"references", refs}};
        if (!f.vex_justification.empty()) item["justification"] = f.vex_justification;
        if (!f.vex_detail.empty()) item["vexDetail"] = f.vex_detail;
        if (!f.vex_source.empty()) item["vexSource"] = f.vex_source;
        findings.push_back(std::move(item));
    }
    json diagnostics = json::array();
    for (const auto& d : r.result.diagnostics)
        diagnostics.push_back({{"severity", model::to_string(d.severity)},
                               {"location", d.location.to_string()},
                               {"message", d.message}});
    json out{{"target", r.sbom.metadata.target},
             {"database", r.database},
             {"created", r.created},
             {"summary",
              {{"components", r.sbom.components.size()},
               {"componentsChecked", r.result.components_checked},
               {"componentsWithoutEcosystem", r.result.components_without_ecosystem},
               {"findings", r.result.findings.size()},
               {"affectedBySeverity", by_severity}}},
             {"findings", findings},
             {"diagnostics", diagnostics}};
    return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string write_report_table(const Report& r) {
    const char* headers[] = {"COMPONENT", "VERSION",  "ADVISORY", "SEVERITY",
                             "STATUS",    "FIXED IN", "ALIASES"};
    constexpr std::size_t n = std::size(headers);
    std::vector<std::array<std::string, n>> rows;
    for (const auto& f : r.result.findings) {
        const model::Component& c = r.sbom.components[f.component];
        const Advisory& a = *f.advisory;
        std::string sev = severity_of(a);
        if (double s = top_score(a); s > 0) {
            char buf[16];
            std::snprintf(buf, sizeof buf, " %.1f", s);
            sev += buf;
        }
        rows.push_back({c.name, f.version, a.id, sev, status_of(f), join(f.fixed, ", "),
                        join(a.aliases, ", ")});
    }
    std::size_t width[n];
    for (std::size_t i = 0; i < n; ++i)
        width[i] = std::string_view(headers[i]).size();
    for (const auto& row : rows)
        for (std::size_t i = 0; i + 1 < n; ++i)
            width[i] = std::min<std::size_t>(std::max(width[i], row[i].size()), 40);
    std::string out;
    auto line = [&](const std::array<std::string, n>& row) {
        for (std::size_t i = 0; i < n; ++i) {
            out += row[i];
            if (i + 1 < n)
                out.append(row[i].size() < width[i] ? width[i] - row[i].size() + 2 : 2, ' ');
        }
        out += '\n';
    };
    line({headers[0], headers[1], headers[2], headers[3], headers[4], headers[5], headers[6]});
    for (const auto& row : rows)
        line(row);
    std::size_t advisories = by_advisory(r.result).size();
    out += "\n" + std::to_string(r.result.findings.size()) + " findings (" +
           std::to_string(advisories) + " advisories) in " +
           std::to_string(r.result.components_checked) + " components checked of " +
           std::to_string(r.sbom.components.size()) + "\n";
    return out;
}

} // namespace kaiyuan::vuln
