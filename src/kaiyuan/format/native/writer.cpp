#include "kaiyuan/format/common.hpp"
#include "kaiyuan/format/native/native.hpp"

#include <nlohmann/json.hpp>

namespace kaiyuan::format::native {

using nlohmann::ordered_json;

std::string write(const model::Sbom& sbom) {
    ordered_json doc;
    doc["schema"] = "https://kaiyuan.invalid/schema/sbom-1.json";
    doc["kaiyuan"] = {{"version", k_tool_version}};
    const auto& m = sbom.metadata;
    ordered_json meta = {{"name", m.name},
                         {"target", m.target},
                         {"targetKind", m.target_kind},
                         {"created", m.created},
                         {"tool", {{"name", m.tool_name}, {"version", m.tool_version}}}};
    if (!m.distro.empty())
        meta["distro"] = {
            {"id", m.distro.id},          {"versionId", m.distro.version_id},
            {"name", m.distro.name},      {"prettyName", m.distro.pretty_name},
            {"idLike", m.distro.id_like}, {"versionCodename", m.distro.version_codename}};
    meta["properties"] = ordered_json::object();
    for (const auto& [k, v] : m.properties)
        meta["properties"][k] = v;
    doc["metadata"] = std::move(meta);
    ordered_json comps = ordered_json::array();
    for (const auto& c : sbom.components) {
        ordered_json j = {{"id", c.id},
                          {"type", model::to_string(c.type)},
                          {"packageType", c.package_type},
                          {"name", c.name},
                          {"version", c.version},
                          {"purl", c.purl},
                          {"arch", c.arch},
                          {"sourceName", c.source_name},
                          {"sourceVersion", c.source_version},
                          {"supplier", c.supplier},
                          {"description", c.description},
                          {"homepage", c.homepage},
                          {"licenseDeclared", c.license_declared},
                          {"licenseConcluded", c.license_concluded}};
        j["hashes"] = ordered_json::array();
        for (const auto& h : c.hashes)
            j["hashes"].push_back({{"algorithm", h.algorithm}, {"value", h.value}});
        j["locations"] = ordered_json::array();
        for (const auto& l : c.locations) {
            ordered_json lj = {{"path", l.path}};
            if (!l.layer.empty()) lj["layer"] = l.layer;
            if (l.line) lj["line"] = l.line;
            j["locations"].push_back(std::move(lj));
        }
        j["files"] = c.files;
        j["properties"] = ordered_json::object();
        for (const auto& [k, v] : c.properties)
            j["properties"][k] = v;
        comps.push_back(std::move(j));
    }
    doc["components"] = std::move(comps);
    ordered_json rels = ordered_json::array();
    for (const auto& r : sbom.relationships)
        rels.push_back({{"from", r.from}, {"to", r.to}, {"type", model::to_string(r.type)}});
    doc["relationships"] = std::move(rels);
    ordered_json diags = ordered_json::array();
    for (const auto& d : sbom.diagnostics) {
        ordered_json dj = {{"severity", model::to_string(d.severity)}, {"path", d.location.path}};
        if (!d.location.layer.empty()) dj["layer"] = d.location.layer;
        if (d.location.line) dj["line"] = d.location.line;
        dj["message"] = d.message;
        diags.push_back(std::move(dj));
    }
    doc["diagnostics"] = std::move(diags);
    return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

} // namespace kaiyuan::format::native
