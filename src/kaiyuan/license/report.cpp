#include "kaiyuan/license/report.hpp"
#include "kaiyuan/util/text_table.hpp"

#include "kaiyuan/format/json_out.hpp"
#include "kaiyuan/license/license_list.hpp"

#include <map>
#include <set>

namespace kaiyuan::license {

namespace {

std::uint64_t files_with_licenses(const LicenseScan& scan) {
    std::uint64_t n = 0;
    for (const auto& f : scan.files)
        n += !f.licenses.empty();
    return n;
}

std::string write_json(const LicenseReport& r) {
    std::string s;
    format::JsonOut j(s);
    j.begin_object().field("target", r.target).field("created", r.created);
    std::uint64_t with_license = files_with_licenses(r.scan), binary = 0;
    for (const auto& f : r.scan.files)
        binary += f.skipped == "binary";
    j.key("summary").begin_object();
    j.field("files", static_cast<std::int64_t>(r.scan.files.size()))
        .field("filesWithLicenses", static_cast<std::int64_t>(with_license))
        .field("binaryFiles", static_cast<std::int64_t>(binary));
    j.key("licenses").begin_array();
    for (const auto& [id, n] : license_counts(r.scan)) {
        j.begin_object().field("expression", id).field("files", static_cast<std::int64_t>(n));
        if (const LicenseInfo* l = find_license(id)) j.field("category", to_string(l->category));
        j.end_object();
    }
    j.end_array().end_object();
    j.key("packages").begin_array();
    for (const auto& p : r.packages)
        j.begin_object()
            .field("name", p.name)
            .field_if("version", p.version)
            .field_if("purl", p.purl)
            .field_if("licenseDeclared", p.declared)
            .field_if("licenseConcluded", p.concluded)
            .field("filesWithLicenses", static_cast<std::int64_t>(p.files_with_licenses))
            .end_object();
    j.end_array();
    j.key("files").begin_array();
    for (const auto& f : r.scan.files) {
        j.begin_object()
            .field("path", f.path)
            .field("size", static_cast<std::int64_t>(f.size))
            .field("sha1", f.sha1)
            .field_if("skipped", f.skipped);
        j.key("licenses").begin_array();
        for (const auto& m : f.licenses) {
            j.begin_object()
                .field("expression", m.expression)
                .field("kind", to_string(m.kind))
                .field("startLine", static_cast<std::int64_t>(m.start_line))
                .field("endLine", static_cast<std::int64_t>(m.end_line))
                .field("score", m.score)
                .field_if("detail", m.detail);
            if (!m.equivalents.empty()) {
                j.key("sameTextAs").begin_array();
                for (const auto& e : m.equivalents)
                    j.value(e);
                j.end_array();
            }
            j.end_object();
        }
        j.end_array().key("copyrights").begin_array();
        for (const auto& c : f.copyrights)
            j.begin_object()
                .field("statement", c.statement)
                .field("holder", c.holder)
                .field("line", static_cast<std::int64_t>(c.line))
                .end_object();
        j.end_array().end_object();
    }
    j.end_array().key("policyViolations").begin_array();
    for (const auto& v : r.violations) {
        j.begin_object()
            .field("path", v.path)
            .field("line", static_cast<std::int64_t>(v.line))
            .field("expression", v.expression);
        j.key("reasons").begin_array();
        for (const auto& reason : v.reasons)
            j.value(reason);
        j.end_array().end_object();
    }
    j.end_array().key("diagnostics").begin_array();
    for (const auto& d : r.scan.diagnostics)
        j.begin_object()
            .field("severity", model::to_string(d.severity))
            .field("path", d.location.path)
            .field("message", d.message)
            .end_object();
    j.end_array().end_object();
    s += '\n';
    return s;
}

std::string write_table(const LicenseReport& r) {
    std::size_t width = util::terminal_width();
    util::TextTable files{{"FILE", "LINES", "LICENSE", "KIND", "SCORE", "DETAIL"}, {}};
    for (const auto& f : r.scan.files)
        for (const auto& m : f.licenses) {
            std::string lines = std::to_string(m.start_line);
            if (m.end_line != m.start_line) lines += '-' + std::to_string(m.end_line);
            std::string score;
            // A reference's score is its fixed weight, shown so that it reads as weaker.
            if (m.kind == LicenseMatch::Kind::text || m.kind == LicenseMatch::Kind::notice ||
                m.kind == LicenseMatch::Kind::reference) {
                char buf[16];
                std::snprintf(buf, sizeof buf, "%.1f%%", m.score);
                score = buf;
            }
            files.rows.push_back(
                {f.path, lines,
                 m.expression.empty() ? std::string("(license file reference)") : m.expression,
                 std::string(to_string(m.kind)), score, m.detail});
        }
    std::string s = util::render(files, width);
    s += '\n';
    for (const auto& [id, n] : license_counts(r.scan))
        s += std::to_string(n) + (n == 1 ? " file  " : " files  ") + id + '\n';
    s += std::to_string(files_with_licenses(r.scan)) + " of " +
         std::to_string(r.scan.files.size()) + " files with license information\n";
    if (!r.packages.empty()) {
        s += "\nPackages: the license concluded from their files, and the one they declare\n";
        util::TextTable packages{{"PACKAGE", "VERSION", "CONCLUDED", "DECLARED"}, {}};
        for (const auto& p : r.packages)
            packages.rows.push_back({p.name, p.version,
                                     p.concluded.empty() ? "(none found)" : p.concluded,
                                     p.declared.empty() ? "(none declared)" : p.declared});
        s += util::render(packages, width);
    }
    return s;
}

} // namespace

Result<LicenseReportFormat> parse_license_report_format(std::string_view name) {
    if (name == "table") return LicenseReportFormat::table;
    if (name == "json") return LicenseReportFormat::json;
    if (name == "spdx-json") return LicenseReportFormat::spdx_json;
    if (name == "notice") return LicenseReportFormat::notice;
    return fail("unknown format '" + std::string(name) + "' (table, json, spdx-json, notice)");
}

std::vector<std::pair<std::string, std::uint64_t>> license_counts(const LicenseScan& scan) {
    std::map<std::string, std::uint64_t> counts;
    for (const auto& f : scan.files) {
        std::set<std::string> ids;
        for (const auto& m : f.licenses)
            if (m.is_statement()) ids.insert(m.expression);
        for (const auto& id : ids)
            ++counts[id];
    }
    return {counts.begin(), counts.end()};
}

std::string write_license_report(const LicenseReport& report, LicenseReportFormat format) {
    switch (format) {
    case LicenseReportFormat::table:
        return write_table(report);
    case LicenseReportFormat::spdx_json:
        return write_license_spdx(report);
    case LicenseReportFormat::notice:
        return write_license_notice(report);
    case LicenseReportFormat::json:
        break;
    }
    return write_json(report);
}

} // namespace kaiyuan::license
