#include "kaiyuan/catalog/npm/pnpm_lock.hpp"

#include "kaiyuan/catalog/common/package_graph.hpp"
#include "kaiyuan/catalog/npm/package_lock.hpp"
#include "kaiyuan/util/strings.hpp"
#include "kaiyuan/util/yaml.hpp"

namespace kaiyuan::catalog::npm {

namespace {

using util::YamlNode;
using RT = model::RelationshipType;

enum class KeyStyle { v5, v6, v9 };

struct NameVersion {
    std::string name, version;
};

// "/@s/a@1.0.0(peer@2)" (v6), "@s/a@1.0.0(peer@2)" (v9), "/@s/a/1.0.0_peer@2" (v5).
NameVersion split_key(std::string_view key, KeyStyle style) {
    if (key.starts_with('/')) key.remove_prefix(1);
    if (style == KeyStyle::v5) {
        auto slash = key.rfind('/');
        if (slash == std::string_view::npos) return {std::string(key), {}};
        std::string_view version = key.substr(slash + 1);
        return {std::string(key.substr(0, slash)),
                std::string(version.substr(0, version.find('_')))};
    }
    key = key.substr(0, key.find('('));
    auto at = key.find('@', 1);
    if (at == std::string_view::npos) return {std::string(key), {}};
    return {std::string(key.substr(0, at)), std::string(key.substr(at + 1))};
}

// "packages/a" + "../b" -> "packages/b".
std::string join_path(std::string_view base, std::string_view rel) {
    std::vector<std::string_view> parts;
    for (auto seg : util::split(base, '/'))
        if (!seg.empty() && seg != ".") parts.push_back(seg);
    for (auto seg : util::split(rel, '/')) {
        if (seg.empty() || seg == ".") continue;
        if (seg == "..") {
            if (!parts.empty()) parts.pop_back();
            continue;
        }
        parts.push_back(seg);
    }
    std::string out;
    for (auto seg : parts)
        out += (out.empty() ? "" : "/") + std::string(seg);
    return out.empty() ? "." : out;
}

std::string importer_key(std::string_view path) {
    return "importer:" + std::string(path);
}

class PnpmReader {
public:
    PnpmReader(PackageGraph& graph, KeyStyle style) : m_graph(graph), m_style(style) {}

    // The graph key a dependency reference leads to, from an importer at `importer` (or "").
    std::string target(std::string_view dep, std::string_view ref, std::string_view importer) {
        if (ref.starts_with("link:")) return importer_key(join_path(importer, ref.substr(5)));
        if (ref.starts_with('/')) return std::string(ref);
        auto paren = ref.find('(');
        auto at = ref.substr(0, paren).find('@', 1);
        bool alias = at != std::string_view::npos; // "string-width@4.2.3" for an npm: alias
        switch (m_style) {
        case KeyStyle::v9:
            return alias ? std::string(ref) : std::string(dep) + "@" + std::string(ref);
        case KeyStyle::v6:
            return alias ? "/" + std::string(ref) : "/" + std::string(dep) + "@" + std::string(ref);
        case KeyStyle::v5:
            return "/" + std::string(dep) + "/" + std::string(ref);
        }
        return {};
    }

    void edges(const std::string& from, const YamlNode& entry, std::string_view importer) {
        const std::pair<const char*, RT> kinds[] = {
            {"dependencies", RT::depends_on},
            {"optionalDependencies", RT::optional_depends_on},
            {"devDependencies", RT::dev_depends_on}};
        for (auto [list, type] : kinds) {
            const YamlNode* deps = entry.get(list);
            if (!deps || !deps->is_mapping()) continue;
            for (const auto& [dep, spec] : deps->entries) {
                // Importers write {specifier, version} (v6+) or the version alone.
                std::string_view ref = spec.is_mapping() ? spec.str("version") : spec.value;
                if (ref.empty()) continue;
                m_graph.edge(from, target(dep, ref, importer), type);
            }
        }
    }

