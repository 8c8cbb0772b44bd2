#include "kaiyuan/vuln/report.hpp"

#include <algorithm>
#include <map>

namespace kaiyuan::vuln {

Result<ReportFormat> parse_report_format(std::string_view name) {
    static constexpr std::pair<std::string_view, ReportFormat> table[] = {
        {"table", ReportFormat::table},
        {"json", ReportFormat::json},
        {"cyclonedx-json", ReportFormat::cyclonedx_json},
        {"sarif", ReportFormat::sarif},
        {"openvex", ReportFormat::openvex}};
    for (auto [n, f] : table)
        if (n == name) return f;
    return fail("unknown report format '" + std::string(name) +
                "' (table, json, cyclonedx-json, sarif, openvex)");
}

std::string write_report(const Report& report, ReportFormat format) {
    switch (format) {
    case ReportFormat::table:
        return write_report_table(report);
    case ReportFormat::json:
        return write_report_json(report);
    case ReportFormat::cyclonedx_json:
        return write_report_cyclonedx(report);
    case ReportFormat::sarif:
        return write_report_sarif(report);
    case ReportFormat::openvex:
        return write_report_openvex(report);
    }
    return {};
}

std::vector<std::vector<const Finding*>> by_advisory(const MatchResult& result) {
    std::map<std::string, std::vector<const Finding*>> groups;
    for (const auto& f : result.findings)
        groups[f.advisory->id].push_back(&f);
    std::vector<std::vector<const Finding*>> out;
    for (auto& [id, list] : groups)
        out.push_back(std::move(list));
    return out;
}

std::string advisory_url(const Advisory& a) {
    if (a.id.starts_with("openEuler-"))
        return "https://www.openeuler.org/en/security/security-bulletins/detail/?id=" + a.id;
    return "https://osv.dev/vulnerability/" + a.id;
}

bool is_known_time(std::string_view t) {
    return t.size() >= 10 && !t.starts_with("0000-") && !t.starts_with("0001-");
}

std::string status_of(const Finding& f) {
    return f.vex_status.empty() ? "affected" : f.vex_status;
}

} // namespace kaiyuan::vuln
