#include "kaiyuan/catalog/rust/cargo_lock.hpp"

#include "kaiyuan/catalog/common/package_graph.hpp"
#include "kaiyuan/util/strings.hpp"

#include <toml++/toml.h>

#include <set>
#include <unordered_map>

namespace kaiyuan::catalog::rust {

using namespace std::string_view_literals;

CatalogResult parse_cargo_lock(std::string_view text, const model::Location& location) {
    PackageGraph graph(location);
    toml::table doc;
    try {
        doc = toml::parse(text);
    } catch (const toml::parse_error& e) {
        graph.warn("not valid TOML (" + std::string(e.description()) + "); file skipped",
                   static_cast<std::uint32_t>(e.source().begin.line));
        return graph.finish(false);
    }
    const toml::array* list = doc["package"].as_array();
    if (!list) {
        graph.warn("no [[package]] tables: not a Cargo.lock; file skipped");
        return graph.finish(false);
    }
    // Version 1 keeps checksums in [metadata] as "checksum NAME VERSION (SOURCE)" = "hex".
    std::unordered_map<std::string, std::string> v1_checksums;
    if (const toml::table* meta = doc["metadata"].as_table())
        for (const auto& [k, v] : *meta)
            if (k.str().starts_with("checksum "))
                v1_checksums[std::string(k.str().substr(9))] = std::string(v.value_or(""sv));

    struct Pkg {
        std::string key, name, version;
        std::vector<std::string> deps;
        bool local;
    };
    std::vector<Pkg> pkgs;
    std::unordered_map<std::string, std::vector<std::string>> keys_by_name;
    for (const auto& node : *list) {
        const toml::table* t = node.as_table();
        if (!t) continue;
        Pkg p;
        p.name = util::sanitize_text((*t)["name"].value_or(""sv));
        p.version = util::sanitize_text((*t)["version"].value_or(""sv));
        std::string source = util::sanitize_text((*t)["source"].value_or(""sv));
        p.local = source.empty();
        p.key = p.name + " " + p.version;
        model::Component c = make_package("cargo", "", p.name, p.version, location,
                                          static_cast<std::uint32_t>(t->source().begin.line));
        std::string checksum = util::sanitize_text((*t)["checksum"].value_or(""sv));
        if (checksum.empty())
            if (auto it = v1_checksums.find(p.key + " (" + source + ")"); it != v1_checksums.end())
                checksum = it->second;
        if (!checksum.empty()) c.hashes.push_back({"SHA256", checksum});
        if (!source.empty() && !source.starts_with("registry+"))
            c.properties["kaiyuan:cargo:source"] = source;
        if (p.name.empty() || p.version.empty()) {
            graph.warn("package without name or version; skipped",
                       static_cast<std::uint32_t>(t->source().begin.line));
            continue;
        }
        if (const toml::array* deps = (*t)["dependencies"].as_array())
            for (const auto& d : *deps)
                p.deps.emplace_back(util::sanitize_text(d.value_or(""sv)));
        keys_by_name[p.name].push_back(p.key);
        graph.add(p.key, std::move(c));
        pkgs.push_back(std::move(p));
    }
    // "name" (one version locked), "name version" or "name version (source)".
    auto target = [&](std::string_view dep) {
        auto parts = util::split(dep, ' ');
        std::string name(parts[0]);
        if (parts.size() >= 2) return name + " " + std::string(parts[1]);
        auto it = keys_by_name.find(name);
        return it != keys_by_name.end() && it->second.size() == 1 ? it->second[0]
                                                                  : "unlocked:" + name;
    };
    std::set<std::string> depended;
    for (const auto& p : pkgs)
        for (const auto& d : p.deps) {
            std::string to = target(d);
            depended.insert(to);
            graph.edge(p.key, to);
        }
    for (const auto& p : pkgs) {
        if (!p.local) continue;
        model::Component* c = graph.find(p.key);
        c->properties["kaiyuan:cargo:workspace-member"] = "true";
        if (!graph.has_root() && !depended.contains(p.key)) graph.set_root(p.key);
    }
    return graph.finish(false);
}

} // namespace kaiyuan::catalog::rust