    model::Component package(const std::string& key, const YamlNode& entry) {
        NameVersion nv = split_key(key, m_style);
        if (auto n = entry.str("name"); !n.empty()) nv.name = std::string(n);
        if (auto v = entry.str("version"); !v.empty()) nv.version = std::string(v);
        model::Component c = npm_component(nv.name, nv.version, m_graph.file(), entry.line);
        if (const YamlNode* res = entry.get("resolution")) {
            if (auto sum = checksum_from_integrity(res->str("integrity")); !sum.value.empty())
                c.hashes.push_back(sum);
            if (auto tarball = res->str("tarball"); !tarball.empty())
                c.properties["kaiyuan:npm:resolved"] = std::string(tarball);
            if (auto repo = res->str("repo"); !repo.empty())
                c.properties["kaiyuan:npm:resolved"] =
                    std::string(repo) + "#" + std::string(res->str("commit"));
        }
        if (nv.version.empty())
            m_graph.warn("package '" + key + "' has no version; listed without one", entry.line);
        return c;
    }

private:
    PackageGraph& m_graph;
    KeyStyle m_style;
};

} // namespace

CatalogResult parse_pnpm_lock(std::string_view text, const model::Location& location,
                              const ImporterManifests& manifests) {
    PackageGraph graph(location);
    auto doc = util::parse_yaml(text);
    if (!doc) {
        graph.warn("not valid YAML (" + doc.error().message + "); file skipped");
        return graph.finish(false);
    }
    std::string_view version = doc->str("lockfileVersion");
    std::uint64_t major = 0;
    if (version.empty() || !util::parse_uint(version.substr(0, version.find('.')), major)) {
        graph.warn("no lockfileVersion: not a pnpm-lock.yaml; file skipped");
        return graph.finish(false);
    }
    if (major < 5) {
        graph.warn("lockfileVersion " + std::string(version) +
                   " predates pnpm 7 (5.x) and is not read; file skipped");
        return graph.finish(false);
    }
    if (major > 9)
        graph.warn("lockfileVersion " + std::string(version) +
                   " is newer than 9; read as version 9");
    KeyStyle style = major <= 5 ? KeyStyle::v5 : major < 9 ? KeyStyle::v6 : KeyStyle::v9;
    PnpmReader reader(graph, style);

    // Packages: v9 keeps metadata in "packages" and the graph in "snapshots" (whose keys add
    // peer suffixes); earlier versions keep both in "packages".
    const YamlNode* packages = doc->get("packages");
    const YamlNode* snapshots = doc->get("snapshots");
    if (packages && packages->is_mapping()) {
        for (const auto& [key, entry] : packages->entries) {
            graph.add(key, reader.package(key, entry));
            if (!snapshots) reader.edges(key, entry, "");
        }
    }
    if (snapshots && snapshots->is_mapping()) {
        for (const auto& [key, entry] : snapshots->entries) {
            std::string base = key.substr(0, key.find('('));
            const model::Component* meta = graph.find(base);
            if (!meta)
                graph.add(key, reader.package(key, entry));
            else if (key != base)
                graph.add(key, *meta); // a peer-dependency variant

            reader.edges(key, entry, "");
        }
    }

    // Importers: the project (".") and its workspace packages; v5/v6 single projects keep the
    // project's dependencies at the top level.
    auto add_importer = [&](const std::string& path, const YamlNode& entry) {
        auto m = manifests.find(path);
        std::string name =
            m != manifests.end() && !m->second.name.empty()
                ? m->second.name
                : project_name_from_path(path == "." ? location.path : path + "/package.json");
        model::Component c = npm_component(name, m != manifests.end() ? m->second.version : "",
                                           location, entry.line);
        if (m != manifests.end()) apply_manifest(c, m->second);
        c.properties["kaiyuan:npm:importer"] = path;
        if (path == ".") {
            graph.add_root(importer_key(path), std::move(c));
        } else {
            graph.add(importer_key(path), std::move(c));
        }
        reader.edges(importer_key(path), entry, path == "." ? "" : path);
    };
    if (const YamlNode* importers = doc->get("importers"); importers && importers->is_mapping()) {
        if (!importers->get(".")) add_importer(".", YamlNode{});
        for (const auto& [path, entry] : importers->entries)
            add_importer(path, entry);
        for (const auto& [path, entry] : importers->entries)
            if (path != ".") graph.edge(importer_key("."), importer_key(path), RT::contains);
    } else {
        add_importer(".", *doc);
    }
    return graph.finish(true);
}

} // namespace kaiyuan::catalog::npm
