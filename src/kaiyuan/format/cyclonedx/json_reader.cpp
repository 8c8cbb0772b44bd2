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
    if (!j["externalReferences"].get(arr))
        for (element r : arr)
            if (util::json_string(r, "type") == "website" && c.homepage.empty())
                c.homepage = util::json_string(r, "url");
    if (!j["properties"].get(arr))
        for (element p : arr) {
            std::string name = util::json_string(p, "name"), value = util::json_string(p, "value");
            if (!apply_extra_property(c, name, value)) c.properties[name] = value;
        }
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
    return c;
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
        while (!stack.empty()) {
            element j = stack.back();
            stack.pop_back();
            simdjson::dom::array nested;
            if (!j["components"].get(nested))
                for (auto it = nested.begin(); it != nested.end(); ++it)
                    stack.push_back(*it);
            std::string ref = util::json_string(j, "bom-ref");
            if (util::json_string(j, "type") == "operating-system" &&
                (ref == k_distro_ref || sbom.metadata.distro.empty())) {
                if (sbom.metadata.distro.id.empty())
                    sbom.metadata.distro.id = util::json_string(j, "name");
                if (sbom.metadata.distro.version_id.empty())
                    sbom.metadata.distro.version_id = util::json_string(j, "version");
                if (sbom.metadata.distro.pretty_name.empty())
                    sbom.metadata.distro.pretty_name = util::json_string(j, "description");
                continue;
            }
            auto c = read_component(j);
            if (!c) return unexpected(c.error());
            if (!ref.empty()) ref_to_id[ref] = c->id;
            sbom.components.push_back(std::move(*c));
        }
    }
    simdjson::dom::array deps;
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
