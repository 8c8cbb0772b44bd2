#include "kaiyuan/format/native/native.hpp"

#include "kaiyuan/util/json_read.hpp"

namespace kaiyuan::format::native {

namespace {
using simdjson::dom::element;

model::RelationshipType relationship_type(std::string_view s) {
    if (s == "contains") return model::RelationshipType::contains;
    if (s == "dev-depends-on") return model::RelationshipType::dev_depends_on;
    if (s == "optional-depends-on") return model::RelationshipType::optional_depends_on;
    return model::RelationshipType::depends_on;
}
} // namespace

Result<model::Sbom> read(std::string_view text) {
    simdjson::dom::parser parser;
    auto parsed = util::parse_json(parser, text);
    if (!parsed) return unexpected(parsed.error());
    element doc = *parsed;
    model::Sbom sbom;
    element meta;
    if (!doc["metadata"].get(meta)) {
        auto& m = sbom.metadata;
        m.name = util::json_string(meta, "name");
        m.target = util::json_string(meta, "target");
        m.target_kind = util::json_string(meta, "targetKind");
        m.created = util::json_string(meta, "created");
        element tool;
        if (!meta["tool"].get(tool)) {
            m.tool_name = util::json_string(tool, "name");
            m.tool_version = util::json_string(tool, "version");
        }
        m.creators = util::json_strings(meta, "creators");
        element d;
        if (!meta["distro"].get(d)) {
            m.distro = {util::json_string(d, "id"),     util::json_string(d, "versionId"),
                        util::json_string(d, "name"),   util::json_string(d, "prettyName"),
                        util::json_string(d, "idLike"), util::json_string(d, "versionCodename")};
        }
        simdjson::dom::object props;
        if (!meta["properties"].get(props))
            for (auto [k, v] : props) {
                std::string_view sv;
                if (!v.get(sv)) m.properties[std::string(k)] = std::string(sv);
            }
    }
    simdjson::dom::array comps;
    if (doc["components"].get(comps)) return fail("no components array");
    for (element j : comps) {
        model::Component c;
        c.id = util::json_string(j, "id");
        c.type = model::component_type_from_string(util::json_string(j, "type"));
        c.package_type = util::json_string(j, "packageType");
        c.name = util::json_string(j, "name");
        c.version = util::json_string(j, "version");
        c.purl = util::json_string(j, "purl");
        c.arch = util::json_string(j, "arch");
        c.source_name = util::json_string(j, "sourceName");
        c.source_version = util::json_string(j, "sourceVersion");
        c.supplier = util::json_string(j, "supplier");
        c.description = util::json_string(j, "description");
        c.homepage = util::json_string(j, "homepage");
        c.license_declared = util::json_string(j, "licenseDeclared");
        c.license_concluded = util::json_string(j, "licenseConcluded");
        simdjson::dom::array arr;
        if (!j["hashes"].get(arr))
            for (element h : arr)
                c.hashes.push_back(
                    {util::json_string(h, "algorithm"), util::json_string(h, "value")});
        if (!j["locations"].get(arr))
            for (element l : arr) {
                std::uint64_t line = 0;
                if (l["line"].get(line)) line = 0;
                c.locations.push_back({util::json_string(l, "path"), util::json_string(l, "layer"),
                                       static_cast<std::uint32_t>(line)});
            }
        if (!j["files"].get(arr))
            for (element f : arr) {
                std::string_view sv;
                if (!f.get(sv)) c.files.emplace_back(sv);
            }
        simdjson::dom::object props;
        if (!j["properties"].get(props))
            for (auto [k, v] : props) {
                std::string_view sv;
                if (!v.get(sv)) c.properties[std::string(k)] = std::string(sv);
            }
        c.ref = util::json_string(j, "ref");
        c.copyright = util::json_string(j, "copyright");
        c.download_location = util::json_string(j, "downloadLocation");
        c.cpes = util::json_strings(j, "cpes");
        if (!j["externalReferences"].get(arr))
            for (element r : arr)
                c.external_references.push_back({util::json_string(r, "type"),
                                                 util::json_string(r, "url"),
                                                 util::json_string(r, "comment")});
        if (!j["otherProperties"].get(arr))
            for (element p : arr)
                c.other_properties.emplace_back(util::json_string(p, "name"),
                                                util::json_string(p, "value"));
        c.evidence = util::json_string(j, "evidence");
        if (c.name.empty()) return fail("a component has no name");
        if (c.id.empty()) model::assign_id(c);
        sbom.components.push_back(std::move(c));
    }
    simdjson::dom::array rels;
    if (!doc["relationships"].get(rels))
        for (element r : rels)
            sbom.relationships.push_back({util::json_string(r, "from"), util::json_string(r, "to"),
                                          relationship_type(util::json_string(r, "type"))});
    return sbom;
}

} // namespace kaiyuan::format::native
