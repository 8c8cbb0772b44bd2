// The review for a person at a terminal: the verdict, then one table per part that has rows,
// each fitting the terminal's width.
#include "kaiyuan/review/report.hpp"
#include "kaiyuan/util/strings.hpp"
#include "kaiyuan/util/text_table.hpp"
#include "kaiyuan/vuln/advisory.hpp"

namespace kaiyuan::review {

namespace {

void section(std::string& out, const std::string& title, const util::TextTable& t,
             std::size_t width) {
    if (t.rows.empty()) return;
    out += "\n" + title + " (" + std::to_string(t.rows.size()) + ")\n" + util::render(t, width);
}

util::TextTable entries(const std::vector<Entry>& list) {
    util::TextTable t{{"PACKAGE", "VERSION", "ECOSYSTEM", "SCOPE", "DIRECT", "LICENSE"}, {}};
    for (const auto& e : list)
        t.rows.push_back({e.cves.empty() ? display_name(e)
                                         : display_name(e) + " (" + util::join(e.cves, ", ") + ")",
                          e.version, e.ecosystem, e.scope, e.direct ? "yes" : "no", e.license});
    return t;
}

util::TextTable vulnerabilities(const std::vector<VulnerabilityEntry>& list) {
    util::TextTable t{{"ADVISORY", "SEVERITY", "PACKAGE", "FIXED IN"}, {}};
    for (const auto& v : list) {
        std::string fixed;
        for (const auto& f : v.fixed)
            fixed += (fixed.empty() ? "" : ", ") + f;
        if (!v.patched_by.empty())
            fixed += (fixed.empty() ? "" : "; ") + ("patched: " + v.patched_by);
        t.rows.push_back({v.advisory->id, v.severity, label_of(v.component), fixed});
    }
    return t;
}

} // namespace

std::string write_review_table(const ReviewReport& report) {
    const auto& r = report.result;
    const auto& d = r.diff;
    std::size_t width = report.width ? report.width : util::terminal_width();
    std::string out;
    if (report.judged) out += "Review: " + verdict_of(r) + "\n";
    out += std::to_string(d.added.size()) + " added, " + std::to_string(d.removed.size()) +
           " removed, " + std::to_string(d.changed.size()) + " changed, " +
           std::to_string(d.unchanged) + " unchanged\n";
    if (report.judged) {
        util::TextTable v{{"LEVEL", "RULE", "MESSAGE", "WHERE"}, {}};
        for (const auto& x : r.violations)
            v.rows.push_back(
                {x.error ? "error" : "warning", x.rule, x.message, x.location.to_string()});
        section(out, "Violations", v, width);
    }
    section(out, "Added", entries(d.added), width);
    util::TextTable c{{"PACKAGE", "CHANGE", "ECOSYSTEM", "SCOPE"}, {}};
    for (const auto& x : d.changed)
        c.rows.push_back(
            {display_name(x.after), describe_change(x), x.after.ecosystem, x.after.scope});
    section(out, "Changed", c, width);
    section(out, "Removed", entries(d.removed), width);
    util::TextTable l{{"LICENSE", "CHANGE", "PACKAGES"}, {}};
    for (const auto& x : d.licenses_introduced)
        l.rows.push_back({x.license, "introduced", std::to_string(x.components.size())});
    for (const auto& x : d.licenses_dropped)
        l.rows.push_back({x.license, "dropped", std::to_string(x.components.size())});
    section(out, "Licenses", l, width);
    if (r.vulnerabilities_checked) {
        section(out, "Vulnerabilities introduced", vulnerabilities(r.introduced), width);
        section(out, "Vulnerabilities fixed", vulnerabilities(r.fixed), width);
        section(out, "Vulnerabilities still present", vulnerabilities(r.present), width);
    }
    return out;
}

} // namespace kaiyuan::review
