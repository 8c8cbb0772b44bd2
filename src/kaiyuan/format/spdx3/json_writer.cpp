#include "kaiyuan/format/common.hpp"
#include "kaiyuan/format/json_out.hpp"
#include "kaiyuan/format/spdx3/spdx3.hpp"
#include "kaiyuan/util/hash.hpp"
#include "kaiyuan/util/strings.hpp"

#include <cstdio>
#include <map>

namespace kaiyuan::format::spdx3 {

namespace {

constexpr const char* k_ci = "_:creationinfo";

std::string hash_suffix(std::string_view s) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(util::fnv1a64(s)));
    return buf;
}

const char* purpose(model::ComponentType t) {
    switch (t) {
    case model::ComponentType::application:
        return "application";
    case model::ComponentType::operating_system:
        return "operatingSystem";
    case model::ComponentType::container:
        return "container";
    case model::ComponentType::file:
        return "file";
    case model::ComponentType::framework:
        return "framework";
    case model::ComponentType::library:
        return "library";
    }
    return "library";
}

std::string hash_algorithm(std::string_view spdx2) {
    std::string out = util::to_lower(spdx2);
    util::replace_all(out, "-", "");
    return out;
}

const char* root_purpose(const model::SbomMetadata& m) {
    if (m.target_kind == "docker-archive" || m.target_kind == "oci-layout") return "container";
    if (m.target_kind == "rpm" || m.target_kind == "deb" || m.target_kind == "archive")
        return "archive";
    return "source";
}

struct Relationship {
    std::string from;
    std::string type;
    std::vector<std::string> to;
};

// Writes the @graph: every element is written once, as soon as it is known; the ids are kept for
// the element lists of the software_Sbom and the SpdxDocument, which come last.
class GraphWriter {
public:
    GraphWriter(JsonOut& j, std::string ns) : m_j(j), m_ns(std::move(ns)) {}

    /// Starts an element of `type` and records its id.
    JsonOut& element(const char* type, const std::string& id) {
        m_ids.push_back(id);
        return m_j.begin_object()
            .field("type", type)
            .field("spdxId", id)
            .field("creationInfo", k_ci);
    }

    std::string organization(const std::string& name) {
        auto [it, inserted] = m_orgs.emplace(name, m_ns + "organization-" + hash_suffix(name));
        if (inserted) element("Organization", it->second).field("name", name).end_object();
        return it->second;
    }

    std::string license(const std::string& expr) {
        auto [it, inserted] = m_licenses.emplace(expr, m_ns + "license-" + hash_suffix(expr));
        if (inserted)
            element("simplelicensing_LicenseExpression", it->second)
                .field("simplelicensing_licenseExpression", expr)
                .end_object();
        return it->second;
    }

    void relationship(std::string from, std::string type, std::vector<std::string> to) {
        m_relationships.push_back({std::move(from), type, std::move(to)});
    }

    void flush_relationships() {
        std::size_t n = 0;
        for (auto& r : m_relationships) {
            element("Relationship", m_ns + "relationship-" + std::to_string(++n))
                .field("from", r.from)
                .field("relationshipType", r.type)
                .key("to")
                .begin_array();
            for (const auto& t : r.to)
                m_j.value(t);
            m_j.end_array().end_object();
        }
        m_relationships.clear();
    }

    const std::vector<std::string>& ids() const { return m_ids; }

private:
    JsonOut& m_j;
    std::string m_ns;
    std::vector<std::string> m_ids;
    std::map<std::string, std::string> m_orgs;
    std::map<std::string, std::string> m_licenses;
    std::vector<Relationship> m_relationships;
};

} // namespace

