// OSV schema 1.6 (https://ossf.github.io/osv-schema/): the fields kaiyuan matches and reports on.
// Unknown fields are ignored, as the schema asks of consumers.
#include "kaiyuan/vuln/osv_json.hpp"

#include "kaiyuan/util/json_read.hpp"
#include "kaiyuan/util/yaml.hpp"
#include "kaiyuan/vuln/severity.hpp"

#include <nlohmann/json.hpp>

namespace kaiyuan::vuln {

namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;
using util::json_string;

Result<RangeEvent> read_event(element e) {
    object o;
    if (e.get(o)) return fail("an event is not an object");
    for (auto [key, value] : o) {
        std::string_view v;
        if (value.get(v)) return fail("event '" + std::string(key) + "' is not a string");
        RangeEvent ev;
        ev.version = std::string(v);
        if (key == "introduced")
            ev.kind = RangeEvent::Kind::introduced;
        else if (key == "fixed")
            ev.kind = RangeEvent::Kind::fixed;
        else if (key == "last_affected")
            ev.kind = RangeEvent::Kind::last_affected;
        else if (key == "limit")
            ev.kind = RangeEvent::Kind::limit;
        else
            continue;
        return ev;
    }
    return fail("an event has none of introduced, fixed, last_affected, limit");
}

Result<Affected> read_affected(element e) {
    Affected a;
    element package;
    if (!e["package"].get(package)) {
        a.ecosystem = json_string(package, "ecosystem");
        a.name = json_string(package, "name");
        a.purl = json_string(package, "purl");
    }
    a.versions = util::json_strings(e, "versions");
    array ranges;
    if (!e["ranges"].get(ranges)) {
        for (element r : ranges) {
            AffectedRange range;
            range.type = json_string(r, "type");
            range.repo = json_string(r, "repo");
            array events;
            if (r["events"].get(events)) return fail("a range has no events");
            for (element ev : events) {
                auto event = read_event(ev);
                if (!event) return unexpected(event.error());
                range.events.push_back(std::move(*event));
            }
            if (range.type.empty()) return fail("a range has no type");
            a.ranges.push_back(std::move(range));
        }
    }
    return a;
}

Result<Advisory> read_record(element e) {
    Advisory adv;
    adv.id = json_string(e, "id");
    if (adv.id.empty()) return fail("a record has no id");
    adv.modified = json_string(e, "modified");
    if (adv.modified.empty()) return fail(adv.id + ": no 'modified' time");
    adv.published = json_string(e, "published");
    adv.withdrawn = json_string(e, "withdrawn");
    adv.summary = json_string(e, "summary");
    adv.details = json_string(e, "details");
    adv.aliases = util::json_strings(e, "aliases");
    adv.related = util::json_strings(e, "related");
    array list;
    if (!e["severity"].get(list))
        for (element s : list)
            adv.severity.push_back({json_string(s, "type"), json_string(s, "score")});
    if (!e["references"].get(list))
        for (element r : list)
            adv.references.push_back({json_string(r, "type"), json_string(r, "url")});
    if (!e["affected"].get(list)) {
        for (element a : list) {
            auto affected = read_affected(a);
            if (!affected) return fail(adv.id + ": " + affected.error().message);
            adv.affected.push_back(std::move(*affected));
        }
    }
    adv.stated_severity = json_string(e["database_specific"], "severity");
    // Sources that rate per package say so there: OSS-Fuzz in affected[].ecosystem_specific,
    // some GHSA exports in affected[].database_specific. The highest such rating stands for the
    // record when the record itself states none (OSV schema, "ecosystem_specific").
    if (adv.stated_severity.empty() && !e["affected"].get(list))
        for (element a : list)
            for (const char* field : {"ecosystem_specific", "database_specific"}) {
                std::string stated = json_string(a[field], "severity");
                if (severity_rank(normalize_stated_severity(stated)) >
                    severity_rank(normalize_stated_severity(adv.stated_severity)))
                    adv.stated_severity = stated;
            }
    return adv;
}

/// YAML scalars become JSON strings: OSV's fields are strings, and a version such as 1.10 must
/// keep its text.
void yaml_to_json(const util::YamlNode& node, nlohmann::json& out) {
    switch (node.kind) {
    case util::YamlNode::Kind::null:
        out = nullptr;
        break;
    case util::YamlNode::Kind::scalar:
        out = node.value;
        break;
    case util::YamlNode::Kind::mapping:
        out = nlohmann::json::object();
        for (const auto& entry : node.entries)
            yaml_to_json(entry.second, out[entry.first]);
        break;
    case util::YamlNode::Kind::sequence:
        out = nlohmann::json::array();
        for (const auto& item : node.items) {
            out.push_back(nullptr);
            yaml_to_json(item, out.back());
        }
        break;
    }
}

nlohmann::json affected_json(const Affected& af) {
    nlohmann::json x;
    if (!af.ecosystem.empty() || !af.name.empty()) {
        x["package"] = {{"ecosystem", af.ecosystem}, {"name", af.name}};
        if (!af.purl.empty()) x["package"]["purl"] = af.purl;
    }
    for (const auto& r : af.ranges) {
        nlohmann::json range{{"type", r.type}};
        if (!r.repo.empty()) range["repo"] = r.repo;
        range["events"] = nlohmann::json::array();
        for (const auto& ev : r.events) {
            static constexpr const char* names[] = {"introduced", "fixed", "last_affected",
                                                    "limit"};
            range["events"].push_back({{names[static_cast<int>(ev.kind)], ev.version}});
        }
        x["ranges"].push_back(std::move(range));
    }
    if (!af.versions.empty()) x["versions"] = af.versions;
    return x;
}

} // namespace

