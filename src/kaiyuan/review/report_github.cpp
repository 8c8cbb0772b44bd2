// The review as GitHub workflow commands: one annotation per violation, on the lockfile line
// when known, and a notice with the verdict
// (https://docs.github.com/actions/reference/workflow-commands-for-github-actions).
#include "kaiyuan/review/report.hpp"

namespace kaiyuan::review {

namespace {

/// Workflow command data: '%', CR and LF escaped; properties also ':' and ','.
std::string escape(std::string_view s, bool property) {
    std::string out;
    for (char ch : s) {
        if (ch == '%')
            out += "%25";
        else if (ch == '\r')
            out += "%0D";
        else if (ch == '\n')
            out += "%0A";
        else if (property && ch == ':')
            out += "%3A";
        else if (property && ch == ',')
            out += "%2C";
        else
            out += ch;
    }
    return out;
}

} // namespace

std::string write_review_github(const ReviewReport& report) {
    const auto& r = report.result;
    std::string out;
    for (const auto& v : r.violations) {
        out += v.error ? "::error " : "::warning ";
        std::string props;
        if (!v.location.path.empty()) {
            props = "file=" + escape(v.location.path, true);
            if (v.location.line) props += ",line=" + std::to_string(v.location.line);
            props += ",";
        }
        props += "title=" + escape("kaiyuan review: " + v.rule, true);
        out += props + "::" + escape(v.message, false) + "\n";
    }
    const auto& d = r.diff;
    std::string summary = verdict_of(r) + " (" + std::to_string(d.added.size()) + " added, " +
                          std::to_string(d.removed.size()) + " removed, " +
                          std::to_string(d.changed.size()) + " changed";
    if (r.vulnerabilities_checked)
        summary += "; vulnerabilities " + std::to_string(r.introduced.size()) + " introduced, " +
                   std::to_string(r.fixed.size()) + " fixed";
    summary += ")";
    out += "::notice title=kaiyuan review::" + escape(summary, false) + "\n";
    return out;
}

} // namespace kaiyuan::review
