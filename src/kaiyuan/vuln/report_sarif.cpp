// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/) for code-scanning dashboards: one
// rule per advisory (with "security-severity", the CVSS score GitHub code scanning ranks by), one
// result per affected component, located at the file that declared the component.
#include "kaiyuan/format/common.hpp"
#include "kaiyuan/vuln/report.hpp"
#include "kaiyuan/vuln/severity.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace kaiyuan::vuln {

namespace {

const char* level_of(std::string_view severity) {
    int rank = severity_rank(severity);
    return rank >= 3 ? "error" : rank == 2 ? "warning" : "note";
}

} // namespace

std::string write_report_sarif(const Report& r) {
    using nlohmann::json;
    json rules = json::array();
    json results = json::array();
    for (const auto& group : by_advisory(r.result)) {
        const Advisory& a = *group.front()->advisory;
        std::string severity = severity_of(a);
        double score = top_score(a);
        std::string text = a.summary.empty() ? a.id : a.summary;
        json rule{{"id", a.id},
                  {"shortDescription", {{"text", text}}},
                  {"helpUri", advisory_url(a)},
                  {"help", {{"text", a.details.empty() ? text : a.details}}}};
        char buf[16];
        std::snprintf(buf, sizeof buf, "%.1f", score);
        rule["properties"] = {{"tags", json::array({"security", "vulnerability"})},
                              {"severity", severity}};
        // A score only when one was computed from a vector: none is made up.
        if (score > 0) rule["properties"]["security-severity"] = buf;
        if (!a.aliases.empty()) rule["properties"]["aliases"] = a.aliases;
        rules.push_back(std::move(rule));
        for (const Finding* f : group) {
            if (status_of(*f) == "not_affected" || status_of(*f) == "fixed") continue;
            const model::Component& c = r.sbom.components[f->component];
            std::string msg = c.name + " " + f->version + " is affected by " + a.id;
            if (!a.aliases.empty()) msg += " (" + a.aliases.front() + ")";
            if (!f->fixed.empty()) msg += "; fixed in " + f->fixed.front();
            json result{
                {"ruleId", a.id}, {"level", level_of(severity)}, {"message", {{"text", msg}}}};
            json locations = json::array();
            for (const auto& loc : c.locations) {
                json physical{{"artifactLocation", {{"uri", loc.path}}}};
                if (loc.line > 0) physical["region"] = {{"startLine", loc.line}};
                locations.push_back({{"physicalLocation", physical}});
                break;
            }
            if (locations.empty())
                locations.push_back({{"physicalLocation",
                                      {{"artifactLocation", {{"uri", r.sbom.metadata.target}}}}}});
            result["locations"] = locations;
            result["partialFingerprints"] = {{"kaiyuanFinding", a.id + "|" + c.purl}};
            results.push_back(std::move(result));
        }
    }
    // What was not checked is said where SARIF consumers look for a run's own problems
    // (SARIF 2.1.0 3.20.21 toolExecutionNotifications), and counted in the run's property bag.
    json notifications = json::array();
    json not_covered = json::object();
    for (const auto& [ecosystem, n] : r.result.unchecked_ecosystems) {
        not_covered[ecosystem] = n;
        notifications.push_back(
            {{"level", "warning"},
             {"descriptor", {{"id", "ecosystem-not-covered"}}},
             {"message",
              {{"text", std::to_string(n) + " components of " + ecosystem +
                            " not checked: the advisory database has no advisories for it"}}}});
    }
    for (const auto& u : r.result.undecided) {
        const model::Component& c = r.sbom.components[u.component];
        notifications.push_back({{"level", "warning"},
                                 {"descriptor", {{"id", "match-undecided"}}},
                                 {"message",
                                  {{"text", u.advisory + " not decided for " + c.name + " " +
                                                c.version + ": " + u.reason}}}});
    }
    json run{{"tool",
              {{"driver",
                {{"name", "kaiyuan"}, {"version", format::k_tool_version}, {"rules", rules}}}}},
             {"results", results},
             {"invocations", json::array({{{"executionSuccessful", true},
                                           {"toolExecutionNotifications", notifications}}})},
             {"properties",
              {{"componentsChecked", r.result.components_checked},
               {"componentsUnchecked", r.result.components_unchecked},
               {"ecosystemsNotCovered", not_covered},
               {"undecided", r.result.undecided.size()}}}};
    json doc{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
             {"version", "2.1.0"},
             {"runs", json::array({std::move(run)})}};
    return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

} // namespace kaiyuan::vuln
