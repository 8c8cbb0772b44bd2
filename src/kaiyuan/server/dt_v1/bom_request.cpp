#include "kaiyuan/server/dt_v1/bom_request.hpp"

#include "kaiyuan/server/views.hpp"
#include "kaiyuan/util/random.hpp"
#include "kaiyuan/util/strings.hpp"

#include <nlohmann/json.hpp>

namespace kaiyuan::server::dt_v1 {

namespace {

Result<void> check_target(const BomRequest& r) {
    if (r.project.empty() && r.project_name.empty())
        return fail("name the project: 'project' (its UUID) or 'projectName' and 'projectVersion'");
    if (!r.project.empty() && !util::is_uuid(r.project))
        return fail("'project' is not a UUID: '" + r.project + "'");
    if (r.bom.empty()) return fail("'bom' is missing or empty");
    return {};
}

} // namespace

Result<BomRequest> parse_bom_json(std::string_view body) {
    auto parsed = parse_json_body(body, "BOM upload");
    if (!parsed) return unexpected(parsed.error());
    const nlohmann::json& j = *parsed;
    if (!j.is_object())
        return fail("BOM upload: expected a JSON object with 'bom' and the project");
    BomRequest r;
    for (auto [key, field] : {std::pair{"project", &r.project},
                              {"projectName", &r.project_name},
                              {"projectVersion", &r.project_version},
                              {"parentUUID", &r.parent_uuid},
                              {"parentName", &r.parent_name},
                              {"parentVersion", &r.parent_version}}) {
        if (!j.contains(key) || j[key].is_null()) continue;
        if (!j[key].is_string())
            return fail(std::string("BOM upload: '") + key + "' must be a string");
        *field = j[key].get<std::string>();
    }
    if (j.contains("autoCreate")) {
        const auto& a = j["autoCreate"];
        if (a.is_boolean())
            r.auto_create = a.get<bool>();
        else if (a.is_string())
            r.auto_create = a.get<std::string>() == "true";
        else if (!a.is_null())
            return fail("BOM upload: 'autoCreate' must be true or false");
    }
    if (j.contains("isLatest")) {
        const auto& l = j["isLatest"];
        r.is_latest =
            (l.is_boolean() && l.get<bool>()) || (l.is_string() && l.get<std::string>() == "true");
    }
    if (j.contains("projectTags") && !j["projectTags"].is_null()) {
        // DT's shape is [{"name": "tag"}]; plain strings are taken too.
        if (!j["projectTags"].is_array()) return fail("BOM upload: 'projectTags' must be an array");
        for (const auto& t : j["projectTags"]) {
            if (t.is_string())
                r.tags.push_back(t.get<std::string>());
            else if (t.is_object() && t.contains("name") && t["name"].is_string())
                r.tags.push_back(t["name"].get<std::string>());
            else
                return fail("BOM upload: 'projectTags' entries must be {\"name\": TAG}");
        }
    }
    if (j.contains("bom")) {
        if (!j["bom"].is_string()) return fail("BOM upload: 'bom' must be the document in base64");
        if (!util::base64_decode(j["bom"].get<std::string>(), r.bom))
            return fail(
                "BOM upload: 'bom' is not base64 (encode the document's bytes, e.g. base64 -w0)");
    }
    if (auto ok = check_target(r); !ok) return fail("BOM upload: " + ok.error().message);
    return r;
}

Result<BomRequest> parse_bom_form(const std::map<std::string, std::string>& form) {
    BomRequest r;
    auto get = [&](const char* key) {
        auto it = form.find(key);
        return it == form.end() ? std::string() : it->second;
    };
    r.project = get("project");
    r.project_name = get("projectName");
    r.project_version = get("projectVersion");
    r.parent_uuid = get("parentUUID");
    r.parent_name = get("parentName");
    r.parent_version = get("parentVersion");
    r.auto_create = get("autoCreate") == "true";
    r.is_latest = get("isLatest") == "true";
    for (auto t : util::split(get("projectTags"), ','))
        if (!util::trim(t).empty()) r.tags.emplace_back(util::trim(t));
    r.bom = get("bom");
    if (auto ok = check_target(r); !ok)
        return fail("BOM upload (multipart): " + ok.error().message);
    return r;
}

} // namespace kaiyuan::server::dt_v1
