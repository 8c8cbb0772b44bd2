// The review as SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/): one result per
// violation, located at the lockfile (and line) that brought the package in, so that code
// scanning shows it on the pull request's diff. Vulnerabilities are rules named by advisory id
// (with the CVSS score as "security-severity"); other rules are kaiyuan/review/<rule>.
#include "kaiyuan/format/common.hpp"
#include "kaiyuan/review/report.hpp"
#include "kaiyuan/vuln/advisory.hpp"
#include "kaiyuan/vuln/report.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <map>

namespace kaiyuan::review {

namespace {

const std::map<std::string, std::string>& rule_texts() {
    static const std::map<std::string, std::string> texts{
        {"license", "A package the change brings in has a license the policy does not accept"},
        {"unknown-license", "A package the change brings in declares no license"},
        {"denied-package", "The change brings in a package the policy denies"},
        {"unreadable", "A file read before the change can no longer be read"},
    };
    return texts;
}

} // namespace

std::string write_review_sarif(const ReviewReport& report) {
    using nlohmann::json;
    const auto& r = report.result;
    std::map<std::string, json> rules;
    json results = json::array();
    std::map<std::string, const VulnerabilityEntry*> by_advisory;
    for (const auto& v : r.introduced)
        by_advisory.emplace(v.advisory->id, &v);
    for (const auto& v : r.violations) {
        std::string rule_id = v.rule == "vulnerability" ? v.advisory : "kaiyuan/review/" + v.rule;
        if (!rules.count(rule_id)) {
            json rule{{"id", rule_id}};
            if (v.rule == "vulnerability" && by_advisory.count(v.advisory)) {
                const auto& e = *by_advisory[v.advisory];
                const auto& a = *e.advisory;
                std::string text = a.summary.empty() ? a.id : a.summary;
                rule["shortDescription"] = {{"text", text}};
                rule["helpUri"] = vuln::advisory_url(a);
                rule["properties"] = {{"tags", json::array({"security", "vulnerability"})},
                                      {"severity", e.severity}};
                if (e.score > 0) {
                    char buf[16];
                    std::snprintf(buf, sizeof buf, "%.1f", e.score);
                    rule["properties"]["security-severity"] = buf;
                }
            } else {
                auto it = rule_texts().find(v.rule);
                rule["shortDescription"] = {
                    {"text", it == rule_texts().end() ? v.rule : it->second}};
            }
            rules.emplace(rule_id, std::move(rule));
        }
        json result{{"ruleId", rule_id},
                    {"level", v.error ? "error" : "warning"},
                    {"message", {{"text", v.message}}}};
        std::string uri = v.location.path.empty() ? report.head.metadata.target : v.location.path;
        if (!uri.empty()) {
            json physical{{"artifactLocation", {{"uri", uri}}}};
            if (v.location.line > 0) physical["region"] = {{"startLine", v.location.line}};
            result["locations"] = json::array({{{"physicalLocation", physical}}});
        }
        std::string subject = v.component ? v.component->purl : v.location.to_string();
        result["partialFingerprints"] = {{"kaiyuanReview", rule_id + "|" + subject}};
        results.push_back(std::move(result));
    }
    json rule_list = json::array();
    for (auto& [id, rule] : rules)
        rule_list.push_back(std::move(rule));
    const auto& d = r.diff;
    json run{{"tool",
              {{"driver",
                {{"name", "kaiyuan"},
                 {"version", format::k_tool_version},
                 {"rules", std::move(rule_list)}}}}},
             {"results", std::move(results)},
             {"invocations", json::array({{{"executionSuccessful", true}}})},
             {"properties",
              {{"added", d.added.size()},
               {"removed", d.removed.size()},
               {"changed", d.changed.size()},
               {"vulnerabilitiesIntroduced", r.introduced.size()},
               {"vulnerabilitiesFixed", r.fixed.size()}}}};
    json doc{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
             {"version", "2.1.0"},
             {"runs", json::array({std::move(run)})}};
    return doc.dump(2) + "\n";
}

} // namespace kaiyuan::review
