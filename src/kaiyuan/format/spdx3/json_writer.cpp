#include "kaiyuan/format/common.hpp"
#include "kaiyuan/format/spdx3/spdx3.hpp"
#include "kaiyuan/util/hash.hpp"
#include "kaiyuan/util/strings.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <map>

namespace kaiyuan::format::spdx3 {

using nlohmann::ordered_json;

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

} // namespace

std::string write_json(const model::Sbom& sbom) {
    const auto& m = sbom.metadata;
    std::string ns = "https://kaiyuan.invalid/spdx3/" + document_uuid(sbom) + "#";
    ordered_json graph = ordered_json::array();
    std::vector<std::string> elements;
    auto element = [&](ordered_json j) {
        elements.push_back(j["spdxId"].get<std::string>());
        graph.push_back(std::move(j));
    };

    graph.push_back({{"type", "CreationInfo"},
                     {"@id", k_ci},
                     {"specVersion", "3.0.1"},
                     {"created", m.created.empty() ? now_rfc3339() : m.created},
                     {"createdBy", {ns + "agent-kaiyuan"}},
                     {"createdUsing", {ns + "tool-kaiyuan"}}});
    element({{"type", "SoftwareAgent"},
             {"spdxId", ns + "agent-kaiyuan"},
             {"creationInfo", k_ci},
             {"name", "kaiyuan"}});
    element({{"type", "Tool"},
             {"spdxId", ns + "tool-kaiyuan"},
             {"creationInfo", k_ci},
             {"name",
              "kaiyuan-" + std::string(m.tool_version.empty() ? k_tool_version : m.tool_version)}});

    std::string root_id = ns + "root";
    const char* root_purpose =
        m.target_kind == "docker-archive" || m.target_kind == "oci-layout" ? "container"
        : m.target_kind == "rpm" || m.target_kind == "deb" || m.target_kind == "archive" ? "archive"
                                                                                         : "source";
    element({{"type", "software_Package"},
             {"spdxId", root_id},
             {"creationInfo", k_ci},
             {"name", m.name.empty() ? (m.target.empty() ? "kaiyuan-sbom" : m.target) : m.name},
             {"software_primaryPurpose", root_purpose}});
    std::vector<std::string> contained;
    if (!m.distro.empty()) {
        ordered_json os = {{"type", "software_Package"},
                           {"spdxId", ns + "operating-system"},
                           {"creationInfo", k_ci},
                           {"name", m.distro.id}};
        if (!m.distro.pretty_name.empty()) os["summary"] = m.distro.pretty_name;
        if (!m.distro.version_id.empty()) os["software_packageVersion"] = m.distro.version_id;
        os["software_primaryPurpose"] = "operatingSystem";
        contained.push_back(ns + "operating-system");
        element(std::move(os));
    }

    std::map<std::string, std::string> orgs;     // supplier -> id
    std::map<std::string, std::string> licenses; // expression -> id
    std::map<std::string, std::string> ids;      // component id -> spdxId
    std::vector<ordered_json> relationships;
    auto license_id = [&](const std::string& expr) {
        auto [it, inserted] = licenses.emplace(expr, ns + "license-" + hash_suffix(expr));
        if (inserted)
            element({{"type", "simplelicensing_LicenseExpression"},
                     {"spdxId", it->second},
                     {"creationInfo", k_ci},
                     {"simplelicensing_licenseExpression", expr}});
        return it->second;
    };
    std::size_t rel_n = 0;
    auto relationship = [&](const std::string& from, const char* type,
                            std::vector<std::string> to) {
        relationships.push_back({{"type", "Relationship"},
                                 {"spdxId", ns + "relationship-" + std::to_string(++rel_n)},
                                 {"creationInfo", k_ci},
                                 {"from", from},
                                 {"relationshipType", type},
                                 {"to", std::move(to)}});
    };
    for (const auto& c : sbom.components) {
        std::string id = ns + "package-" + c.id;
        ids[c.id] = id;
        contained.push_back(id);
        ordered_json j = {
            {"type", "software_Package"}, {"spdxId", id}, {"creationInfo", k_ci}, {"name", c.name}};
        std::string comment;
        for (const auto& [k, v] : extra_properties(c))
            comment += k + "=" + v + "\n";
        if (!comment.empty()) j["comment"] = comment;
        if (!c.description.empty()) j["summary"] = c.description;
        if (!c.hashes.empty()) {
            ordered_json hs = ordered_json::array();
            for (const auto& h : c.hashes)
                hs.push_back({{"type", "Hash"},
                              {"algorithm", hash_algorithm(h.algorithm)},
                              {"hashValue", h.value}});
            j["verifiedUsing"] = std::move(hs);
        }
        if (!c.supplier.empty()) {
            auto [it, inserted] =
                orgs.emplace(c.supplier, ns + "organization-" + hash_suffix(c.supplier));
            if (inserted)
                element({{"type", "Organization"},
                         {"spdxId", it->second},
                         {"creationInfo", k_ci},
                         {"name", c.supplier}});
            j["suppliedBy"] = it->second;
        }
        j["software_primaryPurpose"] = purpose(c.type);
        if (!c.homepage.empty()) j["software_homePage"] = c.homepage;
        if (!c.purl.empty()) j["software_packageUrl"] = c.purl;
        if (!c.version.empty()) j["software_packageVersion"] = c.version;
        if (!c.source_name.empty())
            j["software_sourceInfo"] = "built from source package " + c.source_name +
                                       (c.source_version.empty() ? "" : " " + c.source_version);
        element(std::move(j));
        if (!c.license_declared.empty())
            relationship(id, "hasDeclaredLicense", {license_id(c.license_declared)});
        if (!c.license_concluded.empty())
            relationship(id, "hasConcludedLicense", {license_id(c.license_concluded)});
    }
    if (!contained.empty()) relationship(root_id, "contains", contained);
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
        relationship(key.first, key.second.c_str(), std::move(to));
    for (auto& r : relationships) {
        elements.push_back(r["spdxId"].get<std::string>());
        graph.push_back(std::move(r));
    }

    std::string sbom_id = ns + "sbom";
    graph.push_back({{"type", "software_Sbom"},
                     {"spdxId", sbom_id},
                     {"creationInfo", k_ci},
                     {"rootElement", {root_id}},
                     {"element", elements},
                     {"software_sbomType", {"analyzed"}}});
    std::string doc_comment;
    for (const auto& [k, v] : metadata_properties(m))
        doc_comment += k + "=" + v + "\n";
    ordered_json doc = {
        {"type", "SpdxDocument"},
        {"spdxId", ns + "document"},
        {"creationInfo", k_ci},
        {"name", m.name.empty() ? (m.target.empty() ? "kaiyuan-sbom" : m.target) : m.name}};
    if (!doc_comment.empty()) doc["comment"] = doc_comment;
    doc["dataLicense"] = "https://spdx.org/licenses/CC0-1.0";
    doc["profileConformance"] = {"core", "software", "simpleLicensing"};
    doc["rootElement"] = {sbom_id};
    elements.push_back(sbom_id);
    doc["element"] = elements;
    graph.push_back(std::move(doc));
    ordered_json out = {{"@context", "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"},
                        {"@graph", std::move(graph)}};
    return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

} // namespace kaiyuan::format::spdx3
