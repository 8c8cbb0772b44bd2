#include "kaiyuan/vuln/vex.hpp"

#include "kaiyuan/model/purl.hpp"
#include "kaiyuan/util/files.hpp"
#include "kaiyuan/util/json_read.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace kaiyuan::vuln {

namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using util::json_string;

bool valid_status(std::string_view s) {
    return s == "not_affected" || s == "affected" || s == "fixed" || s == "under_investigation";
}

Result<std::vector<VexStatement>> read_openvex(element doc, const std::string& name) {
    std::vector<VexStatement> out;
    array statements;
    if (doc["statements"].get(statements))
        return fail(name + ": OpenVEX document without statements");
    std::size_t n = 0;
    for (element s : statements) {
        ++n;
        VexStatement st;
        st.source = name;
        element v;
        if (!s["vulnerability"].get(v)) {
            std::string_view text;
            if (!v.get(text)) {
                st.vulnerabilities.emplace_back(text); // OpenVEX 0.0.x: a string
            } else {
                if (auto id = json_string(v, "name"); !id.empty()) st.vulnerabilities.push_back(id);
                for (auto& alias : util::json_strings(v, "aliases"))
                    st.vulnerabilities.push_back(std::move(alias));
            }
        }
        array products;
        if (!s["products"].get(products))
            for (element p : products) {
                std::string_view t;
                if (!p.get(t)) {
                    st.products.emplace_back(t);
                } else {
                    if (auto id = json_string(p, "@id"); !id.empty()) st.products.push_back(id);
                    element ids;
                    if (!p["identifiers"].get(ids))
                        if (auto purl = json_string(ids, "purl"); !purl.empty())
                            st.products.push_back(purl);
                }
            }
        st.status = json_string(s, "status");
        st.justification = json_string(s, "justification");
        st.detail = json_string(s, "impact_statement");
        if (st.detail.empty()) st.detail = json_string(s, "status_notes");
        if (st.vulnerabilities.empty())
            return fail(name + ": statement " + std::to_string(n) + " names no vulnerability");
        if (!valid_status(st.status))
            return fail(name + ": statement " + std::to_string(n) + ": status '" + st.status +
                        "' is not not_affected, affected, fixed or under_investigation");
        out.push_back(std::move(st));
    }
    return out;
}

Result<std::vector<VexStatement>> read_cyclonedx_vex(element doc, const std::string& name) {
    // bom-refs of the VEX document's own components resolve to their purls.
    std::map<std::string, std::string> purl_of_ref;
    array components;
    if (!doc["components"].get(components))
        for (element c : components) {
            std::string ref = json_string(c, "bom-ref"), purl = json_string(c, "purl");
            if (!ref.empty() && !purl.empty()) purl_of_ref[ref] = purl;
        }
    std::vector<VexStatement> out;
    array vulns;
    if (doc["vulnerabilities"].get(vulns))
        return fail(name + ": CycloneDX document without vulnerabilities");
    for (element v : vulns) {
        element analysis;
        if (v["analysis"].get(analysis)) continue; // a finding, not a statement
        VexStatement st;
        st.source = name;
        if (auto id = json_string(v, "id"); !id.empty()) st.vulnerabilities.push_back(id);
        array refs;
        if (!v["references"].get(refs))
            for (element r : refs)
                if (auto id = json_string(r, "id"); !id.empty()) st.vulnerabilities.push_back(id);
        std::string state = json_string(analysis, "state");
        st.status = status_of_state(state);
        if (st.status.empty())
            return fail(name + ": " + (st.vulnerabilities.empty() ? "?" : st.vulnerabilities[0]) +
                        ": analysis.state '" + state + "' is not a CycloneDX state");
        st.justification = json_string(analysis, "justification");
        st.detail = json_string(analysis, "detail");
        array affects;
        if (!v["affects"].get(affects))
            for (element a : affects) {
                std::string ref = json_string(a, "ref");
                // A BOM-Link "urn:cdx:<serial>/<version>#<bom-ref>" names the bom-ref after '#'.
                if (ref.starts_with("urn:cdx:") && ref.find('#') != std::string::npos)
                    ref = ref.substr(ref.find('#') + 1);
                auto it = purl_of_ref.find(ref);
                st.products.push_back(it != purl_of_ref.end() ? it->second : ref);
            }
        if (!st.vulnerabilities.empty()) out.push_back(std::move(st));
    }
    return out;
}

