#include "kaiyuan/format/native/native.hpp"

#include <simdjson.h>

namespace kaiyuan::format::native {

namespace {
using simdjson::dom::element;

std::string str(element e, const char* key) {
    std::string_view sv;
    if (e[key].get(sv)) return {};
    return std::string(sv);
}

model::RelationshipType relationship_type(std::string_view s) {
    if (s == "contains") return model::RelationshipType::contains;
    if (s == "dev-depends-on") return model::RelationshipType::dev_depends_on;
    if (s == "optional-depends-on") return model::RelationshipType::optional_depends_on;
    return model::RelationshipType::depends_on;
}
} // namespace

Result<model::Sbom> read(std::string_view text) {
    simdjson::dom::parser parser;
    element doc;
    if (auto err = parser.parse(text.data(), text.size()).get(doc))
        return fail(std::string("invalid JSON: ") + simdjson::error_message(err));
    model::Sbom sbom;
    element meta;
    if (!doc["metadata"].get(meta)) {
        auto& m = sbom.metadata;
        m.name = str(meta, "name");
        m.target = str(meta, "target");
        m.target_kind = str(meta, "targetKind");
        m.created = str(meta, "created");
        element tool;
        if (!meta["tool"].get(tool)) {
            m.tool_name = str(tool, "name");
            m.tool_version = str(tool, "version");
        }
        element d;
        if (!meta["distro"].get(d)) {
            m.distro = {str(d, "id"),         str(d, "versionId"), str(d, "name"),
                        str(d, "prettyName"), str(d, "idLike"),    str(d, "versionCodename")};
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
        c.id = str(j, "id");
        c.type = model::component_type_from_string(str(j, "type"));
        c.package_type = str(j, "packageType");
        c.name = str(j, "name");
        c.version = str(j, "version");
        c.purl = str(j, "purl");
        c.arch = str(j, "arch");
        c.source_name = str(j, "sourceName");
        c.source_version = str(j, "sourceVersion");
        c.supplier = str(j, "supplier");
        c.description = str(j, "description");
        c.homepage = str(j, "homepage");
        c.license_declared = str(j, "licenseDeclared");
        c.license_concluded = str(j, "licenseConcluded");
        simdjson::dom::array arr;
        if (!j["hashes"].get(arr))
            for (element h : arr)
                c.hashes.push_back({str(h, "algorithm"), str(h, "value")});
        if (!j["locations"].get(arr))
            for (element l : arr) {
                std::uint64_t line = 0;
                if (l["line"].get(line)) line = 0;
                c.locations.push_back(
                    {str(l, "path"), str(l, "layer"), static_cast<std::uint32_t>(line)});
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
        if (c.name.empty()) return fail("a component has no name");
        if (c.id.empty()) model::assign_id(c);
        sbom.components.push_back(std::move(c));
    }
    simdjson::dom::array rels;
    if (!doc["relationships"].get(rels))
        for (element r : rels)
            sbom.relationships.push_back(
                {str(r, "from"), str(r, "to"), relationship_type(str(r, "type"))});
    return sbom;
}

} // namespace kaiyuan::format::native
