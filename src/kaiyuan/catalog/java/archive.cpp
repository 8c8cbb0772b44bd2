#include "kaiyuan/catalog/java/maven.hpp"

#include "kaiyuan/catalog/common/package_graph.hpp"
#include "kaiyuan/model/license_expression.hpp"
#include "kaiyuan/model/license_names.hpp"
#include "kaiyuan/source/archive_reader.hpp"
#include "kaiyuan/util/hash.hpp"
#include "kaiyuan/util/strings.hpp"

#include <map>

namespace kaiyuan::catalog::java {

namespace {

constexpr int k_max_nesting = 3;

// "key=value" lines (pom.properties) or "Key: value" headers with continuation lines
// (MANIFEST.MF main section).
std::map<std::string, std::string> key_values(std::string_view text, char sep) {
    std::map<std::string, std::string> out;
    std::string* last = nullptr;
    for (std::string_view line : util::split(text, '\n')) {
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (sep == ':' && line.empty()) break; // end of the main section
        if (sep == ':' && line.starts_with(' ') && last) {
            *last += std::string(line.substr(1));
            continue;
        }
        if (line.starts_with('#')) continue;
        auto at = line.find(sep);
        if (at == std::string_view::npos) continue;
        last = &(out[std::string(util::trim(line.substr(0, at)))] =
                     util::sanitize_text(util::trim(line.substr(at + 1))));
    }
    return out;
}

// The license a well-known license URL names ("https://opensource.org/licenses/MIT",
// "http://www.apache.org/licenses/LICENSE-2.0.txt"); "" for any other text.
std::string license_from_url(std::string_view text) {
    text = util::trim(text);
    if (!text.starts_with("http://") && !text.starts_with("https://")) return {};
    if (text.find("apache.org/licenses/LICENSE-2.0") != std::string_view::npos) return "Apache-2.0";
    if (text.find("eclipse.org/legal/epl-2.0") != std::string_view::npos ||
        text.find("eclipse.org/legal/epl-v20") != std::string_view::npos)
        return "EPL-2.0";
    if (text.find("eclipse.org/legal/epl-v10") != std::string_view::npos) return "EPL-1.0";
    for (std::string_view prefix : {"opensource.org/licenses/", "spdx.org/licenses/"}) {
        auto at = text.find(prefix);
        if (at == std::string_view::npos) continue;
        std::string_view id = text.substr(at + prefix.size());
        id = id.substr(0, id.find_first_of("/?#,"));
        if (id.ends_with(".html") || id.ends_with(".php")) id = id.substr(0, id.rfind('.'));
        if (auto e = model::LicenseExpression::parse(id, true)) return e->to_string();
    }
    return {};
}

bool is_archive_name(std::string_view path) {
    return path.ends_with(".jar") || path.ends_with(".war") || path.ends_with(".ear") ||
           path.ends_with(".hpi") || path.ends_with(".jpi");
}

void read_archive(std::string_view bytes, const model::Location& location, int depth,
                  CatalogResult& out) {
    auto reader = source::ArchiveReader::open({"", bytes, {}}, location.path);
    if (!reader) {
        out.diagnostics.push_back({model::Severity::warning, location,
                                   "not a readable Java archive (" + reader.error().message + ")"});
        return;
    }
    std::vector<std::map<std::string, std::string>> poms;
    std::map<std::string, std::string> pom_xml; // by directory: the pom.xml Maven packs beside
    std::map<std::string, std::string> manifest;
    std::vector<std::pair<std::string, std::string>> nested;
    std::vector<model::Diagnostic> diagnostics;
    auto done = reader->for_each(
        [&](const source::Entry& e) {
            return e.type == source::EntryType::file &&
                   ((e.path.starts_with("META-INF/maven/") &&
                     (e.path.ends_with("/pom.properties") || e.path.ends_with("/pom.xml"))) ||
                    e.path == "META-INF/MANIFEST.MF" || is_archive_name(e.path));
        },
        [&](const source::Entry& e, std::string&& data) {
            if (e.path == "META-INF/MANIFEST.MF")
                manifest = key_values(data, ':');
            else if (e.path.ends_with("/pom.properties")) {
                poms.push_back(key_values(data, '='));
                poms.back()["kaiyuan:dir"] = e.path.substr(0, e.path.size() - 14);
            } else if (e.path.ends_with("/pom.xml"))
                pom_xml[e.path.substr(0, e.path.size() - 7)] = std::move(data);
            else
                nested.emplace_back(e.path, std::move(data));
        },
        diagnostics);
    for (auto& d : diagnostics)
        out.diagnostics.push_back(std::move(d));
    if (!done) {
        out.diagnostics.push_back({model::Severity::warning, location,
                                   "not a readable Java archive (" + done.error().message + ")"});
        return;
    }
    std::string sha1 = util::digest_hex(util::DigestAlgorithm::sha1, bytes);
    std::string file_name = location.path.substr(location.path.rfind('/') + 1);
    if (!poms.empty()) {
        // A shaded jar carries several pom.properties: each is a package inside it.
        for (const auto& p : poms) {
            auto get = [&](const char* k) {
                auto it = p.find(k);
                return it == p.end() ? std::string() : it->second;
            };
            model::Component c =
                maven_component(get("groupId"), get("artifactId"), get("version"), location, 0);
            // The declared licenses are in the pom.xml packed beside pom.properties.
            if (auto x = pom_xml.find(get("kaiyuan:dir")); x != pom_xml.end()) {
                auto pom = parse_pom(x->second, location);
                if (!pom.components.empty()) {
                    const auto& root = pom.components[0];
                    c.license_declared = root.license_declared;
                    if (auto raw = root.properties.find("kaiyuan:license:raw");
                        raw != root.properties.end())
                        c.properties["kaiyuan:license:raw"] = raw->second;
                    c.description = root.description;
                    c.homepage = root.homepage;
                }
            }
            if (poms.size() == 1) c.hashes.push_back({"SHA1", sha1});
            out.components.push_back(std::move(c));
        }
    } else if (!manifest.empty()) {
        // No Maven metadata: the manifest's name and version, or the file name's.
        auto get = [&](const char* k) {
            auto it = manifest.find(k);
            return it == manifest.end() ? std::string() : it->second;
        };
        // The artifact name: the file's ("cats-core_3-2.13.0.jar": the version starts after
        // the last '-' that a digit follows), else the OSGi symbolic name, else the title.
        std::string stem = file_name.substr(0, file_name.rfind('.'));
        auto dash = stem.find_last_of('-');
        while (dash != std::string::npos && dash + 1 < stem.size() &&
               !std::isdigit(static_cast<unsigned char>(stem[dash + 1])))
            dash = dash == 0 ? std::string::npos : stem.find_last_of('-', dash - 1);
        std::string name = dash == std::string::npos ? std::string() : stem.substr(0, dash);
        std::string symbolic = get("Bundle-SymbolicName");
        symbolic = symbolic.substr(0, symbolic.find(';'));
        if (name.empty()) name = symbolic;
        if (name.empty()) name = get("Implementation-Title");
        if (name.empty()) name = stem;
        std::string version = get("Implementation-Version");
        if (version.empty()) version = get("Bundle-Version");
        if (version.empty() && dash != std::string::npos) version = stem.substr(dash + 1);
        // Implementation-Vendor-Id is the Maven groupId by the manifest specification's intent.
        std::string group = get("Implementation-Vendor-Id");
        model::Component c = maven_component(group, name, version, location, 0);
        c.hashes.push_back({"SHA1", sha1});
        c.description = get("Implementation-Title");
        if (auto license = get("Bundle-License"); !license.empty()) {
            // OSGi: an SPDX expression, a license name or a license URL.
            c.license_declared = license_from_url(license);
            if (c.license_declared.empty())
                c.license_declared =
                    model::to_spdx_expression(license, model::LicenseDialect::spdx);
            c.properties["kaiyuan:license:raw"] = license;
        }
        // "com.github.scopt.scopt_3" under group "com.github.scopt": the artifact is "scopt_3".
        if (!group.empty() && name.starts_with(group + ".")) {
            c = maven_component(group, name.substr(group.size() + 1), version, location, 0);
            c.hashes.push_back({"SHA1", sha1});
        }
        c.properties["kaiyuan:java:identified-by"] = "manifest";
        out.components.push_back(std::move(c));
    } else {
        out.diagnostics.push_back(
            {model::Severity::info, location,
             "Java archive without pom.properties or MANIFEST.MF; not identified"});
    }
    for (auto& [path, data] : nested) {
        model::Location inner{location.path + "!/" + path, location.layer, 0};
        if (depth + 1 > k_max_nesting) {
            out.diagnostics.push_back(
                {model::Severity::warning, inner, "archive nested deeper than 3 levels; not read"});
            continue;
        }
        read_archive(data, inner, depth + 1, out);
    }
}

} // namespace

CatalogResult parse_java_archive(std::string_view bytes, const model::Location& location) {
    CatalogResult out;
    read_archive(bytes, location, 0, out);
    for (auto& c : out.components)
        model::assign_id(c);
    return out;
}

} // namespace kaiyuan::catalog::java
