#include "kaiyuan/format/common.hpp"

#include "kaiyuan/format/json_out.hpp"

#include "kaiyuan/util/hash.hpp"
#include "kaiyuan/util/strings.hpp"

#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace kaiyuan::format {

std::string document_uuid(const model::Sbom& sbom) {
    std::uint64_t a = util::fnv1a64(sbom.metadata.created);
    a = util::fnv1a64(sbom.metadata.target, a);
    std::uint64_t b = a ^ 0x9e3779b97f4a7c15ull;
    for (const auto& c : sbom.components) {
        a = util::fnv1a64(c.id, a);
        b = util::fnv1a64(c.purl, b);
    }
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                  static_cast<unsigned>((a >> 16) & 0xffff), static_cast<unsigned>(a & 0xfff),
                  static_cast<unsigned>(0x8000 | ((b >> 48) & 0x3fff)),
                  static_cast<unsigned long long>(b & 0xffffffffffffull));
    return buf;
}

std::string spdx_element_id(std::string_view prefix, const model::Component& c) {
    std::string raw = std::string(prefix) + "-" + c.package_type + "-" + c.name + "-" + c.id;
    std::string out = "SPDXRef-";
    for (char ch : raw) {
        bool ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
                  (ch >= '0' && ch <= '9') || ch == '.' || ch == '-';
        out += ok ? ch : '-';
    }
    return out;
}

std::pair<std::string, std::string> split_contact(std::string_view s) {
    s = util::trim(s);
    auto lt = s.rfind('<');
    if (lt != std::string_view::npos && s.ends_with('>'))
        return {std::string(util::trim(s.substr(0, lt))),
                std::string(s.substr(lt + 1, s.size() - lt - 2))};
    return {std::string(s), {}};
}

std::string join_contact(std::string_view name, std::string_view mail) {
    if (mail.empty()) return std::string(name);
    return std::string(name) + " <" + std::string(mail) + ">";
}

std::vector<std::pair<std::string, std::string>> extra_properties(const model::Component& c) {
    std::vector<std::pair<std::string, std::string>> out;
    if (!c.package_type.empty()) out.emplace_back("kaiyuan:package-type", c.package_type);
    if (!c.arch.empty()) out.emplace_back("kaiyuan:arch", c.arch);
    if (!c.source_name.empty()) out.emplace_back("kaiyuan:source-name", c.source_name);
    if (!c.source_version.empty()) out.emplace_back("kaiyuan:source-version", c.source_version);
    for (std::size_t i = 0; i < c.locations.size(); ++i) {
        const auto& l = c.locations[i];
        std::string value = l.path;
        if (l.line) value += ":" + std::to_string(l.line);
        if (!l.layer.empty()) value += "@" + l.layer;
        out.emplace_back("kaiyuan:location", value);
    }
    if (!c.files.empty()) out.emplace_back("kaiyuan:file-count", std::to_string(c.files.size()));
    for (const auto& [k, v] : c.properties)
        out.emplace_back(k, v);
    return out;
}

bool apply_extra_property(model::Component& c, std::string_view name, std::string_view value) {
    if (name == "kaiyuan:package-type")
        c.package_type = value;
    else if (name == "kaiyuan:arch")
        c.arch = value;
    else if (name == "kaiyuan:source-name")
        c.source_name = value;
    else if (name == "kaiyuan:source-version")
        c.source_version = value;
    else if (name == "kaiyuan:license:concluded")
        c.license_concluded = value;
    else if (name == "kaiyuan:license:declared")
        c.license_declared = value;
    else if (name == "kaiyuan:file-count") {
    } else if (name == "kaiyuan:location") {
        model::Location l;
        std::string_view v = value;
        if (auto at = v.find('@'); at != std::string_view::npos) {
            l.layer = v.substr(at + 1);
            v = v.substr(0, at);
        }
        if (auto colon = v.rfind(':'); colon != std::string_view::npos) {
            std::uint64_t line = 0;
            if (util::parse_uint(v.substr(colon + 1), line)) {
                l.line = static_cast<std::uint32_t>(line);
                v = v.substr(0, colon);
            }
        }
        l.path = v;
        c.locations.push_back(std::move(l));
    } else if (name == "kaiyuan:ref") {
        c.ref = value;
    } else if (name == "kaiyuan:copyright") {
        c.copyright = value;
    } else if (name == "kaiyuan:download-location") {
        c.download_location = value;
    } else if (name == "kaiyuan:cpe") {
        c.cpes.emplace_back(value);
    } else if (name == "kaiyuan:external-reference") {
        // "TYPE URL[ COMMENT]": a URL has no spaces.
        auto sp = value.find(' ');
        if (sp == std::string_view::npos) return false;
        auto rest = value.substr(sp + 1);
        auto sp2 = rest.find(' ');
        c.external_references.push_back(
            {std::string(value.substr(0, sp)), std::string(rest.substr(0, sp2)),
             sp2 == std::string_view::npos ? std::string() : std::string(rest.substr(sp2 + 1))});
    } else if (name.starts_with("kaiyuan:property:")) {
        c.other_properties.emplace_back(name.substr(17), value);
    } else if (name == "kaiyuan:cyclonedx:evidence") {
        c.evidence = value;
    } else {
        return false;
    }
    return true;
}

