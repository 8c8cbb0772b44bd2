#include "kaiyuan/format/cyclonedx/cyclonedx.hpp"

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <set>
#include <sstream>

namespace kaiyuan::format::cyclonedx {

using nlohmann::ordered_json;

namespace {

constexpr const char* k_namespace = "http://cyclonedx.org/schema/bom/1.6";

// JSON keys that are XML attributes (CycloneDX 1.6 XSD) rather than child elements.
const std::set<std::string>& attributes() {
    static const std::set<std::string> k = {"type", "bom-ref", "alg", "acknowledgement", "ref"};
    return k;
}

// JSON array key -> XML element name of each item.
std::string item_name(const std::string& array_key) {
    if (array_key == "components") return "component";
    if (array_key == "hashes") return "hash";
    if (array_key == "properties") return "property";
    if (array_key == "externalReferences") return "reference";
    if (array_key == "dependencies" || array_key == "dependsOn") return "dependency";
    if (array_key == "contact") return "contact";
    if (array_key == "authors") return "author";
    return "item";
}

void to_xml(pugi::xml_node parent, const std::string& key, const ordered_json& value);

void object_to_xml(pugi::xml_node node, const std::string& key, const ordered_json& obj) {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        if (attributes().contains(it.key()) && it->is_string()) {
            node.append_attribute(it.key().c_str()) = it->get<std::string>().c_str();
            continue;
        }
        // Leaf-with-attribute shapes: <hash alg="..">content</hash>, <property
        // name="..">value</property>, <expression acknowledgement="..">..</expression>.
        if ((key == "hashes" && it.key() == "content") ||
            (key == "properties" && it.key() == "value")) {
            node.text() = it->get<std::string>().c_str();
            continue;
        }
        if (key == "properties" && it.key() == "name") {
            node.append_attribute("name") = it->get<std::string>().c_str();
            continue;
        }
        to_xml(node, it.key(), *it);
    }
}

void to_xml(pugi::xml_node parent, const std::string& key, const ordered_json& value) {
    if (value.is_array()) {
        if (key == "licenses") { // <licenses><license>..</license> or
                                 // <expression>..</expression></licenses>
            auto list = parent.append_child("licenses");
            for (const auto& item : value) {
                if (item.contains("expression")) {
                    auto e = list.append_child("expression");
                    if (item.contains("acknowledgement"))
                        e.append_attribute("acknowledgement") =
                            item["acknowledgement"].get<std::string>().c_str();
                    e.text() = item["expression"].get<std::string>().c_str();
                } else {
                    auto l = list.append_child("license");
                    const auto& lic = item["license"];
                    if (lic.contains("acknowledgement"))
                        l.append_attribute("acknowledgement") =
                            lic["acknowledgement"].get<std::string>().c_str();
                    for (auto it = lic.begin(); it != lic.end(); ++it)
                        if (it.key() != "acknowledgement")
                            l.append_child(it.key().c_str()).text() =
                                it->get<std::string>().c_str();
                }
            }
            return;
        }
        if (key == "dependsOn") {
            for (const auto& item : value)
                parent.append_child("dependency").append_attribute("ref") =
                    item.get<std::string>().c_str();
            return;
        }
        if (key == "contact") {
            for (const auto& item : value)
                object_to_xml(parent.append_child("contact"), key, item);
            return;
        }
        auto list = parent.append_child(key.c_str());
        for (const auto& item : value) {
            auto child = list.append_child(item_name(key).c_str());
            if (item.is_object())
                object_to_xml(child, key, item);
            else
                child.text() = item.get<std::string>().c_str();
        }
        return;
    }
    if (value.is_object()) {
        object_to_xml(parent.append_child(key.c_str()), key, value);
        return;
    }
    auto node = parent.append_child(key.c_str());
    if (value.is_string())
        node.text() = value.get<std::string>().c_str();
    else
        node.text() = value.dump().c_str();
}

struct StringWriter final : pugi::xml_writer {
    std::string out;
    void write(const void* data, size_t size) override {
        out.append(static_cast<const char*>(data), size);
    }
};

// XML -> the JSON tree of the same document, so one reader serves both.

/// Components nest (assemblies); deeper than this is not an SBOM but an attack on the stack.
constexpr int k_max_component_depth = 64;

ordered_json component_from_xml(pugi::xml_node n, int depth, bool& too_deep);

ordered_json properties_from_xml(pugi::xml_node list) {
    ordered_json arr = ordered_json::array();
    for (auto p : list.children("property"))
        arr.push_back({{"name", p.attribute("name").value()}, {"value", p.text().get()}});
    return arr;
}

ordered_json component_from_xml(pugi::xml_node n, int depth, bool& too_deep) {
    ordered_json j;
    if (depth > k_max_component_depth) {
        too_deep = true;
        return j;
    }
    j["type"] = n.attribute("type").value();
    if (auto ref = n.attribute("bom-ref")) j["bom-ref"] = ref.value();
    for (const char* k :
         {"group", "name", "version", "description", "scope", "copyright", "cpe", "purl"})
        if (auto c = n.child(k)) j[k] = c.text().get();
    if (auto s = n.child("supplier")) {
        ordered_json sj = {{"name", s.child("name").text().get()}};
        if (auto c = s.child("contact"))
            sj["contact"] = ordered_json::array({{{"email", c.child("email").text().get()}}});
        j["supplier"] = std::move(sj);
    }
    if (auto hs = n.child("hashes")) {
        j["hashes"] = ordered_json::array();
        for (auto h : hs.children("hash"))
            j["hashes"].push_back(
                {{"alg", h.attribute("alg").value()}, {"content", h.text().get()}});
    }
    if (auto ls = n.child("licenses")) {
        j["licenses"] = ordered_json::array();
        for (auto l : ls.children()) {
            std::string ack = l.attribute("acknowledgement").value();
            if (std::string_view(l.name()) == "expression") {
                ordered_json e = {{"expression", l.text().get()}};
                if (!ack.empty()) e["acknowledgement"] = ack;
                j["licenses"].push_back(std::move(e));
            } else if (std::string_view(l.name()) == "license") {
                ordered_json lic;
                if (auto id = l.child("id")) lic["id"] = id.text().get();
                if (auto name = l.child("name")) lic["name"] = name.text().get();
                if (!ack.empty()) lic["acknowledgement"] = ack;
                j["licenses"].push_back({{"license", std::move(lic)}});
            }
        }
    }
    if (auto refs = n.child("externalReferences")) {
        j["externalReferences"] = ordered_json::array();
        for (auto r : refs.children("reference")) {
            ordered_json ref = {{"type", r.attribute("type").value()},
                                {"url", r.child("url").text().get()}};
            if (auto comment = r.child("comment")) ref["comment"] = comment.text().get();
            j["externalReferences"].push_back(std::move(ref));
        }
    }
    if (auto ps = n.child("properties")) j["properties"] = properties_from_xml(ps);
    if (auto cs = n.child("components")) {
        j["components"] = ordered_json::array();
        for (auto c : cs.children("component")) {
            j["components"].push_back(component_from_xml(c, depth + 1, too_deep));
            if (too_deep) break;
        }
    }
    return j;
}

} // namespace

