#pragma once
/// Vulnerability reports: what `kaiyuan vuln` writes.
#include "kaiyuan/vuln/matcher.hpp"

#include <string>

namespace kaiyuan::vuln {

enum class ReportFormat { table, json, cyclonedx_json, sarif, openvex };

/// "table", "json", "cyclonedx-json", "sarif", "openvex".
Result<ReportFormat> parse_report_format(std::string_view name);

struct Report {
    const model::Sbom& sbom;
    const MatchResult& result;
    std::string database;  ///< the database file, for provenance
    std::string created;   ///< RFC 3339 time of the report
    std::size_t width = 0; ///< table width in columns; 0: the terminal's (120 off a terminal)
};

std::string write_report(const Report& report, ReportFormat format);

/// The findings grouped by advisory, in advisory id order: CycloneDX, SARIF and OpenVEX list each
/// vulnerability once with every component it affects.
std::vector<std::vector<const Finding*>> by_advisory(const MatchResult& result);

/// Where an advisory can be read: the OSV page for OSV records, openEuler's for openEuler's.
std::string advisory_url(const Advisory& advisory);

/// A timestamp a report can state: RFC 3339 with a date, and not a zero time such as Go's
/// "0001-01-01T00:00:00Z", which the Go vulnerability database's records carry before
/// publication fills in the real dates (it means "unknown", and reports leave it out).
bool is_known_time(std::string_view rfc3339);

/// "affected" unless a VEX statement says otherwise.
std::string status_of(const Finding& finding);

// One writer per format (report_*.cpp).
std::string write_report_table(const Report& report);
std::string write_report_json(const Report& report);
std::string write_report_cyclonedx(const Report& report);
std::string write_report_sarif(const Report& report);
std::string write_report_openvex(const Report& report);

} // namespace kaiyuan::vuln
