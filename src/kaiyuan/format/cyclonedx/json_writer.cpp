#include "kaiyuan/format/common.hpp"
#include "kaiyuan/format/cyclonedx/cyclonedx.hpp"
#include "kaiyuan/format/json_out.hpp"
#include "kaiyuan/model/license_expression.hpp"

#include <algorithm>
#include <map>

namespace kaiyuan::format::cyclonedx {

namespace {

using Props = std::vector<std::pair<std::string, std::string>>;

struct LicenseChoice {
    std::string text;   ///< an id or an expression
    bool is_id = false; ///< license.id rather than expression
    const char* acknowledgement = "declared";
};

// A lone license on the SPDX list goes in license.id (the schema checks it against its enum);
// anything else, LicenseRefs included, is an SPDX expression.
LicenseChoice classify(const std::string& expression, const char* acknowledgement) {
    auto parsed = model::LicenseExpression::parse(expression);
    bool id = parsed && parsed->kind() == model::LicenseExpression::Kind::license &&
              model::canonical_license_id(parsed->id()) == parsed->id();
    return {expression, id, acknowledgement};
}

// CycloneDX allows a list of licenses or exactly one expression, never both. When declared and
// concluded cannot share one form, the concluded one travels as a property.
std::vector<LicenseChoice> license_choices(const model::Component& c, Props& props) {
    std::vector<LicenseChoice> out;
    if (!c.license_declared.empty()) out.push_back(classify(c.license_declared, "declared"));
    if (!c.license_concluded.empty()) {
        LicenseChoice concluded = classify(c.license_concluded, "concluded");
        if (out.empty() || (out.front().is_id && concluded.is_id))
            out.push_back(concluded);
        else
            props.emplace_back("kaiyuan:license:concluded", c.license_concluded);
    }
    return out;
}

void properties(JsonOut& j, const Props& props) {
    j.key("properties").begin_array();
    for (const auto& [k, v] : props)
        j.begin_object().field("name", k).field("value", v).end_object();
    j.end_array();
}

void component(JsonOut& j, const model::Component& c) {
    j.begin_object();
    j.field("type", model::to_string(c.type)).field("bom-ref", c.id);
    if (!c.supplier.empty()) {
        auto [name, mail] = split_contact(c.supplier);
        j.key("supplier").begin_object().field("name", name);
        if (!mail.empty())
            j.key("contact")
                .begin_array()
                .begin_object()
                .field("email", mail)
                .end_object()
                .end_array();
        j.end_object();
    }
    auto [group, name] = group_and_name(c);
    j.field_if("group", group).field("name", name);
    j.field_if("version", c.version).field_if("description", c.description);
    // CycloneDX scope: "excluded" documents use for tests and builds, not at run time.
    if (auto s = c.properties.find("kaiyuan:scope"); s != c.properties.end())
        j.field_if("scope", s->second == "optional"                      ? "optional"
                            : s->second == "dev" || s->second == "build" ? "excluded"
                                                                         : "");
    if (!c.hashes.empty()) {
        j.key("hashes").begin_array();
        for (const auto& h : c.hashes)
            j.begin_object()
                .field("alg", cyclonedx_hash_name(h.algorithm))
                .field("content", h.value)
                .end_object();
        j.end_array();
    }
    Props props = extra_properties(c);
    auto licenses = license_choices(c, props);
    if (!licenses.empty()) {
        j.key("licenses").begin_array();
        for (const auto& l : licenses) {
            j.begin_object();
            if (l.is_id) {
                j.key("license")
                    .begin_object()
                    .field("id", l.text)
                    .field("acknowledgement", l.acknowledgement)
                    .end_object();
            } else {
                j.field("expression", l.text).field("acknowledgement", l.acknowledgement);
            }
            j.end_object();
        }
        j.end_array();
    }
    j.field_if("purl", c.purl);
    if (!c.homepage.empty())
        j.key("externalReferences")
            .begin_array()
            .begin_object()
            .field("type", "website")
            .field("url", c.homepage)
            .end_object()
            .end_array();
    if (!props.empty()) properties(j, props);
    j.end_object();
}

const char* root_type(const model::SbomMetadata& m) {
    if (m.target_kind == "docker-archive" || m.target_kind == "oci-layout") return "container";
    if (m.target_kind == "rpm" || m.target_kind == "deb" || m.target_kind == "archive")
        return "file";
    if (m.target_kind == "directory" && !m.distro.empty()) return "container";
    return "application";
}

} // namespace

std::string write_json(const model::Sbom& sbom) {
    const auto& m = sbom.metadata;
    std::string out;
    out.reserve(1024 + sbom.components.size() * 1536);
    JsonOut j(out);
    j.begin_object();
    j.field("$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json")
        .field("bomFormat", "CycloneDX")
        .field("specVersion", "1.6")
        .field("serialNumber", "urn:uuid:" + document_uuid(sbom))
        .field("version", std::int64_t{1});

    j.key("metadata").begin_object();
    j.field("timestamp", m.created.empty() ? now_rfc3339() : m.created);
    j.key("tools").begin_object().key("components").begin_array().begin_object();
    j.field("type", "application").field("author", "kaiyuan").field("name", m.tool_name);
    j.field("version", m.tool_version.empty() ? std::string(k_tool_version) : m.tool_version);
    j.end_object().end_array().end_object();
    j.key("component").begin_object();
    j.field("type", root_type(m))
        .field("bom-ref", "kaiyuan-root")
        .field("name", m.name.empty() ? m.target : m.name);
    j.end_object();
    auto mprops = metadata_properties(m);
    if (!mprops.empty()) properties(j, mprops);
    j.end_object();

    j.key("components").begin_array();
    if (!m.distro.empty()) {
        j.begin_object()
            .field("type", "operating-system")
            .field("bom-ref", k_distro_ref)
            .field("name", m.distro.id);
        j.field_if("version", m.distro.version_id)
            .field_if("description", m.distro.pretty_name)
            .end_object();
    }
    for (const auto& c : sbom.components)
        component(j, c);
    j.end_array();

    // The root depends on what the target brings in itself (the project of a lockfile, the
    // packages nothing else needs), so that direct and transitive dependencies stay apart; each
    // component lists what it depends on (an empty list says "nothing", which CycloneDX
    // distinguishes from "unknown").
    std::map<std::string_view, std::vector<std::string_view>> deps;
    for (const auto& c : sbom.components)
        deps[c.id];
    for (const auto& r : sbom.relationships)
        if (r.type != model::RelationshipType::contains) deps[r.from].push_back(r.to);
    j.key("dependencies").begin_array();
    j.begin_object().field("ref", "kaiyuan-root").key("dependsOn").begin_array();
    for (std::size_t i : sbom.top_level())
        j.value(sbom.components[i].id);
    j.end_array().end_object();
    for (auto& [ref, on] : deps) {
        // One entry per target: an edge found as both a dependency and a dev dependency (two
        // lockfiles of one project) is one "dependsOn", which the schema requires unique.
        std::sort(on.begin(), on.end());
        on.erase(std::unique(on.begin(), on.end()), on.end());
        j.begin_object().field("ref", ref).key("dependsOn").begin_array();
        for (auto to : on)
            j.value(to);
        j.end_array().end_object();
    }
    j.end_array();
    j.end_object();
    out += '\n';
    return out;
}

} // namespace kaiyuan::format::cyclonedx