std::string write_xml(const model::Sbom& sbom) {
    // The XML carries the same document as the JSON writer produces; mapping that JSON onto the
    // XSD's elements keeps one model-to-CycloneDX mapping for both encodings.
    ordered_json doc = ordered_json::parse(write_json(sbom));
    // Evidence is carried in JSON only: its XML shape differs from the JSON one in ways this
    // mapping does not model (losses() names it).
    for (auto& c : doc["components"])
        c.erase("evidence");
    pugi::xml_document xml;
    auto decl = xml.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    auto bom = xml.append_child("bom");
    bom.append_attribute("xmlns") = k_namespace;
    bom.append_attribute("serialNumber") = doc["serialNumber"].get<std::string>().c_str();
    bom.append_attribute("version") = 1;
    for (const char* key : {"metadata", "components", "dependencies"})
        if (doc.contains(key)) to_xml(bom, key, doc[key]);
    StringWriter w;
    xml.save(w, "  ", pugi::format_default, pugi::encoding_utf8);
    return w.out;
}

Result<model::Sbom> read_xml(std::string_view text) {
    auto json = xml_as_json(text);
    if (!json) return unexpected(json.error());
    return read_json(*json);
}

Result<std::string> xml_as_json(std::string_view text) {
    pugi::xml_document xml;
    auto parsed = xml.load_buffer(text.data(), text.size());
    if (!parsed)
        return fail(std::string("invalid XML at offset ") + std::to_string(parsed.offset) + ": " +
                    parsed.description());
    auto bom = xml.child("bom");
    if (!bom) return fail("no <bom> element");
    ordered_json doc = {{"bomFormat", "CycloneDX"}, {"specVersion", "1.6"}};
    bool too_deep = false;
    if (auto meta = bom.child("metadata")) {
        ordered_json m;
        if (auto t = meta.child("timestamp")) m["timestamp"] = t.text().get();
        if (auto c = meta.child("component")) m["component"] = component_from_xml(c, 0, too_deep);
        // The document's makers: <tools> (1.5+: <components>/<services>; before: <tool>),
        // <authors>, <manufacturer>.
        if (auto tools = meta.child("tools")) {
            ordered_json list = ordered_json::array();
            auto tool = [&](pugi::xml_node t) {
                list.push_back({{"name", t.child("name").text().get()},
                                {"version", t.child("version").text().get()}});
            };
            for (auto t : tools.children("tool"))
                tool(t);
            for (auto t : tools.child("components").children("component"))
                tool(t);
            for (auto t : tools.child("services").children("service"))
                tool(t);
            m["tools"] = std::move(list);
        }
        if (auto authors = meta.child("authors")) {
            m["authors"] = ordered_json::array();
            for (auto a : authors.children("author"))
                m["authors"].push_back({{"name", a.child("name").text().get()},
                                        {"email", a.child("email").text().get()}});
        }
        for (const char* key : {"manufacturer", "manufacture"})
            if (auto org = meta.child(key)) m[key] = {{"name", org.child("name").text().get()}};
        if (auto ps = meta.child("properties")) m["properties"] = properties_from_xml(ps);
        doc["metadata"] = std::move(m);
    }
    doc["components"] = ordered_json::array();
    for (auto c : bom.child("components").children("component"))
        doc["components"].push_back(component_from_xml(c, 0, too_deep));
    if (too_deep)
        return fail("components nested deeper than " + std::to_string(k_max_component_depth) +
                    " levels");
    doc["dependencies"] = ordered_json::array();
    for (auto d : bom.child("dependencies").children("dependency")) {
        ordered_json on = ordered_json::array();
        for (auto t : d.children("dependency"))
            on.push_back(t.attribute("ref").value());
        doc["dependencies"].push_back(
            {{"ref", d.attribute("ref").value()}, {"dependsOn", std::move(on)}});
    }
    return doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace kaiyuan::format::cyclonedx
