// The review as a pull-request comment: the verdict and the counts first, then what fails, then
// the details folded (<details>), so that a person reads it in ten seconds.
#include "kaiyuan/review/report.hpp"
#include "kaiyuan/util/text_table.hpp"
#include "kaiyuan/vuln/advisory.hpp"
#include "kaiyuan/vuln/report.hpp"

namespace kaiyuan::review {

namespace {

/// A table cell: no pipe or newline may break the row.
std::string cell(std::string_view s) {
    return util::markdown_cell(s);
}

std::string code(std::string_view s) {
    return s.empty() ? "–" : "`" + cell(s) + "`";
}

std::string brought_in_by(const Entry& e) {
    if (e.direct) return "direct";
    if (e.path.empty()) return "–";
    return cell(e.path.back()) +
           (e.path.size() > 1 ? " (+" + std::to_string(e.path.size() - 1) + " above)" : "");
}

void fold(std::string& out, const std::string& title, std::size_t n, const std::string& body) {
    if (n == 0) return;
    out += "<details><summary>" + title + " (" + std::to_string(n) + ")</summary>\n\n" + body +
           "\n</details>\n\n";
}

/// " (CVE-2018-25032)" for a patch that names the CVEs it fixes.
std::string cves(const Entry& e) {
    std::string out;
    for (const auto& id : e.cves)
        out += (out.empty() ? " (" : ", ") + id;
    return out.empty() ? out : out + ")";
}

std::string entries_table(const std::vector<Entry>& list) {
    std::string t = "| Package | Version | Ecosystem | Scope | License | Brought in by |\n"
                    "|---|---|---|---|---|---|\n";
    for (const auto& e : list)
        t += "| " + code(display_name(e)) + cves(e) + " | " + cell(e.version) + " | " +
             cell(e.ecosystem) + " | " + cell(e.scope) + " | " + cell(e.license) + " | " +
             brought_in_by(e) + " |\n";
    return t;
}

std::string vulnerability_table(const std::vector<VulnerabilityEntry>& list) {
    std::string t =
        "| Advisory | Severity | Package | Fixed in | Summary |\n|---|---|---|---|---|\n";
    for (const auto& v : list) {
        std::string fixed;
        for (const auto& f : v.fixed)
            fixed += (fixed.empty() ? "" : ", ") + f;
        t += "| [" + cell(v.advisory->id) + "](" + vuln::advisory_url(*v.advisory) + ") | " +
             cell(v.severity) + " | " + code(label_of(v.component)) + " | " + cell(fixed) + " | " +
             cell(v.advisory->summary) +
             (v.allowed_because.empty() ? "" : " (allowed: " + cell(v.allowed_because) + ")") +
             (v.patched_by.empty() ? "" : " (patched by " + code(v.patched_by) + ")") + " |\n";
    }
    return t;
}

} // namespace

std::string write_review_markdown(const ReviewReport& report) {
    const auto& r = report.result;
    const auto& d = r.diff;
    std::string out = report.judged ? "### kaiyuan review: " + verdict_of(r) + "\n\n"
                                    : "### kaiyuan sbom diff\n\n";
    out += "**" + std::to_string(d.added.size()) + " added, " + std::to_string(d.removed.size()) +
           " removed, " + std::to_string(d.changed.size()) + " changed** packages";
    if (r.vulnerabilities_checked)
        out += " · vulnerabilities: **" + std::to_string(r.introduced.size()) + " introduced**, " +
               std::to_string(r.fixed.size()) + " fixed, " + std::to_string(r.present.size()) +
               " still present";
    if (!d.licenses_introduced.empty()) {
        out += " · new licenses:";
        for (const auto& l : d.licenses_introduced)
            out += " " + code(l.license);
    }
    out += "\n\n";
    if (report.judged && !r.violations.empty()) {
        std::size_t shown = 0;
        for (const auto& v : r.violations) {
            if (++shown > 20) {
                out += "- … and " + std::to_string(r.violations.size() - 20) +
                       " more (see the full report)\n";
                break;
            }
            out += std::string("- ") + (v.error ? "**error**" : "warning") + " (" + v.rule +
                   "): " + cell(v.message);
            if (!v.location.path.empty()) out += " — " + code(v.location.to_string());
            out += "\n";
        }
        out += "\n";
    }
    fold(out, "Vulnerabilities introduced", r.introduced.size(), vulnerability_table(r.introduced));
    fold(out, "Added packages", d.added.size(), entries_table(d.added));
    std::string changed = "| Package | Change | Ecosystem | Scope |\n|---|---|---|---|\n";
    for (const auto& c : d.changed)
        changed += "| " + code(display_name(c.after)) + cves(c.after) + " | " +
                   cell(describe_change(c)) + " | " + cell(c.after.ecosystem) + " | " +
                   cell(c.after.scope) + " |\n";
    fold(out, "Changed packages", d.changed.size(), changed);
    fold(out, "Removed packages", d.removed.size(), entries_table(d.removed));
    fold(out, "Vulnerabilities fixed", r.fixed.size(), vulnerability_table(r.fixed));
    fold(out, "Vulnerabilities still present", r.present.size(), vulnerability_table(r.present));
    std::string lic = "| License | Change | Packages |\n|---|---|---|\n";
    auto rows = [&](const std::vector<LicenseDelta>& list, const char* what,
                    const model::Sbom& sbom) {
        for (const auto& l : list) {
            std::string names;
            for (std::size_t k = 0; k < l.components.size() && k < 5; ++k) {
                const auto& c = sbom.components[l.components[k]];
                names += (names.empty() ? "" : ", ") + code(c.name);
            }
            if (l.components.size() > 5) names += " +" + std::to_string(l.components.size() - 5);
            lic += "| " + code(l.license) + " | " + what + " | " + names + " |\n";
        }
    };
    rows(d.licenses_introduced, "introduced", report.head);
    rows(d.licenses_dropped, "dropped", report.base);
    fold(out, "Licenses", d.licenses_introduced.size() + d.licenses_dropped.size(), lic);
    if (d.added.empty() && d.removed.empty() && d.changed.empty()) out += "No package changes.\n";
    return out;
}

} // namespace kaiyuan::review
