#include "kaiyuan/format/common.hpp"
#include "kaiyuan/format/cyclonedx/cyclonedx.hpp"
#include "kaiyuan/model/license_names.hpp"

#include "kaiyuan/util/json_read.hpp"

#include <unordered_map>

namespace kaiyuan::format::cyclonedx {

namespace {
using simdjson::dom::element;

// licenses[] -> {declared, concluded} expressions. Entries without an acknowledgement count as
// declared (the CycloneDX default meaning of "licenses").
std::pair<std::string, std::string> read_licenses(element comp) {
    simdjson::dom::array arr;
    if (comp["licenses"].get(arr)) return {};
    std::vector<std::string> declared, concluded;
    for (element l : arr) {
        std::string expr, ack;
        element lic;
        if (!l["license"].get(lic)) {
            expr = util::json_string(lic, "id");
            if (expr.empty()) {
                std::string name = util::json_string(lic, "name");
                expr = name.empty() ? ""
                                    : model::to_spdx_expression(name, model::LicenseDialect::spdx);
            }
            ack = util::json_string(lic, "acknowledgement");
        } else {
            expr = util::json_string(l, "expression");
            ack = util::json_string(l, "acknowledgement");
        }
        if (expr.empty()) continue;
        (ack == "concluded" ? concluded : declared).push_back(expr);
    }
    auto join = [](const std::vector<std::string>& v) {
        std::string out;
        for (const auto& e : v) {
            if (!out.empty()) out += " AND ";
            out += v.size() > 1 && e.find(' ') != std::string::npos ? "(" + e + ")" : e;
        }
        return out;
    };
    return {join(declared), join(concluded)};
}

Result<model::Component> read_component(element j) {
    model::Component c;
    c.type = model::component_type_from_string(util::json_string(j, "type"));
    c.name = util::json_string(j, "name");
    if (c.name.empty()) return fail("a component has no name");
    c.version = util::json_string(j, "version");
    c.purl = util::json_string(j, "purl");
    c.description = util::json_string(j, "description");
    element supplier;
    if (!j["supplier"].get(supplier)) {
        std::string mail;
        simdjson::dom::array contacts;
        if (!supplier["contact"].get(contacts) && contacts.size() > 0)
            mail = util::json_string(contacts.at(0), "email");
        c.supplier = join_contact(util::json_string(supplier, "name"), mail);
    }
    auto [declared, concluded] = read_licenses(j);
    c.license_declared = declared;
    c.license_concluded = concluded;
    simdjson::dom::array arr;
    if (!j["hashes"].get(arr))
        for (element h : arr)
            c.hashes.push_back(
                {spdx_hash_name(util::json_string(h, "alg")), util::json_string(h, "content")});
    // The first website is the homepage and the first distribution the download location
    // (where SPDX has fields for them); every other reference is kept as it is.
    if (!j["externalReferences"].get(arr))
        for (element r : arr) {
            std::string type = util::json_string(r, "type"), url = util::json_string(r, "url");
            if (type == "website" && c.homepage.empty())
                c.homepage = url;
            else if (type == "distribution" && c.download_location.empty())
                c.download_location = url;
            else
                c.external_references.push_back({type, url, util::json_string(r, "comment")});
        }
    c.copyright = util::json_string(j, "copyright");
    if (std::string cpe = util::json_string(j, "cpe"); !cpe.empty()) c.cpes.push_back(cpe);
    if (!j["properties"].get(arr))
        for (element p : arr) {
            std::string name = util::json_string(p, "name"), value = util::json_string(p, "value");
            if (!name.starts_with("kaiyuan:"))
                c.other_properties.emplace_back(std::move(name), std::move(value)); // all kept
            else if (!apply_extra_property(c, name, value))
                c.properties[name] = value;
        }
    element evidence;
    if (!j["evidence"].get(evidence)) c.evidence = simdjson::minify(evidence);
    apply_group(c, util::json_string(j, "group"));
    // CycloneDX scope: "optional" is kaiyuan's optional scope; "excluded" (not part of what runs)
    // is a development or build dependency, told apart by kaiyuan:scope when kaiyuan wrote it.
    std::string scope = util::json_string(j, "scope");
    if (!c.properties.count("kaiyuan:scope")) {
        if (scope == "optional")
            c.properties["kaiyuan:scope"] = "optional";
        else if (scope == "excluded")
            c.properties["kaiyuan:scope"] = "dev";
    }
    finish_component(c);
    // The document's own reference, when it is not the one kaiyuan would give (kaiyuan's own
    // documents use the component id).
    if (std::string ref = util::json_string(j, "bom-ref"); ref != c.id) c.ref = std::move(ref);
    return c;
}

/// The makers of a document, in SPDX's creator form: metadata.tools (CycloneDX 1.5+ object with
/// components and services, or the older array), authors and the manufacturer. kaiyuan itself
/// is left out: every writer names the kaiyuan that writes.
std::vector<std::string> read_creators(element meta) {
    std::vector<std::string> out;
    auto tool = [&](element t) {
        std::string name = util::json_string(t, "name"), version = util::json_string(t, "version");
        if (name.empty() || name == "kaiyuan") return;
        out.push_back("Tool: " + name + (version.empty() ? "" : "-" + version));
    };
    element tools;
    simdjson::dom::array list;
    if (!meta["tools"].get(tools)) {
        if (!tools.get(list)) {
            for (element t : list)
                tool(t);
        } else {
            for (const char* kind : {"components", "services"})
                if (!tools[kind].get(list))
                    for (element t : list)
                        tool(t);
        }
    }
    if (!meta["authors"].get(list))
        for (element a : list) {
            std::string name = util::json_string(a, "name"), mail = util::json_string(a, "email");
            if (!name.empty())
                out.push_back("Person: " + name + (mail.empty() ? "" : " (" + mail + ")"));
        }
    for (const char* key : {"manufacturer", "manufacture"})
        if (std::string org = util::json_string(meta[key], "name"); !org.empty()) {
            out.push_back("Organization: " + org);
            break;
        }
    return out;
}
} // namespace

Result<model::Sbom> read_json(std::string_view text) {
    simdjson::dom::parser parser;
    auto parsed = util::parse_json(parser, text);
    if (!parsed) return unexpected(parsed.error());
    element doc = *parsed;
    if (util::json_string(doc, "bomFormat") != "CycloneDX")
        return fail("bomFormat is not CycloneDX");
    model::Sbom sbom;
    element meta;
    if (!doc["metadata"].get(meta)) {
        sbom.metadata.created = util::json_string(meta, "timestamp");
        element root;
        if (!meta["component"].get(root)) sbom.metadata.name = util::json_string(root, "name");
        sbom.metadata.creators = read_creators(meta);
        simdjson::dom::array props;
        if (!meta["properties"].get(props))
            for (element p : props)
                apply_metadata_property(sbom.metadata, util::json_string(p, "name"),
                                        util::json_string(p, "value"));
    }
    std::unordered_map<std::string, std::string> ref_to_id;
    simdjson::dom::array comps;
    if (!doc["components"].get(comps)) {
        // Nested components (CycloneDX allows a tree) are read depth-first.
        std::vector<element> stack(comps.begin(), comps.end());
        std::reverse(stack.begin(), stack.end());
        // One allocation for the top level: growing a vector of large components page by
        // page costs more than reading them.
        sbom.components.reserve(stack.size() + 1);
        while (!stack.empty()) {
            element j = stack.back();
            stack.pop_back();
            simdjson::dom::array nested;
            if (!j["components"].get(nested))
                for (auto it = nested.begin(); it != nested.end(); ++it)
                    stack.push_back(*it);
            std::string ref = util::json_string(j, "bom-ref");
            // The distribution: kaiyuan's own OS component, the first of another tool's, or
            // one that is the distribution the metadata names already.
            const auto& distro = sbom.metadata.distro;
            if (util::json_string(j, "type") == "operating-system" &&
                (ref == k_distro_ref || distro.empty() ||
                 (util::json_string(j, "name") == distro.id &&
                  util::json_string(j, "version") == distro.version_id &&
                  !sbom.metadata.properties.count(k_os_ref_property)))) {
                if (sbom.metadata.distro.id.empty())
                    sbom.metadata.distro.id = util::json_string(j, "name");
                if (sbom.metadata.distro.version_id.empty())
                    sbom.metadata.distro.version_id = util::json_string(j, "version");
                if (sbom.metadata.distro.pretty_name.empty())
                    sbom.metadata.distro.pretty_name = util::json_string(j, "description");
                if (!ref.empty() && ref != k_distro_ref)
                    sbom.metadata.properties[k_os_ref_property] = ref;
                simdjson::dom::array os_props;
                if (!j["properties"].get(os_props))
                    for (element p : os_props) {
                        std::string name = util::json_string(p, "name");
                        if (name.starts_with("kaiyuan:")) continue;
                        auto [at, fresh] = sbom.metadata.properties.emplace(
                            k_os_property_prefix + name, util::json_string(p, "value"));
                        if (!fresh) {
                            model::Diagnostic d;
                            d.severity = model::Severity::warning;
                            d.location.path = "operating-system component";
                            d.message =
                                "property '" + name + "' repeated: only its first value is kept";
                            sbom.diagnostics.push_back(std::move(d));
                        }
                    }
                continue;
            }
            auto c = read_component(j);
            if (!c) return unexpected(c.error());
            if (!ref.empty()) ref_to_id[ref] = c->id;
            sbom.components.push_back(std::move(*c));
        }
    }
    simdjson::dom::array deps;
    // The described component of another tool's BOM when it is a package (cdxgen: the project,
    // with a purl, whose dependsOn are the direct dependencies) is a component of its own, so
    // that direct and transitive dependencies stay apart. Without a purl it is the target
    // itself (trivy: the scanned path; kaiyuan: "kaiyuan-root"), whose name the metadata keeps.
    element root;
    if (!doc["metadata"]["component"].get(root)) {
        std::string ref = util::json_string(root, "bom-ref");
        if (!ref.empty() && ref != k_root_ref && util::json_string(root, "purl").empty())
            sbom.metadata.properties[k_root_ref_property] = ref;
        if (!util::json_string(root, "purl").empty() && ref != k_root_ref) {
            auto c = read_component(root);
            if (!c) return unexpected(c.error());
            if (!ref.empty()) ref_to_id[ref] = c->id;
            sbom.components.push_back(std::move(*c));
        }
    }
    if (!doc["dependencies"].get(deps))
        for (element d : deps) {
            auto from = ref_to_id.find(util::json_string(d, "ref"));
            if (from == ref_to_id.end()) continue;
            simdjson::dom::array on;
            if (d["dependsOn"].get(on)) continue;
            for (element t : on) {
                std::string_view sv;
                if (t.get(sv)) continue;
                auto to = ref_to_id.find(std::string(sv));
                if (to != ref_to_id.end())
                    sbom.relationships.push_back(
                        {from->second, to->second, model::RelationshipType::depends_on});
            }
        }
    return sbom;
}

} // namespace kaiyuan::format::cyclonedx
