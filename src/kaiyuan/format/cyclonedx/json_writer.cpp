#include "kaiyuan/format/common.hpp"
#include "kaiyuan/format/cyclonedx/cyclonedx.hpp"
#include "kaiyuan/format/json_out.hpp"
#include "kaiyuan/model/license_expression.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cctype>
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

// CycloneDX 1.6 allows a list of licenses or exactly one expression, never both. When declared
// and concluded cannot share one form, the concluded one (what the files say, `scan
// --licenses`) takes licenses[] and the declared one travels as a property.
std::vector<LicenseChoice> license_choices(const model::Component& c, Props& props) {
    std::vector<LicenseChoice> out;
    if (!c.license_declared.empty()) out.push_back(classify(c.license_declared, "declared"));
    if (!c.license_concluded.empty()) {
        LicenseChoice concluded = classify(c.license_concluded, "concluded");
        if (out.empty() || (out.front().is_id && concluded.is_id)) {
            out.push_back(concluded);
        } else {
            props.emplace_back("kaiyuan:license:declared", c.license_declared);
            out = {concluded};
        }
    }
    return out;
}

void properties(JsonOut& j, const Props& props) {
    j.key("properties").begin_array();
    for (const auto& [k, v] : props)
        j.begin_object().field("name", k).field("value", v).end_object();
    j.end_array();
}

/// SPDX's downloadLocation may be NOASSERTION, NONE or a VCS locator; a CycloneDX reference
/// needs a URL.
bool is_url(std::string_view s) {
    return s.find("://") != std::string_view::npos;
}

/// "Tool: trivy-0.74.0" -> {"trivy", "0.74.0"}: the version is what follows the last '-' when
/// it starts with a digit.
std::pair<std::string, std::string> tool_name_version(std::string_view tool) {
    for (auto dash = tool.find('-'); dash != std::string_view::npos;
         dash = tool.find('-', dash + 1))
        if (dash + 1 < tool.size() && std::isdigit(static_cast<unsigned char>(tool[dash + 1])))
            return {std::string(tool.substr(0, dash)), std::string(tool.substr(dash + 1))};
    return {std::string(tool), {}};
}

bool is_json_object(std::string_view text) {
    thread_local simdjson::dom::parser parser;
    simdjson::dom::object object;
    return !parser.parse(text.data(), text.size()).get(object);
}

