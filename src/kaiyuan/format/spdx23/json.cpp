#include "kaiyuan/format/spdx23/document.hpp"
#include "kaiyuan/format/spdx23/spdx23.hpp"

#include <nlohmann/json.hpp>
#include <simdjson.h>

namespace kaiyuan::format::spdx23 {

using nlohmann::ordered_json;

std::string write_json(const model::Sbom& sbom) {
    SpdxDocument d = to_document(sbom);
    ordered_json doc;
    doc["spdxVersion"] = "SPDX-2.3";
    doc["dataLicense"] = "CC0-1.0";
    doc["SPDXID"] = "SPDXRef-DOCUMENT";
    doc["name"] = d.name;
    doc["documentNamespace"] = d.namespace_uri;
    doc["creationInfo"] = {{"created", d.created}, {"creators", d.creators}};
    if (!d.comment.empty()) doc["comment"] = d.comment;
    ordered_json pkgs = ordered_json::array();
    for (const auto& p : d.packages) {
        ordered_json j = {{"SPDXID", p.spdx_id}, {"name", p.name}};
        if (!p.version.empty()) j["versionInfo"] = p.version;
        if (!p.supplier.empty()) j["supplier"] = p.supplier;
        j["downloadLocation"] = p.download_location;
        j["filesAnalyzed"] = false;
        if (!p.homepage.empty()) j["homepage"] = p.homepage;
        if (!p.checksums.empty()) {
            ordered_json cs = ordered_json::array();
            for (const auto& c : p.checksums)
                cs.push_back({{"algorithm", c.algorithm}, {"checksumValue", c.value}});
            j["checksums"] = std::move(cs);
        }
        j["licenseConcluded"] = p.license_concluded;
        j["licenseDeclared"] = p.license_declared;
        j["copyrightText"] = p.copyright;
        if (!p.source_info.empty()) j["sourceInfo"] = p.source_info;
        if (!p.summary.empty()) j["summary"] = p.summary;
        if (!p.comment.empty()) j["comment"] = p.comment;
        if (!p.external_refs.empty()) {
            ordered_json refs = ordered_json::array();
            for (const auto& [type, loc] : p.external_refs)
                refs.push_back({{"referenceCategory", "PACKAGE-MANAGER"},
                                {"referenceType", type},
                                {"referenceLocator", loc}});
            j["externalRefs"] = std::move(refs);
        }
        if (!p.purpose.empty()) j["primaryPackagePurpose"] = p.purpose;
        pkgs.push_back(std::move(j));
    }
    doc["packages"] = std::move(pkgs);
    if (!d.extracted.empty()) {
        ordered_json ex = ordered_json::array();
        for (const auto& e : d.extracted)
            ex.push_back({{"licenseId", e.id}, {"extractedText", e.text}, {"name", e.name}});
        doc["hasExtractedLicensingInfos"] = std::move(ex);
    }
    ordered_json rels = ordered_json::array();
    for (const auto& r : d.relationships)
        rels.push_back({{"spdxElementId", r.from},
                        {"relationshipType", r.type},
                        {"relatedSpdxElement", r.to}});
    doc["relationships"] = std::move(rels);
    return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

namespace {
using simdjson::dom::element;
std::string str(element e, const char* key) {
    std::string_view sv;
    if (e[key].get(sv)) return {};
    return std::string(sv);
}
} // namespace

Result<model::Sbom> read_json(std::string_view text) {
    simdjson::dom::parser parser;
    element root;
    if (auto err = parser.parse(text.data(), text.size()).get(root))
        return fail(std::string("invalid JSON: ") + simdjson::error_message(err));
    std::string version = str(root, "spdxVersion");
    if (!version.starts_with("SPDX-2."))
        return fail("spdxVersion '" + version + "' is not SPDX 2.x");
    SpdxDocument d;
    d.name = str(root, "name");
    d.namespace_uri = str(root, "documentNamespace");
    d.comment = str(root, "comment");
    element ci;
    if (!root["creationInfo"].get(ci)) d.created = str(ci, "created");
    simdjson::dom::array arr;
    if (!root["packages"].get(arr))
        for (element j : arr) {
            SpdxPackage p;
            p.spdx_id = str(j, "SPDXID");
            p.name = str(j, "name");
            p.version = str(j, "versionInfo");
            p.supplier = str(j, "supplier");
            p.homepage = str(j, "homepage");
            p.license_declared = str(j, "licenseDeclared");
            p.license_concluded = str(j, "licenseConcluded");
            p.summary = str(j, "summary");
            p.comment = str(j, "comment");
            p.source_info = str(j, "sourceInfo");
            p.purpose = str(j, "primaryPackagePurpose");
            simdjson::dom::array inner;
            if (!j["checksums"].get(inner))
                for (element c : inner)
                    p.checksums.push_back({str(c, "algorithm"), str(c, "checksumValue")});
            if (!j["externalRefs"].get(inner))
                for (element r : inner)
                    p.external_refs.emplace_back(str(r, "referenceType"),
                                                 str(r, "referenceLocator"));
            d.packages.push_back(std::move(p));
        }
    if (!root["relationships"].get(arr))
        for (element r : arr)
            d.relationships.push_back({str(r, "spdxElementId"), str(r, "relationshipType"),
                                       str(r, "relatedSpdxElement")});
    // documentDescribes is the older spelling of DESCRIBES relationships.
    if (!root["documentDescribes"].get(arr))
        for (element e : arr) {
            std::string_view sv;
            if (!e.get(sv))
                d.relationships.push_back({"SPDXRef-DOCUMENT", "DESCRIBES", std::string(sv)});
        }
    return from_document(d);
}

} // namespace kaiyuan::format::spdx23