Result<std::vector<Advisory>> read_osv_json(std::string_view text) {
    thread_local simdjson::dom::parser parser;
    auto doc = util::parse_json(parser, text);
    if (!doc) return unexpected(doc.error());
    std::vector<Advisory> out;
    array records;
    if (!doc->get(records)) {
        for (element r : records) {
            auto adv = read_record(r);
            if (!adv) return unexpected(adv.error());
            out.push_back(std::move(*adv));
        }
        return out;
    }
    if (!doc->is_object()) return fail("not an OSV record (neither an object nor an array)");
    auto adv = read_record(*doc);
    if (!adv) return unexpected(adv.error());
    out.push_back(std::move(*adv));
    return out;
}

Result<std::vector<Advisory>> read_osv_yaml(std::string_view text) {
    auto node = util::parse_yaml(text);
    if (!node) return unexpected(node.error());
    if (!node->is_mapping()) return fail("not an OSV record (the YAML document is not a mapping)");
    nlohmann::json j;
    yaml_to_json(*node, j);
    return read_osv_json(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::string to_osv_json(const Advisory& a) {
    nlohmann::json j;
    j["id"] = a.id;
    j["modified"] = a.modified;
    if (!a.published.empty()) j["published"] = a.published;
    if (!a.withdrawn.empty()) j["withdrawn"] = a.withdrawn;
    if (!a.aliases.empty()) j["aliases"] = a.aliases;
    if (!a.related.empty()) j["related"] = a.related;
    if (!a.summary.empty()) j["summary"] = a.summary;
    if (!a.details.empty()) j["details"] = a.details;
    for (const auto& s : a.severity)
        j["severity"].push_back({{"type", s.type}, {"score", s.score}});
    for (const auto& af : a.affected)
        j["affected"].push_back(affected_json(af));
    for (const auto& r : a.references)
        j["references"].push_back({{"type", r.type}, {"url", r.url}});
    if (!a.stated_severity.empty()) j["database_specific"]["severity"] = a.stated_severity;
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string to_osv_json(const std::vector<Affected>& affected) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& af : affected)
        j.push_back(affected_json(af));
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<std::vector<Affected>> read_affected_json(std::string_view text) {
    thread_local simdjson::dom::parser parser;
    auto doc = util::parse_json(parser, text);
    if (!doc) return unexpected(doc.error());
    array list;
    if (doc->get(list)) return fail("affected entries are not an array");
    std::vector<Affected> out;
    for (element e : list) {
        auto a = read_affected(e);
        if (!a) return unexpected(a.error());
        out.push_back(std::move(*a));
    }
    return out;
}

} // namespace kaiyuan::vuln
