#include "kaiyuan/format/common.hpp"
#include "kaiyuan/format/cyclonedx/cyclonedx.hpp"
#include "kaiyuan/format/cyclonedx/document.hpp"
#include "kaiyuan/model/license_expression.hpp"

#include <nlohmann/json.hpp>

#include <map>

namespace kaiyuan::format::cyclonedx {

using nlohmann::ordered_json;

namespace {

// A lone license on the SPDX list goes in license.id (the schema checks it against its enum);
// anything else, LicenseRefs included, is an SPDX expression.
ordered_json licenses(const std::string& expression) {
    ordered_json arr = ordered_json::array();
    if (expression.empty()) return arr;
    auto parsed = model::LicenseExpression::parse(expression);
    if (parsed && parsed->kind() == model::LicenseExpression::Kind::license &&
        !model::canonical_license_id(parsed->id()).empty() &&
        parsed->id() == model::canonical_license_id(parsed->id())) {
        arr.push_back({{"license", {{"id", parsed->id()}}}});
    } else {
        arr.push_back({{"expression", expression}});
    }
    return arr;
}

ordered_json properties(const std::vector<std::pair<std::string, std::string>>& props) {
    ordered_json arr = ordered_json::array();
    for (const auto& [k, v] : props)
        arr.push_back({{"name", k}, {"value", v}});
    return arr;
}

const char* type_name(model::ComponentType t) {
    return model::to_string(t);
}

void acknowledge(ordered_json& ls, const char* how) {
    for (auto& l : ls) {
        if (l.contains("license"))
            l["license"]["acknowledgement"] = how;
        else
            l["acknowledgement"] = how;
    }
}

// CycloneDX allows a list of licenses or exactly one expression, never both. When declared and
// concluded cannot share one form, the concluded one travels as a property.
ordered_json license_choices(const model::Component& c,
                             std::vector<std::pair<std::string, std::string>>& props) {
    ordered_json declared = licenses(c.license_declared);
    ordered_json concluded = licenses(c.license_concluded);
    acknowledge(declared, "declared");
    acknowledge(concluded, "concluded");
    if (declared.empty()) return concluded;
    if (concluded.empty()) return declared;
    if (declared[0].contains("license") && concluded[0].contains("license")) {
        for (auto& l : concluded)
            declared.push_back(std::move(l));
        return declared;
    }
    props.emplace_back("kaiyuan:license:concluded", c.license_concluded);
    return declared;
}

} // namespace

nlohmann::ordered_json build_document(const model::Sbom& sbom) {
    const auto& m = sbom.metadata;
    ordered_json doc;
    doc["$schema"] = "http://cyclonedx.org/schema/bom-1.6.schema.json";
    doc["bomFormat"] = "CycloneDX";
    doc["specVersion"] = "1.6";
    doc["serialNumber"] = "urn:uuid:" + document_uuid(sbom);
    doc["version"] = 1;
    ordered_json meta;
    meta["timestamp"] = m.created.empty() ? now_rfc3339() : m.created;
    meta["tools"] = {
        {"components",
         ordered_json::array(
             {{{"type", "application"},
               {"author", "kaiyuan"},
               {"name", m.tool_name},
               {"version", m.tool_version.empty() ? k_tool_version : m.tool_version}}})}};
    const char* root_type =
        m.target_kind == "docker-archive" || m.target_kind == "oci-layout" ? "container"
        : m.target_kind == "rpm" || m.target_kind == "deb" || m.target_kind == "archive" ? "file"
        : m.target_kind == "directory" && !m.distro.empty() ? "container"
                                                            : "application";
    meta["component"] = {{"type", root_type},
                         {"bom-ref", "kaiyuan-root"},
                         {"name", m.name.empty() ? m.target : m.name}};
    auto mprops = metadata_properties(m);
    if (!mprops.empty()) meta["properties"] = properties(mprops);
    doc["metadata"] = std::move(meta);

    ordered_json comps = ordered_json::array();
    if (!m.distro.empty()) {
        ordered_json os = {
            {"type", "operating-system"}, {"bom-ref", k_distro_ref}, {"name", m.distro.id}};
        if (!m.distro.version_id.empty()) os["version"] = m.distro.version_id;
        if (!m.distro.pretty_name.empty()) os["description"] = m.distro.pretty_name;
        comps.push_back(std::move(os));
    }
    for (const auto& c : sbom.components) {
        ordered_json j;
        j["type"] = type_name(c.type);
        j["bom-ref"] = c.id;
        if (!c.supplier.empty()) {
            auto [name, mail] = split_contact(c.supplier);
            ordered_json s = {{"name", name}};
            if (!mail.empty()) s["contact"] = ordered_json::array({{{"email", mail}}});
            j["supplier"] = std::move(s);
        }
        j["name"] = c.name;
        if (!c.version.empty()) j["version"] = c.version;
        if (!c.description.empty()) j["description"] = c.description;
        if (!c.hashes.empty()) {
            ordered_json hs = ordered_json::array();
            for (const auto& h : c.hashes)
                hs.push_back({{"alg", cyclonedx_hash_name(h.algorithm)}, {"content", h.value}});
            j["hashes"] = std::move(hs);
        }
        auto props = extra_properties(c);
        if (auto ls = license_choices(c, props); !ls.empty()) j["licenses"] = std::move(ls);
        if (!c.purl.empty()) j["purl"] = c.purl;
        if (!c.homepage.empty())
            j["externalReferences"] =
                ordered_json::array({{{"type", "website"}, {"url", c.homepage}}});
        if (!props.empty()) j["properties"] = properties(props);
        comps.push_back(std::move(j));
    }
    doc["components"] = std::move(comps);

    std::map<std::string, std::vector<std::string>> deps;
    for (const auto& c : sbom.components)
        deps[c.id];
    for (const auto& r : sbom.relationships)
        if (r.type != model::RelationshipType::contains) deps[r.from].push_back(r.to);
    ordered_json dep_arr = ordered_json::array();
    ordered_json root_deps = ordered_json::array();
    for (const auto& c : sbom.components)
        root_deps.push_back(c.id);
    dep_arr.push_back({{"ref", "kaiyuan-root"}, {"dependsOn", std::move(root_deps)}});
    for (auto& [ref, on] : deps)
        dep_arr.push_back({{"ref", ref}, {"dependsOn", on}});
    doc["dependencies"] = std::move(dep_arr);
    return doc;
}

std::string write_json(const model::Sbom& sbom) {
    return build_document(sbom).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
           "\n";
}

} // namespace kaiyuan::format::cyclonedx