std::string write_json(const model::Sbom& sbom) {
    const auto& m = sbom.metadata;
    std::string ns = "https://kaiyuan.invalid/spdx3/" + document_uuid(sbom) + "#";
    std::string name = m.name.empty() ? (m.target.empty() ? "kaiyuan-sbom" : m.target) : m.name;
    std::string out;
    out.reserve(4096 + sbom.components.size() * 2048);
    JsonOut j(out);
    GraphWriter g(j, ns);
    j.begin_object()
        .field("@context", "https://spdx.org/rdf/3.0.1/spdx-context.jsonld")
        .key("@graph")
        .begin_array();

    j.begin_object().field("type", "CreationInfo").field("@id", k_ci).field("specVersion", "3.0.1");
    j.field("created", m.created.empty() ? now_rfc3339() : m.created);
    j.key("createdBy").begin_array().value(ns + "agent-kaiyuan").end_array();
    j.key("createdUsing").begin_array().value(ns + "tool-kaiyuan").end_array().end_object();
    g.element("SoftwareAgent", ns + "agent-kaiyuan").field("name", "kaiyuan").end_object();
    g.element("Tool", ns + "tool-kaiyuan")
        .field("name",
               "kaiyuan-" + std::string(m.tool_version.empty() ? k_tool_version : m.tool_version))
        .end_object();

    std::string root_id = ns + "root";
    g.element("software_Package", root_id)
        .field("name", name)
        .field("software_primaryPurpose", root_purpose(m))
        .end_object();
    std::vector<std::string> contained;
    if (!m.distro.empty()) {
        contained.push_back(ns + "operating-system");
        g.element("software_Package", contained.back()).field("name", m.distro.id);
        j.field_if("summary", m.distro.pretty_name)
            .field_if("software_packageVersion", m.distro.version_id);
        j.field("software_primaryPurpose", "operatingSystem").end_object();
    }

    std::map<std::string_view, std::string> ids; // component id -> spdxId
    for (const auto& c : sbom.components) {
        std::string id = ns + "package-" + c.id;
        ids[c.id] = id;
        contained.push_back(id);
        std::string supplier = c.supplier.empty() ? std::string() : g.organization(c.supplier);
        std::string comment;
        auto props = extra_properties(c);
        add_carried_properties(c, false, props);
        for (const auto& [k, v] : props)
            comment += k + "=" + v + "\n";
        g.element("software_Package", id).field("name", c.name);
        j.field_if("comment", comment).field_if("summary", c.description);
        if (!c.hashes.empty()) {
            j.key("verifiedUsing").begin_array();
            for (const auto& h : c.hashes)
                j.begin_object()
                    .field("type", "Hash")
                    .field("algorithm", hash_algorithm(h.algorithm))
                    .field("hashValue", h.value)
                    .end_object();
            j.end_array();
        }
        j.field_if("suppliedBy", supplier).field("software_primaryPurpose", purpose(c.type));
        j.field_if("software_homePage", c.homepage).field_if("software_packageUrl", c.purl);
        j.field_if("software_packageVersion", c.version);
        j.field_if("software_copyrightText", c.copyright);
        if (!c.cpes.empty()) {
            j.key("externalIdentifier").begin_array();
            for (const auto& cpe : c.cpes)
                j.begin_object()
                    .field("type", "ExternalIdentifier")
                    .field("externalIdentifierType",
                           cpe.starts_with("cpe:2.3:") ? "cpe23" : "cpe22")
                    .field("identifier", cpe)
                    .end_object();
            j.end_array();
        }
        if (!c.external_references.empty()) {
            j.key("externalRef").begin_array();
            for (const auto& r : c.external_references) {
                std::string type = spdx3_ref_type(r.type);
                // A type SPDX has no name for keeps its CycloneDX name in the comment.
                std::string note =
                    type == "other" && r.type != "other"
                        ? "cyclonedx:" + r.type + (r.comment.empty() ? "" : " " + r.comment)
                        : r.comment;
                j.begin_object().field("type", "ExternalRef").field("externalRefType", type);
                j.key("locator").begin_array().value(r.url).end_array();
                j.field_if("comment", note).end_object();
            }
            j.end_array();
        }
        if (c.download_location.find("://") != std::string::npos)
            j.field("software_downloadLocation", c.download_location);
        if (!c.source_name.empty())
            j.field("software_sourceInfo",
                    "built from source package " + c.source_name +
                        (c.source_version.empty() ? "" : " " + c.source_version));
        j.end_object();
        if (!c.license_declared.empty())
            g.relationship(id, "hasDeclaredLicense", {g.license(c.license_declared)});
        if (!c.license_concluded.empty())
            g.relationship(id, "hasConcludedLicense", {g.license(c.license_concluded)});
    }
    if (!contained.empty()) g.relationship(root_id, "contains", std::move(contained));
    std::map<std::pair<std::string, std::string>, std::vector<std::string>> edges;
    for (const auto& r : sbom.relationships) {
        auto a = ids.find(r.from), b = ids.find(r.to);
        if (a == ids.end() || b == ids.end()) continue;
        const char* type = r.type == model::RelationshipType::contains ? "contains"
                           : r.type == model::RelationshipType::optional_depends_on
                               ? "hasOptionalDependency"
                               : "dependsOn";
        edges[{a->second, type}].push_back(b->second);
    }
    for (auto& [key, to] : edges)
        g.relationship(key.first, key.second, std::move(to));
    g.flush_relationships();

    std::string sbom_id = ns + "sbom";
    std::vector<std::string> elements = g.ids();
    j.begin_object()
        .field("type", "software_Sbom")
        .field("spdxId", sbom_id)
        .field("creationInfo", k_ci);
    j.key("rootElement").begin_array().value(root_id).end_array().key("element").begin_array();
    for (const auto& e : elements)
        j.value(e);
    j.end_array().key("software_sbomType").begin_array().value("analyzed").end_array().end_object();

    std::string doc_comment;
    for (const auto& [k, v] : metadata_properties(m))
        doc_comment += k + "=" + v + "\n";
    // The makers of a document that was read (as Agents they would need identities of their own).
    for (const auto& c : m.creators)
        doc_comment += "kaiyuan:creator=" + c + "\n";
    j.begin_object()
        .field("type", "SpdxDocument")
        .field("spdxId", ns + "document")
        .field("creationInfo", k_ci);
    j.field("name", name).field_if("comment", doc_comment);
    j.field("dataLicense", "https://spdx.org/licenses/CC0-1.0");
    j.key("profileConformance")
        .begin_array()
        .value("core")
        .value("software")
        .value("simpleLicensing")
        .end_array();
    j.key("rootElement").begin_array().value(sbom_id).end_array().key("element").begin_array();
    for (const auto& e : elements)
        j.value(e);
    j.value(sbom_id).end_array().end_object();

    j.end_array().end_object();
    out += '\n';
    return out;
}

} // namespace kaiyuan::format::spdx3
