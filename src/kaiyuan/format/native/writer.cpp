#include "kaiyuan/format/common.hpp"
#include "kaiyuan/format/json_out.hpp"
#include "kaiyuan/format/native/native.hpp"

namespace kaiyuan::format::native {

namespace {
void string_map(JsonOut& j, std::string_view key, const std::map<std::string, std::string>& m) {
    j.key(key).begin_object();
    for (const auto& [k, v] : m)
        j.field(k, v);
    j.end_object();
}
} // namespace

std::string write(const model::Sbom& sbom) {
    std::string out;
    std::size_t files = 0;
    for (const auto& c : sbom.components)
        files += c.files.size();
    out.reserve(1024 + sbom.components.size() * 1536 + files * 64);
    JsonOut j(out);
    j.begin_object();
    j.field("schema", "https://kaiyuan.invalid/schema/sbom-1.json");
    j.key("kaiyuan").begin_object().field("version", k_tool_version).end_object();
    const auto& m = sbom.metadata;
    j.key("metadata").begin_object();
    j.field("name", m.name)
        .field("target", m.target)
        .field("targetKind", m.target_kind)
        .field("created", m.created);
    j.key("tool")
        .begin_object()
        .field("name", m.tool_name)
        .field("version", m.tool_version)
        .end_object();
    if (!m.creators.empty()) {
        j.key("creators").begin_array();
        for (const auto& c : m.creators)
            j.value(c);
        j.end_array();
    }
    if (!m.distro.empty()) {
        j.key("distro").begin_object();
        j.field("id", m.distro.id)
            .field("versionId", m.distro.version_id)
            .field("name", m.distro.name);
        j.field("prettyName", m.distro.pretty_name).field("idLike", m.distro.id_like);
        j.field("versionCodename", m.distro.version_codename).end_object();
    }
    string_map(j, "properties", m.properties);
    j.end_object();

    j.key("components").begin_array();
    for (const auto& c : sbom.components) {
        j.begin_object();
        j.field("id", c.id)
            .field("type", model::to_string(c.type))
            .field("packageType", c.package_type);
        j.field("name", c.name)
            .field("version", c.version)
            .field("purl", c.purl)
            .field("arch", c.arch);
        j.field("sourceName", c.source_name).field("sourceVersion", c.source_version);
        j.field("supplier", c.supplier)
            .field("description", c.description)
            .field("homepage", c.homepage);
        j.field("licenseDeclared", c.license_declared)
            .field("licenseConcluded", c.license_concluded);
        j.key("hashes").begin_array();
        for (const auto& h : c.hashes)
            j.begin_object().field("algorithm", h.algorithm).field("value", h.value).end_object();
        j.end_array();
        j.key("locations").begin_array();
        for (const auto& l : c.locations) {
            j.begin_object().field("path", l.path).field_if("layer", l.layer);
            if (l.line) j.field("line", static_cast<std::int64_t>(l.line));
            j.end_object();
        }
        j.end_array();
        j.key("files").begin_array();
        for (const auto& f : c.files)
            j.value(f);
        j.end_array();
        string_map(j, "properties", c.properties);
        // What another tool's document said, only when there is something.
        j.field_if("ref", c.ref)
            .field_if("copyright", c.copyright)
            .field_if("downloadLocation", c.download_location);
        if (!c.cpes.empty()) {
            j.key("cpes").begin_array();
            for (const auto& cpe : c.cpes)
                j.value(cpe);
            j.end_array();
        }
        if (!c.external_references.empty()) {
            j.key("externalReferences").begin_array();
            for (const auto& r : c.external_references)
                write_external_reference(j, r);
            j.end_array();
        }
        if (!c.other_properties.empty()) {
            j.key("otherProperties").begin_array();
            for (const auto& [k, v] : c.other_properties)
                j.begin_object().field("name", k).field("value", v).end_object();
            j.end_array();
        }
        j.field_if("evidence", c.evidence);
        j.end_object();
    }
    j.end_array();

    j.key("relationships").begin_array();
    for (const auto& r : sbom.relationships)
        j.begin_object()
            .field("from", r.from)
            .field("to", r.to)
            .field("type", model::to_string(r.type))
            .end_object();
    j.end_array();

    j.key("diagnostics").begin_array();
    for (const auto& d : sbom.diagnostics) {
        j.begin_object()
            .field("severity", model::to_string(d.severity))
            .field("path", d.location.path);
        j.field_if("layer", d.location.layer);
        if (d.location.line) j.field("line", static_cast<std::int64_t>(d.location.line));
        j.field("message", d.message).end_object();
    }
    j.end_array();
    j.end_object();
    out += '\n';
    return out;
}

} // namespace kaiyuan::format::native
