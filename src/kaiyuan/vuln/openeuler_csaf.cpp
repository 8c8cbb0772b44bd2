// openEuler CSAF 2.0 documents (category csaf_security_advisory or csaf_vex): the tracking id and
// dates, one alias per vulnerability's CVE, product_status fixed / known_affected entries
// ("openEuler-24.03-LTS:vim-9.0.2092-18.oe2403.src"), CVSS v3 vectors and the impact threat.
#include "kaiyuan/util/json_read.hpp"
#include "kaiyuan/util/strings.hpp"
#include "kaiyuan/vuln/openeuler.hpp"

#include <algorithm>

namespace kaiyuan::vuln {

namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using util::json_string;

/// "openEuler-24.03-LTS:vim-9.0.2092-18.oe2403.src" -> product and package.
std::pair<std::string_view, std::string_view> split_product_id(std::string_view id) {
    auto colon = id.find(':');
    if (colon == std::string_view::npos) return {};
    return {id.substr(0, colon), id.substr(colon + 1)};
}

/// The latest revision_history[].date (CSAF dates are RFC 3339, so they order as text when they
/// share a zone, as openEuler's all do).
std::string newest_revision_date(element tracking) {
    std::string newest;
    array history;
    if (!tracking["revision_history"].get(history))
        for (element r : history)
            newest = std::max(newest, json_string(r, "date"));
    return newest;
}

} // namespace

Result<Advisory> read_openeuler_csaf(std::string_view json_text) {
    simdjson::dom::parser parser;
    auto doc = util::parse_json(parser, json_text);
    if (!doc) return unexpected(doc.error());
    element document, tracking;
    if ((*doc)["document"].get(document) || document["tracking"].get(tracking))
        return fail("not a CSAF document (no document.tracking)");
    Advisory adv;
    adv.id = json_string(tracking, "id");
    if (adv.id.empty()) return fail("CSAF document without document.tracking.id");
    adv.published = json_string(tracking, "initial_release_date");
    adv.modified = json_string(tracking, "current_release_date");
    if (adv.modified.empty()) adv.modified = adv.published;
    if (adv.modified.empty()) adv.modified = newest_revision_date(tracking);
    // CSAF 2.0 section 3.2.1.12 requires both dates; OSV requires 'modified', so an advisory
    // without any date could not be stored.
    if (adv.modified.empty())
        return fail(adv.id + ": no document.tracking current_release_date, initial_release_date "
                             "or revision_history date");
    adv.summary = json_string(document, "title");
    array notes;
    if (!document["notes"].get(notes))
        for (element n : notes)
            if (json_string(n, "title") == "Description") adv.details = json_string(n, "text");
    adv.stated_severity = util::to_upper(json_string(document["aggregate_severity"], "text"));
    array refs;
    if (!document["references"].get(refs))
        for (element r : refs)
            adv.references.push_back(
                {json_string(r, "category") == "self" ? "ADVISORY" : "WEB", json_string(r, "url")});
    array vulns;
    if ((*doc)["vulnerabilities"].get(vulns)) return fail(adv.id + ": no vulnerabilities");
    for (element v : vulns) {
        std::string cve = json_string(v, "cve");
        if (!cve.empty() && cve != adv.id &&
            std::find(adv.aliases.begin(), adv.aliases.end(), cve) == adv.aliases.end())
            adv.aliases.push_back(cve);
        element status;
        if (!v["product_status"].get(status)) {
            for (const std::string& id : util::json_strings(status, "fixed")) {
                auto [product, package] = split_product_id(id);
                add_openeuler_fix(adv, product, package);
            }
            for (const std::string& id : util::json_strings(status, "known_affected")) {
                auto [product, package] = split_product_id(id);
                add_openeuler_affected(adv, product, package);
            }
        }
        array scores;
        if (!v["scores"].get(scores))
            for (element s : scores) {
                std::string vector = json_string(s["cvss_v3"], "vectorString");
                if (vector.empty()) continue;
                bool seen = std::any_of(adv.severity.begin(), adv.severity.end(),
                                        [&](const SeverityScore& x) { return x.score == vector; });
                if (!seen) adv.severity.push_back({"CVSS_V3", vector});
            }
        if (adv.stated_severity.empty()) {
            array threats;
            if (!v["threats"].get(threats))
                for (element t : threats)
                    if (json_string(t, "category") == "impact")
                        adv.stated_severity = util::to_upper(json_string(t, "details"));
        }
    }
    if (adv.affected.empty()) return fail(adv.id + ": no fixed or affected openEuler package");
    return adv;
}

} // namespace kaiyuan::vuln
