#include "kaiyuan/format/json_out.hpp"
#include "kaiyuan/format/spdx23/document.hpp"
#include "kaiyuan/format/spdx23/spdx23.hpp"

#include "kaiyuan/util/json_read.hpp"

namespace kaiyuan::format::spdx23 {

namespace {

void write_checksums(JsonOut& j, const std::vector<model::Checksum>& checksums) {
    j.key("checksums").begin_array();
    for (const auto& c : checksums)
        j.begin_object()
            .field("algorithm", c.algorithm)
            .field("checksumValue", c.value)
            .end_object();
    j.end_array();
}

} // namespace

std::string write_json(const model::Sbom& sbom) {
    return write_json(to_document(sbom));
}

std::string write_json(const SpdxDocument& d) {
    std::string out;
    out.reserve(1024 + d.packages.size() * 1536);
    JsonOut j(out);
    j.begin_object();
    j.field("spdxVersion", "SPDX-2.3")
        .field("dataLicense", "CC0-1.0")
        .field("SPDXID", "SPDXRef-DOCUMENT");
    j.field("name", d.name).field("documentNamespace", d.namespace_uri);
    j.key("creationInfo").begin_object().field("created", d.created).key("creators").begin_array();
    for (const auto& c : d.creators)
        j.value(c);
    j.end_array().end_object();
    j.field_if("comment", d.comment);
    j.key("packages").begin_array();
    for (const auto& p : d.packages) {
        j.begin_object().field("SPDXID", p.spdx_id).field("name", p.name);
        j.field_if("versionInfo", p.version).field_if("supplier", p.supplier);
        j.field("downloadLocation", p.download_location).field("filesAnalyzed", p.files_analyzed);
        if (p.files_analyzed)
            j.key("packageVerificationCode")
                .begin_object()
                .field("packageVerificationCodeValue", p.verification_code)
                .end_object();
        j.field_if("homepage", p.homepage);
        if (!p.checksums.empty()) write_checksums(j, p.checksums);
        j.field("licenseConcluded", p.license_concluded)
            .field("licenseDeclared", p.license_declared);
        if (p.files_analyzed) {
            j.key("licenseInfoFromFiles").begin_array();
            for (const auto& l : p.license_info_from_files)
                j.value(l);
            j.end_array();
        }
        j.field("copyrightText", p.copyright);
        j.field_if("sourceInfo", p.source_info)
            .field_if("summary", p.summary)
            .field_if("comment", p.comment);
        if (!p.external_refs.empty()) {
            j.key("externalRefs").begin_array();
            for (const auto& r : p.external_refs)
                j.begin_object()
                    .field("referenceCategory", r.category)
                    .field("referenceType", r.type)
                    .field("referenceLocator", r.locator)
                    .field_if("comment", r.comment)
                    .end_object();
            j.end_array();
        }
        j.field_if("primaryPackagePurpose", p.purpose);
        j.end_object();
    }
    j.end_array();
    if (!d.files.empty()) {
        j.key("files").begin_array();
        for (const auto& f : d.files) {
            j.begin_object().field("SPDXID", f.spdx_id).field("fileName", f.name);
            write_checksums(j, f.checksums);
            j.field("licenseConcluded", f.license_concluded);
            j.key("licenseInfoInFiles").begin_array();
            for (const auto& l : f.license_info)
                j.value(l);
            j.end_array().field("copyrightText", f.copyright).field_if("comment", f.comment);
            j.end_object();
        }
        j.end_array();
    }
    if (!d.extracted.empty()) {
        j.key("hasExtractedLicensingInfos").begin_array();
        for (const auto& e : d.extracted)
            j.begin_object()
                .field("licenseId", e.id)
                .field("extractedText", e.text)
                .field("name", e.name)
                .end_object();
        j.end_array();
    }
    j.key("relationships").begin_array();
    for (const auto& r : d.relationships)
        j.begin_object()
            .field("spdxElementId", r.from)
            .field("relationshipType", r.type)
            .field("relatedSpdxElement", r.to)
            .end_object();
    j.end_array();
    j.end_object();
    out += '\n';
    return out;
}

namespace {
using simdjson::dom::element;
} // namespace

Result<model::Sbom> read_json(std::string_view text) {
    simdjson::dom::parser parser;
    auto parsed = util::parse_json(parser, text);
    if (!parsed) return unexpected(parsed.error());
    element root = *parsed;
    std::string version = util::json_string(root, "spdxVersion");
    if (!version.starts_with("SPDX-2."))
        return fail("spdxVersion '" + version + "' is not SPDX 2.x");
    SpdxDocument d;
    d.name = util::json_string(root, "name");
    d.namespace_uri = util::json_string(root, "documentNamespace");
    d.comment = util::json_string(root, "comment");
    element ci;
    if (!root["creationInfo"].get(ci)) {
        d.created = util::json_string(ci, "created");
        d.creators = util::json_strings(ci, "creators");
    }
    simdjson::dom::array arr;
    if (!root["packages"].get(arr))
        for (element j : arr) {
            SpdxPackage p;
            p.spdx_id = util::json_string(j, "SPDXID");
            p.name = util::json_string(j, "name");
            p.version = util::json_string(j, "versionInfo");
            p.supplier = util::json_string(j, "supplier");
            p.homepage = util::json_string(j, "homepage");
            p.license_declared = util::json_string(j, "licenseDeclared");
            p.license_concluded = util::json_string(j, "licenseConcluded");
            p.summary = util::json_string(j, "summary");
            p.comment = util::json_string(j, "comment");
            p.source_info = util::json_string(j, "sourceInfo");
            p.purpose = util::json_string(j, "primaryPackagePurpose");
            p.copyright = util::json_string(j, "copyrightText");
            p.download_location = util::json_string(j, "downloadLocation");
            simdjson::dom::array inner;
            if (!j["checksums"].get(inner))
                for (element c : inner)
                    p.checksums.push_back(
                        {util::json_string(c, "algorithm"), util::json_string(c, "checksumValue")});
            if (!j["externalRefs"].get(inner))
                for (element r : inner)
                    p.external_refs.push_back({util::json_string(r, "referenceCategory"),
                                               util::json_string(r, "referenceType"),
                                               util::json_string(r, "referenceLocator"),
                                               util::json_string(r, "comment")});
            d.packages.push_back(std::move(p));
        }
    if (!root["files"].get(arr)) d.files_read = arr.size();
    if (!root["snippets"].get(arr)) d.snippets_read = arr.size();
    if (!root["relationships"].get(arr))
        for (element r : arr)
            d.relationships.push_back({util::json_string(r, "spdxElementId"),
                                       util::json_string(r, "relationshipType"),
                                       util::json_string(r, "relatedSpdxElement")});
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
