#include "kaiyuan/catalog/npm/package_lock.hpp"

#include "kaiyuan/model/license_names.hpp"
#include "kaiyuan/model/purl.hpp"
#include "kaiyuan/util/strings.hpp"

#include "kaiyuan/util/json_read.hpp"
#include "kaiyuan/util/line_finder.hpp"

#include <map>
#include <unordered_map>

namespace kaiyuan::catalog::npm {

namespace {

using simdjson::dom::element;

// Lockfile text goes into SBOMs: invalid UTF-8 and control characters are replaced.
std::string str(element e, const char* key) {
    return util::sanitize_text(util::json_string(e, key));
}

bool flag(element e, const char* key) {
    bool b = false;
    return !e[key].get(b) && b;
}

struct Node {
    std::string path; ///< "node_modules/a/node_modules/@s/b", "" for the project
    std::string name;
    std::string version;
    std::string license;
    std::string integrity;
    std::string resolved;
    bool dev = false, optional = false, dev_optional = false, link = false;
    std::vector<std::pair<std::string, model::RelationshipType>> requires_;
    std::uint32_t line = 0;
};

// The package name a node_modules path ends in ("node_modules/@s/b" -> "@s/b").
std::string name_from_path(std::string_view path) {
    auto pos = path.rfind("node_modules/");
    if (pos == std::string_view::npos) return std::string(path);
    return std::string(path.substr(pos + 13));
}

// The path Node would load `dep` from when `from` requires it: from's own node_modules, then
// each ancestor's, then the top level.
const Node* resolve(const std::unordered_map<std::string, const Node*>& by_path, std::string from,
                    const std::string& dep) {
    for (;;) {
        std::string candidate = (from.empty() ? "" : from + "/") + "node_modules/" + dep;
        if (auto it = by_path.find(candidate); it != by_path.end()) return it->second;
        if (from.empty()) return nullptr;
        auto pos = from.rfind("/node_modules/");
        from = pos == std::string::npos ? std::string() : from.substr(0, pos);
    }
}

using util::LineFinder;

void read_requires(element pkg, Node& n);

// The fields every lockfile version writes the same way.
void read_common(element e, Node& n) {
    n.version = str(e, "version");
    n.integrity = str(e, "integrity");
    n.resolved = str(e, "resolved");
    n.dev = flag(e, "dev");
    n.optional = flag(e, "optional");
    read_requires(e, n);
}

void read_requires(element pkg, Node& n) {
    const std::pair<const char*, model::RelationshipType> kinds[] = {
        {"dependencies", model::RelationshipType::depends_on},
        {"optionalDependencies", model::RelationshipType::optional_depends_on},
        {"peerDependencies", model::RelationshipType::depends_on},
        {"devDependencies", model::RelationshipType::dev_depends_on},
        {"requires", model::RelationshipType::depends_on}, // lockfile v1
    };
    for (auto [key, type] : kinds) {
        simdjson::dom::object deps;
        if (pkg[key].get(deps)) continue;
        for (auto [dep, range] : deps)
            n.requires_.emplace_back(std::string(dep), type);
    }
}

// lockfile v1: "dependencies" nest; a package's path is its parent's path + node_modules/name.
void read_v1(simdjson::dom::object deps, const std::string& parent, std::vector<Node>& nodes,
             LineFinder& lines) {
    for (auto [name, value] : deps) {
        element e = value;
        Node n;
        n.name = std::string(name);
        n.path = (parent.empty() ? "" : parent + "/") + "node_modules/" + n.name;
        n.line = lines.find_key(name);
        read_common(e, n);
        std::string path = n.path;
        nodes.push_back(std::move(n));
        simdjson::dom::object nested;
        if (!e["dependencies"].get(nested)) read_v1(nested, path, nodes, lines);
    }
}

std::string base64_to_hex(std::string_view b64) {
    static constexpr std::string_view k_alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string bytes;
    std::uint32_t acc = 0;
    int bits = 0;
    for (char c : b64) {
        if (c == '=') break;
        auto v = k_alphabet.find(c);
        if (v == std::string_view::npos) return {};
        acc = acc << 6 | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            bytes += static_cast<char>((acc >> bits) & 0xFF);
        }
    }
    return util::to_hex(bytes);
}

} // namespace

model::Checksum checksum_from_integrity(std::string_view integrity) {
    // SRI may list several hashes separated by spaces; the first one is enough.
    integrity = integrity.substr(0, integrity.find(' '));
    auto dash = integrity.find('-');
    if (dash == std::string_view::npos) return {};
    std::string algorithm = util::to_lower(integrity.substr(0, dash));
    std::string hex = base64_to_hex(integrity.substr(dash + 1));
    if (hex.empty()) return {};
    if (algorithm == "sha512") return {"SHA512", hex};
    if (algorithm == "sha384") return {"SHA384", hex};
    if (algorithm == "sha256") return {"SHA256", hex};
    if (algorithm == "sha1") return {"SHA1", hex};
    return {};
}

