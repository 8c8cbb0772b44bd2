#include "kaiyuan/review/report.hpp"

namespace kaiyuan::review {

Result<ReviewFormat> parse_review_format(std::string_view name) {
    if (name == "table") return ReviewFormat::table;
    if (name == "json") return ReviewFormat::json;
    if (name == "markdown" || name == "md") return ReviewFormat::markdown;
    if (name == "sarif") return ReviewFormat::sarif;
    if (name == "github") return ReviewFormat::github;
    return fail("unknown format '" + std::string(name) +
                "' (table, json, markdown, sarif, github)");
}

std::string write_review(const ReviewReport& report, ReviewFormat format) {
    switch (format) {
    case ReviewFormat::table:
        return write_review_table(report);
    case ReviewFormat::json:
        return write_review_json(report);
    case ReviewFormat::markdown:
        return write_review_markdown(report);
    case ReviewFormat::sarif:
        return write_review_sarif(report);
    case ReviewFormat::github:
        return write_review_github(report);
    }
    return {};
}

std::string label_of(const Entry& e) {
    return e.version.empty() ? e.name : e.name + "@" + e.version;
}

std::string display_name(const Entry& e) {
    return e.arch == "src" ? e.name + " (source)" : e.name;
}

std::string describe_change(const Change& c) {
    // A spec's Source0 keeps its tag while its file changes name.
    std::string out = c.before.name == c.after.name ? "" : c.before.name + " → " + c.after.name;
    for (const auto& kind : c.kinds) {
        std::string part;
        if (kind == "upgraded" || kind == "downgraded" || kind == "version-changed")
            part = c.before.version + " → " + c.after.version +
                   (kind == "version-changed" ? "" : " (" + kind + ")");
        else if (kind == "license-changed")
            part = "license " + (c.before.license.empty() ? "none" : c.before.license) + " → " +
                   (c.after.license.empty() ? "none" : c.after.license);
        else if (kind == "scope-changed")
            part = "scope " + c.before.scope + " → " + c.after.scope;
        else if (kind == "constraint-changed")
            part = "constraint " + (c.before.constraint.empty() ? "none" : c.before.constraint) +
                   " → " + (c.after.constraint.empty() ? "none" : c.after.constraint);
        else if (kind == "source-changed")
            part = "from " + c.after.source + " (was " + c.before.source + ")";
        else if (kind == "hash-changed")
            part = "same version with another digest";
        out += (out.empty() ? "" : "; ") + part;
    }
    return out;
}

std::string verdict_of(const ReviewResult& r) {
    std::size_t errors = 0, warnings = 0;
    for (const auto& v : r.violations)
        (v.error ? errors : warnings)++;
    auto plural = [](std::size_t n, const char* word) {
        return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
    };
    if (errors)
        return "fail: " + plural(errors, "violation") +
               (warnings ? ", " + plural(warnings, "warning") : "");
    if (warnings) return "pass with " + plural(warnings, "warning");
    return "pass";
}

} // namespace kaiyuan::review