/// A product of a statement names a component: its bom-ref, or its purl (a statement's purl
/// without version or qualifiers names every version).
bool names(const std::string& product, const model::Component& c) {
    if (product == c.id || product == c.purl) return true;
    if (!product.starts_with("pkg:") || c.purl.empty()) return false;
    auto p = model::Purl::parse(product);
    auto q = model::Purl::parse(c.purl);
    if (!p || !q) return false;
    if (p->type != q->type || p->namespace_ != q->namespace_ || p->name != q->name) return false;
    if (!p->version.empty() && p->version != q->version) return false;
    for (const auto& [k, v] : p->qualifiers) {
        auto it = q->qualifiers.find(k);
        if (it == q->qualifiers.end() || it->second != v) return false;
    }
    return true;
}

} // namespace

Result<std::vector<VexStatement>> read_vex(std::string_view text, const std::string& name) {
    simdjson::dom::parser parser;
    auto doc = util::parse_json(parser, text);
    if (!doc) return fail(name + ": " + doc.error().message);
    std::string context = json_string(*doc, "@context");
    if (context.find("openvex") != std::string::npos) return read_openvex(*doc, name);
    if (json_string(*doc, "bomFormat") == "CycloneDX") return read_cyclonedx_vex(*doc, name);
    return fail(name + ": neither an OpenVEX document (@context) nor a CycloneDX VEX (bomFormat)");
}

Result<std::vector<VexStatement>> read_vex_file(const std::string& path) {
    auto text = util::read_file(path, 256ull << 20);
    if (!text) return unexpected(text.error());
    return read_vex(*text, path);
}

/// OpenVEX justifications -> CycloneDX's (the closest of its enumeration).
std::string cyclonedx_justification(std::string_view j) {
    if (j == "component_not_present" || j == "vulnerable_code_not_present")
        return "code_not_present";
    if (j == "vulnerable_code_not_in_execute_path" ||
        j == "vulnerable_code_cannot_be_controlled_by_adversary")
        return "code_not_reachable";
    if (j == "inline_mitigations_already_exist") return "protected_by_mitigating_control";
    // CycloneDX's own values pass through (a CycloneDX VEX given to --vex).
    static const std::set<std::string_view> own = {
        "code_not_present",     "code_not_reachable",     "requires_configuration",
        "requires_dependency",  "requires_environment",   "protected_by_compiler",
        "protected_at_runtime", "protected_at_perimeter", "protected_by_mitigating_control"};
    return own.count(j) ? std::string(j) : std::string();
}

/// CycloneDX analysis.state -> OpenVEX status.
std::string status_of_state(std::string_view state) {
    if (state == "not_affected" || state == "false_positive") return "not_affected";
    if (state == "resolved" || state == "resolved_with_pedigree") return "fixed";
    if (state == "in_triage") return "under_investigation";
    if (state == "exploitable") return "affected";
    return {};
}

/// OpenVEX / kaiyuan status -> CycloneDX analysis state.
std::string cyclonedx_state(std::string_view status) {
    if (status == "not_affected") return "not_affected";
    if (status == "fixed") return "resolved";
    if (status == "under_investigation") return "in_triage";
    return "exploitable";
}

/// CycloneDX justifications -> OpenVEX's (the closest of its five).
std::string openvex_justification(std::string_view j) {
    if (j == "code_not_present") return "vulnerable_code_not_present";
    if (j == "code_not_reachable") return "vulnerable_code_not_in_execute_path";
    if (j == "requires_configuration" || j == "requires_dependency" || j == "requires_environment")
        return "vulnerable_code_cannot_be_controlled_by_adversary";
    if (j.starts_with("protected_")) return "inline_mitigations_already_exist";
    static const std::set<std::string_view> own = {
        "component_not_present", "vulnerable_code_not_present",
        "vulnerable_code_not_in_execute_path", "vulnerable_code_cannot_be_controlled_by_adversary",
        "inline_mitigations_already_exist"};
    return own.count(j) ? std::string(j) : std::string();
}

std::size_t apply_vex(const std::vector<VexStatement>& statements, const model::Sbom& sbom,
                      MatchResult& result) {
    std::size_t applied = 0;
    for (auto& f : result.findings) {
        const Advisory& a = *f.advisory;
        const model::Component& c = sbom.components[f.component];
        for (const auto& st : statements) {
            bool same = std::any_of(
                st.vulnerabilities.begin(), st.vulnerabilities.end(), [&](const std::string& v) {
                    return v == a.id ||
                           std::find(a.aliases.begin(), a.aliases.end(), v) != a.aliases.end();
                });
            if (!same) continue;
            bool product = st.products.empty() ||
                           std::any_of(st.products.begin(), st.products.end(),
                                       [&](const std::string& p) { return names(p, c); });
            if (!product) continue;
            if (f.vex_status.empty()) ++applied;
            f.vex_status = st.status;
            f.vex_justification = st.justification;
            f.vex_detail = st.detail;
            f.vex_source = st.source;
        }
    }
    return applied;
}

} // namespace kaiyuan::vuln