CatalogResult parse_package_lock(std::string_view text, const model::Location& location) {
    CatalogResult out;
    auto diag = [&](std::string msg, std::uint32_t line = 0) {
        out.diagnostics.push_back(
            {model::Severity::warning, {location.path, location.layer, line}, std::move(msg)});
    };
    simdjson::dom::parser parser;
    element doc;
    if (auto err = parser.parse(text.data(), text.size()).get(doc)) {
        diag(std::string("not valid JSON (") + simdjson::error_message(err) + "); file skipped");
        return out;
    }
    std::int64_t version = 0;
    if (doc["lockfileVersion"].get(version)) {
        diag("no lockfileVersion: not a package-lock.json; file skipped");
        return out;
    }
    LineFinder lines(text);
    std::vector<Node> nodes;
    Node root;
    root.name = str(doc, "name");
    root.version = str(doc, "version");
    simdjson::dom::object packages;
    if (version >= 2 && !doc["packages"].get(packages)) {
        for (auto [key, value] : packages) {
            element e = value;
            Node n;
            n.path = std::string(key);
            n.line = lines.find_key(key);
            n.name = str(e, "name");
            if (n.name.empty()) n.name = n.path.empty() ? root.name : name_from_path(n.path);
            read_common(e, n);
            n.license = str(e, "license");
            n.dev_optional = flag(e, "devOptional");
            n.link = flag(e, "link");
            if (n.path.empty()) {
                if (!n.name.empty()) root.name = n.name;
                if (!n.version.empty()) root.version = n.version;
                root.license = n.license;
                root.requires_ = std::move(n.requires_);
                root.line = n.line;
                continue;
            }
            if (!n.path.starts_with("node_modules/") &&
                n.path.find("/node_modules/") == std::string::npos) {
                continue; // a workspace folder: its packages appear under node_modules as links
            }
            nodes.push_back(std::move(n));
        }
    } else {
        simdjson::dom::object deps;
        if (!doc["dependencies"].get(deps))
            read_v1(deps, "", nodes, lines);
        else if (version >= 2)
            diag("lockfile has neither packages nor dependencies");
    }

    // Components: the project, then every installed package (links to workspace folders are
    // the folder's own package, named by the link).
    std::unordered_map<std::string, const Node*> by_path;
    for (const auto& n : nodes)
        by_path.emplace(n.path, &n);
    std::unordered_map<const Node*, std::string> ids;
    auto component = [&](const Node& n, bool is_root) {
        model::Component c;
        c.type = is_root ? model::ComponentType::application : model::ComponentType::library;
        c.package_type = "npm";
        c.name = n.name;
        c.version = n.version;
        auto slash = n.name.find('/');
        model::Purl purl;
        purl.type = "npm";
        if (n.name.starts_with('@') && slash != std::string::npos) {
            purl.namespace_ = n.name.substr(0, slash);
            purl.name = n.name.substr(slash + 1);
        } else {
            purl.name = n.name;
        }
        purl.version = n.version;
        c.purl = n.name.empty() ? std::string() : purl.to_string();
        c.license_declared = model::to_spdx_expression(n.license, model::LicenseDialect::spdx);
        if (!n.license.empty()) c.properties["kaiyuan:license:raw"] = n.license;
        if (auto sum = checksum_from_integrity(n.integrity); !sum.value.empty())
            c.hashes.push_back(sum);
        if (!n.resolved.empty()) c.properties["kaiyuan:npm:resolved"] = n.resolved;
        if (n.dev)
            c.properties["kaiyuan:scope"] = "dev";
        else if (n.optional || n.dev_optional)
            c.properties["kaiyuan:scope"] = n.dev_optional ? "dev-optional" : "optional";
        if (n.link) c.properties["kaiyuan:npm:link"] = "true";
        if (!is_root) c.properties["kaiyuan:npm:path"] = n.path;
        c.locations.push_back({location.path, location.layer, n.line});
        model::assign_id(c);
        ids[&n] = c.id;
        out.components.push_back(std::move(c));
    };
    if (!root.name.empty()) component(root, true);
    for (const auto& n : nodes) {
        if (n.version.empty() && !n.link) {
            diag("package '" + n.path + "' has no version; listed without one", n.line);
        }
        component(n, false);
    }
    auto edges = [&](const Node& from, const std::string& from_path) {
        auto from_id = ids.find(&from);
        if (from_id == ids.end()) return;
        for (const auto& [dep, type] : from.requires_) {
            const Node* to = resolve(by_path, from_path, dep);
            if (!to) continue; // an optional or peer dependency that was not installed
            out.relationships.push_back({from_id->second, ids[to], type});
        }
    };
    if (!root.name.empty()) edges(root, "");
    for (const auto& n : nodes)
        edges(n, n.path);
    return out;
}

} // namespace kaiyuan::catalog::npm
