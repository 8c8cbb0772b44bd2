#include "kaiyuan/community/report_html.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace kaiyuan::community {

namespace {

std::string esc(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string date(std::int64_t t) {
    return iso_time(t).substr(0, 10);
}

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

/// Bars of `values` over `labels`, with a title; `height` in pixels.
std::string bars(const std::string& title, const std::vector<std::string>& labels,
                 const std::vector<std::uint64_t>& values) {
    const double w = 760, h = 180, left = 40, bottom = 24;
    std::uint64_t top =
        values.empty()
            ? 1
            : std::max<std::uint64_t>(1, *std::max_element(values.begin(), values.end()));
    double step = values.empty() ? 0 : (w - left) / static_cast<double>(values.size());
    std::string svg = "<figure><figcaption>" + esc(title) +
                      "</figcaption><svg role=\"img\" aria-label=\"" + esc(title) +
                      "\" viewBox=\"0 0 " + num(w) + " " + num(h + bottom) + "\" width=\"100%\">";
    svg += "<text x=\"0\" y=\"12\" class=\"axis\">" + std::to_string(top) + "</text>";
    for (std::size_t i = 0; i < values.size(); ++i) {
        double bh = h * static_cast<double>(values[i]) / static_cast<double>(top);
        svg += "<rect x=\"" + num(left + i * step + 1) + "\" y=\"" + num(h - bh) + "\" width=\"" +
               num(std::max(1.0, step - 2)) + "\" height=\"" + num(bh) + "\"><title>" +
               esc(labels[i]) + ": " + std::to_string(values[i]) + "</title></rect>";
        // A label every few bars, so that they do not overlap.
        std::size_t every = std::max<std::size_t>(1, values.size() / 12);
        if (i % every == 0)
            svg += "<text x=\"" + num(left + i * step) + "\" y=\"" + num(h + 16) +
                   "\" class=\"axis\">" + esc(labels[i]) + "</text>";
    }
    return svg + "</svg></figure>\n";
}

} // namespace

std::string write_html(const HtmlReport& r) {
    const auto& m = r.metrics;
    const auto& w = m.whole;
    std::size_t bots = static_cast<std::size_t>(std::count_if(r.people.contributors.begin(),
                                                              r.people.contributors.end(),
                                                              [](const auto& p) { return p.bot; }));
    std::string html = R"(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>)" + esc(r.title) +
                       R"( — kaiyuan community</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:820px;color:#1d2430;padding:0 1rem}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}figure{margin:1rem 0}figcaption{font-weight:600}
rect{fill:#2f6fbd}.axis{font-size:10px;fill:#555}table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #ddd}td.n,th.n{text-align:right}
.cell{stroke:#fff}dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dt{font-weight:600}
</style></head><body>
<h1>)" + esc(r.title) + "</h1>\n<dl>";
    auto fact = [&](const std::string& k, const std::string& v) {
        html += "<dt>" + esc(k) + "</dt><dd>" + esc(v) + "</dd>";
    };
    fact("Commits", std::to_string(w.commits));
    fact("Lines added / removed",
         std::to_string(w.lines_added) + " / " + std::to_string(w.lines_removed));
    fact("Contributors", std::to_string(r.people.contributors.size() - bots) + " (" +
                             std::to_string(bots) + " bots counted apart)");
    fact("Contributor absence factor", std::to_string(w.contributor_absence_factor));
    fact("Elephant factor", std::to_string(w.elephant_factor));
    fact("Organisations", std::to_string(w.organizations.size()));
    if (m.median_days_between_releases >= 0)
        fact("Releases", std::to_string(m.releases.size()) + ", a median " +
                             num(m.median_days_between_releases) + " days apart");
    if (m.whole.time_to_first_contribution_days >= 0)
        fact("Newcomers' first commit waited (median)",
             num(m.whole.time_to_first_contribution_days) + " days");
    if (const ChangeRequestMetrics* c = r.requests) {
        auto hours = [&](double h) { return h < 0 ? std::string("–") : num(h) + " h"; };
        fact("Change requests", std::to_string(c->change_requests) + " opened, " +
                                    std::to_string(c->accepted) + " merged, " +
                                    std::to_string(c->declined) + " declined");
        fact("Median time to merge", hours(c->median_hours_to_merge));
        fact("Median time to first response",
             hours(c->median_hours_to_first_response) + " (change requests), " +
                 hours(c->median_hours_to_first_response_issues) + " (issues)");
        fact("Issues", std::to_string(c->issues) + " opened, " + std::to_string(c->issues_closed) +
                           " closed");
        fact("Activity (OpenDigger)", num(c->activity));
    }
    html += "</dl>\n<h2>Over time</h2>\n";
    std::vector<std::string> labels;
    std::vector<std::uint64_t> active, commits;
    for (const auto& p : m.periods) {
        labels.push_back(p.period);
        active.push_back(p.active);
        commits.push_back(p.commits);
    }
    html += bars("Active contributors per period", labels, active);
    html += bars("Commits per period", labels, commits);
    html += "<h2>Organisations</h2>\n";
    std::vector<std::pair<std::string, std::uint64_t>> orgs(w.organizations.begin(),
                                                            w.organizations.end());
    std::sort(orgs.begin(), orgs.end(),
              [](const auto& a, const auto& b) { return a.second > b.second; });
    if (orgs.size() > 15) orgs.resize(15);
    // One row per organisation, its share drawn as a bar: names are too long for an axis.
    std::uint64_t affiliated = 0;
    for (const auto& [o, n] : w.organizations)
        affiliated += n;
    html += "<table><thead><tr><th>Organisation (the 15 with most commits)</th><th "
            "class=\"n\">Commits</th><th>Share</th></tr></thead><tbody>\n";
    for (const auto& [o, n] : orgs) {
        double share =
            affiliated ? 100.0 * static_cast<double>(n) / static_cast<double>(affiliated) : 0;
        html += "<tr><td>" + esc(o) + "</td><td class=\"n\">" + std::to_string(n) +
                "</td><td><svg viewBox=\"0 0 100 8\" width=\"200\" height=\"10\" "
                "aria-hidden=\"true\"><rect x=\"0\" y=\"0\" height=\"8\" width=\"" +
                num(share) + "\"></rect></svg> " + num(share) + "%</td></tr>\n";
    }
    html += "</tbody></table>\n";
    html += "<h2>When people commit (their own time zones)</h2>\n<figure><svg role=\"img\" "
            "aria-label=\"activity heat map\" viewBox=\"0 0 760 190\" width=\"100%\">";
    std::uint64_t top = 1;
    for (const auto& day : m.activity_local)
        for (auto n : day)
            top = std::max(top, n);
    const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    for (int d = 0; d < 7; ++d) {
        html += "<text x=\"0\" y=\"" + std::to_string(d * 24 + 16) + "\" class=\"axis\">" +
                days[d] + "</text>";
        for (int hour = 0; hour < 24; ++hour) {
            auto n = m.activity_local[static_cast<std::size_t>(d)][static_cast<std::size_t>(hour)];
            double shade = static_cast<double>(n) / static_cast<double>(top);
            html += "<rect class=\"cell\" x=\"" + std::to_string(40 + hour * 30) + "\" y=\"" +
                    std::to_string(d * 24) + "\" width=\"30\" height=\"24\" style=\"fill-opacity:" +
                    num(0.05 + 0.95 * shade) + "\"><title>" + days[d] + " " + std::to_string(hour) +
                    ":00 " + std::to_string(n) + " commits</title></rect>";
        }
    }
    for (int hour = 0; hour < 24; hour += 3)
        html += "<text x=\"" + std::to_string(40 + hour * 30) + "\" y=\"184\" class=\"axis\">" +
                std::to_string(hour) + ":00</text>";
    html += "</svg></figure>\n<h2>Contributors</h2>\n<table><thead><tr><th>Name</"
            "th><th>Organisation</th>"
            "<th class=\"n\">Commits</th><th class=\"n\">+Lines</th><th class=\"n\">−Lines</th>"
            "<th>First</th><th>Last</th></tr></thead><tbody>\n";
    std::size_t shown = 0;
    for (const auto& p : r.people.contributors) {
        if (++shown > 200) break;
        std::string org =
            p.organizations.empty()
                ? k_unaffiliated
                : std::max_element(p.organizations.begin(), p.organizations.end(),
                                   [](const auto& a, const auto& b) { return a.second < b.second; })
                      ->first;
        html += "<tr><td>" + esc(p.name) + (p.bot ? " (bot)" : "") + "</td><td>" + esc(org) +
                "</td><td class=\"n\">" + std::to_string(p.commits) + "</td><td class=\"n\">" +
                std::to_string(p.lines_added) + "</td><td class=\"n\">" +
                std::to_string(p.lines_removed) + "</td><td>" + date(p.first_commit) + "</td><td>" +
                date(p.last_commit) + "</td></tr>\n";
    }
    html += "</tbody></table>\n";
    if (r.people.contributors.size() > 200)
        html += "<p>… and " + std::to_string(r.people.contributors.size() - 200) +
                " more (the JSON output has them all).</p>\n";
    html += "<p>Made by kaiyuan community from git history; definitions in "
            "docs/cli.md.</p>\n</body></html>\n";
    return html;
}

} // namespace kaiyuan::community
