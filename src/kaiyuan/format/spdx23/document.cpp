#include "kaiyuan/format/spdx23/document.hpp"

#include "kaiyuan/format/common.hpp"
#include "kaiyuan/model/license_expression.hpp"
#include "kaiyuan/util/strings.hpp"

#include <map>
#include <set>
#include <unordered_map>

namespace kaiyuan::format::spdx23 {

namespace {

// SPDX 2.3 §7.5 supplier: "Person: name (email)" or "Organization: name (email)".
std::string spdx_supplier(const std::string& supplier) {
    if (supplier.empty()) return "NOASSERTION";
    auto [name, mail] = split_contact(supplier);
    std::string out = "Organization: " + name;
    if (!mail.empty()) out += " (" + mail + ")";
    return out;
}

std::string model_supplier(std::string_view s) {
    if (s.empty() || s == "NOASSERTION") return {};
    for (std::string_view prefix : {"Organization:", "Person:", "Tool:"})
        if (s.starts_with(prefix)) s = util::trim(s.substr(prefix.size()));
    if (s.ends_with(')')) {
        auto open = s.rfind('(');
        if (open != std::string_view::npos)
            return join_contact(util::trim(s.substr(0, open)),
                                s.substr(open + 1, s.size() - open - 2));
    }
    return std::string(s);
}

// An expression valid for SPDX 2.3 (LicenseRefs collected for hasExtractedLicensingInfos), or
// NOASSERTION.
std::string spdx_license(const std::string& expr, std::map<std::string, std::string>& refs,
                         const std::string& raw) {
    if (expr.empty()) return "NOASSERTION";
    auto parsed = model::LicenseExpression::parse(expr);
    if (!parsed) return "NOASSERTION";
    for (const auto& id : parsed->license_ids()) {
        std::string base = id.ends_with('+') ? id.substr(0, id.size() - 1) : id;
        if (model::is_license_ref(base) && !base.starts_with("DocumentRef-"))
            refs.emplace(base, raw.empty() ? base.substr(11) : raw);
    }
    return parsed->to_string();
}

// CycloneDX external reference types -> SPDX 2.3 Annex F: advisories are SECURITY advisory,
// everything else OTHER with the CycloneDX type as its type (a locator has no spaces).
SpdxExternalRef spdx_external_ref(const model::ExternalReference& r) {
    std::string locator = r.url;
    util::replace_all(locator, " ", "%20");
    if (r.type == "advisories") return {"SECURITY", "advisory", locator, r.comment};
    return {"OTHER", r.type.empty() ? "other" : r.type, locator, r.comment};
}

model::ExternalReference model_external_ref(const SpdxExternalRef& r) {
    if (r.category == "SECURITY" && (r.type == "advisory" || r.type == "fix" || r.type == "url"))
        return {r.type == "advisory" ? "advisories" : "other", r.locator, r.comment};
    return {r.type, r.locator, r.comment};
}

std::string purpose(const model::Component& c) {
    switch (c.type) {
    case model::ComponentType::application:
        return "APPLICATION";
    case model::ComponentType::operating_system:
        return "OPERATING_SYSTEM";
    case model::ComponentType::container:
        return "CONTAINER";
    case model::ComponentType::file:
        return "FILE";
    case model::ComponentType::framework:
        return "FRAMEWORK";
    case model::ComponentType::library:
        return "LIBRARY";
    }
    return "LIBRARY";
}

} // namespace

SpdxDocument to_document(const model::Sbom& sbom) {
    const auto& m = sbom.metadata;
    SpdxDocument doc;
    doc.name = m.name.empty() ? (m.target.empty() ? "kaiyuan-sbom" : m.target) : m.name;
    std::string uuid = document_uuid(sbom);
    doc.namespace_uri =
        m.namespace_uri.empty() ? "https://kaiyuan.invalid/spdx/" + uuid : m.namespace_uri;
    doc.created = m.created.empty() ? now_rfc3339() : m.created;
    doc.creators = {"Tool: kaiyuan-" +
                    std::string(m.tool_version.empty() ? k_tool_version : m.tool_version)};
    // The makers of a document that was read stay, after kaiyuan.
    for (const auto& c : m.creators)
        if (!c.starts_with("Tool: kaiyuan-")) doc.creators.push_back(c);
    std::string comment;
    for (const auto& [k, v] : metadata_properties(m))
        comment += k + "=" + v + "\n";
    doc.comment = comment;

    SpdxPackage root;
    root.spdx_id = k_root_id;
    root.name = doc.name;
    root.purpose =
        m.target_kind == "docker-archive" || m.target_kind == "oci-layout" ? "CONTAINER" : "SOURCE";
    if (m.target_kind == "rpm" || m.target_kind == "deb" || m.target_kind == "archive")
        root.purpose = "ARCHIVE";
    doc.packages.push_back(root);
    doc.relationships.push_back({"SPDXRef-DOCUMENT", "DESCRIBES", k_root_id});
    if (!m.distro.empty()) {
        SpdxPackage os;
        os.spdx_id = k_distro_id;
        os.name = m.distro.id;
        os.version = m.distro.version_id;
        os.summary = m.distro.pretty_name;
        os.purpose = "OPERATING_SYSTEM";
        doc.packages.push_back(os);
        doc.relationships.push_back({k_root_id, "CONTAINS", k_distro_id});
    }
    std::map<std::string, std::string> refs;
    std::unordered_map<std::string, std::string> spdx_ids;
    for (const auto& c : sbom.components) {
        SpdxPackage p;
        p.spdx_id = spdx_element_id("Package", c);
        spdx_ids[c.id] = p.spdx_id;
        p.name = c.name;
        p.version = c.version;
        p.supplier = spdx_supplier(c.supplier);
        p.homepage = c.homepage;
        std::string raw;
        if (auto it = c.properties.find("kaiyuan:license:raw"); it != c.properties.end())
            raw = it->second;
        p.license_declared = spdx_license(c.license_declared, refs, raw);
        p.license_concluded = spdx_license(c.license_concluded, refs, {});
        p.summary = c.description;
        p.purpose = purpose(c);
        if (!c.source_name.empty())
            p.source_info = "built from source package " + c.source_name +
                            (c.source_version.empty() ? "" : " " + c.source_version);
        p.checksums = c.hashes;
        if (!c.copyright.empty()) p.copyright = c.copyright;
        if (!c.download_location.empty()) p.download_location = c.download_location;
        if (!c.purl.empty()) p.external_refs.push_back({"PACKAGE-MANAGER", "purl", c.purl, {}});
        for (const auto& cpe : c.cpes)
            p.external_refs.push_back(
                {"SECURITY", cpe.starts_with("cpe:2.3:") ? "cpe23Type" : "cpe22Type", cpe, {}});
        for (const auto& r : c.external_references)
            p.external_refs.push_back(spdx_external_ref(r));
        auto props = extra_properties(c);
        add_carried_properties(c, false, props);
        std::string cm;
        for (const auto& [k, v] : props)
            cm += k + "=" + v + "\n";
        p.comment = cm;
        doc.packages.push_back(std::move(p));
        doc.relationships.push_back({k_root_id, "CONTAINS", doc.packages.back().spdx_id});
    }
    for (const auto& r : sbom.relationships) {
        auto a = spdx_ids.find(r.from), b = spdx_ids.find(r.to);
        if (a == spdx_ids.end() || b == spdx_ids.end()) continue;
        const char* type = r.type == model::RelationshipType::contains         ? "CONTAINS"
                           : r.type == model::RelationshipType::dev_depends_on ? "DEV_DEPENDENCY_OF"
                           : r.type == model::RelationshipType::optional_depends_on
                               ? "OPTIONAL_DEPENDENCY_OF"
                               : "DEPENDS_ON";
        // The *_DEPENDENCY_OF types point the other way round (SPDX 2.3 §11.1).
        if (std::string_view(type).ends_with("_OF"))
            doc.relationships.push_back({b->second, type, a->second});
        else
            doc.relationships.push_back({a->second, type, b->second});
    }
    for (auto& [id, text] : refs)
        doc.extracted.push_back({id, id.substr(11), text});
    return doc;
}

Result<model::Sbom> from_document(const SpdxDocument& doc) {
    model::Sbom sbom;
    auto& m = sbom.metadata;
    m.name = doc.name;
    m.namespace_uri = doc.namespace_uri;
    m.created = doc.created;
    for (const auto& c : doc.creators)
        if (!c.starts_with("Tool: kaiyuan-")) m.creators.push_back(c);
    for (auto line : util::split(doc.comment, '\n')) {
        auto eq = line.find('=');
        if (eq != std::string_view::npos && line.starts_with("kaiyuan:"))
            apply_metadata_property(m, line.substr(0, eq), line.substr(eq + 1));
    }
    // The described package that contains others and has no purl is the target itself.
    std::set<std::string> described;
    std::set<std::string> containers;
    for (const auto& r : doc.relationships) {
        if (r.from == "SPDXRef-DOCUMENT" && r.type == "DESCRIBES") described.insert(r.to);
        if (r.type == "CONTAINS") containers.insert(r.from);
    }
    std::unordered_map<std::string, std::string> ids;
    for (const auto& p : doc.packages) {
        bool has_purl = false;
        for (const auto& r : p.external_refs)
            has_purl |= r.type == "purl";
        if (described.contains(p.spdx_id) && containers.contains(p.spdx_id) && !has_purl) {
            if (m.name.empty()) m.name = p.name;
            continue;
        }
        if (p.purpose == "OPERATING_SYSTEM" && !has_purl &&
            (p.spdx_id == k_distro_id || m.distro.empty())) {
            if (m.distro.id.empty()) m.distro.id = p.name;
            if (m.distro.version_id.empty()) m.distro.version_id = p.version;
            if (m.distro.pretty_name.empty()) m.distro.pretty_name = p.summary;
            continue;
        }
        model::Component c;
        c.name = p.name;
        if (c.name.empty()) return fail("package " + p.spdx_id + " has no name");
        c.version = p.version;
        c.supplier = model_supplier(p.supplier);
        c.homepage = p.homepage == "NOASSERTION" || p.homepage == "NONE" ? "" : p.homepage;
        c.description = p.summary;
        c.type = model::component_type_from_string(p.purpose.empty() ? "LIBRARY" : p.purpose);
        if (p.license_declared != "NOASSERTION" && p.license_declared != "NONE")
            c.license_declared = p.license_declared;
        if (p.license_concluded != "NOASSERTION" && p.license_concluded != "NONE")
            c.license_concluded = p.license_concluded;
        c.hashes = p.checksums;
        if (p.copyright != "NOASSERTION" && p.copyright != "NONE") c.copyright = p.copyright;
        if (p.download_location != "NOASSERTION" && p.download_location != "NONE")
            c.download_location = p.download_location;
        for (const auto& r : p.external_refs) {
            if (r.type == "purl") {
                if (c.purl.empty()) c.purl = r.locator;
            } else if (r.type == "cpe23Type" || r.type == "cpe22Type") {
                c.cpes.push_back(r.locator);
            } else {
                c.external_references.push_back(model_external_ref(r));
            }
        }
        for (auto line : util::split(p.comment, '\n')) {
            auto eq = line.find('=');
            if (eq == std::string_view::npos || !line.starts_with("kaiyuan:")) continue;
            auto name = line.substr(0, eq), value = line.substr(eq + 1);
            if (!apply_extra_property(c, name, value)) c.properties[std::string(name)] = value;
        }
        finish_component(c);
        // The document's own SPDXID, when it is not the one kaiyuan would give (a reference
        // carried in the comment, from a CycloneDX bom-ref, was applied above and wins).
        if (c.ref.empty() && p.spdx_id != spdx_element_id("Package", c)) c.ref = p.spdx_id;
        ids[p.spdx_id] = c.id;
        sbom.components.push_back(std::move(c));
    }
    if (doc.files_read || doc.snippets_read) {
        model::Diagnostic d;
        d.severity = model::Severity::warning;
        d.location.path = doc.name.empty() ? "SPDX document" : doc.name;
        d.message = std::to_string(doc.files_read) + " files and " +
                    std::to_string(doc.snippets_read) +
                    " snippets of the document are not carried: kaiyuan's SBOM holds packages "
                    "(kaiyuan license -f spdx-json writes files)";
        sbom.diagnostics.push_back(std::move(d));
    }
    for (const auto& r : doc.relationships) {
        auto a = ids.find(r.from), b = ids.find(r.to);
        if (a == ids.end() || b == ids.end()) continue;
        if (r.type == "DEPENDS_ON")
            sbom.relationships.push_back(
                {a->second, b->second, model::RelationshipType::depends_on});
        else if (r.type == "DEPENDENCY_OF")
            sbom.relationships.push_back(
                {b->second, a->second, model::RelationshipType::depends_on});
        else if (r.type == "DEV_DEPENDENCY_OF")
            sbom.relationships.push_back(
                {b->second, a->second, model::RelationshipType::dev_depends_on});
        else if (r.type == "OPTIONAL_DEPENDENCY_OF")
            sbom.relationships.push_back(
                {b->second, a->second, model::RelationshipType::optional_depends_on});
        else if (r.type == "CONTAINS")
            sbom.relationships.push_back({a->second, b->second, model::RelationshipType::contains});
    }
    return sbom;
}

} // namespace kaiyuan::format::spdx23