void write_external_reference(JsonOut& j, const model::ExternalReference& r) {
    j.begin_object().field("type", r.type).field("url", r.url).field_if("comment", r.comment);
    j.end_object();
}

void add_carried_properties(const model::Component& c, bool with_fields,
                            std::vector<std::pair<std::string, std::string>>& out) {
    if (!c.ref.empty()) out.emplace_back("kaiyuan:ref", c.ref);
    if (with_fields) {
        for (const auto& cpe : c.cpes)
            out.emplace_back("kaiyuan:cpe", cpe);
        for (const auto& r : c.external_references)
            out.emplace_back("kaiyuan:external-reference",
                             r.type + " " + r.url + (r.comment.empty() ? "" : " " + r.comment));
    }
    for (const auto& [k, v] : c.other_properties)
        out.emplace_back("kaiyuan:property:" + k, v);
    if (!c.evidence.empty()) out.emplace_back("kaiyuan:cyclonedx:evidence", c.evidence);
}

void finish_component(model::Component& c) {
    if (c.package_type.empty() && c.purl.starts_with("pkg:")) {
        auto slash = c.purl.find('/');
        if (slash != std::string::npos)
            c.package_type = util::to_lower(c.purl.substr(4, slash - 4));
    }
    model::assign_id(c);
}

std::vector<std::pair<std::string, std::string>> metadata_properties(const model::SbomMetadata& m) {
    std::vector<std::pair<std::string, std::string>> out;
    auto add = [&](const char* k, const std::string& v) {
        if (!v.empty()) out.emplace_back(k, v);
    };
    add("kaiyuan:target", m.target);
    add("kaiyuan:target-kind", m.target_kind);
    add("kaiyuan:distro:id", m.distro.id);
    add("kaiyuan:distro:version-id", m.distro.version_id);
    add("kaiyuan:distro:name", m.distro.name);
    add("kaiyuan:distro:pretty-name", m.distro.pretty_name);
    add("kaiyuan:distro:id-like", m.distro.id_like);
    add("kaiyuan:distro:version-codename", m.distro.version_codename);
    for (const auto& [k, v] : m.properties)
        out.emplace_back("kaiyuan:" + k, v);
    return out;
}

void apply_metadata_property(model::SbomMetadata& m, std::string_view name,
                             std::string_view value) {
    if (name == "kaiyuan:target")
        m.target = value;
    else if (name == "kaiyuan:target-kind")
        m.target_kind = value;
    else if (name == "kaiyuan:distro:id")
        m.distro.id = value;
    else if (name == "kaiyuan:distro:version-id")
        m.distro.version_id = value;
    else if (name == "kaiyuan:distro:name")
        m.distro.name = value;
    else if (name == "kaiyuan:distro:pretty-name")
        m.distro.pretty_name = value;
    else if (name == "kaiyuan:distro:id-like")
        m.distro.id_like = value;
    else if (name == "kaiyuan:distro:version-codename")
        m.distro.version_codename = value;
    else if (name == "kaiyuan:creator")
        m.creators.emplace_back(value);
    else if (name.starts_with("kaiyuan:"))
        m.properties[std::string(name.substr(8))] = value;
    else
        m.properties[std::string(name)] = value;
}

std::string cyclonedx_hash_name(std::string_view s) {
    if (s == "SHA1") return "SHA-1";
    if (s == "SHA256") return "SHA-256";
    if (s == "SHA384") return "SHA-384";
    if (s == "SHA512") return "SHA-512";
    if (s == "MD5") return "MD5";
    return std::string(s);
}

std::string spdx_hash_name(std::string_view s) {
    std::string out;
    for (char c : s)
        if (c != '-') out += static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    return out;
}

std::string now_rfc3339() {
    std::time_t t = std::time(nullptr);
    if (const char* sde = std::getenv("SOURCE_DATE_EPOCH")) {
        std::uint64_t v = 0;
        if (util::parse_uint(sde, v)) t = static_cast<std::time_t>(v);
    }
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

} // namespace kaiyuan::format
