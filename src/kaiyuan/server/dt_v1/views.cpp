#include "kaiyuan/server/dt_v1/views.hpp"

#include "kaiyuan/util/hash.hpp"

#include <nlohmann/json.hpp>

#include <ctime>

namespace kaiyuan::server::dt_v1 {

using nlohmann::json;

long long epoch_ms(const std::string& t) {
    std::tm tm{};
    int ms = 0;
    if (t.size() < 19 || !strptime(t.c_str(), "%Y-%m-%dT%H:%M:%S", &tm)) return 0;
    if (t.size() >= 23 && t[19] == '.') ms = std::atoi(t.substr(20, 3).c_str());
    return static_cast<long long>(timegm(&tm)) * 1000 + ms;
}

json project_json(const store::Project& p) {
    json tags = json::array();
    for (const auto& t : p.tags)
        tags.push_back({{"name", t}});
    json j{{"uuid", p.uuid},       {"name", p.name},
           {"version", p.version}, {"classifier", p.classifier},
           {"active", p.active},   {"isLatest", p.is_latest},
           {"tags", tags},         {"description", p.description}};
    if (!p.parent_uuid.empty()) j["parent"] = {{"uuid", p.parent_uuid}};
    if (!p.last_sbom_at.empty()) j["lastBomImport"] = epoch_ms(p.last_sbom_at);
    return j;
}

json component_json(const store::StoredComponent& c, const store::Project& p) {
    // DT gives every component a UUID; here it is derived from where the component is stored,
    // so the same row has the same UUID on every call.
    std::string h = util::digest_hex(util::DigestAlgorithm::sha256,
                                     c.sbom_uuid + "#" + std::to_string(c.index));
    std::string uuid = h.substr(0, 8) + "-" + h.substr(8, 4) + "-4" + h.substr(13, 3) + "-a" +
                       h.substr(17, 3) + "-" + h.substr(20, 12);
    json j{{"uuid", uuid},
           {"name", c.name},
           {"version", c.version},
           {"classifier", c.type == "operating-system" ? "OPERATING_SYSTEM"
                          : c.type == "application"    ? "APPLICATION"
                          : c.type == "container"      ? "CONTAINER"
                          : c.type == "framework"      ? "FRAMEWORK"
                          : c.type == "file"           ? "FILE"
                                                       : "LIBRARY"},
           {"project", {{"uuid", p.uuid}, {"name", p.name}, {"version", p.version}}}};
    if (!c.purl_namespace.empty()) j["group"] = c.purl_namespace;
    if (!c.purl.empty()) j["purl"] = c.purl;
    if (!c.cpe.empty()) j["cpe"] = c.cpe;
    std::string license = c.license_concluded.empty() ? c.license_declared : c.license_concluded;
    if (!license.empty()) j["licenseExpression"] = license;
    if (!c.supplier.empty()) j["supplier"] = {{"name", c.supplier}};
    for (const auto& hash : c.hashes) {
        std::string a;
        for (char ch : hash.algorithm)
            if (ch != '-') a += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (a == "md5" || a == "sha1" || a == "sha256" || a == "sha384" || a == "sha512" ||
            a == "sha3256" || a == "sha3512" || a == "blake2b256")
            j[a == "sha3256" ? "sha3_256" : a == "sha3512" ? "sha3_512" : a] = hash.value;
    }
    return j;
}

} // namespace kaiyuan::server::dt_v1
