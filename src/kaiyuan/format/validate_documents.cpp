#include "kaiyuan/format/validate_documents.hpp"

#include "kaiyuan/model/license_expression.hpp"
#include "kaiyuan/model/purl.hpp"
#include "kaiyuan/util/json_read.hpp"
#include "kaiyuan/util/strings.hpp"

#include <array>
#include <cctype>
#include <map>
#include <set>
#include <unordered_map>

namespace kaiyuan::format {

namespace {

using simdjson::dom::array;
using simdjson::dom::element;

std::string at(const std::string& path, std::size_t i) {
    return path + "[" + std::to_string(i) + "]";
}

void check_purl(const std::string& path, std::string_view purl, std::vector<std::string>& out) {
    if (purl.empty()) return;
    if (auto p = model::Purl::parse(purl); !p)
        out.push_back(path + ": purl '" + std::string(purl) + "': " + p.error().message);
}

/// References defined once each; a second definition is a problem naming the first.
class Definitions {
public:
    void define(const std::string& ref, const std::string& path, const char* what,
                std::vector<std::string>& out) {
        if (ref.empty()) return;
        auto [it, fresh] = m_defined.emplace(ref, path);
        if (!fresh)
            out.push_back(path + ": duplicate " + what + " '" + ref + "' (first at " + it->second +
                          ")");
    }
    bool has(const std::string& ref) const { return m_defined.count(ref) > 0; }

private:
    std::unordered_map<std::string, std::string> m_defined;
};

/// The hashes listed under `list_key` of `e`, each an object naming its algorithm and hex value
/// under the format's own keys (CycloneDX alg/content, SPDX 2 algorithm/checksumValue, SPDX 3
/// algorithm/hashValue). With `only_type`, entries of another "type" are not hashes (SPDX 3's
/// verifiedUsing also holds verification codes).
void check_hashes(element e, const std::string& path, const char* list_key, const char* alg_key,
                  const char* value_key, std::vector<std::string>& out,
                  const char* only_type = nullptr) {
    array hashes;
    if (e[list_key].get(hashes)) return;
    std::size_t i = 0;
    for (element h : hashes) {
        std::string p = at(path + "." + list_key, i++);
        if (only_type && util::json_string(h, "type") != only_type) continue;
        if (auto problem =
                hash_problem(util::json_string(h, alg_key), util::json_string(h, value_key));
            !problem.empty())
            out.push_back(p + ": " + problem);
    }
}

// --- CycloneDX ---

void check_cyclonedx_licenses(element c, const std::string& path, std::vector<std::string>& out) {
    array licenses;
    if (c["licenses"].get(licenses)) return;
    std::size_t i = 0;
    for (element l : licenses) {
        std::string p = at(path + ".licenses", i++);
        std::string expr = util::json_string(l, "expression");
        if (!expr.empty())
            if (auto e = model::LicenseExpression::parse(expr, true); !e)
                out.push_back(p + ".expression: '" + expr + "': " + e.error().message);
    }
}

void walk_cyclonedx_components(array list, const std::string& path, Definitions& refs,
                               std::map<std::string, std::string>& purls,
                               std::vector<std::string>& out, int depth) {
    if (depth > 64) {
        out.push_back(path + ": components nested deeper than 64 levels");
        return;
    }
    std::size_t i = 0;
    for (element c : list) {
        std::string p = at(path, i++);
        if (util::json_string(c, "name").empty()) out.push_back(p + ": component without a name");
        refs.define(util::json_string(c, "bom-ref"), p + ".bom-ref", "bom-ref", out);
        std::string purl = util::json_string(c, "purl");
        check_purl(p + ".purl", purl, out);
        if (!purl.empty()) {
            auto [it, fresh] = purls.emplace(purl, p);
            if (!fresh)
                out.push_back(p + ": duplicate component: purl '" + purl + "' also at " +
                              it->second);
        }
        check_hashes(c, p, "hashes", "alg", "content", out);
        check_cyclonedx_licenses(c, p, out);
        array nested;
        if (!c["components"].get(nested))
            walk_cyclonedx_components(nested, p + ".components", refs, purls, out, depth + 1);
    }
}

// --- SPDX ---

/// SPDX 2.3 clause 11.1: every relationship type.
const std::set<std::string_view>& spdx23_relationship_types() {
    static const std::set<std::string_view> k = {"DESCRIBES",
                                                 "DESCRIBED_BY",
                                                 "CONTAINS",
                                                 "CONTAINED_BY",
                                                 "DEPENDS_ON",
                                                 "DEPENDENCY_OF",
                                                 "DEPENDENCY_MANIFEST_OF",
                                                 "BUILD_DEPENDENCY_OF",
                                                 "DEV_DEPENDENCY_OF",
                                                 "OPTIONAL_DEPENDENCY_OF",
                                                 "PROVIDED_DEPENDENCY_OF",
                                                 "TEST_DEPENDENCY_OF",
                                                 "RUNTIME_DEPENDENCY_OF",
                                                 "EXAMPLE_OF",
                                                 "GENERATES",
                                                 "GENERATED_FROM",
                                                 "ANCESTOR_OF",
                                                 "DESCENDANT_OF",
                                                 "VARIANT_OF",
                                                 "DISTRIBUTION_ARTIFACT",
                                                 "PATCH_FOR",
                                                 "PATCH_APPLIED",
                                                 "COPY_OF",
                                                 "FILE_ADDED",
                                                 "FILE_DELETED",
                                                 "FILE_MODIFIED",
                                                 "EXPANDED_FROM_ARCHIVE",
                                                 "DYNAMIC_LINK",
                                                 "STATIC_LINK",
                                                 "DATA_FILE_OF",
                                                 "TEST_CASE_OF",
                                                 "BUILD_TOOL_OF",
                                                 "DEV_TOOL_OF",
                                                 "TEST_OF",
                                                 "TEST_TOOL_OF",
                                                 "DOCUMENTATION_OF",
                                                 "OPTIONAL_COMPONENT_OF",
                                                 "METAFILE_OF",
                                                 "PACKAGE_OF",
                                                 "AMENDS",
                                                 "PREREQUISITE_FOR",
                                                 "HAS_PREREQUISITE",
                                                 "REQUIREMENT_DESCRIPTION_FOR",
                                                 "SPECIFICATION_FOR",
                                                 "OTHER"};
    return k;
}

/// SPDX 3.0.1 RelationshipType vocabulary.
const std::set<std::string_view>& spdx3_relationship_types() {
    static const std::set<std::string_view> k = {"affects",
                                                 "amendedBy",
                                                 "ancestorOf",
                                                 "availableFrom",
                                                 "configures",
                                                 "contains",
                                                 "coordinatedBy",
                                                 "copiedTo",
                                                 "delegatedTo",
                                                 "dependsOn",
                                                 "descendantOf",
                                                 "describes",
                                                 "doesNotAffect",
                                                 "expandsTo",
                                                 "exploitCreatedBy",
                                                 "fixedBy",
                                                 "fixedIn",
                                                 "foundBy",
                                                 "generates",
                                                 "hasAddedFile",
                                                 "hasAssessmentFor",
                                                 "hasAssociatedVulnerability",
                                                 "hasConcludedLicense",
                                                 "hasDataFile",
                                                 "hasDeclaredLicense",
                                                 "hasDeletedFile",
                                                 "hasDependencyManifest",
                                                 "hasDistributionArtifact",
                                                 "hasDocumentation",
                                                 "hasDynamicLink",
                                                 "hasEvidence",
                                                 "hasExample",
                                                 "hasHost",
                                                 "hasInput",
                                                 "hasMetadata",
                                                 "hasOptionalComponent",
                                                 "hasOptionalDependency",
                                                 "hasOutput",
                                                 "hasPrerequisite",
                                                 "hasProvidedDependency",
                                                 "hasRequirement",
                                                 "hasSpecification",
                                                 "hasStaticLink",
                                                 "hasTest",
                                                 "hasTestCase",
                                                 "hasVariant",
                                                 "invokedBy",
                                                 "modifiedBy",
                                                 "other",
                                                 "packagedBy",
                                                 "patchedBy",
                                                 "publishedBy",
                                                 "reportedBy",
                                                 "republishedBy",
                                                 "serializedInArtifact",
                                                 "testedOn",
                                                 "trainedOn",
                                                 "underInvestigationFor",
                                                 "usesTool"};
    return k;
}

/// The LicenseRef- ids an SPDX 2 license field uses.
std::vector<std::string> license_refs(std::string_view expression) {
    std::vector<std::string> out;
    if (expression.empty() || expression == "NOASSERTION" || expression == "NONE") return out;
    auto e = model::LicenseExpression::parse(expression);
    if (!e) return out;
    for (auto id : e->license_ids()) {
        if (id.ends_with('+')) id.pop_back();
        if (id.starts_with("LicenseRef-")) out.push_back(id);
    }
    return out;
}

} // namespace

std::string hash_problem(std::string_view algorithm, std::string_view value) {
    std::string alg = util::to_upper(algorithm);
    alg.erase(std::remove(alg.begin(), alg.end(), '-'), alg.end());
    alg.erase(std::remove(alg.begin(), alg.end(), '_'), alg.end());
    static const std::map<std::string, std::size_t, std::less<>> lengths = {
        {"MD2", 32},        {"MD4", 32},        {"MD5", 32},         {"MD6", 0},
        {"SHA1", 40},       {"SHA224", 56},     {"SHA256", 64},      {"SHA384", 96},
        {"SHA512", 128},    {"SHA3256", 64},    {"SHA3384", 96},     {"SHA3512", 128},
        {"BLAKE2B256", 64}, {"BLAKE2B384", 96}, {"BLAKE2B512", 128}, {"BLAKE3", 0},
        {"ADLER32", 8}};
    auto it = lengths.find(alg);
    if (it == lengths.end()) return "unknown hash algorithm '" + std::string(algorithm) + "'";
    for (char ch : value)
        if (!std::isxdigit(static_cast<unsigned char>(ch)))
            return std::string(algorithm) + " value is not hexadecimal";
    if (it->second && value.size() != it->second)
        return std::string(algorithm) + " value has " + std::to_string(value.size()) +
               " hex digits, not " + std::to_string(it->second);
    if (value.empty()) return std::string(algorithm) + " value is empty";
    return {};
}

std::vector<std::string> check_cyclonedx_json(std::string_view text) {
    std::vector<std::string> out;
    simdjson::dom::parser parser;
    auto parsed = util::parse_json(parser, text);
    if (!parsed) return {parsed.error().message};
    element doc = *parsed;
    Definitions refs;
    std::map<std::string, std::string> purls;
    element root;
    if (!doc["metadata"]["component"].get(root)) {
        refs.define(util::json_string(root, "bom-ref"), "$.metadata.component.bom-ref", "bom-ref",
                    out);
        check_purl("$.metadata.component.purl", util::json_string(root, "purl"), out);
    }
    array list;
    if (!doc["components"].get(list))
        walk_cyclonedx_components(list, "$.components", refs, purls, out, 0);
    if (!doc["services"].get(list)) {
        std::size_t i = 0;
        for (element s : list)
            refs.define(util::json_string(s, "bom-ref"), at("$.services", i++) + ".bom-ref",
                        "bom-ref", out);
    }
    if (!doc["dependencies"].get(list)) {
        std::set<std::string> seen;
        std::size_t i = 0;
        for (element d : list) {
            std::string p = at("$.dependencies", i++);
            std::string ref = util::json_string(d, "ref");
            if (!refs.has(ref))
                out.push_back(p + ".ref: '" + ref + "' is no bom-ref of this document");
            if (!seen.insert(ref).second)
                out.push_back(p + ".ref: '" + ref + "' has a second dependencies entry");
            array on;
            if (d["dependsOn"].get(on)) continue;
            std::size_t j = 0;
            std::set<std::string> targets;
            for (element t : on) {
                std::string_view sv;
                std::string q = at(p + ".dependsOn", j++);
                if (t.get(sv)) {
                    out.push_back(q + ": not a string");
                    continue;
                }
                if (!refs.has(std::string(sv)))
                    out.push_back(q + ": '" + std::string(sv) + "' is no bom-ref of this document");
                if (!targets.insert(std::string(sv)).second)
                    out.push_back(q + ": '" + std::string(sv) + "' listed twice");
            }
        }
    }
    if (!doc["vulnerabilities"].get(list)) {
        std::size_t i = 0;
        for (element v : list) {
            std::string p = at("$.vulnerabilities", i++);
            array affects;
            if (v["affects"].get(affects)) continue;
            std::size_t j = 0;
            for (element a : affects) {
                std::string ref = util::json_string(a, "ref");
                // A BOM-Link (urn:cdx:...) points into another document.
                if (!ref.starts_with("urn:cdx:") && !refs.has(ref))
                    out.push_back(at(p + ".affects", j) + ".ref: '" + ref +
                                  "' is no bom-ref of this document");
                ++j;
            }
        }
    }
    return out;
}

std::vector<std::string> check_spdx23_json(std::string_view text) {
    std::vector<std::string> out;
    simdjson::dom::parser parser;
    auto parsed = util::parse_json(parser, text);
    if (!parsed) return {parsed.error().message};
    element doc = *parsed;
    Definitions ids;
    ids.define("SPDXRef-DOCUMENT", "$.SPDXID", "SPDXID", out);
    if (util::json_string(doc, "SPDXID") != "SPDXRef-DOCUMENT")
        out.push_back("$.SPDXID: the document's SPDXID is not SPDXRef-DOCUMENT");
    std::set<std::string> defined_refs;
    array list;
    if (!doc["hasExtractedLicensingInfos"].get(list))
        for (element e : list)
            defined_refs.insert(util::json_string(e, "licenseId"));
    std::vector<std::pair<std::string, std::string>> used_refs; // path, LicenseRef
    auto use_licenses = [&](element e, const std::string& p, const char* key) {
        std::string_view sv;
        if (!e[key].get(sv))
            for (auto& r : license_refs(sv))
                used_refs.emplace_back(p + "." + key, r);
        array values;
        if (!e[key].get(values))
            for (element v : values)
                if (!v.get(sv))
                    for (auto& r : license_refs(sv))
                        used_refs.emplace_back(p + "." + key, r);
    };
    for (const char* kind : {"packages", "files", "snippets"}) {
        if (doc[kind].get(list)) continue;
        std::size_t i = 0;
        for (element e : list) {
            std::string p = at(std::string("$.") + kind, i++);
            std::string id = util::json_string(e, "SPDXID");
            if (id.empty())
                out.push_back(p + ": no SPDXID");
            else if (!id.starts_with("SPDXRef-"))
                out.push_back(p + ".SPDXID: '" + id + "' does not start with SPDXRef-");
            ids.define(id, p + ".SPDXID", "SPDXID", out);
            for (const char* key : {"licenseConcluded", "licenseDeclared", "licenseInfoFromFiles",
                                    "licenseInfoInFiles"})
                use_licenses(e, p, key);
            check_hashes(e, p, "checksums", "algorithm", "checksumValue", out);
            array refs;
            if (!e["externalRefs"].get(refs)) {
                std::size_t k = 0;
                for (element r : refs) {
                    if (util::json_string(r, "referenceType") == "purl")
                        check_purl(at(p + ".externalRefs", k) + ".referenceLocator",
                                   util::json_string(r, "referenceLocator"), out);
                    ++k;
                }
            }
        }
    }
    for (const auto& [path, ref] : used_refs)
        if (!defined_refs.count(ref))
            out.push_back(path + ": " + ref + " is not defined in hasExtractedLicensingInfos");
    if (!doc["relationships"].get(list)) {
        std::size_t i = 0;
        for (element r : list) {
            std::string p = at("$.relationships", i++);
            std::string type = util::json_string(r, "relationshipType");
            if (!spdx23_relationship_types().count(type))
                out.push_back(p + ".relationshipType: '" + type + "' is no SPDX 2.3 type");
            for (const char* end : {"spdxElementId", "relatedSpdxElement"}) {
                std::string id = util::json_string(r, end);
                if (id == "NONE" || id == "NOASSERTION" || id.starts_with("DocumentRef-")) continue;
                if (!ids.has(id))
                    out.push_back(p + "." + end + ": '" + id + "' is no element of this document");
            }
        }
    }
    if (!doc["documentDescribes"].get(list)) {
        std::size_t i = 0;
        for (element d : list) {
            std::string_view sv;
            if (!d.get(sv) && !ids.has(std::string(sv)))
                out.push_back(at("$.documentDescribes", i) + ": '" + std::string(sv) +
                              "' is no element of this document");
            ++i;
        }
    }
    return out;
}

std::vector<std::string> check_spdx3_json(std::string_view text) {
    std::vector<std::string> out;
    simdjson::dom::parser parser;
    auto parsed = util::parse_json(parser, text);
    if (!parsed) return {parsed.error().message};
    element doc = *parsed;
    array graph;
    if (doc["@graph"].get(graph)) return {"$: no @graph"};
    Definitions ids;
    std::size_t i = 0;
    std::vector<std::pair<std::string, element>> relationships;
    for (element e : graph) {
        std::string p = at("$.@graph", i++);
        std::string type = util::json_string(e, "type");
        std::string id = util::json_string(e, "spdxId");
        if (id.empty()) id = util::json_string(e, "@id");
        // Every element but the blank nodes SPDX allows (CreationInfo) has an spdxId.
        if (id.empty() && type != "CreationInfo")
            out.push_back(p + ": " + (type.empty() ? "element" : type) + " without spdxId");
        ids.define(id, p + ".spdxId", "spdxId", out);
        if (type == "Relationship" || type.ends_with("Relationship"))
            relationships.emplace_back(p, e);
        if (type == "software_Package")
            check_purl(p + ".software_packageUrl", util::json_string(e, "software_packageUrl"),
                       out);
        check_hashes(e, p, "verifiedUsing", "algorithm", "hashValue", out, "Hash");
    }
    for (auto& [p, r] : relationships) {
        std::string type = util::json_string(r, "relationshipType");
        if (!spdx3_relationship_types().count(type))
            out.push_back(p + ".relationshipType: '" + type + "' is no SPDX 3.0 type");
        std::string from = util::json_string(r, "from");
        if (!from.empty() && !ids.has(from))
            out.push_back(p + ".from: '" + from + "' is no element of this document");
        std::size_t k = 0;
        for (const auto& to : util::json_strings(r, "to")) {
            // IRIs outside the document (spdx.org/licenses/..., NoneElement) are allowed.
            if (!ids.has(to) && !to.starts_with("https://spdx.org/") &&
                !to.starts_with("http://spdx.org/"))
                out.push_back(at(p + ".to", k) + ": '" + to + "' is no element of this document");
            ++k;
        }
    }
    return out;
}

} // namespace kaiyuan::format