void component(JsonOut& j, const model::Component& c, std::string_view bom_ref) {
    j.begin_object();
    j.field("type", model::to_string(c.type)).field("bom-ref", bom_ref);
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
    j.field_if("copyright", c.copyright);
    if (!c.cpes.empty()) j.field("cpe", c.cpes.front()); // one in CycloneDX: see losses()
    j.field_if("purl", c.purl);
    bool download = is_url(c.download_location);
    if (!c.homepage.empty() || download || !c.external_references.empty()) {
        j.key("externalReferences").begin_array();
        if (!c.homepage.empty())
            j.begin_object().field("type", "website").field("url", c.homepage).end_object();
        if (download)
            j.begin_object()
                .field("type", "distribution")
                .field("url", c.download_location)
                .end_object();
        for (const auto& r : c.external_references)
            write_external_reference(j, r);
        j.end_array();
    }
    for (const auto& p : c.other_properties)
        props.push_back(p);
    // Evidence is inserted as JSON text: only when it is a JSON object (a document read from
    // anywhere could say anything); otherwise it travels as a property, like text.
    bool evidence = !c.evidence.empty() && is_json_object(c.evidence);
    if (!c.evidence.empty() && !evidence)
        props.emplace_back("kaiyuan:cyclonedx:evidence", c.evidence);
    // CycloneDX has one cpe: the others travel as properties.
    for (std::size_t i = 1; i < c.cpes.size(); ++i)
        props.emplace_back("kaiyuan:cpe", c.cpes[i]);
    if (!props.empty()) properties(j, props);
    if (evidence) j.key("evidence").raw(c.evidence);
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

    // The target's and the distribution's components keep the reference of the document it was read
    // from.
    std::string os_ref = k_distro_ref, root_ref = k_root_ref;
    if (auto it = m.properties.find(k_os_ref_property); it != m.properties.end())
        os_ref = it->second;
    if (auto it = m.properties.find(k_root_ref_property); it != m.properties.end())
        root_ref = it->second;
    j.key("metadata").begin_object();
    j.field("timestamp", m.created.empty() ? now_rfc3339() : m.created);
    j.key("tools").begin_object().key("components").begin_array().begin_object();
    j.field("type", "application").field("author", "kaiyuan").field("name", m.tool_name);
    j.field("version", m.tool_version.empty() ? std::string(k_tool_version) : m.tool_version);
    j.end_object();
    // The makers of a document that was read stay beside kaiyuan (SPDX creator form).
    std::vector<std::pair<std::string, std::string>> people;
    std::string organization;
    for (std::string_view creator : m.creators) {
        if (creator.starts_with("Tool: ")) {
            auto [name, version] = tool_name_version(creator.substr(6));
            j.begin_object().field("type", "application").field("name", name);
            j.field_if("version", version).end_object();
        } else if (creator.starts_with("Person: ")) {
            // SPDX: "Person: Jane Doe (jane@example.org)".
            std::string_view person = creator.substr(8);
            auto open = person.rfind(" (");
            if (open != std::string_view::npos && person.ends_with(')'))
                people.emplace_back(person.substr(0, open),
                                    person.substr(open + 2, person.size() - open - 3));
            else
                people.emplace_back(person, "");
        } else if (creator.starts_with("Organization: ") && organization.empty()) {
            organization = creator.substr(14);
        }
    }
    j.end_array().end_object();
    if (!organization.empty())
        j.key("manufacturer").begin_object().field("name", organization).end_object();
    if (!people.empty()) {
        j.key("authors").begin_array();
        for (const auto& [name, mail] : people)
            j.begin_object().field("name", name).field_if("email", mail).end_object();
        j.end_array();
    }
    j.key("component").begin_object();
    j.field("type", root_type(m))
        .field("bom-ref", root_ref)
        .field("name", m.name.empty() ? m.target : m.name);
    j.end_object();
    auto mprops = metadata_properties(m);
    // What CycloneDX says natively (the bom-refs and the OS component's properties) is not
    // repeated as properties; other formats carry it as such.
    std::erase_if(mprops, [](const auto& p) { return p.first.starts_with("kaiyuan:cyclonedx:"); });
    if (!mprops.empty()) properties(j, mprops);
    j.end_object();

    j.key("components").begin_array();
    if (!m.distro.empty()) {
        j.begin_object()
            .field("type", "operating-system")
            .field("bom-ref", os_ref)
            .field("name", m.distro.id);
        j.field_if("version", m.distro.version_id).field_if("description", m.distro.pretty_name);
        Props os_props;
        for (const auto& [k, v] : m.properties)
            if (k.starts_with(k_os_property_prefix))
                os_props.emplace_back(k.substr(std::string_view(k_os_property_prefix).size()), v);
        if (!os_props.empty()) properties(j, os_props);
        j.end_object();
    }
    auto refs = bom_refs(sbom);
    for (const auto& c : sbom.components)
        component(j, c, refs.at(c.id));
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
    // With a distribution, the target depends on it and the distribution on its top-level
    // packages (the shape trivy writes); language packages hang off the target.
    j.key("dependencies").begin_array();
    auto top = sbom.top_level();
    j.begin_object().field("ref", root_ref).key("dependsOn").begin_array();
    if (!m.distro.empty()) j.value(os_ref);
    for (std::size_t i : top)
        if (m.distro.empty() || !model::is_os_package(sbom.components[i]))
            j.value(refs.at(sbom.components[i].id));
    j.end_array().end_object();
    if (!m.distro.empty()) {
        j.begin_object().field("ref", os_ref).key("dependsOn").begin_array();
        for (std::size_t i : top)
            if (model::is_os_package(sbom.components[i])) j.value(refs.at(sbom.components[i].id));
        j.end_array().end_object();
    }
    for (auto& [ref, on] : deps) {
        // One entry per target: an edge found as both a dependency and a dev dependency (two
        // lockfiles of one project) is one "dependsOn", which the schema requires unique.
        std::sort(on.begin(), on.end());
        on.erase(std::unique(on.begin(), on.end()), on.end());
        j.begin_object().field("ref", refs.at(ref)).key("dependsOn").begin_array();
        for (auto to : on)
            j.value(refs.at(to));
        j.end_array().end_object();
    }
    j.end_array();
    j.end_object();
    out += '\n';
    return out;
}

} // namespace kaiyuan::format::cyclonedx
