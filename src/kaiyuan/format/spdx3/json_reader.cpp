#include "kaiyuan/format/common.hpp"
#include "kaiyuan/format/spdx3/spdx3.hpp"
#include "kaiyuan/util/strings.hpp"

#include "kaiyuan/util/json_read.hpp"

#include <map>
#include <unordered_map>
#include <unordered_set>

namespace kaiyuan::format::spdx3 {

namespace {
using simdjson::dom::element;

// A reference is an IRI string or an inline object with spdxId.
std::string ref(element e) {
    std::string_view sv;
    if (!e.get(sv)) return std::string(sv);
    return util::json_string(e, "spdxId");
}

std::vector<std::string> refs(element e, const char* key) {
    std::vector<std::string> out;
    simdjson::dom::array arr;
    if (!e[key].get(arr)) {
        for (element x : arr)
            out.push_back(ref(x));
    } else {
        element single;
        if (!e[key].get(single)) out.push_back(ref(single));
    }
    return out;
}

std::string hash_name(std::string_view algorithm) {
    std::string out = util::to_lower(algorithm);
    if (out.starts_with("sha3_")) return "SHA3-" + out.substr(5);
    for (auto& ch : out)
        ch = static_cast<char>(ch >= 'a' && ch <= 'z' ? ch - 32 : ch);
    return out;
}
/// One entry of cdxgen's CycloneDX properties extension. JSON values are parsed (and minified)
/// before they are kept: what a writer inserts as JSON must be JSON.
void apply_cdx_property(model::Component& c, const std::string& name, const std::string& value) {
    if (name.starts_with("properties.")) {
        c.other_properties.emplace_back(name.substr(11), value);
    } else if (name == "bomRef") {
        c.ref = value;
    } else if (name == "scope") {
        if (value == "optional" || value == "excluded")
            c.properties.emplace("kaiyuan:scope", value == "optional" ? "optional" : "dev");
    } else if (name == "evidence" || name == "externalReferences") {
        simdjson::dom::parser parser;
        element parsed;
        if (parser.parse(value).get(parsed)) {
            c.other_properties.emplace_back("cdx:" + name, value); // not JSON: kept as text
            return;
        }
        if (name == "evidence") {
            c.evidence = simdjson::minify(parsed);
            return;
        }
        // The CycloneDX references replace those SPDX 3 could hold (homepage, download).
        simdjson::dom::array refs_list;
        if (parsed.get(refs_list)) return;
        c.external_references.clear();
        for (element r : refs_list) {
            std::string type = util::json_string(r, "type"), url = util::json_string(r, "url");
            if (type == "website" && (c.homepage.empty() || c.homepage == url))
                c.homepage = url;
            else if (type == "distribution" &&
                     (c.download_location.empty() || c.download_location == url))
                c.download_location = url;
            else
                c.external_references.push_back({type, url, util::json_string(r, "comment")});
        }
    }
}

} // namespace

Result<model::Sbom> read_json(std::string_view text) {
    simdjson::dom::parser parser;
    auto parsed = util::parse_json(parser, text);
    if (!parsed) return unexpected(parsed.error());
    element doc = *parsed;
    simdjson::dom::array graph;
    if (doc["@graph"].get(graph)) return fail("no @graph");
    model::Sbom sbom;
    std::map<std::string, std::size_t> unread; // element types the SBOM model does not hold
    std::unordered_map<std::string, element> by_id;
    std::vector<element> packages, relationships;
    for (element e : graph) {
        std::string type = util::json_string(e, "type");
        std::string id = util::json_string(e, "spdxId");
        if (!id.empty()) by_id.emplace(id, e);
        if (type == "software_Package")
            packages.push_back(e);
        else if (type == "software_File" || type == "software_Snippet")
            ++unread[type];
        else if (type == "Relationship")
            relationships.push_back(e);
        else if (type == "CreationInfo")
            sbom.metadata.created = util::json_string(e, "created");
        else if (type == "SpdxDocument") {
            sbom.metadata.name = util::json_string(e, "name");
            std::string comment = util::json_string(e, "comment");
            for (auto line : util::split(comment, '\n')) {
                auto eq = line.find('=');
                if (eq != std::string_view::npos && line.starts_with("kaiyuan:"))
                    apply_metadata_property(sbom.metadata, line.substr(0, eq), line.substr(eq + 1));
            }
        }
    }
    if (!unread.empty()) {
        std::string what;
        for (const auto& [type, n] : unread)
            what += (what.empty() ? "" : ", ") + std::to_string(n) + " " + type;
        model::Diagnostic d;
        d.severity = model::Severity::warning;
        d.location.path = "SPDX 3 document";
        d.message = what + " elements are not carried: kaiyuan's SBOM holds packages";
        sbom.diagnostics.push_back(std::move(d));
    }
    // The root of the software_Sbom is the target, not a component.
    std::unordered_set<std::string> roots;
    for (auto& [id, e] : by_id)
        if (util::json_string(e, "type") == "software_Sbom")
            for (auto& r : refs(e, "rootElement"))
                roots.insert(r);
    std::unordered_map<std::string, std::string> ids; // spdxId -> component id
    std::unordered_map<std::string, model::Component*> comps;
    sbom.components.reserve(packages.size());
    for (element p : packages) {
        std::string id = util::json_string(p, "spdxId");
        std::string purl = util::json_string(p, "software_packageUrl");
        if (roots.contains(id) && purl.empty()) continue;
        if (util::json_string(p, "software_primaryPurpose") == "operatingSystem" && purl.empty()) {
            auto& d = sbom.metadata.distro;
            if (d.id.empty()) d.id = util::json_string(p, "name");
            if (d.version_id.empty())
                d.version_id = util::json_string(p, "software_packageVersion");
            if (d.pretty_name.empty()) d.pretty_name = util::json_string(p, "summary");
            continue;
        }
        model::Component c;
        c.name = util::json_string(p, "name");
        if (c.name.empty()) return fail("package " + id + " has no name");
        c.version = util::json_string(p, "software_packageVersion");
        c.purl = purl;
        c.description = util::json_string(p, "summary");
        c.homepage = util::json_string(p, "software_homePage");
        c.copyright = util::json_string(p, "software_copyrightText");
        c.download_location = util::json_string(p, "software_downloadLocation");
        std::string purpose = util::json_string(p, "software_primaryPurpose");
        c.type = purpose == "operatingSystem" ? model::ComponentType::operating_system
                                              : model::component_type_from_string(purpose);
        element supplier;
        if (!p["suppliedBy"].get(supplier)) {
            auto it = by_id.find(ref(supplier));
            if (it != by_id.end()) c.supplier = util::json_string(it->second, "name");
        }
        simdjson::dom::array hashes;
        if (!p["verifiedUsing"].get(hashes))
            for (element h : hashes)
                if (util::json_string(h, "type") == "Hash")
                    c.hashes.push_back({hash_name(util::json_string(h, "algorithm")),
                                        util::json_string(h, "hashValue")});
        simdjson::dom::array list;
        if (!p["externalIdentifier"].get(list))
            for (element x : list) {
                std::string type = util::json_string(x, "externalIdentifierType");
                if (type == "cpe23" || type == "cpe22")
                    c.cpes.push_back(util::json_string(x, "identifier"));
            }
        if (!p["externalRef"].get(list))
            for (element x : list) {
                std::string type = cyclonedx_ref_type(util::json_string(x, "externalRefType"));
                std::string note = util::json_string(x, "comment");
                if (type == "other" && note.starts_with("cyclonedx:")) {
                    auto sp = note.find(' ');
                    type = note.substr(10, sp == std::string::npos ? std::string::npos : sp - 10);
                    note = sp == std::string::npos ? "" : note.substr(sp + 1);
                }
                for (const auto& url : util::json_strings(x, "locator"))
                    c.external_references.push_back({type, url, note});
            }
        // cdxgen's CycloneDX properties extension (extension_CdxPropertiesExtension): what the
        // CycloneDX component said, for what SPDX 3 has no field: its properties
        // ("properties.NAME"), bom-ref, scope, evidence and external references (JSON text).
        if (!p["extension"].get(list))
            for (element x : list) {
                simdjson::dom::array entries;
                if (x["extension_cdxProperty"].get(entries)) continue;
                for (element e : entries)
                    apply_cdx_property(c, util::json_string(e, "extension_cdxPropName"),
                                       util::json_string(e, "extension_cdxPropValue"));
            }
        std::string comment = util::json_string(p, "comment");
        for (auto line : util::split(comment, '\n')) {
            auto eq = line.find('=');
            if (eq == std::string_view::npos || !line.starts_with("kaiyuan:")) continue;
            if (!apply_extra_property(c, line.substr(0, eq), line.substr(eq + 1)))
                c.properties[std::string(line.substr(0, eq))] = line.substr(eq + 1);
        }
        finish_component(c);
        ids[id] = c.id;
        // The document's own spdxId, unless kaiyuan wrote it or a bom-ref was carried.
        if (c.ref.empty() && id.find("#package-") == std::string::npos) c.ref = id;
        sbom.components.push_back(std::move(c));
    }
    for (auto& c : sbom.components)
        comps[c.id] = &c;
    for (element r : relationships) {
        std::string type = util::json_string(r, "relationshipType");
        element from_el;
        if (r["from"].get(from_el)) continue;
        auto from = ids.find(ref(from_el));
        if (from == ids.end()) continue;
        for (auto& to_id : refs(r, "to")) {
            if (type == "hasDeclaredLicense" || type == "hasConcludedLicense") {
                auto it = by_id.find(to_id);
                if (it == by_id.end()) continue;
                std::string expr =
                    util::json_string(it->second, "simplelicensing_licenseExpression");
                if (expr.empty()) expr = util::json_string(it->second, "name");
                (type == "hasDeclaredLicense" ? comps[from->second]->license_declared
                                              : comps[from->second]->license_concluded) = expr;
                continue;
            }
            auto to = ids.find(to_id);
            if (to == ids.end()) continue;
            if (type == "dependsOn")
                sbom.relationships.push_back(
                    {from->second, to->second, model::RelationshipType::depends_on});
            else if (type == "hasOptionalDependency")
                sbom.relationships.push_back(
                    {from->second, to->second, model::RelationshipType::optional_depends_on});
            else if (type == "contains")
                sbom.relationships.push_back(
                    {from->second, to->second, model::RelationshipType::contains});
        }
    }
    return sbom;
}

} // namespace kaiyuan::format::spdx3
